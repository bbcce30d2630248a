import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { formatDanishTimestamp } from '../../../common/domain/danishDates';
import type { RendererClient } from '../api/client';
import { InlineError } from '../components/LoadState';
import { dateLanguage } from '../i18n';

type Status = RequestOutput<'library:recoveryStatus'>;

/**
 * The library could not be opened: say so, name the file, and offer the backups (newest
 * first, the newest preselected). Restoring keeps the damaged file beside the library.
 */
export function RecoveryScreen({
  client,
  status,
  onRestored,
}: {
  client: RendererClient;
  status: Status;
  onRestored: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(status.backups[0]?.name ?? null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isRestoring, setIsRestoring] = useState(false);
  const [done, setDone] = useState<RequestOutput<'library:restoreBackup'> | null>(null);
  const language = dateLanguage(i18n.language);
  const isNewer = status.code === 'library_newer';

  const restore = async () => {
    if (!chosen) return;
    setIsRestoring(true);
    setError(null);
    const result = await client.call('library:restoreBackup', { name: chosen });
    setIsRestoring(false);
    if (result.ok) setDone(result.value);
    else setError(result.error);
  };

  if (done) {
    return (
      <main className="recovery" id="main-content" data-testid="recovery-done">
        <h1>{t('recovery.restoredTitle')}</h1>
        <p>{t('recovery.restoredFrom', { name: done.restoredFrom })}</p>
        {done.keptDamagedFile && <p>{t('recovery.keptDamaged', { file: done.keptDamagedFile })}</p>}
        <button type="button" onClick={onRestored}>
          {t('recovery.open')}
        </button>
      </main>
    );
  }

  return (
    <main className="recovery" id="main-content" data-testid="recovery-screen">
      <h1>{isNewer ? t('recovery.newerTitle') : t('recovery.title')}</h1>
      <p>{isNewer ? t('recovery.newerIntro') : t('recovery.intro')}</p>
      <p>
        <code>{status.libraryPath}</code>
      </p>
      {status.message && <p className="recovery__detail">{status.message}</p>}
      {!isNewer && status.backups.length === 0 && <p role="alert">{t('recovery.noBackups')}</p>}
      {!isNewer && status.backups.length > 0 && (
        <fieldset>
          <legend>{t('recovery.chooseBackup')}</legend>
          {status.backups.map((backup, index) => (
            <label key={backup.name} className="recovery__backup">
              <input
                type="radio"
                name="backup"
                value={backup.name}
                checked={chosen === backup.name}
                onChange={() => setChosen(backup.name)}
              />{' '}
              {formatDanishTimestamp(backup.createdAt, language)} ({backup.name})
              {index === 0 ? ` – ${t('recovery.newest')}` : ''}
            </label>
          ))}
          <p>
            <button type="button" onClick={() => void restore()} disabled={!chosen || isRestoring}>
              {isRestoring ? t('recovery.restoring') : t('recovery.restore')}
            </button>
          </p>
        </fieldset>
      )}
      <InlineError error={error} />
    </main>
  );
}
