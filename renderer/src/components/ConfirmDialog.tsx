import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ModalDialog } from './ModalDialog';

type Props = {
  /** Shown while non-null. */
  message: string | null;
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
};

/**
 * A modal confirmation built on the native <dialog>: focus is trapped and returned by the
 * browser, Escape cancels, and the safe choice (cancel) has the initial focus.
 */
export function ConfirmDialog({ message, confirmLabel, onConfirm, onCancel }: Props) {
  const { t } = useTranslation();
  const messageId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog
      isOpen={message !== null}
      initialFocus={cancelRef}
      onCancel={onCancel}
      className="confirm-dialog"
      labelledBy={messageId}
    >
      <p id={messageId}>{message}</p>
      <div className="button-row">
        <button ref={cancelRef} type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button--danger" onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </ModalDialog>
  );
}

/** Asks before deleting the pending record (nothing is shown while it is null); "Slet" confirms. */
export function ConfirmDelete<T>({
  pending,
  message,
  onConfirm,
  onCancel,
}: {
  pending: T | null;
  message(pending: T): string;
  onConfirm(pending: T): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      message={pending === null ? null : message(pending)}
      confirmLabel={t('common.delete')}
      onCancel={onCancel}
      onConfirm={() => {
        if (pending !== null) onConfirm(pending);
      }}
    />
  );
}
