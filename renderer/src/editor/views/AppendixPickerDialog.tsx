import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { searchAppendices, type AppendixInfo } from '../../../../common/editor/references';
import { EditorDialog } from './EditorDialog';

/** Picks an appendix to reference: search by number, title or document number. */
export function AppendixPickerDialog({
  appendices,
  onPick,
  onCancel,
}: {
  appendices: readonly AppendixInfo[];
  onPick(appendixId: string): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [query, setQuery] = useState('');
  const found = searchAppendices(appendices, query);
  return (
    <EditorDialog title={t('editor.insertAppendixRef')} onCancel={onCancel}>
      <div className="editor-form">
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('editor.appendixSearch')}</label>
          <input
            id={`${id}-q`}
            type="search"
            autoFocus
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              const first = found[0];
              if (e.key === 'Enter' && first) {
                e.preventDefault();
                onPick(first.id);
              }
            }}
          />
        </div>
        {appendices.length === 0 ? (
          <p>{t('editor.noAppendices')}</p>
        ) : found.length === 0 ? (
          <p>{t('editor.noAppendixMatch')}</p>
        ) : (
          <ul className="editor-picker">
            {found.map((a) => (
              <li key={a.id}>
                <button type="button" onClick={() => onPick(a.id)}>
                  {t('editor.appendixWord')} {a.number}: {a.title}
                  {a.documentNumber ? ` (${a.documentNumber})` : ''}
                </button>
              </li>
            ))}
          </ul>
        )}
        <div className="button-row">
          <button type="button" onClick={onCancel}>
            {t('editor.cancel')}
          </button>
        </div>
      </div>
    </EditorDialog>
  );
}
