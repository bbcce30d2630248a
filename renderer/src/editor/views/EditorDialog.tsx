import { useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ModalDialog } from '../../components/ModalDialog';

type Props = {
  title: string;
  /** Besides "editor-dialog". */
  className?: string;
  /** Puts the focus back where it was when the dialog opened, once it goes. */
  isFocusReturned?: boolean;
  /** The one button that ends the dialog as Escape does, last in it (none: its form ends it). */
  closeLabel?: string;
  /** The close button has the focus when the dialog opens. */
  isCloseFocused?: boolean;
  onCancel(): void;
  children: ReactNode;
};

/**
 * A modal dialog of the editor, named by its title (editing a block node, the shortcuts, an
 * item's presence). It is portalled out of the editor's contenteditable so that typing in its
 * fields never reaches the editor's key handlers.
 */
export function EditorDialog({
  title,
  className,
  isFocusReturned,
  closeLabel,
  isCloseFocused,
  onCancel,
  children,
}: Props) {
  const closeRef = useRef<HTMLButtonElement>(null);
  return createPortal(
    <ModalDialog
      {...(isCloseFocused ? { initialFocus: closeRef } : {})}
      isFocusReturned={isFocusReturned}
      onCancel={onCancel}
      className={className ? `editor-dialog ${className}` : 'editor-dialog'}
      label={title}
    >
      <h2 className="editor-dialog__title">{title}</h2>
      {children}
      {closeLabel && (
        <div className="button-row">
          <button ref={closeRef} type="button" onClick={onCancel}>
            {closeLabel}
          </button>
        </div>
      )}
    </ModalDialog>,
    document.body,
  );
}
