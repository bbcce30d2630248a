/**
 * The keyboard shortcuts of the minutes, listed in the app: the editor's own
 * (shortcuts.ts `editorShortcuts`, which the shortcuts plugin matches) and those of the
 * document as a whole. Opened with F1 or the button above the document; Escape closes it and
 * the focus returns to where it was. Portalled out of the document, so that keys pressed in it
 * (Ctrl+Z) never reach the document's handlers.
 */
import { useTranslation } from 'react-i18next';
import { documentShortcuts, editorShortcuts, type EditorShortcut } from './shortcuts';
import { EditorDialog } from './views/EditorDialog';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();

  const table = (heading: string, shortcuts: readonly EditorShortcut[]) => (
    <table className="shortcuts-dialog__table">
      <caption>{heading}</caption>
      <thead>
        <tr>
          <th scope="col">{t('editor.shortcutsDialog.action')}</th>
          <th scope="col">{t('editor.shortcutsDialog.keys')}</th>
        </tr>
      </thead>
      <tbody>
        {shortcuts.map((shortcut) => (
          <tr key={shortcut.id}>
            <td>{t(shortcut.labelKey)}</td>
            <td>
              <kbd>{shortcut.keys}</kbd>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <EditorDialog
      title={t('editor.shortcutsDialog.open')}
      className="shortcuts-dialog"
      isFocusReturned
      closeLabel={t('editor.shortcutsDialog.close')}
      isCloseFocused
      onCancel={onClose}
    >
      {table(t('editor.shortcutsDialog.editorHeading'), editorShortcuts)}
      {table(t('editor.shortcutsDialog.documentHeading'), documentShortcuts)}
      <p className="hint">{t('editor.shortcutsDialog.macNote')}</p>
    </EditorDialog>
  );
}
