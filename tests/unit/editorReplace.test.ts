// @vitest-environment happy-dom
/**
 * Replace in the meeting document's bodies: `$replaceMatches` replaces plain text (also a match
 * over two formatted runs) and leaves a match that includes a line break; `applyAsOneStep`
 * records the bodies it changes as one step of the shared history, so one undo restores every
 * body and one redo changes them all again.
 */
import { createHeadlessEditor } from '@lexical/headless';
import {
  $createLineBreakNode,
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  type LexicalEditor,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { findInText } from '../../common/editor/findInBodies';
import { $replaceMatches, type DocumentMatch } from '../../renderer/src/editor/documentFind';
import {
  applyAsOneStep,
  applyDocumentHistory,
  createDocumentHistory,
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

/** One paragraph per line; a "|" splits a line into runs, the second one bold. */
function setLines(editor: LexicalEditor, lines: string[]): void {
  editor.update(
    () => {
      const root = $getRoot().clear();
      for (const line of lines) {
        const paragraph = $createParagraphNode();
        line.split('|').forEach((run, index) => {
          if (run.startsWith('\n')) {
            paragraph.append($createLineBreakNode());
            run = run.slice(1);
          }
          const node = $createTextNode(run);
          if (index === 1) node.toggleFormat('bold');
          paragraph.append(node);
        });
        root.append(paragraph);
      }
    },
    { discrete: true },
  );
}

const linesOf = (editor: LexicalEditor) =>
  editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((block) => block.getTextContent()),
  );

/** The case-insensitive matches of `query` in the editor's paragraphs. */
function matchesIn(editor: LexicalEditor, query: string): DocumentMatch[] {
  return linesOf(editor).flatMap((text, block) =>
    findInText(text, query).map((match) => ({ owner: 'body', block, ...match })),
  );
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('replace in the bodies of the document', () => {
  it('replaces every plain-text match, also one over two formatted runs, and counts the rest', () => {
    const editor = newEditor();
    setLines(editor, ['Budgettet og budgettet.', 'Budg|ettet er vedtaget.', 'Bud|\nget']);
    const matches = [...matchesIn(editor, 'budgettet')];
    expect(matches).toHaveLength(3);
    let count = { replaced: 0, skipped: 0 };
    editor.update(
      () => {
        count = $replaceMatches(matches, 'økonomien');
      },
      { discrete: true },
    );
    expect(count).toEqual({ replaced: 3, skipped: 0 });
    expect(linesOf(editor)).toEqual([
      'økonomien og økonomien.',
      'økonomien er vedtaget.',
      'Bud\nget',
    ]);
    // A match over a line break is left as it is.
    const overBreak: DocumentMatch = { owner: 'body', block: 2, start: 0, end: 7 };
    editor.update(
      () => {
        count = $replaceMatches([overBreak], 'x');
      },
      { discrete: true },
    );
    expect(count).toEqual({ replaced: 0, skipped: 1 });
    expect(linesOf(editor)[2]).toBe('Bud\nget');
  });

  it('undoes the change of several bodies in one step and redoes it in one step', async () => {
    const history = createDocumentHistory();
    const a = newEditor();
    const b = newEditor();
    const c = newEditor();
    for (const editor of [a, b, c]) registerDocumentHistory(history, editor);
    setLines(a, ['Budgettet i A.']);
    setLines(b, ['Budgettet i B.']);
    setLines(c, ['Intet her.']);
    setLines(c, ['Intet her, ændret.']);
    const changed = applyAsOneStep(
      history,
      [a, b, c].map((editor) => ({
        editor,
        change: () => void $replaceMatches(matchesIn(editor, 'budgettet'), 'Økonomien'),
      })),
    );
    expect(changed).toEqual([a, b]);
    expect([linesOf(a), linesOf(b)]).toEqual([['Økonomien i A.'], ['Økonomien i B.']]);

    applyDocumentHistory(history, 'undo');
    await settled();
    expect([linesOf(a), linesOf(b), linesOf(c)]).toEqual([
      ['Budgettet i A.'],
      ['Budgettet i B.'],
      ['Intet her, ændret.'],
    ]);

    applyDocumentHistory(history, 'redo');
    await settled();
    expect([linesOf(a), linesOf(b)]).toEqual([['Økonomien i A.'], ['Økonomien i B.']]);

    // The step before the replace is still a step of its own.
    applyDocumentHistory(history, 'undo');
    await settled();
    applyDocumentHistory(history, 'undo');
    await settled();
    expect(linesOf(c)).toEqual(['Intet her.']);
    expect([linesOf(a), linesOf(b)]).toEqual([['Budgettet i A.'], ['Budgettet i B.']]);
  });
});
