/**
 * "Arkivér", "Eksportér til Word" and "Offentlig udgave som HTML" on the meeting screen. The app: the main process
 * shows its save dialog and writes the file (the answer has no `downloadUrl`). Browser mode:
 * the host offers the file once and the page starts the download.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../common/contract/result';
import type { Edition } from '../../../common/export/editions';
import { useApp } from '../appContext';
import { EditionPicker } from '../components/EditionPicker';
import { startDownload } from './download';
import { ProblemError } from './ProblemError';
import './share.css';

/** How long the note of a download handed to the browser stays (the browser shows the rest). */
export const downloadNoteMs = 8000;

/** The sharing controls of one meeting. */
export function ShareActions({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const headingId = useId();
  const [edition, setEdition] = useState<Edition>('full');
  const [busy, setBusy] = useState<'archive' | 'word' | 'html' | null>(null);
  const [note, setNote] = useState<{ text: string; isDownload: boolean } | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

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
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    const { fileName, files, downloadUrl } = result.value;
    if (downloadUrl) startDownload(downloadUrl, fileName);
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
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    const { fileName, downloadUrl } = result.value;
    if (downloadUrl) startDownload(downloadUrl, fileName);
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
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setError(result.error);
      return;
    }
    const { fileName, files, downloadUrl } = result.value;
    if (downloadUrl) startDownload(downloadUrl, fileName);
    setNote({
      text: t(downloadUrl ? 'share.htmlDownloaded' : 'share.htmlSaved', { fileName, count: files }),
      isDownload: Boolean(downloadUrl),
    });
  };

  return (
    <section className="panel share-actions" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('share.heading')}</h2>
      <div className="share-actions__row">
        <button type="button" disabled={busy !== null} onClick={() => void archive()}>
          {t('share.archive')}
        </button>
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
      </div>
      <div role="status" aria-live="polite">
        {busy === 'archive' && <p>{t('share.archiving')}</p>}
        {busy === 'word' && <p>{t('share.exportingWord')}</p>}
        {busy === 'html' && <p>{t('share.exportingHtml')}</p>}
        {note && <p>{note.text}</p>}
      </div>
      <ProblemError error={error} />
    </section>
  );
}
