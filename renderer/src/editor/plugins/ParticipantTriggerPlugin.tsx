import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { mentionableParticipants } from '../../../../common/editor/references';
import { $createParticipantReferenceNode } from '../nodes/ParticipantReferenceNode';
import { useReferenceLookup } from '../referenceLookup';
import { RecordTriggerPlugin } from './RecordTriggerPlugin';

/**
 * Typing "@" opens a search of the meeting's participants present, by name or party letter; a
 * substitute is shown as "stedfortræder for <name>". "@" after a letter (a mail address) does
 * not open it, and Danish prose has no other use for it.
 */
export function ParticipantTriggerPlugin() {
  const { t } = useTranslation();
  const { participants } = useReferenceLookup();
  const search = useCallback(
    (query: string) =>
      mentionableParticipants(participants, query)
        .slice(0, 12)
        .map(({ participant: p, substitutesFor }) => ({
          id: p.id,
          label: p.name,
          detail: [
            substitutesFor
              ? t('editor.substituteFor', { name: substitutesFor.name })
              : p.role
                ? t(`roles.${p.role}`)
                : '',
            p.party,
          ]
            .filter(Boolean)
            .join(', '),
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
