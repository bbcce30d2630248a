import { useContext, useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_HIGH,
  COMMAND_PRIORITY_LOW,
  KEY_ARROW_DOWN_COMMAND,
  KEY_ARROW_UP_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import {
  DocumentBodyKeyContext,
  documentOf,
  revealEditor,
  type DocumentBodies,
} from '../documentBodies';
import {
  applyDocumentHistory,
  historyTarget,
  isGroupNext,
  type HistoryDirection,
} from '../documentHistory';

/**
 * True when the collapsed caret is on the first (last) line of the body, so that ArrowUp
 * (ArrowDown) has nowhere to go inside it. Measured on the caret, so a wrapped paragraph's
 * earlier lines still move inside the body as usual. Layout is read only on arrow keys.
 */
export function isCaretOnEdgeLine(root: HTMLElement, edge: 'first' | 'last'): boolean {
  const selection = window.getSelection();
  if (!selection || selection.rangeCount === 0) return false;
  const range = selection.getRangeAt(0);
  if (!root.contains(range.startContainer)) return false;
  const block = edge === 'first' ? root.firstElementChild : root.lastElementChild;
  if (!block) return true;
  let caret = range.getBoundingClientRect();
  if (caret.height === 0) {
    // A caret in an empty paragraph has no box of its own: use the paragraph's.
    const node = range.startContainer;
    const element = node instanceof Element ? node : node.parentElement;
    if (element) caret = element.getBoundingClientRect();
  }
  const bounds = block.getBoundingClientRect();
  const lineHeight = parseFloat(getComputedStyle(root).lineHeight) || caret.height || 16;
  return edge === 'first'
    ? caret.top < bounds.top + lineHeight / 2
    : caret.bottom > bounds.bottom - lineHeight / 2;
}

/** Undo/redo of the document's newest change, wherever it is; false when it is in `editor`. */
function redirectHistory(
  bodies: DocumentBodies,
  editor: LexicalEditor,
  direction: HistoryDirection,
): boolean {
  const target = historyTarget(bodies.history, direction);
  if (target && isGroupNext(bodies.history, direction)) {
    // A change of several bodies at once: undone together, after this command is done.
    window.setTimeout(() => {
      const first = applyDocumentHistory(bodies.history, direction);
      if (first) revealEditor(first, 'keep');
    });
    return true;
  }
  // In this body (or nothing to do): the body's own history command does it.
  if (!target || target === editor) return false;
  applyDocumentHistory(bodies.history, direction);
  revealEditor(target, 'keep');
  return true;
}

/**
 * Makes a body editor part of the meeting document: registers it (find, undo and jumps reach
 * it by its key), sends Ctrl+Z / Ctrl+Y to the body of the document's newest change, and moves
 * the caret to the next (previous) body with ArrowDown on the last line (ArrowUp on the first).
 * Nothing runs per keystroke but the arrow check. Does nothing outside the document.
 */
export function DocumentBodyPlugin() {
  const [editor] = useLexicalComposerContext();
  const key = useContext(DocumentBodyKeyContext);
  useEffect(() => {
    const bodies = key === null ? null : documentOf(editor.getRootElement());
    if (!bodies || key === null) return;
    const moveTo = (event: KeyboardEvent | null, step: 1 | -1): boolean => {
      if (!event || event.shiftKey || event.altKey || event.ctrlKey || event.metaKey) return false;
      const selection = $getSelection();
      if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
      const root = editor.getRootElement();
      if (!root || !isCaretOnEdgeLine(root, step === 1 ? 'last' : 'first')) return false;
      const next = bodies.neighbour(key, step);
      if (!next) return false;
      event.preventDefault();
      void bodies.start(next.key).then((target) => {
        if (target) revealEditor(target, step === 1 ? 'start' : 'end');
      });
      return true;
    };
    return mergeRegister(
      bodies.register(key, editor),
      editor.registerCommand(
        UNDO_COMMAND,
        () => redirectHistory(bodies, editor, 'undo'),
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        REDO_COMMAND,
        () => redirectHistory(bodies, editor, 'redo'),
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(
        KEY_ARROW_DOWN_COMMAND,
        (event) => moveTo(event, 1),
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        KEY_ARROW_UP_COMMAND,
        (event) => moveTo(event, -1),
        COMMAND_PRIORITY_LOW,
      ),
    );
  }, [editor, key]);
  return null;
}
