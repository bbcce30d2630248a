import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorDialog } from './EditorDialog';

type Props = {
  title: string;
  /** The message of the last failed save, announced as an alert. */
  error: string | null;
  /** Id of the error message, for a control that refers to it with aria-describedby. */
  errorId?: string;
  onSubmit(): void;
  onCancel(): void;
  /** Buttons between "Annullér" and "Gem" (e.g. "Fjern link"). */
  extraButtons?: ReactNode;
  children: ReactNode;
};

/** The form of an editor dialog: its fields, the error, and the cancel/save buttons. */
export function EditorForm({
  title,
  error,
  errorId,
  onSubmit,
  onCancel,
  extraButtons,
  children,
}: Props) {
  const { t } = useTranslation();
  return (
    <EditorDialog title={title} onCancel={onCancel}>
      <form
        className="editor-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        {children}
        {error && (
          <p id={errorId} className="field__error" role="alert">
            {error}
          </p>
        )}
        <div className="button-row">
          <button type="button" onClick={onCancel}>
            {t('editor.cancel')}
          </button>
          {extraButtons}
          <button type="submit">{t('editor.save')}</button>
        </div>
      </form>
    </EditorDialog>
  );
}
