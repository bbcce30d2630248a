/**
 * One undo order for the whole meeting document.
 *
 * The document has one Lexical editor per text body, each with its own history by default, so
 * Ctrl+Z in body B could not undo what was just typed in body A. Here every body editor of the
 * document records into one shared Lexical `HistoryState` (Lexical's history supports stacks
 * whose entries belong to different editors): the undo stack is the document's order of
 * changes, and an undo reverts its newest entry in whichever body it was. The plugins send
 * Ctrl+Z to the editor that owns that entry and focus it (see DocumentBodyPlugin).
 *
 * Bounded: each entry holds an editor state (a snapshot of one body), so the shared stack
 * keeps the newest {@link documentUndoDepth} entries, for the document as a whole rather than
 * per body. Entries of an editor that is replaced (a restored revision, approval) are dropped
 * with it.
 */
import {
  createEmptyHistoryState,
  registerHistory,
  type HistoryState,
  type HistoryStateEntry,
} from '@lexical/history';
import {
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  HISTORIC_TAG,
  REDO_COMMAND,
  SKIP_DOM_SELECTION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';

/** Undo steps kept for the whole document (ProseMirror keeps 100 per editor). */
export const documentUndoDepth = 500;

/** Typing within this many milliseconds merges into one undo step (Lexical's default). */
const mergeDelay = 1000;

export type DocumentHistory = {
  readonly state: HistoryState;
  /** Every body editor recording into `state`, to keep their undo/redo buttons in step. */
  readonly editors: Set<LexicalEditor>;
  canUndo: boolean;
  canRedo: boolean;
  /**
   * Entries that are undone (redone) together, by group number: the bodies one "Erstat alle"
   * changed (see {@link applyAsOneStep}).
   */
  readonly groups: WeakMap<HistoryStateEntry, number>;
  lastGroup: number;
  /** True while a group is being undone (redone): the bodies' own history commands do it. */
  isApplyingGroup: boolean;
};

export function createDocumentHistory(): DocumentHistory {
  return {
    state: createEmptyHistoryState(),
    editors: new Set(),
    canUndo: false,
    canRedo: false,
    groups: new WeakMap(),
    lastGroup: 0,
    isApplyingGroup: false,
  };
}

export type HistoryDirection = 'undo' | 'redo';

const stackOf = (history: DocumentHistory, direction: HistoryDirection) =>
  direction === 'undo' ? history.state.undoStack : history.state.redoStack;

/** Whether the next undo (redo) reverts (restores) a group of changes in several bodies. */
export function isGroupNext(history: DocumentHistory, direction: HistoryDirection): boolean {
  const top = stackOf(history, direction).at(-1);
  return !history.isApplyingGroup && top !== undefined && history.groups.has(top);
}

/** The editor whose change an undo (redo) would revert (restore) now, or null. */
export function historyTarget(
  history: DocumentHistory,
  direction: HistoryDirection,
): LexicalEditor | null {
  const stack = direction === 'undo' ? history.state.undoStack : history.state.redoStack;
  return stack[stack.length - 1]?.editor ?? null;
}

/**
 * Tells every body's toolbar whether the document can undo/redo. Cheap when nothing changed
 * (two comparisons), so it may run after every update.
 */
export function syncHistoryButtons(history: DocumentHistory): void {
  const canUndo = history.state.undoStack.length > 0;
  const canRedo = history.state.redoStack.length > 0;
  if (canUndo !== history.canUndo) {
    history.canUndo = canUndo;
    for (const editor of history.editors) editor.dispatchCommand(CAN_UNDO_COMMAND, canUndo);
  }
  if (canRedo !== history.canRedo) {
    history.canRedo = canRedo;
    for (const editor of history.editors) editor.dispatchCommand(CAN_REDO_COMMAND, canRedo);
  }
}

/** Drops the entries of an editor that is going away: undoing them would change nothing visible. */
export function forgetEditor(history: DocumentHistory, editor: LexicalEditor): void {
  const { state } = history;
  const keep = (entries: HistoryState['undoStack']) =>
    entries.filter((entry) => entry.editor !== editor);
  // In place: Lexical's listeners of the other editors hold the same arrays.
  state.undoStack.splice(0, state.undoStack.length, ...keep(state.undoStack));
  state.redoStack.splice(0, state.redoStack.length, ...keep(state.redoStack));
  if (state.current?.editor === editor) state.current = null;
  history.editors.delete(editor);
  syncHistoryButtons(history);
}

/**
 * Records `editor`'s changes into the document's history (instead of a history of its own)
 * and keeps the toolbars in step. Returns the cleanup.
 */
export function registerDocumentHistory(
  history: DocumentHistory,
  editor: LexicalEditor,
): () => void {
  history.editors.add(editor);
  const unregister = registerHistory(
    editor,
    history.state,
    mergeDelay,
    Date.now,
    undefined,
    documentUndoDepth,
  );
  // Registered after the history's own listener, so it sees the stacks after this update.
  const stopSync = editor.registerUpdateListener(() => syncHistoryButtons(history));
  // A body started later shows the document's state, not an empty history (its toolbar starts
  // disabled, so only a true is news: starting many bodies costs no extra updates).
  if (history.canUndo) editor.dispatchCommand(CAN_UNDO_COMMAND, true);
  if (history.canRedo) editor.dispatchCommand(CAN_REDO_COMMAND, true);
  return () => {
    stopSync();
    unregister();
    forgetEditor(history, editor);
  };
}

/**
 * Undoes (redoes) the document's newest change (newest undone change) in the body it belongs
 * to, or every body of a group of changes made as one step. Returns that (the first) body's
 * editor, or null when there is nothing to do.
 */
export function applyDocumentHistory(
  history: DocumentHistory,
  direction: HistoryDirection,
): LexicalEditor | null {
  const target = historyTarget(history, direction);
  if (!target) return null;
  const command = direction === 'undo' ? UNDO_COMMAND : REDO_COMMAND;
  const first = stackOf(history, direction).at(-1);
  const group = first ? history.groups.get(first) : undefined;
  if (group === undefined) {
    target.dispatchCommand(command, undefined);
    syncHistoryButtons(history);
    return target;
  }
  history.isApplyingGroup = true;
  try {
    for (;;) {
      const top = stackOf(history, direction).at(-1);
      if (!top || history.groups.get(top) !== group) break;
      const other = direction === 'undo' ? 'redo' : 'undo';
      const otherLength = stackOf(history, other).length;
      top.editor.dispatchCommand(command, undefined);
      // The entry that restores this body again belongs to the same group.
      const inverse = stackOf(history, other).at(-1);
      if (inverse && stackOf(history, other).length > otherLength) {
        history.groups.set(inverse, group);
      }
      if (stackOf(history, direction).at(-1) === top) break;
    }
  } finally {
    history.isApplyingGroup = false;
  }
  syncHistoryButtons(history);
  return target;
}

/**
 * Changes several bodies as one undo step ("Erstat alle"): each change runs in an update of
 * its editor that Lexical's own history leaves alone (its entries are made here), without
 * moving the page or the focus, and the bodies' previous states go on the document's undo
 * stack as one group, so one Ctrl+Z restores all of them and one Ctrl+Y changes them again.
 * Returns the editors whose text changed.
 */
export function applyAsOneStep(
  history: DocumentHistory,
  changes: readonly { editor: LexicalEditor; change: () => void }[],
): LexicalEditor[] {
  const group = ++history.lastGroup;
  const entries: HistoryStateEntry[] = [];
  const changed: LexicalEditor[] = [];
  for (const { editor, change } of changes) {
    const before = editor.getEditorState();
    editor.update(change, {
      tag: [HISTORIC_TAG, SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG],
      discrete: true,
    });
    if (editor.getEditorState() === before) continue;
    changed.push(editor);
    // An empty state cannot be restored (Lexical's history skips those too).
    if (!before.isEmpty()) entries.push({ editor, editorState: before });
  }
  const last = changed.at(-1);
  if (!last) return changed;
  const { state } = history;
  state.redoStack.splice(0, state.redoStack.length);
  for (const entry of entries) {
    state.undoStack.push(entry);
    history.groups.set(entry, group);
  }
  if (state.undoStack.length > documentUndoDepth) {
    state.undoStack.splice(0, state.undoStack.length - documentUndoDepth);
  }
  // What the next change of any body is recorded against (as Lexical's history would).
  state.current = { editor: last, editorState: last.getEditorState() };
  syncHistoryButtons(history);
  return changed;
}
