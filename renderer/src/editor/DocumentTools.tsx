/**
 * What makes the meeting document's many body editors behave as one document: it attaches the
 * document's `DocumentBodies` (documentBodies.ts) to the `.meeting-document` element it is
 * rendered in, keeps the bodies' order and stored text current, opens the find bar on Ctrl+F
 * (Cmd+F) and with its replace field on Ctrl+H, and undoes/redoes the document's newest change on Ctrl+Z / Ctrl+Y / Ctrl+Shift+Z
 * when the focus is on the page rather than in a body (in a body, DocumentBodyPlugin does it),
 * selects and copies across bodies (useDocumentCopy.ts), and lists the shortcuts (F1).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodyOwner, MeetingDetail } from '../../../common/contract/api';
import { resolveAppendixRef } from '../../../common/editor/references';
import { bodyKey } from './bodies';
import {
  attachDocument,
  DocumentBodies,
  revealEditor,
  type DocumentBodyEntry,
} from './documentBodies';
import { DocumentSearch } from './documentFind';
import { applyDocumentHistory } from './documentHistory';
import { FindBar, type FindRequest } from './FindBar';
import { itemBodySlots, meetingBodySlots } from './itemBodyOrder';
import { isOpenBody } from './meetingRecords';
import { ShortcutsDialog } from './ShortcutsDialog';
import { useDocumentCopy } from './useDocumentCopy';

/** The meeting's bodies in the order the document shows them (the minutes profile's). */
export function documentEntries(detail: MeetingDetail): DocumentBodyEntry[] {
  const { meeting, profile } = detail;
  const entries: DocumentBodyEntry[] = meetingBodySlots(profile, detail.bodies).map(({ field }) => {
    const owner: BodyOwner = { kind: 'meeting', meetingId: meeting.id, field };
    return { key: bodyKey(owner), owner, content: detail.bodies[field]?.content ?? [] };
  });
  const items = [...detail.items].sort((a, b) => a.position - b.position);
  for (const item of items) {
    for (const { field } of itemBodySlots(profile, item)) {
      const owner: BodyOwner = { kind: 'item', itemId: item.id, field };
      entries.push({ key: bodyKey(owner), owner, content: item.bodies[field]?.content ?? [] });
    }
  }
  return entries;
}

/** Ctrl on Windows and Linux, Cmd on macOS (Ctrl as well: a PC keyboard on a Mac). */
const isCommandKey = (event: KeyboardEvent) =>
  (event.ctrlKey || event.metaKey) && !event.altKey && !event.getModifierState?.('AltGraph');

/** Inputs keep their own undo (the find field, the attendance form). */
function hasOwnUndo(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable ||
      target.closest('input, textarea, select, [contenteditable="true"]') !== null)
  );
}

