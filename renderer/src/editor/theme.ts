import type { EditorThemeClasses } from 'lexical';

/** Class names Lexical puts on the editor's DOM; styled in editor.css. */
export const editorTheme: EditorThemeClasses = {
  paragraph: 'editor-p',
  heading: { h1: 'editor-h1', h2: 'editor-h2', h3: 'editor-h3' },
  list: {
    ul: 'editor-ul',
    ol: 'editor-ol',
    listitem: 'editor-li',
    nested: { listitem: 'editor-li--nested' },
  },
  link: 'editor-link',
  table: 'editor-table',
  tableRow: 'editor-tr',
  tableCell: 'editor-td',
  tableCellHeader: 'editor-th',
  tableSelection: 'editor-table--selection',
  tableCellSelected: 'editor-td--selected',
  text: { bold: 'editor-bold', italic: 'editor-italic', underline: 'editor-underline' },
};
