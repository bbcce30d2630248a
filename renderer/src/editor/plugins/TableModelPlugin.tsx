import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $isTableCellNode,
  $isTableRowNode,
  TableCellHeaderStates,
  TableNode,
} from '@lexical/table';

/**
 * Keeps the editor's tables to what the stored `table` block can say: header cells only in the
 * first row, and no header column. Lexical copies a row's header state to a row inserted
 * beside it (a row inserted above the header row left two header rows), and a table pasted
 * from elsewhere may mark a column; without this the editor would show header cells that the
 * saved body, and so the PDF, does not have. Runs when a table's rows change.
 */
export function TableModelPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerNodeTransform(TableNode, (table) => {
        table.getChildren().forEach((row, rowIndex) => {
          if (!$isTableRowNode(row)) return;
          for (const cell of row.getChildren()) {
            if (!$isTableCellNode(cell)) continue;
            const state = cell.getHeaderStyles();
            const allowed = rowIndex === 0 ? state & TableCellHeaderStates.ROW : 0;
            if (state !== allowed) cell.setHeaderStyles(allowed, TableCellHeaderStates.BOTH);
          }
        });
      }),
    [editor],
  );
  return null;
}
