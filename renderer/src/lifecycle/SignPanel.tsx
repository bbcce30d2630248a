/**
 * "Underskriv": a member present signs the approved minutes with a PKCS#12
 * certificate. Browser mode uploads the chosen .p12 (removed by the host right after use);
 * the app lets the main process show its open dialog; revocation data (a CRL or an OCSP
 * response) may go with it, embedded before the signature for long-term validation (PAdES
 * B-LT). The password goes out once with the
 * request and is cleared from the form at once; it is never kept. Below: the signatures so far
 * with their verification status, a download of the signed PDF, and "Markér som underskrevet".
 *
 * Corrections added after an edition was signed are not in its signed file: the panel says the
 * minutes must be signed again (also on signed minutes, where the form comes back), the next
 * "Underskriv" starts a new round on a fresh export, and the history is shown per round.
 *
 * Who still has to sign is listed per edition (SigningStatusList). The secretary says who is
 * signing when the certificate carries another name, and a member may sign with a reservation.
 * Members who sign on their own device get the signing file ("Hent underskriftsfil") and return
 * it signed ("Indlæs underskrevet fil": signatures:import checks it is this meeting's file).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput, SignedPdf, SigningStatus } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import type { Meeting } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { uploadOrStop } from '../api/upload';
import { FilePickerField } from '../components/FilePickerField';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { Section } from '../components/Section';
import { receiveFile } from '../share/download';
import { SignatureList } from './SignatureList';
import { SigningStatusList } from './SigningStatusList';
import { formatTime } from './time';
import type { Edition } from '../../../common/export/editions';

type Verification = RequestOutput<'signatures:verify'>;

/** Where the signing of an edition stands, from its newest signed file. */
export type EditionSigningState = {
  /** Corrections were added after the newest file's export: sign again (a new round). */
  needsResigning: boolean;
  /** A later round (with corrections) is being signed and not every member present has signed it. */
  isRoundOpen: boolean;
  round: number;
  signerCount: number;
};

/** The state of each edition signed so far (see EditionSigningState). */
export function signingStates(signed: SignedPdf[]): Partial<Record<Edition, EditionSigningState>> {
  const states: Partial<Record<Edition, EditionSigningState>> = {};
  for (const s of signed) {
    // Rows come in signing order: the last one of an edition is its newest file.
    states[s.edition] = {
      needsResigning: s.lacksCorrections,
      isRoundOpen: s.round > 1 && !s.isComplete,
      round: s.round,
      signerCount: s.signerCount,
    };
  }
  return states;
}

