/**
 * One text body (Resumé, Indstilling, Beslutning ...) of a meeting or an agenda item.
 *
 * Edited with the rich-text BodyEditor (renderer/src/editor). It receives the stored `body`
 * (content + revision), saves through the autosave queue with `bodies:save {owner, content,
 * baseRevision}`, and reports each acknowledged save with `onSaved` so the meeting screen keeps
 * the new revision. References are displayed from the meeting's records (MeetingRecordsContext).
 * If the editor fails to start, a plain textarea takes its place (plain bodies only).
 *
 * The editor starts lazily (a meeting of 1,000 items must not create thousands of editors when
 * it opens): until the body comes near the viewport it is shown as a focusable plain-text
 * preview with the body's name, which turns into the editor (caret at the end) on focus, click
 * or Enter.
 */
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyOwner } from '../../../common/contract/api';
import type { ApiError, Result } from '../../../common/contract/result';
import type { Body } from '../../../common/domain/model';
import { richTextFromPlain, richTextToPlain, type RichText } from '../../../common/domain/richText';
import { useApp } from '../appContext';
import { TextAreaField } from '../components/fields';
import { BodyEditor, type BodyEditorContext } from './BodyEditor';
import { DocumentBodyKeyContext } from './documentBodies';
import { useDocumentToolbarSlot } from './documentToolbar';
import { EditorErrorBoundary } from './EditorErrorBoundary';
import { HistoryDialog } from './HistoryDialog';
import { isOpenBody, useMeetingRecords } from './meetingRecords';
import { useMountNearViewport } from './useMountNearViewport';
import { resolveAppendixRef } from '../../../common/editor/references';
import { bodyKey, bodyLabelKey } from './bodies';

/** An edit of a body: its content, or a reader of the editor's content (converted when sent). */
type BodyEdit = RichText | (() => RichText);

export type BodyFieldProps = {
  /** Which body this is (meeting or item, and the field). */
  owner: BodyOwner;
  /** The stored body as loaded. */
  body: Body;
  /** Called after every save the library acknowledged, with the body as now stored. */
  onSaved(body: Body): void;
  /** Start the editor only near the viewport or on focus (default); false: at once. */
  isLazy?: boolean;
  /** The label the minutes profile gives this body ("Sagens kerne"); default: the field's own. */
  label?: string;
};

/** True when a body holds only plain paragraphs, so a textarea can edit it without losing anything. */
export function isPlainText(content: RichText): boolean {
  return content.every(
    (block) =>
      block.type === 'paragraph' &&
      block.children.every(
        (child) =>
          child.type === 'text' &&
          !child.bold &&
          !child.italic &&
          !child.underline &&
          !child.text.includes('\n'),
      ),
  );
}

