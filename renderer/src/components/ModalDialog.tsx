/**
 * A modal native <dialog>: while it is open the browser traps the focus in it and makes the
 * rest of the page inert. Escape calls `onCancel` (the dialog does not close behind React's
 * back: the caller decides).
 */
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';

export function ModalDialog({
  isOpen = true,
  initialFocus,
  isFocusReturned = false,
  onCancel,
  className,
  labelledBy,
  label,
  describedBy,
  children,
}: {
  /** Shown while true; a dialog rendered only while open leaves it out. */
  isOpen?: boolean;
  /** Focused when the dialog opens (the safe choice); else the browser's first focusable. */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Puts the focus back where it was when the dialog opened, once it goes. */
  isFocusReturned?: boolean;
  onCancel(): void;
  className: string;
  labelledBy?: string;
  label?: string;
  describedBy?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Before the dialog opens (the next effect): the element focused now is the opener.
  useEffect(() => {
    if (!isFocusReturned) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    return () => opener?.focus({ preventScroll: true });
  }, [isFocusReturned]);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (isOpen && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      initialFocus?.current?.focus();
    } else if (!isOpen && dialog.open) {
      dialog.close();
    }
  }, [isOpen, initialFocus]);
  return (
    <dialog
      ref={ref}
      className={className}
      aria-labelledby={labelledBy}
      aria-label={label}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      {children}
    </dialog>
  );
}
