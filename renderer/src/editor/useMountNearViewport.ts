/**
 * Lazy mounting of editors, shared by the document view (one section per agenda item) and the
 * forms view (one body at a time): a Lexical editor costs tens of milliseconds to create, so a
 * meeting of 1,000 items must not create thousands of them when it opens.
 */
import { useCallback, useEffect, useState, type RefObject } from 'react';

/** Dispatched on a lazy element to mount its content now (e.g. an outline jump). */
export const mountNowEvent = 'referat-mount';

/** How far outside the viewport content is mounted ahead of scrolling. */
const nearMargin = '1200px 0px';

/**
 * One observer for all lazy elements: a meeting of 1,000 items has thousands of bodies, and one
 * observer per body costs more than the previews themselves.
 */
const waiting = new Map<Element, () => void>();
let sharedObserver: IntersectionObserver | null = null;

function observe(element: Element, onNear: () => void): () => void {
  sharedObserver ??= new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        const callback = waiting.get(entry.target);
        sharedObserver?.unobserve(entry.target);
        waiting.delete(entry.target);
        callback?.();
      }
    },
    { rootMargin: nearMargin },
  );
  waiting.set(element, onNear);
  sharedObserver.observe(element);
  return () => {
    waiting.delete(element);
    sharedObserver?.unobserve(element);
  };
}

/**
 * True once the element came near the viewport (or received `mountNowEvent`, or `mount()` was
 * called); stays true, so an editor once created keeps its undo history and caret.
 */
export function useMountNearViewport(
  ref: RefObject<HTMLElement | null>,
  isInitiallyMounted = false,
): [isMounted: boolean, mount: () => void] {
  const [isMounted, setMounted] = useState(isInitiallyMounted);
  const mount = useCallback(() => setMounted(true), []);
  useEffect(() => {
    const element = ref.current;
    if (!element || isMounted) return;
    element.addEventListener(mountNowEvent, mount);
    if (typeof IntersectionObserver === 'undefined') {
      mount();
      return () => element.removeEventListener(mountNowEvent, mount);
    }
    const stopObserving = observe(element, mount);
    return () => {
      stopObserving();
      element.removeEventListener(mountNowEvent, mount);
    };
  }, [ref, isMounted, mount]);
  return [isMounted, mount];
}
