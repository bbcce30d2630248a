import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { safeUrlSchema } from '../../../../common/domain/richText';
import { EditorForm } from './EditorForm';

/** Accepts "www.x.dk" as https and plain addresses with "@" as mailto; null when unsafe. */
export function normalizeLinkUrl(input: string): string | null {
  let url = input.trim();
  if (/^www\./i.test(url)) url = `https://${url}`;
  else if (/^[^\s@/:]+@[^\s@/]+\.[^\s@/]+$/.test(url)) url = `mailto:${url}`;
  return safeUrlSchema.safeParse(url).success ? url : null;
}

/** Asks for a link address; only http(s) and mailto addresses are accepted. */
export function LinkDialog({
  initialUrl,
  onSave,
  onRemove,
  onCancel,
}: {
  initialUrl: string;
  onSave(url: string): void;
  onRemove: (() => void) | null;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [url, setUrl] = useState(initialUrl);
  const [error, setError] = useState<string | null>(null);
  const submit = () => {
    const normalized = normalizeLinkUrl(url);
    if (!normalized) return setError(t('editor.linkInvalid'));
    onSave(normalized);
  };
  return (
    <EditorForm
      title={t('editor.link')}
      error={error}
      errorId={`${id}-error`}
      onSubmit={submit}
      onCancel={onCancel}
      extraButtons={
        onRemove && (
          <button type="button" onClick={onRemove}>
            {t('editor.removeLink')}
          </button>
        )
      }
    >
      <div className="field">
        <label htmlFor={`${id}-url`}>{t('editor.linkUrl')}</label>
        <input
          id={`${id}-url`}
          value={url}
          autoFocus
          inputMode="url"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => setUrl(e.target.value)}
        />
      </div>
    </EditorForm>
  );
}
