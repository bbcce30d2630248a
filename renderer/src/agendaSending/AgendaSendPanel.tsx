/**
 * "Før mødet": the agenda (dagsorden) of a meeting: export it (PDF, Word, public HTML), "Udsend dagsorden"
 * with a confirmation (the main process saves the full PDF or the browser downloads it; the
 * sending time and the file's SHA-256 go to the audit log), the sent state, the changes since
 * sending per item (a badge and a line diff of each changed section) and "Eksportér
 * tillægsdagsorden" once items were added after sending.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOutput } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import { formatDanishTimestamp } from '../../../common/domain/danishDates';
import type { MeetingStatus } from '../../../common/domain/model';
import { diffLines } from '../../../common/editor/textDiff';
import type { Edition } from '../../../common/export/editions';
import { useApp } from '../appContext';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { EditionPicker } from '../components/EditionPicker';
import { ProblemError } from '../share/ProblemError';
import { receiveFile } from '../share/download';
import './agendaSending.css';

type Status = RequestOutput<'agenda:status'>;
type Change = Status['changes'][number];
type Busy = 'pdf' | 'docx' | 'html' | 'supplementary' | 'send' | null;

/** The agenda controls of one meeting. */
export function AgendaSendPanel({
  meetingId,
  status: meetingStatus,
}: {
  meetingId: string;
  /** Only a draft meeting's agenda can be sent. */
  status: MeetingStatus;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const { client, queue } = useApp();
  const headingId = useId();
  const [edition, setEdition] = useState<Edition>('full');
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [isConfirming, setConfirming] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const refresh = useCallback(async () => {
    // Pending edits are saved first, so the changes are those the user sees.
    const result = await queue.run(() => client.call('agenda:status', { meetingId }));
    if (result.ok) setStatus(result.value);
    else setError(result.error);
  }, [client, queue, meetingId]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const exportAgenda = async (
    what: Exclude<Busy, 'send' | null>,
    document: 'agenda' | 'supplementary-agenda',
    format: 'pdf' | 'docx' | 'html',
  ) => {
    setBusy(what);
    setNote(null);
    setError(null);
    const result = await queue.run(() =>
      client.call('agenda:export', {
        meetingId,
        document,
        format,
        edition: format === 'html' ? 'public' : edition,
      }),
    );
    setBusy(null);
    const file = receiveFile(result, setError);
    if (!file) return;
    const { fileName, downloadUrl } = file;
    setNote(t(downloadUrl ? 'agendaSending.downloaded' : 'agendaSending.saved', { fileName }));
  };

  const send = async () => {
    setConfirming(false);
    setBusy('send');
    setNote(null);
    setError(null);
    const result = await queue.run(() => client.call('agenda:send', { meetingId }));
    setBusy(null);
    const file = receiveFile(result, setError);
    if (!file) return;
    const { fileName, sending } = file;
    setNote(
      t('agendaSending.sentNote', {
        fileName,
        version: sending.version,
        time: formatDanishTimestamp(sending.sentAt, lang),
      }),
    );
    await refresh();
  };

  const latest = status?.sendings[status.sendings.length - 1];
  const hasSupplementary = (status?.supplementaryItemIds.length ?? 0) > 0;
  const isBusy = busy !== null;

  return (
    <section className="panel agenda-send" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('agendaSending.heading')}</h2>
      <div className="agenda-send__row">
        <EditionPicker
          className="agenda-send__editions"
          legend={t('agendaSending.edition')}
          value={edition}
          onChange={setEdition}
          isDisabled={isBusy}
        />
        <button
          type="button"
          disabled={isBusy}
          onClick={() => void exportAgenda('pdf', 'agenda', 'pdf')}
        >
          {t('agendaSending.exportPdf')}
        </button>
        <button
          type="button"
          disabled={isBusy}
          onClick={() => void exportAgenda('docx', 'agenda', 'docx')}
        >
          {t('agendaSending.exportWord')}
        </button>
        <button
          type="button"
          disabled={isBusy}
          onClick={() => void exportAgenda('html', 'agenda', 'html')}
        >
          {t('agendaSending.exportHtml')}
        </button>
        {hasSupplementary && (
          <button
            type="button"
            disabled={isBusy}
            onClick={() => void exportAgenda('supplementary', 'supplementary-agenda', 'pdf')}
          >
            {t('agendaSending.exportSupplementary')}
          </button>
        )}
        <button
          type="button"
          disabled={isBusy || meetingStatus !== 'draft'}
          onClick={() => setConfirming(true)}
        >
          {latest ? t('agendaSending.sendAgain') : t('agendaSending.send')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {busy === 'send' && <p>{t('agendaSending.sending')}</p>}
        {busy !== null && busy !== 'send' && <p>{t('agendaSending.exporting')}</p>}
        {note && <p>{note}</p>}
      </div>
      <ProblemError error={error} />
      {status && (
        <>
          {latest ? (
            <p className="agenda-send__sent">
              {t('agendaSending.sentState', {
                version: latest.version,
                time: formatDanishTimestamp(latest.sentAt, lang),
                author: latest.author,
              })}{' '}
              <span className="agenda-send__hash">
                {t('agendaSending.sha256', { sha256: latest.sha256 })}
              </span>
            </p>
          ) : (
            <p>{t('agendaSending.notSent')}</p>
          )}
          {latest && (
            <AgendaChanges
              changes={status.changes}
              onRefresh={() => void refresh()}
              sentAt={formatDanishTimestamp(latest.sentAt, lang)}
            />
          )}
        </>
      )}
      <ConfirmDialog
        message={isConfirming ? t('agendaSending.confirm') : null}
        confirmLabel={latest ? t('agendaSending.sendAgain') : t('agendaSending.send')}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}

/** The items changed, added or removed since the agenda was sent, each with its diff. */
function AgendaChanges({
  changes,
  sentAt,
  onRefresh,
}: {
  changes: readonly Change[];
  sentAt: string;
  onRefresh(): void;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="agenda-send__changes" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('agendaSending.changesHeading', { time: sentAt })}</h3>
      <button type="button" onClick={onRefresh}>
        {t('agendaSending.refresh')}
      </button>
      {changes.length === 0 ? (
        <p>{t('agendaSending.noChanges')}</p>
      ) : (
        <ul>
          {changes.map((change) => (
            <li key={change.itemId}>
              {t('agendaSending.itemLabel', { number: change.number, title: change.title })}
              <Badge>
                {change.isAdded
                  ? t('agendaSending.added')
                  : change.isRemoved
                    ? t('agendaSending.removed')
                    : t('agendaSending.changed')}
              </Badge>
              {change.fields.map((field) => (
                <details key={field.field} className="agenda-send__field">
                  <summary>
                    {field.field === 'title'
                      ? t('agendaSending.titleField')
                      : field.field === 'isClosed'
                        ? t('agendaSending.accessField')
                        : t(`bodies.item.${field.field}`, { defaultValue: field.field })}
                  </summary>
                  <div className="editor-history__lines">
                    {diffLines(field.before, field.after).map((line, index) => (
                      <p
                        key={index}
                        className={`editor-history__line editor-history__line--${line.kind}`}
                      >
                        {line.kind !== 'same' && (
                          <span className="visually-hidden">
                            {t(`editor.history.${line.kind}`)}:{' '}
                          </span>
                        )}
                        {line.kind === 'removed' ? (
                          <del>{line.text || ' '}</del>
                        ) : line.kind === 'added' ? (
                          <ins>{line.text || ' '}</ins>
                        ) : (
                          line.text || ' '
                        )}
                      </p>
                    ))}
                  </div>
                </details>
              ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
