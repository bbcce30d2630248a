/**
 * "Underskriv" (issue 5): a member present signs the approved minutes with a PKCS#12
 * certificate. Browser mode uploads the chosen .p12 (removed by the host right after use);
 * the app lets the main process show its open dialog. The password goes out once with the
 * request and is cleared from the form at once; it is never kept. Below: the signatures so far
 * with their verification status, a download of the signed PDF, and "Markér som underskrevet".
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput, SignedPdf } from '../../../main/common/contract/api';
import type { ApiError } from '../../../main/common/contract/result';
import type { Meeting } from '../../../main/common/domain/model';
import { useApp } from '../appContext';
import { SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { startDownload } from '../share/download';
import { SignatureList } from './SignatureList';
import { formatTime } from './time';

type Edition = 'full' | 'public';
type Verification = RequestOutput<'signatures:verify'>;

export function SignPanel({
  meeting,
  onMeetingChanged,
}: {
  meeting: Meeting;
  onMeetingChanged(meeting: Meeting): void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const headingId = useId();
  const fileId = useId();
  const passwordId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const [edition, setEdition] = useState<Edition>('full');
  const [p12, setP12] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState(() => t('lifecycle.sign.defaultReason'));
  const [location, setLocation] = useState('');
  const [signerName, setSignerName] = useState('');
  const [signed, setSigned] = useState<SignedPdf[]>([]);
  const [verification, setVerification] = useState<Partial<Record<Edition, Verification>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    const list = await client.call('signatures:list', { meetingId: meeting.id });
    if (!list.ok) {
      setError(list.error);
      return;
    }
    setSigned(list.value);
    const next: Partial<Record<Edition, Verification>> = {};
    for (const ed of ['full', 'public'] as const) {
      if (!list.value.some((s) => s.edition === ed)) continue;
      const checked = await client.call('signatures:verify', {
        stored: { meetingId: meeting.id, edition: ed },
      });
      if (checked.ok) next[ed] = checked.value;
    }
    setVerification(next);
  }, [client, meeting.id]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const sign = async () => {
    setError(null);
    setNote(null);
    // Taken out of the form before anything is awaited: the password is not kept.
    const secret = password;
    setPassword('');
    setBusy(true);
    let p12UploadId: string | undefined;
    if (!client.isElectron) {
      if (!p12) {
        setBusy(false);
        setError({ code: 'invalid_input', message: t('lifecycle.sign.chooseP12') });
        return;
      }
      const uploaded = await client.upload(p12);
      if (!uploaded.ok) {
        setBusy(false);
        setError(uploaded.error);
        return;
      }
      p12UploadId = uploaded.value.uploadId;
    }
    const result = await client.call('signatures:sign', {
      meetingId: meeting.id,
      edition,
      password: secret,
      reason,
      ...(p12UploadId ? { p12UploadId } : {}),
      ...(location.trim() ? { location } : {}),
      ...(signerName.trim() ? { signerName } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setP12(null);
    if (fileRef.current) fileRef.current.value = '';
    setNote(
      result.value.isMeetingSigned
        ? t('lifecycle.sign.doneAll', { signer: result.value.signedPdf.signer })
        : t('lifecycle.sign.done', {
            signer: result.value.signedPdf.signer,
            count: result.value.signedPdf.signatureCount,
          }),
    );
    if (result.value.meeting.status !== meeting.status) onMeetingChanged(result.value.meeting);
    await refresh();
  };

  const download = async (ed: Edition) => {
    setError(null);
    const result = await client.call('signatures:download', { meetingId: meeting.id, edition: ed });
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    if (result.value.downloadUrl) startDownload(result.value.downloadUrl, result.value.fileName);
    else setNote(t('lifecycle.sign.saved', { fileName: result.value.fileName }));
  };

  const markSigned = async () => {
    setError(null);
    const result = await client.call('meetings:markSigned', { id: meeting.id, edition: 'full' });
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onMeetingChanged(result.value.meeting);
  };

  const editions = ['full', 'public'] as const;
  return (
    <section className="lifecycle__section" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('lifecycle.sign.heading')}</h3>
      {meeting.status === 'approved' && (
        <form
          className="lifecycle__form"
          aria-label={t('lifecycle.sign.formLabel')}
          autoComplete="off"
          onSubmit={(event) => {
            event.preventDefault();
            void sign();
          }}
        >
          <SelectField<Edition>
            label={t('lifecycle.sign.edition')}
            value={edition}
            options={editions.map((value) => ({ value, label: t(`lifecycle.editions.${value}`) }))}
            onChange={setEdition}
          />
          {client.isElectron ? (
            <p className="hint">{t('lifecycle.sign.p12Dialog')}</p>
          ) : (
            <div className="field">
              <label className="field__label" htmlFor={fileId}>
                {t('lifecycle.sign.p12')}
              </label>
              <input
                ref={fileRef}
                id={fileId}
                className="field__control"
                type="file"
                accept=".p12,.pfx,application/x-pkcs12"
                onChange={(event) => setP12(event.target.files?.[0] ?? null)}
              />
            </div>
          )}
          <div className="field">
            <label className="field__label" htmlFor={passwordId}>
              {t('lifecycle.sign.password')}
            </label>
            <input
              id={passwordId}
              className="field__control"
              type="password"
              autoComplete="off"
              value={password}
              maxLength={1024}
              onChange={(event) => setPassword(event.target.value)}
            />
          </div>
          <TextField
            label={t('lifecycle.sign.reason')}
            value={reason}
            maxLength={500}
            isRequired
            onChange={setReason}
          />
          <TextField
            label={t('lifecycle.sign.location')}
            value={location}
            maxLength={500}
            onChange={setLocation}
          />
          <TextField
            label={t('lifecycle.sign.signerName')}
            hint={t('lifecycle.sign.signerNameHint')}
            value={signerName}
            maxLength={500}
            onChange={setSignerName}
          />
          <div className="button-row">
            <button type="submit" disabled={isBusy || reason.trim() === ''}>
              {t('lifecycle.sign.submit')}
            </button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite">
        {isBusy && <p>{t('lifecycle.sign.busy')}</p>}
        {note && <p>{note}</p>}
      </div>
      <InlineError error={error} />
      {signed.length === 0 ? (
        <p className="empty">{t('lifecycle.sign.none')}</p>
      ) : (
        editions
          .filter((ed) => signed.some((s) => s.edition === ed))
          .map((ed) => (
            <div key={ed} className="lifecycle__edition">
              <h4>{t(`lifecycle.editions.${ed}`)}</h4>
              <ol className="lifecycle__signed" aria-label={t('lifecycle.sign.history')}>
                {signed
                  .filter((s) => s.edition === ed)
                  .map((s) => (
                    <li key={s.seq}>
                      {t('lifecycle.sign.row', {
                        signer: s.signer,
                        time: formatTime(s.signedAt, i18n.language),
                        count: s.signatureCount,
                      })}
                    </li>
                  ))}
              </ol>
              {verification[ed] && <SignatureList report={verification[ed]} />}
              <div className="button-row">
                <button type="button" onClick={() => void download(ed)}>
                  {t('lifecycle.sign.download', { edition: t(`lifecycle.editions.${ed}`) })}
                </button>
              </div>
            </div>
          ))
      )}
      {meeting.status === 'approved' && signed.some((s) => s.edition === 'full') && (
        <div className="button-row">
          <button type="button" className="button--quiet" onClick={() => void markSigned()}>
            {t('lifecycle.sign.markSigned')}
          </button>
        </div>
      )}
    </section>
  );
}
