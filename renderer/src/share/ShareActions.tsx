/**
 * "Arkivér", "Eksportér til Word" and "Offentlig udgave som HTML" on the meeting screen. The app: the main process
 * shows its save dialog and writes the file (the answer has no `downloadUrl`). Browser mode:
 * the host offers the file once and the page starts the download. After "Arkivér" produced the
 * package of signed minutes, "Afleveret til arkivet" records its handover (the package's
 * SHA-256 and the receiver) and the meeting becomes archived.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { Meeting, MeetingStatus } from '../../../common/domain/model';
import type { Edition } from '../../../common/export/editions';
import { useApp } from '../appContext';
import { EditionPicker } from '../components/EditionPicker';
import { InlineError } from '../components/LoadState';
import { receiveFile } from './download';
import { ProblemError } from './ProblemError';
import './share.css';

/** How long the note of a download handed to the browser stays (the browser shows the rest). */
export const downloadNoteMs = 8000;

/** The sharing controls of one meeting. */
export function ShareActions({
  meetingId,
  status,
  onMeetingChanged,
}: {
  meetingId: string;
  /** The meeting's status: the handover form is offered for signed minutes only. */
  status?: MeetingStatus;
  /** Told the archived meeting once the handover is recorded. */
  onMeetingChanged?: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const headingId = useId();
  const [edition, setEdition] = useState<Edition>('full');
  const [busy, setBusy] = useState<'archive' | 'word' | 'html' | null>(null);
  const [note, setNote] = useState<{ text: string; isDownload: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The SHA-256 of the package "Arkivér" produced last: what a handover records.
  const [packageSha256, setPackageSha256] = useState<string | null>(null);

  // A browser-mode download is handed to the browser at once and the page hears nothing more of
  // it: the "…hentes." note goes away after a while instead of staying as if still at work.
  useEffect(() => {
    if (!note?.isDownload) return;
    const timer = window.setTimeout(() => setNote(null), downloadNoteMs);
    return () => window.clearTimeout(timer);
  }, [note]);

  const begin = (what: 'archive' | 'word' | 'html') => {
    setBusy(what);
    setNote(null);
    setError(null);
  };

  const archive = async () => {
    begin('archive');
    // Pending edits are sent first: the package holds what the user sees.
    const result = await queue.run(() => client.call('archive:export', { meetingId }));
    setBusy(null);
    const file = receiveFile(result, setError);
    if (!file) return;
    const { fileName, files, downloadUrl } = file;
    setPackageSha256(file.packageSha256);
    setNote({
      text: t(downloadUrl ? 'share.archiveDownloaded' : 'share.archiveSaved', {
        fileName,
        count: files,
      }),
      isDownload: Boolean(downloadUrl),
    });
  };

  const exportWord = async () => {
    begin('word');
    const result = await queue.run(() =>
      client.call('meetings:exportDocx', { id: meetingId, edition }),
    );
    setBusy(null);
    const file = receiveFile(result, setError);
    if (!file) return;
    const { fileName, downloadUrl } = file;
    setNote({
      text: t(downloadUrl ? 'share.wordDownloaded' : 'share.wordSaved', { fileName }),
      isDownload: Boolean(downloadUrl),
    });
  };

  // The HTML edition is the public one only (for the municipality's website).
  const exportHtml = async () => {
    begin('html');
    const result = await queue.run(() => client.call('meetings:exportHtml', { id: meetingId }));
    setBusy(null);
    const file = receiveFile(result, setError);
    if (!file) return;
    const { fileName, files, downloadUrl } = file;
    setNote({
      text: t(downloadUrl ? 'share.htmlDownloaded' : 'share.htmlSaved', { fileName, count: files }),
      isDownload: Boolean(downloadUrl),
    });
  };

  return (
    <section className="panel share-actions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('share.heading')}</h2>
      <div className="share-actions__row">
        <EditionPicker
          className="share-actions__editions"
          legend={t('share.wordEdition')}
          value={edition}
          onChange={setEdition}
          isDisabled={busy !== null}
        />
        <button type="button" disabled={busy !== null} onClick={() => void exportWord()}>
          {t('share.exportWord')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void exportHtml()}>
          {t('share.exportHtml')}
        </button>
        {/* Last: the archive package is the end of a meeting's life, not its first step. */}
        <button type="button" disabled={busy !== null} onClick={() => void archive()}>
          {t('share.archive')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {busy === 'archive' && <p>{t('share.archiving')}</p>}
        {busy === 'word' && <p>{t('share.exportingWord')}</p>}
        {busy === 'html' && <p>{t('share.exportingHtml')}</p>}
        {note && <p>{note.text}</p>}
      </div>
      <ProblemError error={error} />
      {status === 'signed' && packageSha256 !== null && onMeetingChanged && (
        <HandoverForm
          meetingId={meetingId}
          packageSha256={packageSha256}
          onRecorded={(meeting, receiver) => {
            setPackageSha256(null);
            setNote({ text: t('share.handover.recorded', { receiver }), isDownload: false });
            onMeetingChanged(meeting);
          }}
        />
      )}
    </section>
  );
}

/** "Afleveret til arkivet": who received the package; records the handover. */
function HandoverForm({
  meetingId,
  packageSha256,
  onRecorded,
}: {
  meetingId: string;
  packageSha256: string;
  onRecorded: (meeting: Meeting, receiver: string) => void;
}) {
  const { t } = useTranslation();
  const { client } = useApp();
  const headingId = useId();
  const inputId = useId();
  const [receiver, setReceiver] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const record = async () => {
    const trimmed = receiver.trim();
    if (trimmed === '') {
      setError({
        code: 'invalid_input',
        message: 'receiver: must not be empty',
        localized: { key: 'archive.receiverEmpty', values: {} },
      });
      return;
    }
    setBusy(true);
    setError(null);
    const result = await client.call('meetings:recordArchiveHandover', {
      meetingId,
      packageSha256,
      receiver: trimmed,
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    onRecorded(result.value.meeting, trimmed);
  };

  return (
    <form
      className="share-actions__handover"
      aria-labelledby={headingId}
      onSubmit={(event) => {
        event.preventDefault();
        void record();
      }}
    >
      <h3 id={headingId}>{t('share.handover.heading')}</h3>
      <p className="share-actions__sha">
        {t('share.handover.package')} <code>{packageSha256}</code>
      </p>
      <label htmlFor={inputId}>{t('share.handover.receiver')}</label>
      <input
        id={inputId}
        type="text"
        maxLength={300}
        value={receiver}
        disabled={isBusy}
        onChange={(event) => setReceiver(event.target.value)}
      />
      <button type="submit" disabled={isBusy}>
        {t('share.handover.record')}
      </button>
      <InlineError error={error} />
    </form>
  );
}
