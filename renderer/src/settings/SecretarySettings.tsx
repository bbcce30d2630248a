/**
 * The secretary's name, the author recorded on revisions, corrections and approvals (a library
 * setting through `settings:get` / `settings:set`). On first start, while no name is set, the
 * form is shown above every screen; afterwards the header's "Indstillinger" opens it again.
 */
import { useEffect, useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { RendererClient } from '../api/client';
import { TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';

/** The header's settings button and, when needed, the settings form to show below the header. */
export function useSecretarySettings(client: RendererClient): {
  button: ReactNode;
  panel: ReactNode;
} {
  const { t } = useTranslation();
  const headingId = useId();
  const [saved, setSaved] = useState<string | null | undefined>(undefined);
  const [isOpen, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void client.call('settings:get', {}).then((result) => {
      if (!isCurrent || !result.ok) return;
      setSaved(result.value.secretaryName);
      setName(result.value.secretaryName ?? '');
    });
    return () => {
      isCurrent = false;
    };
  }, [client]);

  const isFirstStart = saved === null;
  const isShown = isFirstStart || isOpen;

  const save = async () => {
    setError(null);
    const result = await client.call('settings:set', { secretaryName: name });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setSaved(result.value.secretaryName);
    setName(result.value.secretaryName ?? '');
    setOpen(false);
  };

  return {
    button: (
      <button
        type="button"
        className="app-header__settings"
        aria-expanded={isShown}
        onClick={() => setOpen(!isOpen)}
      >
        {saved ? t('settings.buttonWithName', { name: saved }) : t('settings.button')}
      </button>
    ),
    panel: isShown && (
      <section className="settings-panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{isFirstStart ? t('settings.welcome') : t('settings.heading')}</h2>
        <p className="hint">{t('settings.nameHint')}</p>
        <form
          className="settings-panel__form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <TextField
            label={t('settings.name')}
            value={name}
            maxLength={200}
            isRequired
            autoComplete="name"
            error={name.trim() === '' && error ? t('validation.required') : null}
            onChange={setName}
          />
          <button type="submit" disabled={name.trim() === ''}>
            {t('settings.save')}
          </button>
        </form>
        <InlineError error={error} />
      </section>
    ),
  };
}
