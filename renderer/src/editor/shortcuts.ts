/**
 * The keyboard shortcuts of the body editor, listed once: the shortcuts plugin matches these
 * and the toolbar and help show them. `keys` is written for display; `code` matches
 * `KeyboardEvent.code` so that Danish and other layouts behave alike.
 */
export type EditorShortcut = {
  id: string;
  /** i18n key of the action under `editor.` */
  labelKey: string;
  keys: string;
};

export const editorShortcuts: readonly EditorShortcut[] = [
  { id: 'bold', labelKey: 'editor.bold', keys: 'Ctrl+B' },
  { id: 'italic', labelKey: 'editor.italic', keys: 'Ctrl+I' },
  { id: 'underline', labelKey: 'editor.underline', keys: 'Ctrl+U' },
  { id: 'undo', labelKey: 'editor.undo', keys: 'Ctrl+Z' },
  { id: 'redo', labelKey: 'editor.redo', keys: 'Ctrl+Y' },
  { id: 'numberedList', labelKey: 'editor.numberedList', keys: 'Ctrl+Shift+7' },
  { id: 'bulletList', labelKey: 'editor.bulletList', keys: 'Ctrl+Shift+8' },
  { id: 'heading1', labelKey: 'editor.heading1', keys: 'Ctrl+Alt+1' },
  { id: 'heading2', labelKey: 'editor.heading2', keys: 'Ctrl+Alt+2' },
  { id: 'heading3', labelKey: 'editor.heading3', keys: 'Ctrl+Alt+3' },
  { id: 'paragraph', labelKey: 'editor.paragraph', keys: 'Ctrl+Alt+0' },
  { id: 'indent', labelKey: 'editor.indent', keys: 'Tab' },
  { id: 'outdent', labelKey: 'editor.outdent', keys: 'Shift+Tab' },
  { id: 'link', labelKey: 'editor.link', keys: 'Ctrl+K' },
  { id: 'vote', labelKey: 'editor.insertVote', keys: 'Ctrl+Shift+A' },
  { id: 'dissent', labelKey: 'editor.insertDissent', keys: 'Ctrl+Shift+P' },
  { id: 'standardText', labelKey: 'editor.standardTextFirst', keys: 'Ctrl+Shift+G' },
  { id: 'agenda', labelKey: 'editor.insertAgenda', keys: 'Ctrl+Shift+D' },
  { id: 'appendix', labelKey: 'editor.insertAppendixRef', keys: '#' },
  { id: 'participant', labelKey: 'editor.insertParticipantRef', keys: '@' },
  { id: 'slash', labelKey: 'editor.slashMenu', keys: '/' },
  { id: 'toolbar', labelKey: 'editor.toToolbar', keys: 'Alt+F10' },
];

/**
 * The keys of the meeting document as a whole (DocumentTools, DocumentBodyPlugin, FindBar and
 * useDocumentCopy match them), listed with the editor's in the shortcuts dialog: each is an id
 * and its keys, named by `editor.documentShortcuts.<id>`.
 */
export const documentShortcuts: readonly EditorShortcut[] = (
  [
    ['find', 'Ctrl+F'],
    ['replace', 'Ctrl+H'],
    ['findNext', 'F3'],
    ['findPrevious', 'Shift+F3'],
    ['selectAll', 'Ctrl+A, Ctrl+A'],
    ['copy', 'Ctrl+C'],
    ['undo', 'Ctrl+Z'],
    ['redo', 'Ctrl+Y, Ctrl+Shift+Z'],
    ['moveBetween', '↑ / ↓'],
    ['help', 'F1'],
  ] as const
).map(([id, keys]) => ({ id, labelKey: `editor.documentShortcuts.${id}`, keys }));

/** The display keys of a shortcut, for titles such as "Fed (Ctrl+B)". */
export function shortcutKeys(id: string): string {
  return editorShortcuts.find((s) => s.id === id)?.keys ?? '';
}
