import { useLayoutEffect, useRef, type RefObject } from 'react';

/**
 * A ref that holds the latest `value`, set after each render before any effect runs: objects
 * and callbacks made once read the current handlers through it, so they need not be made again
 * (and whatever holds them need not render again) when the handlers change.
 */
export function useLatest<T>(value: T): RefObject<T> {
  const ref = useRef(value);
  useLayoutEffect(() => {
    ref.current = value;
  });
  return ref;
}
