/**
 * "Verificér PDF": any PDF is checked (browser mode uploads it; the app shows its open dialog)
 * and each signature is listed with signer, time and status, and whether the last covers the
 * whole file.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { useApp } from '../appContext';
import { uploadOrStop } from '../api/upload';
import { InlineError } from '../components/LoadState';
import { OpenFileButton } from '../components/OpenFileButton';
import { Section } from '../components/Section';
import { SignatureList } from './SignatureList';

export function VerifyPdf() {
  const { t } = useTranslation();
  const { client } = useApp();
  const [report, setReport] = useState<RequestOutput<'signatures:verify'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isBusy, setBusy] = useState(false);

  const verify = async (file?: File) => {
    setBusy(true);
    setError(null);
    setReport(null);
    let uploadId: string | undefined;
    if (file) {
      const uploaded = await uploadOrStop(client, file, (failed) => {
        setBusy(false);
        setError(failed);
      });
      if (uploaded === null) return;
      uploadId = uploaded;
    }
    const result = await client.call('signatures:verify', uploadId ? { uploadId } : {});
    setBusy(false);
    if (result.ok) setReport(result.value);
    else if (result.error.code !== 'cancelled') setError(result.error);
  };

  return (
    <Section className="panel lifecycle" heading={t('lifecycle.verify.heading')}>
      <div className="button-row">
        <OpenFileButton
          label={t('lifecycle.verify.button')}
          chooseLabel={t('lifecycle.verify.choose')}
          accept=".pdf,application/pdf"
          isDisabled={isBusy}
          onOpen={(file) => void verify(file)}
        />
      </div>
      <div role="status" aria-live="polite">
        {isBusy && <p>{t('lifecycle.verify.busy')}</p>}
      </div>
      <InlineError error={error} />
      {report && <SignatureList report={report} />}
    </Section>
  );
}
