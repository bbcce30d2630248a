import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { ModalDialog } from '../../components/ModalDialog';

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
  return createPortal(
    <ModalDialog onCancel={onCancel} className="editor-dialog" label={title}>
      <h2 className="editor-dialog__title">{title}</h2>
      {children}
    </ModalDialog>,
    document.body,
  );
}
