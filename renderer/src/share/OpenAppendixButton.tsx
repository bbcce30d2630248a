import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { Appendix } from '../../../common/domain/model';
import { InlineError } from '../components/LoadState';
import { useApp } from '../appContext';
import { startDownload } from './download';

/**
 * "Åbn bilag": the app opens a read-only copy with the system's viewer; browser mode downloads
 * the stored file (a new tab cannot show it under the host's policies). A file that is no known
 * document (or whose content does not match its name) is shown in its folder or downloaded,
 * with a notice saying why it was not opened.
 */
export function OpenAppendixButton({ appendix }: { appendix: Appendix }) {
  const { t } = useTranslation();
  const { client } = useApp();
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [warning, setWarning] = useState<string | null>(null);
  if (!appendix.file) return null;

  const open = async () => {
    setBusy(true);
    setError(null);
    setWarning(null);
    const result = await client.call('appendices:open', { id: appendix.id });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { fileName, downloadUrl, handedOver, notOpenedReason } = result.value;
    if (notOpenedReason) {
      const how = handedOver === 'shownInFolder' ? 'shownInFolder' : 'downloaded';
      setWarning(t(`share.notOpened_${notOpenedReason}_${how}`, { fileName }));
    }
    if (downloadUrl) startDownload(downloadUrl, fileName);
  };

  return (
    <>
      <button type="button" disabled={isBusy} onClick={() => void open()}>
        {t('share.openAppendix', { number: appendix.number })}
      </button>
      <InlineError error={error} />
      {warning && (
        <p role="status" className="notice">
          {warning}
        </p>
      )}
    </>
  );
}
