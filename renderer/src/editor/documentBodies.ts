/**
 * The text bodies of the meeting document as one document: their order, which of them have
 * started their editor (sections far from the viewport show a preview until then), how to
 * start one on demand, and the document's shared undo history (documentHistory.ts).
 *
 * The meeting document holds one `DocumentBodies` (DocumentTools attaches it to the
 * `.meeting-document` element), BodyField names each body (DocumentBodyKeyContext), and the
 * body editors find their document from their place in the page and register themselves
 * (DocumentBodyPlugin). Outside the document (the forms view) there is none, and each editor
 * keeps a history of its own.
 */
import { createContext } from 'react';
import { $getRoot, type LexicalEditor } from 'lexical';
import type { BodyOwner } from '../../../common/contract/api';
import type { RichText } from '../../../common/domain/richText';
import { createDocumentHistory } from './documentHistory';
import { mountNowEvent } from './useMountNearViewport';

/** One body of the document, in document order, with its stored content. */
export type DocumentBodyEntry = {
  key: string;
  owner: BodyOwner;
  content: RichText;
};

/** How long a body may take to start its editor before a jump gives up. */
const startTimeoutMs = 10_000;

export class DocumentBodies {
  readonly history = createDocumentHistory();
  private list: readonly DocumentBodyEntry[] = [];
  private positions = new Map<string, number>();

  /** The bodies in document order; replaced by DocumentTools when the meeting changes. */
  get entries(): readonly DocumentBodyEntry[] {
    return this.list;
  }

  set entries(entries: readonly DocumentBodyEntry[]) {
    this.list = entries;
    // Find compares matches by body position many times per step: keep it a lookup.
    this.positions = new Map(entries.map((entry, index) => [entry.key, index]));
  }
  /** The element holding the document (set by DocumentTools). */
  host: HTMLElement | null = null;
  /** The DOM id of an agenda item's section (set by DocumentTools). */
  itemSectionId: (itemId: string) => string = (itemId) => itemId;
  private readonly editors = new Map<string, LexicalEditor>();
  private readonly keys = new WeakMap<LexicalEditor, string>();
  private readonly waiting = new Map<string, Set<(editor: LexicalEditor) => void>>();

  /** Called by a body's editor once created; returns the cleanup. */
  register(key: string, editor: LexicalEditor): () => void {
    this.editors.set(key, editor);
    this.keys.set(editor, key);
    const waiters = this.waiting.get(key);
    this.waiting.delete(key);
    waiters?.forEach((resolve) => resolve(editor));
    return () => {
      if (this.editors.get(key) === editor) this.editors.delete(key);
    };
  }

  editorOf(key: string): LexicalEditor | null {
    return this.editors.get(key) ?? null;
  }

  keyOf(editor: LexicalEditor): string | null {
    return this.keys.get(editor) ?? null;
  }

  indexOf(key: string): number {
    return this.positions.get(key) ?? -1;
  }

  /** The body `step` places after (negative: before) `key`, or null at either end. */
  neighbour(key: string, step: 1 | -1): DocumentBodyEntry | null {
    const index = this.indexOf(key);
    if (index === -1) return null;
    return this.entries[index + step] ?? null;
  }

  /** The element to start a body's editor in: its item's section, or the meeting body. */
  private sectionOf(key: string): Element | null {
    const entry = this.entries.find((candidate) => candidate.key === key);
    if (!entry) return null;
    const { owner } = entry;
    if (owner.kind === 'item') return document.getElementById(this.itemSectionId(owner.itemId));
    // A meeting body: its field is unique outside the item sections.
    const fields = this.host?.querySelectorAll(`[data-body-field="${owner.field}"]`) ?? [];
    return [...fields].find((field) => !field.closest('.meeting-document__item')) ?? null;
  }

  /**
   * The editor of a body, starting it first when its section still shows the preview.
   * Resolves null when the body is not in the document or does not start in time.
   */
  start(key: string): Promise<LexicalEditor | null> {
    const existing = this.editors.get(key);
    if (existing) return Promise.resolve(existing);
    const section = this.sectionOf(key);
    if (!section) return Promise.resolve(null);
    return new Promise((resolve) => {
      const waiters = this.waiting.get(key) ?? new Set();
      this.waiting.set(key, waiters);
      const timer = window.setTimeout(() => {
        waiters.delete(resolveOnce);
        resolve(null);
      }, startTimeoutMs);
      const resolveOnce = (editor: LexicalEditor) => {
        window.clearTimeout(timer);
        resolve(editor);
      };
      waiters.add(resolveOnce);
      // The section's lazy wrapper (item sections) or the body's own (meeting bodies).
      section
        .querySelectorAll('.meeting-document__lazy, .body-field__lazy')
        .forEach((lazy) => lazy.dispatchEvent(new Event(mountNowEvent)));
    });
  }
}

const documents = new WeakMap<Element, DocumentBodies>();
const documentSelector = '.meeting-document';

/** Makes `bodies` the document of the editors inside `host`; returns the cleanup. */
export function attachDocument(host: HTMLElement, bodies: DocumentBodies): () => void {
  documents.set(host, bodies);
  bodies.host = host;
  return () => {
    if (documents.get(host) === bodies) documents.delete(host);
  };
}

/** The meeting document an element (a body editor's text) is part of, or null. */
export function documentOf(element: Element | null): DocumentBodies | null {
  const host = element?.closest(documentSelector);
  return host ? (documents.get(host) ?? null) : null;
}

/** The key (bodies.ts `bodyKey`) of the body whose editor is below. */
export const DocumentBodyKeyContext = createContext<string | null>(null);

/**
 * Focuses a body's editor and brings its caret into view. `place` puts the caret at the start
 * or end of the body first (moving between bodies with the arrow keys); 'keep' keeps the
 * selection the editor has (after an undo, which restores the selection of that change).
 */
export function revealEditor(editor: LexicalEditor, place: 'start' | 'end' | 'keep'): void {
  const focus = () => {
    editor.focus(() => requestAnimationFrame(() => scrollCaretIntoView(editor)), {
      defaultSelection: place === 'end' ? 'rootEnd' : 'rootStart',
    });
  };
  if (place === 'keep') {
    focus();
    return;
  }
  editor.update(
    () => {
      const root = $getRoot();
      if (place === 'start') root.selectStart();
      else root.selectEnd();
    },
    { onUpdate: focus },
  );
}

/** Scrolls so that the caret of a focused editor is on screen (no-op when it already is). */
export function scrollCaretIntoView(editor: LexicalEditor): void {
  const root = editor.getRootElement();
  const selection = window.getSelection();
  if (!root || !selection || selection.rangeCount === 0) return;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer)) return;
  const rect = range.getBoundingClientRect();
  const isZero = rect.top === 0 && rect.bottom === 0;
  if (!isZero && rect.top >= 0 && rect.bottom <= window.innerHeight) return;
  const node = range.startContainer;
  const element = node instanceof Element ? node : node.parentElement;
  element?.scrollIntoView({ block: 'center' });
}
