import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { useMountNearViewport } from '../editor/useMountNearViewport';

/** Lists up to this long render every record at once (nearly every meeting). */
const eagerListLength = 60;
/** Longer lists render their first records at once, so the top shows no placeholders. */
const eagerHead = 4;

/**
 * Whether a list's record renders its form at once, or first when it comes near the viewport.
 * `rowWeight`: what one row costs compared with an agenda item's form (an appendix row of a
 * 1,000-item meeting holds a select with 1,001 options, as much as many forms).
 */
export function isRecordMountedAtOnce(index: number, count: number, rowWeight = 1): boolean {
  const weight = Math.max(1, rowWeight);
  return count * weight <= eagerListLength || index * weight < eagerHead;
}

/** The weight of a row holding a select of `optionCount` options (see isRecordMountedAtOnce). */
export function selectRowWeight(optionCount: number): number {
  return optionCount / (eagerListLength + 1);
}

/** The placeholders take the height of the first rendered record of their list. */
const heightProperty = '--lazy-record-height';

/** Fields a user reaching a placeholder by keyboard lands in, first match first. */
const focusTargets = [
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'button:not([disabled])',
];

type Props = {
  className: string;
  isInitiallyMounted: boolean;
  /** The light stand-in (e.g. the item's number and title), given the button that opens it. */
  placeholder(showButton: ReactNode): ReactNode;
  /** The stand-in's button text, the same for every record ("Vis felterne"). */
  showLabel: string;
  /** Id of the element naming the record (e.g. its heading): the button's name ends with it. */
  nameId: string;
  children: ReactNode;
};

/**
 * One record (`<li>`) of a long list of forms: its form is rendered when it comes near the
 * viewport. A 1,000-item agenda would otherwise build 1,000 forms before the page can respond.
 * Focusing or pressing the stand-in's button renders the form and moves the focus into it.
 */
export function LazyRecord({
  className,
  isInitiallyMounted,
  placeholder,
  showLabel,
  nameId,
  children,
}: Props) {
  const buttonId = useId();
  const ref = useRef<HTMLLIElement>(null);
  const [isMounted, mount] = useMountNearViewport(ref, isInitiallyMounted);
  const isFocusWanted = useRef(false);

  useLayoutEffect(() => {
    const element = ref.current;
    if (!isMounted || !element) return;
    if (isFocusWanted.current) {
      isFocusWanted.current = false;
      // The focused button is gone: the user continues in the record's first field.
      for (const selector of focusTargets) {
        const target = element.querySelector<HTMLElement>(selector);
        if (target) {
          target.focus();
          break;
        }
      }
    }
    const list = element.parentElement;
    if (!list || list.style.getPropertyValue(heightProperty) !== '') return;
    // Measured after the next paint, when the layout is clean: reading it now would lay out
    // the whole list once more before the form can show.
    let timer = 0;
    const frame = requestAnimationFrame(() => {
      timer = window.setTimeout(() => {
        if (list.style.getPropertyValue(heightProperty) === '' && element.isConnected)
          list.style.setProperty(heightProperty, `${element.offsetHeight}px`);
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
    };
  }, [isMounted]);

  const show = () => {
    isFocusWanted.current = true;
    mount();
  };
  if (isMounted)
    return (
      <li ref={ref} className={className}>
        {children}
      </li>
    );
  return (
    <li
      ref={ref}
      className={`${className} record--placeholder`}
      style={{ minHeight: `var(${heightProperty}, 24rem)` }}
    >
      {placeholder(
        <button
          id={buttonId}
          type="button"
          className="button--quiet"
          // "Vis felterne Punkt 5: Budget": one text translated for the whole list.
          aria-labelledby={`${buttonId} ${nameId}`}
          onFocus={show}
          onClick={show}
        >
          {showLabel}
        </button>,
      )}
    </li>
  );
}
