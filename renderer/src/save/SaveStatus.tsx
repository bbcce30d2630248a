import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../appContext';
import { errorDetail } from '../components/errorText';

/** The autosave indicator: "Gemmer…", "Gemt", or the failures with a retry button. */
export function SaveStatus() {
  const { t, i18n } = useTranslation();
  const { queue } = useApp();
  const snapshot = useSyncExternalStore(queue.subscribe, queue.getSnapshot);
  if (snapshot.state === 'error') {
    return (
      <div className="save-status save-status--error" role="alert">
        <span>{t('save.failed')}</span>
        <ul className="save-status__failures">
          {snapshot.failures.map((failure) => (
            <li key={failure.key}>
              {t(`errors.${failure.error.code}`, { defaultValue: t('errors.internal') })}{' '}
              {errorDetail(failure.error, i18n.language)}
            </li>
          ))}
        </ul>
        <button type="button" onClick={() => void queue.retry()}>
          {t('save.retry')}
        </button>
      </div>
    );
  }
  const text =
    snapshot.state === 'saving'
      ? t('save.saving')
      : snapshot.state === 'saved'
        ? t('save.saved')
        : '';
  return (
    <div
      className={`save-status save-status--${snapshot.state}`}
      role="status"
      aria-live="polite"
      data-save-state={snapshot.state}
    >
      {text}
    </div>
  );
}
