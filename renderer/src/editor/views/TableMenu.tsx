/**
 * The "Tabel" menu of a body's toolbar: insert a table (three columns, three rows, a header
 * row), and inside a table add or remove rows and columns, turn the header row on or off, or
 * delete the table. A React Aria menu (arrow keys, Enter, Escape, typeahead); its button is one
 * item of the toolbar's roving focus. Moving between cells is Lexical's own: Tab and
 * Shift+Tab, and Tab in the last cell leaves the table.
 */
import { Table2 } from 'lucide-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  Separator,
  type Key,
} from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $deleteTableColumnAtSelection,
  $deleteTableRowAtSelection,
  $findCellNode,
  $findTableNode,
  $insertTableColumnAtSelection,
  $insertTableRowAtSelection,
  $isTableCellNode,
  $isTableRowNode,
  INSERT_TABLE_COMMAND,
  TableCellHeaderStates,
} from '@lexical/table';
import {
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isRangeSelection,
  $setSelection,
  type BaseSelection,
} from 'lexical';
import { maxTableColumns, maxTableRows } from '../../../../common/domain/richText';

/**
 * React Aria's press handling adds a `<style>` element (touch-action for its pressable
 * elements) unless an element with this id exists; the app's Content-Security-Policy
 * (`style-src 'self'`) refuses inline styles, so that element would only raise a CSP error.
 * The rule is in editor.css; this marker tells React Aria it is taken care of.
 */
const pressableStyleId = 'react-aria-pressable-style';
if (typeof document !== 'undefined' && !document.getElementById(pressableStyleId)) {
  const marker = document.createElement('meta');
  marker.id = pressableStyleId;
  marker.name = pressableStyleId;
  document.head.append(marker);
}

type TableState = { isInTable: boolean; rows: number; columns: number; hasHeaderRow: boolean };

const outside: TableState = { isInTable: false, rows: 0, columns: 0, hasHeaderRow: false };

/**
 * Where the caret is (or was, when the editor has lost its selection to the menu): in a table
 * (its size, whether its first row is the header row) or not.
 */
function $readTableState(selection: BaseSelection | null): TableState {
  let anchor;
  try {
    anchor = selection?.getNodes()[0];
  } catch {
    // A kept selection whose text is gone.
    return outside;
  }
  if (!anchor?.isAttached()) return outside;
  const cell = $findCellNode(anchor);
  const table = cell ? $findTableNode(cell) : null;
  if (!table) return outside;
  const rows = table.getChildren().filter($isTableRowNode);
  const firstCells = rows[0]?.getChildren().filter($isTableCellNode) ?? [];
  return {
    isInTable: true,
    rows: rows.length,
    columns: firstCells.length,
    hasHeaderRow:
      firstCells.length > 0 && firstCells.every((c) => c.hasHeaderState(TableCellHeaderStates.ROW)),
  };
}

/**
 * Puts the caret back where it was before the menu took the focus; at the end of the body
 * when that place is gone (its text was removed meanwhile, e.g. by an undo elsewhere).
 */
function $restoreSelection(saved: BaseSelection | null): void {
  const copy = saved?.clone() ?? null;
  let isAttached = false;
  try {
    isAttached =
      copy !== null &&
      ($isRangeSelection(copy)
        ? $getNodeByKey(copy.anchor.key) !== null && $getNodeByKey(copy.focus.key) !== null
        : copy.getNodes().every((node) => node.isAttached()));
  } catch {
    isAttached = false;
  }
  if (copy && isAttached) $setSelection(copy);
  else $getRoot().selectEnd();
}

type TableNode = NonNullable<ReturnType<typeof $findTableNode>>;

/**
 * One command of the menu inside a table: its label, when it is enabled (the model's size
 * limits, at least one row and column left) and what it does at the caret.
 */
type CellAction = {
  id: string;
  label: (state: TableState) => string;
  isEnabled: (state: TableState) => boolean;
  $run: (table: TableNode) => void;
};

/** Turns the first row's cells into header cells, or back into ordinary cells. */
function $toggleHeaderRow(table: TableNode): void {
  const first = table.getChildren().find($isTableRowNode);
  const cells = first?.getChildren().filter($isTableCellNode) ?? [];
  const isHeader = cells.every((c) => c.hasHeaderState(TableCellHeaderStates.ROW));
  for (const c of cells)
    c.setHeaderStyles(
      isHeader ? TableCellHeaderStates.NO_STATUS : TableCellHeaderStates.ROW,
      TableCellHeaderStates.ROW,
    );
}

/** Removes the table; the caret goes where the table was, so typing continues there. */
function $deleteTable(table: TableNode): void {
  const next = table.getNextSibling() ?? table.getPreviousSibling();
  table.remove();
  if (next) next.selectStart();
}

