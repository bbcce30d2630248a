import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { searchAppendices } from '../../../../common/editor/references';
import { $createAppendixReferenceNode } from '../nodes/AppendixReferenceNode';
import { useReferenceLookup } from '../referenceLookup';
import { RecordTriggerPlugin } from './RecordTriggerPlugin';

/** Typing "#" opens a search of the meeting's appendices by number, title or document number. */
export function AppendixTriggerPlugin() {
  const { t } = useTranslation();
  const { appendices } = useReferenceLookup();
  const word = t('editor.appendixWord');
  const search = useCallback(
    (query: string) =>
      searchAppendices(appendices, query)
        .slice(0, 12)
        .map((a) => ({
          id: a.id,
          label: `${word} ${a.number}: ${a.title}`,
          detail: a.documentNumber,
        })),
    [appendices, word],
  );
  return (
    <RecordTriggerPlugin
      trigger="#"
      label={t('editor.appendixSearch')}
      search={search}
      create={$createAppendixReferenceNode}
    />
  );
}
