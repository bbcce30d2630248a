import { useMemo, useState } from 'react';
import { AttendanceTable, type ParticipantPatch } from '../attendance/AttendanceTable';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import type { Participant } from '../../../common/domain/model';
import { useApp } from '../appContext';
import { ConfirmDelete } from '../components/ConfirmDialog';
import { SelectField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { NewRecordForm } from '../components/NewRecordForm';
import { PersonFields } from '../components/PersonFields';
import { useRecordPatch } from '../components/useRecordPatch';
import { Section } from '../components/Section';

type Props = {
  meetingId: string;
  participants: Participant[];
  items: AgendaItemDetail[];
  setParticipants(change: (list: Participant[]) => Participant[]): void;
};

/**
 * Who attended: the compact table of the participants (AttendanceTable: status, substitutes,
 * partial presence, notes, items not taken part in), adding a participant and removing one.
 */
export function AttendancePanel({ meetingId, participants, items, setParticipants }: Props) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [toDelete, setToDelete] = useState<Participant | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const patch = useRecordPatch<Participant, ParticipantPatch>(
    'participant',
    setParticipants,
    (id, change) => client.call('participants:update', { id, patch: change }),
  );

  const remove = async (participant: Participant) => {
    setToDelete(null);
    const result = await queue.run(() =>
      client.call('participants:delete', { id: participant.id }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    setParticipants((list) =>
      list
        .filter((record) => record.id !== participant.id)
        .map((record) =>
          record.substituteForId === participant.id ? { ...record, substituteForId: null } : record,
        ),
    );
  };

  // Built once per change of the participants, not once per row.
  const everyoneOptions = useMemo(
    () => [
      { value: '', label: t('attendance.noOne') },
      ...participants.map((other) => ({ value: other.id, label: other.name })),
    ],
    [participants, t],
  );
  /** "Stedfortræder for": no one, or another participant. */
  const substituteOptions = (ownId: string | null) =>
    ownId === null ? everyoneOptions : everyoneOptions.filter((option) => option.value !== ownId);

  return (
    <Section className="panel" heading={t('attendance.heading')}>
      {participants.length === 0 ? (
        <p className="empty">{t('attendance.empty')}</p>
      ) : (
        <AttendanceTable
          participants={participants}
          items={items}
          patch={patch}
          onRemove={setToDelete}
        />
      )}
      <InlineError error={error} />
      <NewRecordForm
        headingId="new-participant-heading"
        heading={t('attendance.newHeading')}
        submitLabel={t('attendance.add')}
        blank={{ name: '', party: null as string | null, substituteForId: '' }}
        required={{ key: 'name', label: t('members.name'), maxLength: 200 }}
        create={(draft) =>
          client.call('participants:create', {
            meetingId,
            participant: {
              name: draft.name.trim(),
              role: 'member',
              party: draft.party,
              isCitizen: false,
              attendance: 'present',
              substituteForId: draft.substituteForId === '' ? null : draft.substituteForId,
              partialPresence: '',
              note: '',
              itemAbsences: [],
            },
          })
        }
        onCreated={(participant) => setParticipants((list) => [...list, participant])}
      >
        {(draft, change) => (
          <>
            <PersonFields value={draft} hasName={false} onChange={change} />
            <SelectField<string>
              label={t('attendance.substituteFor')}
              value={draft.substituteForId}
              onChange={(substituteForId) => change({ substituteForId })}
              options={substituteOptions(null)}
            />
          </>
        )}
      </NewRecordForm>
      <ConfirmDelete
        pending={toDelete}
        message={(pending) => t('attendance.confirmRemove', { name: pending.name })}
        onCancel={() => setToDelete(null)}
        onConfirm={(pending) => void remove(pending)}
      />
    </Section>
  );
}
