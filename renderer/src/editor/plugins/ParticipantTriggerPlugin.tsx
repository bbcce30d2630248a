import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { searchParticipants } from '../../../../common/editor/references';
import { $createParticipantReferenceNode } from '../nodes/ParticipantReferenceNode';
import { useReferenceLookup } from '../referenceLookup';
import { RecordTriggerPlugin } from './RecordTriggerPlugin';

/**
 * Typing "@" opens a search of the meeting's participants by name or party letter. "@" after
 * a letter (a mail address) does not open it, and Danish prose has no other use for it.
 */
export function ParticipantTriggerPlugin() {
  const { t } = useTranslation();
  const { participants } = useReferenceLookup();
  const search = useCallback(
    (query: string) =>
      searchParticipants(participants, query)
        .slice(0, 12)
        .map((p) => ({
          id: p.id,
          label: p.name,
          detail: [p.role ? t(`roles.${p.role}`) : '', p.party].filter(Boolean).join(', '),
        })),
    [participants, t],
  );
  return (
    <RecordTriggerPlugin
      trigger="@"
      label={t('editor.participantSearch')}
      search={search}
      create={$createParticipantReferenceNode}
    />
  );
}
