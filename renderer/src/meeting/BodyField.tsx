/**
 * One text body (Resumé, Indstilling, Beslutning ...) of a meeting or an agenda item.
 *
 * THE SWAP POINT FOR THE RICH-TEXT EDITOR: today this is a plain textarea whose text is mapped
 * to and from the `RichText` block structure with `richTextFromPlain` / `richTextToPlain`.
 * The editor issue replaces the inside of this component with a Lexical editor that keeps the
 * same props: it receives the stored `body` (content + revision), saves through the autosave
 * queue with `bodies:save {owner, content, baseRevision}`, and reports each acknowledged save
 * with `onSaved` so the meeting screen keeps the new revision.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyOwner } from '../../../main/common/contract/api';
import type { ApiError } from '../../../main/common/contract/result';
import type { Body } from '../../../main/common/domain/model';
import {
  richTextFromPlain,
  richTextToPlain,
  type RichText,
} from '../../../main/common/domain/richText';
import { useApp } from '../appContext';
import { TextAreaField } from '../components/fields';
import { bodyKey, bodyLabelKey } from './bodies';

export type BodyFieldProps = {
  /** Which body this is (meeting or item, and the field). */
  owner: BodyOwner;
  /** The stored body as loaded. */
  body: Body;
  /** Called after every save the library acknowledged, with the body as now stored. */
  onSaved(body: Body): void;
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

export function BodyField({ owner, body, onSaved }: BodyFieldProps) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [text, setText] = useState(() => richTextToPlain(body.content));
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const baseRevision = useRef(body.revision);
  const key = bodyKey(owner);
  // Formatted text (from an import or the coming editor) must not be flattened by this fallback.
  const isEditable = isPlainText(body.content);

  const schedule = (next: string, isImmediate = false) => {
    queue.schedule(key, next, {
      isImmediate,
      send: async (latest: string) => {
        const content = richTextFromPlain(latest);
        const result = await client.call('bodies:save', {
          owner,
          content,
          baseRevision: baseRevision.current,
        });
        if (result.ok) {
          baseRevision.current = result.value.revision;
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
  };

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
    setText(richTextToPlain(latest.content));
    onSaved({
      content: latest.content,
      revision: latest.revision,
      updatedAt: latest.savedAt,
      updatedBy: latest.author,
    });
  };

  return (
    <div className="body-field" data-body-field={owner.field}>
      <TextAreaField
        label={t(bodyLabelKey(owner))}
        value={text}
        rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
        isReadOnly={!isEditable}
        hint={isEditable ? undefined : t('bodies.formattedReadOnly')}
        onChange={(next) => {
          setText(next);
          schedule(next);
        }}
        onBlur={() => {
          if (queue.hasUnsaved()) void queue.flushAll();
        }}
      />
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
