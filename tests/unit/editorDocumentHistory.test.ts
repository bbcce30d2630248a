import { createHeadlessEditor } from '@lexical/headless';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import {
  applyDocumentHistory,
  createDocumentHistory,
  documentUndoDepth,
  historyTarget,
  registerDocumentHistory,
} from '../../renderer/src/editor/documentHistory';

function newEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'test',
    onError: (error) => {
      throw error;
    },
  });
}

function setText(editor: LexicalEditor, text: string): void {
  editor.update(
    () => {
      $getRoot()
        .clear()
        .append($createParagraphNode().append($createTextNode(text)));
    },
    { discrete: true },
  );
}

const textOf = (editor: LexicalEditor) =>
  editor.getEditorState().read(() => $getRoot().getTextContent());

/** Undo and redo run inside an update of the editor, which commits in a microtask. */
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the document history shared by the body editors', () => {
  it('undoes the newest change wherever it was, then redoes in the order of the changes', async () => {
    const history = createDocumentHistory();
    const a = newEditor();
    const b = newEditor();
    registerDocumentHistory(history, a);
    registerDocumentHistory(history, b);
    setText(a, 'a0');
    setText(a, 'a1');
    setText(b, 'b0');
    setText(b, 'b1');
    expect(historyTarget(history, 'undo')).toBe(b);
    // Undo asked for in body A reverts B's change: it is the newest.
    a.dispatchCommand(UNDO_COMMAND, undefined);
    await settled();
    expect([textOf(a), textOf(b)]).toEqual(['a1', 'b0']);
    expect(applyDocumentHistory(history, 'undo')).toBe(a);
    await settled();
    expect([textOf(a), textOf(b)]).toEqual(['a0', 'b0']);
    expect(applyDocumentHistory(history, 'undo')).toBeNull();
    expect(applyDocumentHistory(history, 'redo')).toBe(a);
    await settled();
    expect([textOf(a), textOf(b)]).toEqual(['a1', 'b0']);
    expect(applyDocumentHistory(history, 'redo')).toBe(b);
    await settled();
    expect([textOf(a), textOf(b)]).toEqual(['a1', 'b1']);
    expect(applyDocumentHistory(history, 'redo')).toBeNull();
  });

  it("tells every body's toolbar whether the document can undo", async () => {
    const history = createDocumentHistory();
    const a = newEditor();
    const b = newEditor();
    const seenByB: boolean[] = [];
    b.registerCommand(
      CAN_UNDO_COMMAND,
      (value) => (seenByB.push(value), false),
      COMMAND_PRIORITY_LOW,
    );
    registerDocumentHistory(history, a);
    registerDocumentHistory(history, b);
    setText(a, 'a0');
    setText(a, 'a1');
    expect(history.canUndo).toBe(true);
    expect(seenByB.at(-1)).toBe(true);
    applyDocumentHistory(history, 'undo');
    await settled();
    expect(seenByB.at(-1)).toBe(false);
  });

  it('drops the steps of a body whose editor goes away', async () => {
    const history = createDocumentHistory();
    const a = newEditor();
    const b = newEditor();
    registerDocumentHistory(history, a);
    const stopB = registerDocumentHistory(history, b);
    setText(a, 'a0');
    setText(a, 'a1');
    setText(b, 'b0');
    setText(b, 'b1');
    stopB();
    expect(history.state.undoStack.every((entry) => entry.editor === a)).toBe(true);
    expect(applyDocumentHistory(history, 'undo')).toBe(a);
    await settled();
    expect(textOf(a)).toBe('a0');
  });

  it('keeps at most documentUndoDepth steps for the whole document', () => {
    const history = createDocumentHistory();
    const editors = [newEditor(), newEditor(), newEditor()];
    editors.forEach((editor) => registerDocumentHistory(history, editor));
    for (let i = 0; i < documentUndoDepth + 100; i++) {
      setText(editors[i % editors.length] as LexicalEditor, `text ${i}`);
    }
    expect(history.state.undoStack.length).toBe(documentUndoDepth);
  });
});