export function SignPanel({
  meeting,
  correctionCount,
  onMeetingChanged,
  onSigningChanged,
}: {
  meeting: Meeting;
  /** The corrections so far: a new one is read again from the library (it may call for signing again). */
  correctionCount: number;
  onMeetingChanged(meeting: Meeting): void;
  /** The signed files changed (a signature, or a correction that calls for signing again). */
  onSigningChanged?(signed: SignedPdf[]): void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const fileRef = useRef<HTMLInputElement>(null);
  const [edition, setEdition] = useState<Edition>('full');
  const [p12, setP12] = useState<File | null>(null);
  // Revocation data (CRL/OCSP) to embed before the signature: a file (browser) or the dialog.
  const [revocationFile, setRevocationFile] = useState<File | null>(null);
  const [isWithRevocation, setWithRevocation] = useState(false);
  const revocationRef = useRef<HTMLInputElement>(null);
  const [password, setPassword] = useState('');
  const [reason, setReason] = useState(() => t('lifecycle.sign.defaultReason'));
  const [location, setLocation] = useState('');
  const [signerName, setSignerName] = useState('');
  const [participantId, setParticipantId] = useState('');
  const [reservation, setReservation] = useState('');
  const [status, setStatus] = useState<SigningStatus[]>([]);
  const [returned, setReturned] = useState<File | null>(null);
  const [returnedSigner, setReturnedSigner] = useState('');
  const importId = useId();
  const importRef = useRef<HTMLInputElement>(null);
  const [signed, setSigned] = useState<SignedPdf[]>([]);
  const [verification, setVerification] = useState<Partial<Record<Edition, Verification>>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  // A ref: the parent's callback need not be stable for the list not to be fetched again.
  const onSigningChangedRef = useRef(onSigningChanged);
  onSigningChangedRef.current = onSigningChanged;

  const refresh = useCallback(async () => {
    const list = await client.call('signatures:list', { meetingId: meeting.id });
    if (!list.ok) {
      setError(list.error);
      return;
    }
    setSigned(list.value);
    onSigningChangedRef.current?.(list.value);
    const states = await client.call('signatures:status', { meetingId: meeting.id });
    if (states.ok) setStatus(states.value);
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

  // A new correction may leave the newest signed file out of date: read the list again.
  useEffect(() => {
    void refresh();
  }, [refresh, correctionCount]);

  /** Ends a sign or import that cannot go on, with what the user should know. */
  const stop = (failed: ApiError) => {
    setBusy(false);
    setError(failed);
  };

  /**
   * The upload id of a file the form sends (browser mode; the app lets the main process show
   * its open dialog: undefined). A required file not chosen stops the form with `missing`; an
   * optional one not chosen is undefined. Null: the form has stopped.
   */
  const uploadChosen = async (
    file: File | null,
    missing: string | null,
  ): Promise<string | undefined | null> => {
    if (client.isElectron) return undefined;
    if (file) return uploadOrStop(client, file, stop);
    if (missing === null) return undefined;
    stop({ code: 'invalid_input', message: missing });
    return null;
  };

  const sign = async () => {
    setError(null);
    setNote(null);
    // Taken out of the form before anything is awaited: the password is not kept.
    const secret = password;
    setPassword('');
    setBusy(true);
    const p12UploadId = await uploadChosen(p12, t('lifecycle.sign.chooseP12'));
    if (p12UploadId === null) return;
    const revocationUploadId = await uploadChosen(revocationFile, null);
    if (revocationUploadId === null) return;
    const result = await client.call('signatures:sign', {
      meetingId: meeting.id,
      edition,
      password: secret,
      reason,
      ...(p12UploadId ? { p12UploadId } : {}),
      ...(location.trim() ? { location } : {}),
      ...(signerName.trim() ? { signerName } : {}),
      ...(participantId ? { participantId } : {}),
      ...(reservation.trim() ? { reservation } : {}),
      ...(revocationUploadId ? { revocationUploadIds: [revocationUploadId] } : {}),
      ...(client.isElectron && isWithRevocation ? { isWithRevocation: true } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setP12(null);
    setRevocationFile(null);
    setWithRevocation(false);
    if (revocationRef.current) revocationRef.current.value = '';
    setParticipantId('');
    setReservation('');
    if (fileRef.current) fileRef.current.value = '';
    const done = result.value.signedPdf;
    if (done.round > 1 && done.isComplete)
      setNote(t('lifecycle.sign.doneAllAgain', { signer: done.signer, round: done.round }));
    else if (result.value.isMeetingSigned && done.isComplete)
      setNote(t('lifecycle.sign.doneAll', { signer: done.signer }));
    else if (done.round > 1 && done.signatureCount === 1)
      setNote(t('lifecycle.sign.doneNewRound', { signer: done.signer, round: done.round }));
    else setNote(t('lifecycle.sign.done', { signer: done.signer, count: done.signatureCount }));
    if (result.value.meeting.status !== meeting.status) onMeetingChanged(result.value.meeting);
    await refresh();
  };

  /** The newest file of the edition, or with `seq` an earlier one (an earlier round's last file). */
  const download = async (ed: Edition, seq?: number) => {
    setError(null);
    const result = await client.call('signatures:download', {
      meetingId: meeting.id,
      edition: ed,
      ...(seq !== undefined ? { seq } : {}),
    });
    const file = receiveFile(result, setError);
    if (file && !file.downloadUrl) setNote(t('lifecycle.sign.saved', { fileName: file.fileName }));
  };

  /** The file the next member signs on their own device. */
  const getSigningFile = async () => {
    setError(null);
    setNote(null);
    const result = await client.call('signatures:signingFile', { meetingId: meeting.id, edition });
    const file = receiveFile(result, setError);
    if (!file) return;
    if (!file.downloadUrl) setNote(t('lifecycle.sign.saved', { fileName: file.fileName }));
    await refresh();
  };

  /** A signing file returned signed: checked and recorded by the main process. */
  const importSigned = async () => {
    setError(null);
    setNote(null);
    setBusy(true);
    const uploadId = await uploadChosen(returned, t('lifecycle.sign.chooseImport'));
    if (uploadId === null) return;
    const result = await client.call('signatures:import', {
      meetingId: meeting.id,
      edition,
      ...(uploadId ? { uploadId } : {}),
      ...(returnedSigner ? { participantId: returnedSigner } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    setReturned(null);
    setReturnedSigner('');
    if (importRef.current) importRef.current.value = '';
    setNote(t('lifecycle.sign.imported', { signer: result.value.signedPdf.signer }));
    if (result.value.meeting.status !== meeting.status) onMeetingChanged(result.value.meeting);
    await refresh();
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
  const states = signingStates(signed);
  const resigning = editions.filter((ed) => states[ed]?.needsResigning);
  const openRounds = editions.filter((ed) => states[ed]?.isRoundOpen);
  // Signed minutes get the form back while corrections wait for their signatures.
  const isFormShown =
    meeting.status === 'approved' ||
    (meeting.status === 'signed' && (resigning.length > 0 || openRounds.length > 0));
  const waiting =
    status.find((s) => s.edition === edition)?.signers.filter((s) => s.state === 'waiting') ?? [];
  const signerOptions = [
    { value: '', label: t('lifecycle.sign.signerByCertificate') },
    ...waiting.map((s) => ({ value: s.participantId, label: s.name })),
  ];
  return (
    <Section className="lifecycle__section" heading={t('lifecycle.sign.heading')} level={3}>
      {resigning.map((ed) => (
        <div key={ed} className="lifecycle__notice" role="note">
          <p>
            <strong>{t('lifecycle.sign.needsResigning')}</strong>
          </p>
          <p>{t('lifecycle.sign.needsResigningHint')}</p>
        </div>
      ))}
      {openRounds.map((ed) => (
        <p key={ed} className="lifecycle__notice" role="note">
          {t('lifecycle.sign.roundOpen', {
            edition: t(`lifecycle.editions.${ed}`),
            round: states[ed]?.round ?? 1,
            signers: states[ed]?.signerCount ?? 0,
          })}
        </p>
      ))}
      {isFormShown && (
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
            <FilePickerField
              label={t('lifecycle.sign.p12')}
              accept=".p12,.pfx,application/x-pkcs12"
              inputRef={fileRef}
              chosenName={p12?.name ?? null}
              onFile={setP12}
            />
          )}
          {client.isElectron ? (
            <CheckboxField
              label={t('lifecycle.sign.revocationDialog')}
              checked={isWithRevocation}
              onChange={setWithRevocation}
            />
          ) : (
            <FilePickerField
              label={t('lifecycle.sign.revocation')}
              accept=".crl,.der,.pem,.ocsp,.ors,.resp"
              inputRef={revocationRef}
              chosenName={revocationFile?.name ?? null}
              onFile={setRevocationFile}
            />
          )}
          <TextField
            label={t('lifecycle.sign.password')}
            type="password"
            value={password}
            maxLength={1024}
            onChange={setPassword}
          />
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
          <SelectField<string>
            label={t('lifecycle.sign.signer')}
            value={participantId}
            options={signerOptions}
            onChange={setParticipantId}
          />
          <TextField
            label={t('lifecycle.sign.reservation')}
            hint={t('lifecycle.sign.reservationHint')}
            value={reservation}
            maxLength={500}
            onChange={setReservation}
          />
          <div className="button-row">
            <button type="submit" disabled={isBusy || reason.trim() === ''}>
              {t('lifecycle.sign.submit')}
            </button>
          </div>
        </form>
      )}
      {isFormShown && (
        <form
          className="lifecycle__form"
          aria-label={t('lifecycle.sign.remoteHeading')}
          onSubmit={(event) => {
            event.preventDefault();
            void importSigned();
          }}
        >
          <h4>{t('lifecycle.sign.remoteHeading')}</h4>
          <p className="hint">{t('lifecycle.sign.remoteHint')}</p>
          <div className="button-row">
            <button type="button" onClick={() => void getSigningFile()}>
              {t('lifecycle.sign.signingFile', { edition: t(`lifecycle.editions.${edition}`) })}
            </button>
          </div>
          {client.isElectron ? (
            <p className="hint">{t('lifecycle.sign.importDialog')}</p>
          ) : (
            <div className="field">
              <label className="field__label" htmlFor={importId}>
                {t('lifecycle.sign.importFile')}
              </label>
              <input
                ref={importRef}
                id={importId}
                className="field__control"
                type="file"
                accept=".pdf,application/pdf"
                onChange={(event) => setReturned(event.target.files?.[0] ?? null)}
              />
            </div>
          )}
          <SelectField<string>
            label={t('lifecycle.sign.importSigner')}
            value={returnedSigner}
            options={signerOptions}
            onChange={setReturnedSigner}
          />
          <div className="button-row">
            <button type="submit" disabled={isBusy}>
              {t('lifecycle.sign.importSubmit')}
            </button>
          </div>
        </form>
      )}
      <div role="status" aria-live="polite">
        {isBusy && <p>{t('lifecycle.sign.busy')}</p>}
        {note && <p>{note}</p>}
      </div>
      <InlineError error={error} />
      {status
        .filter((s) => s.edition === 'full' || s.isStarted)
        .map((s) => (
          <SigningStatusList key={s.edition} status={s} />
        ))}
      {signed.length === 0 ? (
        <p className="empty">{t('lifecycle.sign.none')}</p>
      ) : (
        editions
          .filter((ed) => signed.some((s) => s.edition === ed))
          .map((ed) => (
            <div key={ed} className="lifecycle__edition">
              <h4>{t(`lifecycle.editions.${ed}`)}</h4>
              {roundsOf(signed, ed).map((round, index, rounds) => (
                <div key={round.round}>
                  {round.isLabelled && (
                    <h5>
                      {t('lifecycle.sign.round', { round: round.round })}
                      {round.lacksCorrections && <> {t('lifecycle.sign.roundOutdated')}</>}
                    </h5>
                  )}
                  <ol
                    className="lifecycle__signed"
                    aria-label={
                      round.isLabelled
                        ? t('lifecycle.sign.historyRound', { round: round.round })
                        : t('lifecycle.sign.history')
                    }
                  >
                    {round.files.map((s) => (
                      <li key={s.seq}>
                        {t('lifecycle.sign.row', {
                          signer: s.signer,
                          time: formatTime(s.signedAt, i18n.language),
                          count: s.signatureCount,
                        })}
                      </li>
                    ))}
                  </ol>
                  {index < rounds.length - 1 && (
                    <div className="button-row">
                      <button
                        type="button"
                        className="button--quiet"
                        onClick={() => void download(ed, round.files[round.files.length - 1]?.seq)}
                      >
                        {t('lifecycle.sign.downloadRound', {
                          round: round.round,
                          edition: t(`lifecycle.editions.${ed}`),
                        })}
                      </button>
                    </div>
                  )}
                </div>
              ))}
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
    </Section>
  );
}

/** The signed files of an edition by round; rounds are labelled once there is more than one. */
function roundsOf(signed: SignedPdf[], edition: Edition) {
  const rounds: {
    round: number;
    files: SignedPdf[];
    lacksCorrections: boolean;
    isLabelled: boolean;
  }[] = [];
  for (const s of signed) {
    if (s.edition !== edition) continue;
    const current = rounds[rounds.length - 1];
    if (current?.round === s.round) {
      current.files.push(s);
      current.lacksCorrections = s.lacksCorrections;
    } else
      rounds.push({
        round: s.round,
        files: [s],
        lacksCorrections: s.lacksCorrections,
        isLabelled: false,
      });
  }
  const isLabelled = rounds.length > 1 || (rounds[0]?.round ?? 1) > 1;
  return rounds.map((round) => ({ ...round, isLabelled }));
}
