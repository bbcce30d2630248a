import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../main/common/contract/api';
import type { ApiError } from '../../../main/common/contract/result';
import {
  attendanceStatuses,
  memberRoles,
  type AttendanceStatus,
  type MemberRole,
  type Participant,
} from '../../../main/common/domain/model';
import { useApp } from '../appContext';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { PartyField } from '../components/PartyField';
import { mergePatches } from '../save/saveQueue';
import { replaceById } from './records';

type Props = {
  meetingId: string;
  participants: Participant[];
  items: AgendaItemDetail[];
  setParticipants(change: (list: Participant[]) => Participant[]): void;
};

type ParticipantPatch = Partial<Omit<Participant, 'id' | 'meetingId' | 'memberId' | 'position'>>;

/** Who attended: status, substitutes, partial presence, notes, items not taken part in. */
export function AttendancePanel({ meetingId, participants, items, setParticipants }: Props) {
  // Participants whose "items not taken part in" list is open.
  const [openAbsenceIds, setOpenAbsenceIds] = useState<ReadonlySet<string>>(() => new Set());
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [toDelete, setToDelete] = useState<Participant | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const patch = (participant: Participant, change: ParticipantPatch, isSendable = true) => {
    setParticipants((list) =>
      replaceById(list, participant.id, (record) => ({ ...record, ...change })),
    );
    if (!isSendable) return;
    queue.schedule(`participant:${participant.id}`, change, {
      merge: mergePatches,
      send: (merged) => client.call('participants:update', { id: participant.id, patch: merged }),
    });
  };

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

  const nameOf = (id: string | null) => participants.find((record) => record.id === id)?.name ?? '';

  return (
    <section className="panel" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('attendance.heading')}</h2>
      <p className="hint">{t('attendance.partialPresenceHint')}</p>
      {participants.length === 0 && <p className="empty">{t('attendance.empty')}</p>}
      <ul className="record-list">
        {participants.map((participant) => (
          <li key={participant.id} className={`record record--${participant.attendance}`}>
            <fieldset>
              <legend>
                {participant.name}
                {participant.party ? ` (${participant.party})` : ''}
                {participant.role !== 'member' ? `, ${t(`roles.${participant.role}`)}` : ''}
                {participant.substituteForId
                  ? `, ${t('attendance.substituteForShort', { name: nameOf(participant.substituteForId) })}`
                  : ''}
              </legend>
              <div className="record__row">
                <TextField
                  label={t('members.name')}
                  value={participant.name}
                  isRequired
                  maxLength={200}
                  error={participant.name.trim() === '' ? t('validation.required') : null}
                  onChange={(name) => patch(participant, { name }, name.trim() !== '')}
                />
                <SelectField<AttendanceStatus>
                  label={t('attendance.status')}
                  value={participant.attendance}
                  onChange={(attendance) => patch(participant, { attendance })}
                  options={attendanceStatuses.map((value) => ({
                    value,
                    label: t(`attendanceStatuses.${value}`),
                  }))}
                />
                <SelectField<MemberRole>
                  label={t('members.role')}
                  value={participant.role}
                  onChange={(role) => patch(participant, { role })}
                  options={memberRoles.map((value) => ({ value, label: t(`roles.${value}`) }))}
                />
                <PartyField
                  value={participant.party}
                  onChange={(party) => patch(participant, { party })}
                />
                <SelectField<string>
                  label={t('attendance.substituteFor')}
                  value={participant.substituteForId ?? ''}
                  onChange={(value) =>
                    patch(participant, { substituteForId: value === '' ? null : value })
                  }
                  options={[
                    { value: '', label: t('attendance.noOne') },
                    ...participants
                      .filter((other) => other.id !== participant.id)
                      .map((other) => ({ value: other.id, label: other.name })),
                  ]}
                />
                <TextField
                  label={t('attendance.partialPresence')}
                  value={participant.partialPresence}
                  maxLength={300}
                  onChange={(partialPresence) => patch(participant, { partialPresence })}
                />
                <TextField
                  label={t('attendance.note')}
                  value={participant.note}
                  maxLength={1000}
                  onChange={(note) => patch(participant, { note })}
                />
              </div>
              <div className="record__footer">
                {items.length > 0 && (
                  <details
                    className="record__details"
                    onToggle={(event) => {
                      const isOpen = event.currentTarget.open;
                      setOpenAbsenceIds((current) => {
                        const next = new Set(current);
                        if (isOpen) next.add(participant.id);
                        else next.delete(participant.id);
                        return next;
                      });
                    }}
                  >
                    <summary>
                      {t('attendance.absentFromItems', {
                        count: participant.absentFromItemIds.length,
                      })}
                    </summary>
                    {/* Built only when opened: a 1,000-item meeting would otherwise render
                        a checkbox per item for every participant. */}
                    {openAbsenceIds.has(participant.id) && (
                      <fieldset className="checkbox-group">
                        <legend>
                          {t('attendance.absentFromItemsLegend', { name: participant.name })}
                        </legend>
                        {items.map((item) => (
                          <CheckboxField
                            key={item.id}
                            label={t('agenda.itemLabel', {
                              number: item.number,
                              title: item.title,
                            })}
                            checked={participant.absentFromItemIds.includes(item.id)}
                            onChange={(isAbsent) =>
                              patch(participant, {
                                absentFromItemIds: isAbsent
                                  ? [...participant.absentFromItemIds, item.id]
                                  : participant.absentFromItemIds.filter((id) => id !== item.id),
                              })
                            }
                          />
                        ))}
                      </fieldset>
                    )}
                  </details>
                )}
                <button
                  type="button"
                  className="button--quiet record__remove"
                  onClick={() => setToDelete(participant)}
                >
                  {t('attendance.remove', { name: participant.name })}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ul>
      <InlineError error={error} />
      <NewParticipantForm
        meetingId={meetingId}
        participants={participants}
        onCreated={(participant) => setParticipants((list) => [...list, participant])}
      />
      <ConfirmDialog
        message={toDelete ? t('attendance.confirmRemove', { name: toDelete.name }) : null}
        confirmLabel={t('common.delete')}
        onCancel={() => setToDelete(null)}
        onConfirm={() => {
          if (toDelete) void remove(toDelete);
        }}
      />
    </section>
  );
}

function NewParticipantForm(props: {
  meetingId: string;
  participants: Participant[];
  onCreated(participant: Participant): void;
}) {
  const { t } = useTranslation();
  const { client, queue } = useApp();
  const [name, setName] = useState('');
  const [party, setParty] = useState<string | null>(null);
  const [partyKey, setPartyKey] = useState(0);
  const [substituteForId, setSubstituteForId] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('validation.required'));
      return;
    }
    setNameError(null);
    const result = await queue.run(() =>
      client.call('participants:create', {
        meetingId: props.meetingId,
        participant: {
          name: name.trim(),
          role: 'member',
          party,
          isCitizen: false,
          attendance: 'present',
          substituteForId: substituteForId === '' ? null : substituteForId,
          partialPresence: '',
          note: '',
          absentFromItemIds: [],
        },
      }),
    );
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setError(null);
    props.onCreated(result.value);
    setName('');
    setParty(null);
    setPartyKey((key) => key + 1);
    setSubstituteForId('');
  };

  return (
    <form
      className="subform"
      aria-labelledby="new-participant-heading"
      onSubmit={(event) => void submit(event)}
      noValidate
    >
      <h3 id="new-participant-heading">{t('attendance.newHeading')}</h3>
      <div className="record__row">
        <TextField
          label={t('members.name')}
          value={name}
          onChange={setName}
          isRequired
          error={nameError}
          maxLength={200}
        />
        <PartyField key={partyKey} value={party} onChange={setParty} />
        <SelectField<string>
          label={t('attendance.substituteFor')}
          value={substituteForId}
          onChange={setSubstituteForId}
          options={[
            { value: '', label: t('attendance.noOne') },
            ...props.participants.map((other) => ({ value: other.id, label: other.name })),
          ]}
        />
        <button type="submit" className="button--primary">
          {t('attendance.add')}
        </button>
      </div>
      <InlineError error={error} />
    </form>
  );
}
