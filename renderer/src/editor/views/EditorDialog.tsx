import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

type Props = {
  title: string;
  onCancel(): void;
  children: ReactNode;
};

/**
 * A modal dialog for editing a block node. It is portalled out of the editor's
 * contenteditable so that typing in its fields never reaches the editor's key handlers.
 */
export function EditorDialog({ title, onCancel, children }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
  }, []);
  return createPortal(
    <dialog
      ref={ref}
      className="editor-dialog"
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 className="editor-dialog__title">{title}</h2>
      {children}
    </dialog>,
    document.body,
  );
}