const canAddRow = (state: TableState) => state.rows < maxTableRows;
const canAddColumn = (state: TableState) => state.columns < maxTableColumns;
const always = () => true;

/** The commands inside a table, in menu order (labels are i18n keys under editor.table). */
const cellActions = (t: (key: string) => string): readonly CellAction[] => [
  {
    id: 'rowAbove',
    label: () => t('editor.table.rowAbove'),
    isEnabled: canAddRow,
    $run: () => $insertTableRowAtSelection(false),
  },
  {
    id: 'rowBelow',
    label: () => t('editor.table.rowBelow'),
    isEnabled: canAddRow,
    $run: () => $insertTableRowAtSelection(true),
  },
  {
    id: 'columnBefore',
    label: () => t('editor.table.columnBefore'),
    isEnabled: canAddColumn,
    $run: () => $insertTableColumnAtSelection(false),
  },
  {
    id: 'columnAfter',
    label: () => t('editor.table.columnAfter'),
    isEnabled: canAddColumn,
    $run: () => $insertTableColumnAtSelection(true),
  },
  {
    id: 'deleteRow',
    label: () => t('editor.table.deleteRow'),
    isEnabled: (state) => state.rows > 1,
    $run: () => $deleteTableRowAtSelection(),
  },
  {
    id: 'deleteColumn',
    label: () => t('editor.table.deleteColumn'),
    isEnabled: (state) => state.columns > 1,
    $run: () => $deleteTableColumnAtSelection(),
  },
  {
    id: 'toggleHeaderRow',
    label: (state) =>
      state.hasHeaderRow ? t('editor.table.headerRowOff') : t('editor.table.headerRowOn'),
    isEnabled: always,
    $run: $toggleHeaderRow,
  },
  {
    id: 'deleteTable',
    label: () => t('editor.table.delete'),
    isEnabled: always,
    $run: $deleteTable,
  },
];

const insertTableId = 'insertTable';

/** The table menu button with its menu, for the toolbar of the focused body. */
export function TableMenu() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const [state, setState] = useState<TableState>(outside);
  const saved = useRef<BaseSelection | null>(null);

  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState }) => {
        // The caret's last place in this body: pressing the menu button can move the browser's
        // selection (and so Lexical's) out of the editor before the menu opens.
        const selection = editorState.read(() => $getSelection()?.clone() ?? null);
        if (selection) saved.current = selection;
        const next = editorState.read(() => $readTableState(selection ?? saved.current));
        setState((previous) =>
          previous.isInTable === next.isInTable &&
          previous.rows === next.rows &&
          previous.columns === next.columns &&
          previous.hasHeaderRow === next.hasHeaderRow
            ? previous
            : next,
        );
      }),
    [editor],
  );

  const onOpenChange = useCallback(
    (isOpen: boolean) => {
      // The menu takes the focus: keep the caret's place to act on it.
      const selection = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
      if (isOpen && selection) saved.current = selection;
    },
    [editor],
  );

  const actions = cellActions(t);

  const run = (key: Key) => {
    if (key === insertTableId) {
      editor.update(
        () => {
          $restoreSelection(saved.current);
        },
        { discrete: true },
      );
      editor.dispatchCommand(INSERT_TABLE_COMMAND, {
        rows: '3',
        columns: '3',
        includeHeaders: { rows: true, columns: false },
      });
      editor.focus();
      return;
    }
    const action = actions.find((candidate) => candidate.id === key);
    if (!action) return;
    editor.update(() => {
      $restoreSelection(saved.current);
      const anchor = $getSelection()?.getNodes()[0];
      const cell = anchor ? $findCellNode(anchor) : null;
      const table = cell ? $findTableNode(cell) : null;
      if (table) action.$run(table);
    });
    editor.focus();
  };

  // Outside a table only inserting is possible; inside one, not (a table inside a table is
  // not part of the model), and each command as its own rule says.
  const disabledKeys = state.isInTable
    ? [insertTableId, ...actions.filter((a) => !a.isEnabled(state)).map((a) => a.id)]
    : actions.map((a) => a.id);

  return (
    <MenuTrigger onOpenChange={onOpenChange}>
      <Button
        data-toolbar-item
        className="editor-toolbar__button"
        aria-label={t('editor.table.menu')}
      >
        <span aria-hidden="true">
          <Table2 size={16} />
        </span>
      </Button>
      <Popover className="table-menu__popover" placement="bottom start">
        <Menu
          className="table-menu"
          aria-label={t('editor.table.menu')}
          onAction={run}
          disabledKeys={disabledKeys}
        >
          <MenuItem id={insertTableId} className="table-menu__item">
            {t('editor.table.insert')}
          </MenuItem>
          <Separator className="table-menu__separator" />
          {actions.map((action) => (
            <MenuItem key={action.id} id={action.id} className="table-menu__item">
              {action.label(state)}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}
