import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { Appendix } from '../../../common/domain/model';
import { InlineError } from '../components/LoadState';
import { useApp } from '../appContext';
import { startDownload } from './download';

/**
 * "Åbn bilag": the app opens a read-only copy with the system's viewer; browser mode downloads
 * the stored file (a new tab cannot show it under the host's policies).
 */
export function OpenAppendixButton({ appendix }: { appendix: Appendix }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (!appendix.file) return null;

  const open = async () => {
    setBusy(true);
    setError(null);
    const result = await client.call('appendices:open', { id: appendix.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    if (result.value.downloadUrl) startDownload(result.value.downloadUrl, result.value.fileName);
  };

  return (
    <>
      <button type="button" disabled={isBusy} onClick={() => void open()}>
        {t('share.openAppendix', { number: appendix.number })}
      </button>
      <InlineError error={error} />
    </>
  );
}
