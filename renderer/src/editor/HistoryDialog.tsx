/**
 * The revision history of one body: every saved version (newest first) with time and author,
 * what changed in it compared with the version before, and restoring it as a new revision
 * (the history itself is append-only, nothing is overwritten).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyOwner, Revision } from '../../../common/contract/api';
import { formatDanishTimestamp } from '../../../common/domain/danishDates';
import { richTextToPlain, type RichText } from '../../../common/domain/richText';
import { resolveAppendixRef } from '../../../common/editor/references';
import { useApp } from '../appContext';
import { LineDiff } from '../components/LineDiff';
import { participantLabel } from './nodes/ParticipantReferenceNode';
import { useMeetingRecords } from './meetingRecords';
import { EditorDialog } from './views/EditorDialog';

export function HistoryDialog({
  owner,
  label,
  onRestore,
  onClose,
}: {
  owner: BodyOwner;
  label: string;
  onRestore(content: RichText): void;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const { client } = useApp();
  const records = useMeetingRecords();
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const [revisions, setRevisions] = useState<Revision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  useEffect(() => {
    let isCurrent = true;
    void client.call('bodies:history', { owner }).then((result) => {
      if (!isCurrent) return;
      if (!result.ok) return setError(result.error.message);
      const newestFirst = [...result.value].sort((a, b) => b.revision - a.revision);
      setRevisions(newestFirst);
      setSelected(newestFirst[0]?.revision ?? null);
    });
    return () => {
      isCurrent = false;
    };
  }, [client, owner]);

  const plain = (content: RichText) =>
    richTextToPlain(content, {
      appendix: (id) =>
        resolveAppendixRef(id, records.appendices, { lang, isOpenText: false }).label,
      participant: (id) => participantLabel(id, records.participants, lang).label,
    });
  const index = revisions?.findIndex((r) => r.revision === selected) ?? -1;
  const current = index >= 0 ? revisions?.[index] : undefined;
  const previous = index >= 0 ? revisions?.[index + 1] : undefined;

  return (
    <EditorDialog
      title={t('editor.history.title', { label })}
      closeLabel={t('editor.history.close')}
      onCancel={onClose}
    >
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
      {revisions === null && !error && <p>{t('common.loading')}</p>}
      {revisions?.length === 0 && <p>{t('editor.history.empty')}</p>}
      {revisions && revisions.length > 0 && (
        <div className="editor-history">
          <ol className="editor-history__list" aria-label={t('editor.history.versions')}>
            {revisions.map((r) => (
              <li key={r.revision}>
                <button
                  type="button"
                  aria-pressed={r.revision === selected}
                  onClick={() => setSelected(r.revision)}
                >
                  {t('editor.history.revision', { revision: r.revision })}
                  <span className="editor-history__meta">
                    {' '}
                    {t('editor.history.savedBy', {
                      time: formatDanishTimestamp(r.savedAt, lang),
                      author: r.author || '—',
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ol>
          {current && (
            <section
              className="editor-history__diff"
              aria-label={t('editor.history.changes', { revision: current.revision })}
            >
              <h3>{t('editor.history.changes', { revision: current.revision })}</h3>
              <LineDiff
                before={previous ? plain(previous.content) : ''}
                after={plain(current.content)}
              />
              {index > 0 && (
                <button type="button" onClick={() => onRestore(current.content)}>
                  {t('editor.history.restore', { revision: current.revision })}
                </button>
              )}
            </section>
          )}
        </div>
      )}
    </EditorDialog>
  );
}
