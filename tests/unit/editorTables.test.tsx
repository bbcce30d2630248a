// @vitest-environment happy-dom
/**
 * Tables in the body editor: a stored table opens as Lexical's TableNode (header cells as
 * th) and saves back unchanged; the "Tabel" menu of the toolbar inserts a table with a header
 * row and adds and removes rows and columns; Word HTML pasted into a body becomes a table and
 * the paste says what it simplified.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { $getRoot, $isParagraphNode } from 'lexical';
import {
  $isTableCellNode,
  $isTableNode,
  $isTableRowNode,
  $insertTableRowAtSelection,
} from '@lexical/table';
import type { RichText, Table } from '../../common/domain/richText';
import type { BodyEditorContext } from '../../renderer/src/editor/BodyEditor';
import { $pasteHtml } from '../../renderer/src/editor/paste/PastePlugin';
import { mountBodyEditor } from './helpers/bodyEditorHarness';
import { rendered, setupReactTests } from './helpers/reactHarness';

setupReactTests();

const context: BodyEditorContext = { appendices: [], participants: [], lang: 'da' };
const cell = (value: string) => ({
  children:
    value === ''
      ? []
      : [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text: value }] }],
});
const budget: Table = {
  type: 'table',
  headerRow: true,
  rows: [{ cells: [cell('Post'), cell('Beløb')] }, { cells: [cell('Drift'), cell('')] }],
};

describe('tables in the body editor', () => {
  it('shows a stored table with its header cells as th and saves it back unchanged', async () => {
    const body: RichText = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Budget:' }] },
      budget,
      { type: 'paragraph', children: [{ type: 'text', text: 'Efter.' }] },
    ];
    const h = await mountBodyEditor({ initialContent: body, context });
    const table = rendered().querySelector('[contenteditable] table');
    expect(table).not.toBeNull();
    expect([...(table?.querySelectorAll('th') ?? [])].map((th) => th.textContent)).toEqual([
      'Post',
      'Beløb',
    ]);
    expect(table?.querySelectorAll('td')).toHaveLength(2);
    // An edit elsewhere saves the whole body: the table comes back exactly as stored.
    await act(async () => {
      h.editor.update(
        () => {
          const last = $getRoot().getLastChild();
          if ($isParagraphNode(last)) last.selectEnd().insertText(' Slut.');
        },
        { discrete: true },
      );
    });
    const saved = h.changes[h.changes.length - 1];
    expect(saved?.[1]).toEqual(budget);
    expect(saved?.[2]).toEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Efter. Slut.' }],
    });
  });

  it('inserts a table with a header row from the toolbar menu, then a row below the caret', async () => {
    const h = await mountBodyEditor({
      initialContent: [{ type: 'paragraph', children: [{ type: 'text', text: 'Tilskud:' }] }],
      context,
    });
    await act(async () => {
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
    });
    const button = rendered().querySelector<HTMLElement>('[aria-label="Tabel"]');
    expect(button).not.toBeNull();
    // The menu button is one item of the toolbar's roving focus.
    expect(button?.hasAttribute('data-toolbar-item')).toBe(true);
    await act(async () => {
      button?.dispatchEvent(
        new PointerEvent('pointerdown', { bubbles: true, pointerType: 'mouse', button: 0 }),
      );
      button?.dispatchEvent(
        new PointerEvent('pointerup', { bubbles: true, pointerType: 'mouse', button: 0 }),
      );
      button?.click();
    });
    const item = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
      (element) => element.textContent === 'Indsæt tabel',
    );
    expect(item, 'the menu lists "Indsæt tabel"').toBeDefined();
    // Row and column commands wait for a caret inside a table.
    const rowBelow = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
      (element) => element.textContent === 'Indsæt række under',
    );
    expect(rowBelow?.getAttribute('aria-disabled')).toBe('true');
    await act(async () => {
      item?.click();
    });
    const saved = h.changes[h.changes.length - 1] ?? [];
    const table = saved.find((block): block is Table => block.type === 'table');
    expect(table?.headerRow).toBe(true);
    expect(table?.rows.map((row) => row.cells.length)).toEqual([3, 3, 3]);
    // Lexical's row command on the caret's cell: one more row, still a valid table.
    await act(async () => {
      h.editor.update(
        () => {
          const tableNode = $getRoot().getChildren().find($isTableNode);
          const lastRow = tableNode?.getLastChild();
          const lastCell = $isTableRowNode(lastRow) ? lastRow.getFirstChild() : null;
          if ($isTableCellNode(lastCell)) lastCell.selectEnd();
          $insertTableRowAtSelection(true);
        },
        { discrete: true },
      );
    });
    const after = (h.changes[h.changes.length - 1] ?? []).find(
      (block): block is Table => block.type === 'table',
    );
    expect(after?.rows).toHaveLength(4);
  });

  it('pastes a Word table into a body as a table and says that merged cells were simplified', async () => {
    const h = await mountBodyEditor({ initialContent: [], context });
    const html =
      "<table class=MsoTableGrid border=1><tr style='mso-yfti-irow:0;mso-yfti-firstrow:yes;mso-yfti-lastfirstrow:yes'><td><p class=MsoNormal><b>Navn<o:p></o:p></b></p></td><td><p class=MsoNormal><b>Stemme<o:p></o:p></b></p></td></tr><tr><td colspan=2><p class=MsoNormal>Enstemmigt<o:p></o:p></p></td></tr></table>";
    const data = {
      types: ['text/html', 'text/plain'],
      getData: (type: string) => (type === 'text/html' ? html : 'Navn\tStemme'),
    } as unknown as DataTransfer;
    let notes: string[] = [];
    await act(async () => {
      h.editor.update(
        () => {
          $getRoot().selectEnd();
          expect($pasteHtml(h.editor, data, undefined, (n) => (notes = n))).toBe(true);
        },
        { discrete: true },
      );
    });
    expect(notes).toEqual(['mergedCells']);
    const saved = h.changes[h.changes.length - 1] ?? [];
    const table = saved.find((block): block is Table => block.type === 'table');
    expect(table).toEqual({
      type: 'table',
      headerRow: true,
      rows: [
        {
          cells: [
            {
              children: [
                { type: 'paragraph', children: [{ type: 'text', text: 'Navn', bold: true }] },
              ],
            },
            {
              children: [
                { type: 'paragraph', children: [{ type: 'text', text: 'Stemme', bold: true }] },
              ],
            },
          ],
        },
        { cells: [cell('Enstemmigt'), cell('')] },
      ],
    });
  });
});

describe('tables keep to the model in the editor', () => {
  it('a row inserted above the header row leaves no header cells below the first row, as the saved body has none', async () => {
    const h = await mountBodyEditor({ initialContent: [budget], context });
    await act(async () => {
      h.editor.update(
        () => {
          const tableNode = $getRoot().getChildren().find($isTableNode);
          const firstRow = tableNode?.getFirstChild();
          const firstCell = $isTableRowNode(firstRow) ? firstRow.getFirstChild() : null;
          if ($isTableCellNode(firstCell)) firstCell.selectEnd();
          $insertTableRowAtSelection(false);
        },
        { discrete: true },
      );
    });
    const table = rendered().querySelector('[contenteditable] table');
    const rows = [...(table?.querySelectorAll('tr') ?? [])];
    // Lexical inserts a plain row; the old header row, now the second, is plain too.
    expect(rows.map((row) => row.querySelectorAll('th').length)).toEqual([0, 0, 0]);
    const saved = (h.changes[h.changes.length - 1] ?? []).find(
      (block): block is Table => block.type === 'table',
    );
    expect(saved?.headerRow).toBe(false);
    expect(saved?.rows).toHaveLength(3);
  });
});

describe('the table menu inside a table', () => {
  /** Opens the "Tabel" menu and chooses `name`. */
  async function choose(name: string) {
    const button = rendered().querySelector<HTMLElement>('[aria-label="Tabel"]');
    await act(async () => {
      button?.click();
    });
    const item = [...document.querySelectorAll<HTMLElement>('[role="menuitem"]')].find(
      (element) => element.textContent === name,
    );
    if (!item) throw new Error(`no menu item "${name}"`);
    expect(item.getAttribute('aria-disabled')).not.toBe('true');
    await act(async () => {
      item.click();
    });
  }
  const lastTable = (h: { changes: RichText[] }) =>
    (h.changes[h.changes.length - 1] ?? []).find((block): block is Table => block.type === 'table');
  /** Puts the caret in the cell at (row, column) of the body's table. */
  async function caretIn(
    h: Awaited<ReturnType<typeof mountBodyEditor>>,
    row: number,
    column: number,
  ) {
    await act(async () => {
      h.editor.update(
        () => {
          const tableNode = $getRoot().getChildren().find($isTableNode);
          const rowNode = tableNode?.getChildren()[row];
          const cellNode = $isTableRowNode(rowNode) ? rowNode.getChildren()[column] : null;
          if ($isTableCellNode(cellNode)) cellNode.selectEnd();
        },
        { discrete: true },
      );
    });
  }

  it('adds a column, turns the header row off, deletes a row and then the table', async () => {
    const h = await mountBodyEditor({
      initialContent: [budget, { type: 'paragraph', children: [{ type: 'text', text: 'Efter.' }] }],
      context,
    });
    await caretIn(h, 1, 0);
    await choose('Indsæt kolonne til højre');
    expect(lastTable(h)?.rows.map((row) => row.cells.length)).toEqual([3, 3]);
    expect(lastTable(h)?.rows[0]?.cells.map((c) => c.children.length)).toEqual([1, 0, 1]);
    await caretIn(h, 1, 0);
    await choose('Første række er ikke overskrifter');
    expect(lastTable(h)?.headerRow).toBe(false);
    await caretIn(h, 1, 0);
    await choose('Første række er overskrifter');
    expect(lastTable(h)?.headerRow).toBe(true);
    await caretIn(h, 1, 0);
    await choose('Slet række');
    expect(lastTable(h)?.rows).toHaveLength(1);
    await caretIn(h, 0, 0);
    await choose('Slet tabel');
    expect(h.changes[h.changes.length - 1]).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Efter.' }] },
    ]);
  });
});