export function BodyField({
  owner,
  body,
  onSaved,
  isLazy = true,
  label: profileLabelText,
}: BodyFieldProps) {
  const { t, i18n } = useTranslation();
  const { client, queue } = useApp();
  const records = useMeetingRecords();
  // In the meeting document the one toolbar sits at the top: no toolbar place per body.
  const toolbarSlot = useDocumentToolbarSlot();
  const [text, setText] = useState(() => richTextToPlain(body.content));
  // The content the editor was (re)loaded with; a new generation remounts the editor.
  const [loaded, setLoaded] = useState(() => ({ content: body.content, generation: 0 }));
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const [isHistoryOpen, setHistoryOpen] = useState(false);
  const baseRevision = useRef(body.revision);
  // The stored content (as JSON once compared): a save of the same content is not sent.
  const stored = useRef<RichText | string>(body.content);
  const lazyRef = useRef<HTMLDivElement>(null);
  const [isEditorStarted, startEditor] = useMountNearViewport(lazyRef, !isLazy);
  // Set when the user asked for this body (focus, click, Enter): the new editor takes the focus.
  const [isFocusWanted, setFocusWanted] = useState(false);
  const startFocused = () => {
    setFocusWanted(true);
    startEditor();
  };
  const key = bodyKey(owner);
  // Formatted text must not be flattened by the plain fallback.
  const isLocked = records.isLocked === true;
  const isPlainEditable = isPlainText(body.content) && !isLocked;
  const label = profileLabelText ?? t(bodyLabelKey(owner));
  const isOpenText = isOpenBody(owner, records);
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const canInsertAgenda = owner.kind === 'meeting' && owner.field === 'summary';
  const context = useMemo<BodyEditorContext>(
    () => ({
      appendices: records.appendices,
      participants: records.participants,
      lang,
      isOpenText,
      canInsertAgenda,
    }),
    [records.appendices, records.participants, lang, isOpenText, canInsertAgenda],
  );

  // The preview names references as the editor does ("Bilag 2", a participant's name).
  const previewNames = {
    appendix: (id: string) =>
      resolveAppendixRef(id, records.appendices, { lang, isOpenText }).label,
    participant: (id: string) =>
      records.participants.find((candidate) => candidate.id === id)?.name ?? '?',
  };

  const schedule = useCallback(
    (edit: BodyEdit, isImmediate = false) => {
      queue.schedule(key, edit, {
        isImmediate,
        send: async (latest: BodyEdit): Promise<Result<unknown>> => {
          // The editor's content is converted here, once per save, not on every keystroke.
          const content = typeof latest === 'function' ? latest() : latest;
          const json = JSON.stringify(content);
          // Typing back to the stored text (or an editor normalising on load) saves nothing.
          const storedJson =
            typeof stored.current === 'string' ? stored.current : JSON.stringify(stored.current);
          if (json === storedJson) return { ok: true, value: null };
          const result = await client.call('bodies:save', {
            owner,
            content,
            baseRevision: baseRevision.current,
          });
          if (result.ok) {
            baseRevision.current = result.value.revision;
            stored.current = json;
            setConflict(null);
            onSaved({
              content,
              revision: result.value.revision,
              updatedAt: result.value.updatedAt,
              updatedBy: body.updatedBy,
            });
          }
          return result;
        },
        onFailed: (error) => {
          if (error.code === 'conflict') setConflict(error);
        },
      });
    },
    [queue, key, client, owner, onSaved, body.updatedBy],
  );

  /** The newest stored revision, to resolve a conflict either way. */
  const latestStored = async () => {
    const history = await client.call('bodies:history', { owner });
    if (!history.ok) return null;
    return history.value.reduce<(typeof history.value)[number] | null>(
      (newest, revision) =>
        newest === null || revision.revision > newest.revision ? revision : newest,
      null,
    );
  };

  const keepMine = async () => {
    const latest = await latestStored();
    if (latest) baseRevision.current = latest.revision;
    setConflict(null);
    await queue.retry();
  };

  const takeStored = async () => {
    const latest = await latestStored();
    queue.discard(key);
    setConflict(null);
    if (!latest) return;
    baseRevision.current = latest.revision;
    stored.current = latest.content;
    setText(richTextToPlain(latest.content));
    setLoaded((previous) => ({ content: latest.content, generation: previous.generation + 1 }));
    onSaved({
      content: latest.content,
      revision: latest.revision,
      updatedAt: latest.savedAt,
      updatedBy: latest.author,
    });
  };

  const fallback = (
    <TextAreaField
      label={label}
      value={text}
      rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
      isReadOnly={!isPlainEditable}
      hint={isPlainEditable ? t('editor.fallback') : t('bodies.formattedReadOnly')}
      onChange={(next) => {
        setText(next);
        schedule(richTextFromPlain(next));
      }}
      onBlur={() => {
        if (queue.hasUnsaved()) void queue.flushAll();
      }}
    />
  );

  return (
    <div
      className="body-field"
      data-body-field={owner.field}
      onBlur={(event) => {
        // Leaving the body (not moving inside it) sends its pending save at once.
        if (
          !event.currentTarget.contains(event.relatedTarget as Node | null) &&
          queue.hasUnsaved()
        ) {
          void queue.flushAll();
        }
      }}
    >
      <EditorErrorBoundary fallback={fallback}>
        <span className="field__label body-field__label" aria-hidden="true">
          {label}
        </span>
        {isEditorStarted ? (
          // Names the body for the meeting document's find, undo and arrow keys.
          <DocumentBodyKeyContext.Provider value={key}>
            <BodyEditor
              // Approval remounts the editor read-only (its editable state is read at creation).
              key={`${loaded.generation}-${isLocked ? 'locked' : 'draft'}`}
              initialContent={loaded.content}
              onEdit={schedule}
              context={context}
              ariaLabel={label}
              isReadOnly={isLocked}
              isAutoFocus={isFocusWanted}
              {...(records.standardTexts ? { standardTexts: records.standardTexts } : {})}
            />
          </DocumentBodyKeyContext.Provider>
        ) : (
          <div ref={lazyRef} className="body-editor body-field__lazy">
            {!isLocked && toolbarSlot === null && (
              // Holds the toolbar's place, so starting the editor does not shift the page under
              // the pointer (one row; the real toolbar wraps only on narrow windows).
              <div className="editor-toolbar" aria-hidden="true">
                <button type="button" className="editor-toolbar__button" tabIndex={-1} disabled>
                  F
                </button>
              </div>
            )}
            <div
              className="body-editor__content body-field__preview"
              role="textbox"
              aria-label={label}
              aria-multiline
              aria-readonly={isLocked}
              tabIndex={0}
              lang="da"
              // Not on mousedown: the preview would be gone before the browser focuses it, and
              // the focus would land on the page instead of the new editor.
              onFocus={startFocused}
              onKeyDown={(event: KeyboardEvent) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  startFocused();
                }
              }}
            >
              {richTextToPlain(loaded.content, previewNames)
                .split('\n')
                .filter((line) => line.trim() !== '')
                .map((line, index) => (
                  <p key={index} className="editor-p">
                    {line}
                  </p>
                ))}
            </div>
          </div>
        )}
      </EditorErrorBoundary>
      <div className="button-row body-field__tools">
        <button
          type="button"
          className="button--quiet"
          aria-label={t('editor.history.open', { label })}
          onClick={() => setHistoryOpen(true)}
        >
          {t('editor.history.button')}
        </button>
      </div>
      {isHistoryOpen && (
        <HistoryDialog
          owner={owner}
          label={label}
          onClose={() => setHistoryOpen(false)}
          onRestore={(content) => {
            // A restore is a new revision with the old content; the history keeps everything.
            setHistoryOpen(false);
            setText(richTextToPlain(content));
            setLoaded((previous) => ({ content, generation: previous.generation + 1 }));
            schedule(content, true);
          }}
        />
      )}
      {conflict && (
        <div className="conflict" role="alert">
          <p>{t('bodies.conflict')}</p>
          <div className="button-row">
            <button type="button" onClick={() => void keepMine()}>
              {t('bodies.keepMine')}
            </button>
            <button type="button" onClick={() => void takeStored()}>
              {t('bodies.takeStored')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