export function DocumentTools({
  detail,
  itemSectionId,
}: {
  detail: MeetingDetail;
  /** The DOM id of an agenda item's section (MeetingDocument's). */
  itemSectionId(itemId: string): string;
}) {
  const { t, i18n } = useTranslation();
  const [isShortcutsOpen, setShortcutsOpen] = useState(false);
  const [bodies] = useState(() => new DocumentBodies());
  const anchor = useRef<HTMLDivElement>(null);
  const [find, setFind] = useState<FindRequest | null>(null);
  const isFindOpen = useRef(false);
  useEffect(() => {
    isFindOpen.current = find !== null;
  }, [find]);

  const documentHost = useCallback(() => bodies.host, [bodies]);
  const copyAnnouncement = useDocumentCopy(documentHost);

  const entries = useMemo(() => documentEntries(detail), [detail]);
  useLayoutEffect(() => {
    bodies.entries = entries;
    bodies.itemSectionId = itemSectionId;
  }, [bodies, entries, itemSectionId]);

  useLayoutEffect(() => {
    const host = anchor.current?.closest<HTMLElement>('.meeting-document');
    if (!host) return;
    return attachDocument(host, bodies);
  }, [bodies]);

  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const { appendices, participants, items, meeting } = detail;
  const search = useMemo(() => {
    const records = { appendices, participants, items, isMeetingClosed: meeting.isClosed };
    return new DocumentSearch(bodies, (owner) => {
      const isOpenText = isOpenBody(owner, records);
      return {
        appendix: (id) => resolveAppendixRef(id, appendices, { lang, isOpenText }).label,
        participant: (id) => participants.find((p) => p.id === id)?.name ?? '?',
      };
    });
  }, [bodies, appendices, participants, items, meeting.isClosed, lang]);

  useEffect(() => {
    const open = (event: KeyboardEvent, isReplace = false) => {
      event.preventDefault();
      const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      const originKey = active
        ? (bodies.entries.find((entry) =>
            bodies.editorOf(entry.key)?.getRootElement()?.contains(active),
          )?.key ?? null)
        : null;
      // A word selected in the text is what the user wants to find, as in a browser.
      const selected = window.getSelection()?.toString() ?? '';
      const initialQuery = selected.length <= 200 && !selected.includes('\n') ? selected : '';
      setFind((current) =>
        current
          ? {
              ...current,
              focusRequest: current.focusRequest + 1,
              isReplaceShown: current.isReplaceShown || isReplace,
            }
          : {
              focusRequest: 0,
              stepRequest: { step: 1, count: 0 },
              originKey,
              opener: active,
              initialQuery,
              isReplaceShown: isReplace,
            },
      );
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'F1' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        // The list of shortcuts, instead of the browser's help page.
        event.preventDefault();
        setShortcutsOpen(true);
        return;
      }
      if (event.key === 'F3' && !event.ctrlKey && !event.metaKey && !event.altKey) {
        // F3 steps through the matches, and opens the bar when it is closed.
        if (!isFindOpen.current) {
          open(event);
          return;
        }
        event.preventDefault();
        const step = event.shiftKey ? -1 : 1;
        setFind((current) =>
          current
            ? { ...current, stepRequest: { step, count: current.stepRequest.count + 1 } }
            : current,
        );
      } else if (isCommandKey(event) && event.code === 'KeyF' && !event.shiftKey) {
        open(event);
      } else if (isCommandKey(event) && event.code === 'KeyH' && !event.shiftKey) {
        // Find and replace, as in Word (and instead of the browser's history).
        open(event, true);
      }
    };
    // Capture: before the editors, and before the browser's own find bar (browser mode).
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [bodies]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // A body's editor handled it already (DocumentBodyPlugin), or an input keeps its own.
      if (event.defaultPrevented || !isCommandKey(event) || hasOwnUndo(event.target)) return;
      const isUndo = event.code === 'KeyZ' && !event.shiftKey;
      const isRedo =
        (event.code === 'KeyZ' && event.shiftKey) || (event.code === 'KeyY' && !event.shiftKey);
      if (!isUndo && !isRedo) return;
      // Only on the page or inside the document, not in dialogs elsewhere.
      const target = event.target instanceof Element ? event.target : null;
      if (target && target !== document.body && !bodies.host?.contains(target)) return;
      const editor = applyDocumentHistory(bodies.history, isUndo ? 'undo' : 'redo');
      if (!editor) return;
      event.preventDefault();
      revealEditor(editor, 'keep');
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bodies]);

  return (
    <div ref={anchor} className="document-tools">
      <button
        type="button"
        className="button--quiet document-tools__shortcuts"
        onClick={() => setShortcutsOpen(true)}
      >
        {t('editor.shortcutsDialog.open')} (F1)
      </button>
      {isShortcutsOpen && <ShortcutsDialog onClose={() => setShortcutsOpen(false)} />}
      <p className="visually-hidden" role="status">
        {copyAnnouncement}
      </p>
      {find && (
        <FindBar
          bodies={bodies}
          search={search}
          {...find}
          canReplace={meeting.status === 'draft'}
          onClose={() => setFind(null)}
        />
      )}
    </div>
  );
}
