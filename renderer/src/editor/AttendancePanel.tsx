import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../common/contract/api';
import type { ApiError } from '../../../common/contract/result';
import {
  attendanceStatuses,
  itemAbsenceKinds,
  type AttendanceStatus,
  type ItemAbsence,
  type Participant,
} from '../../../common/domain/model';
import { substituteName } from '../../../common/wording/people';
import { useApp } from '../appContext';
import { ConfirmDelete } from '../components/ConfirmDialog';
import { CheckboxField, SelectField, TextField } from '../components/fields';
import { InlineError } from '../components/LoadState';
import { NewRecordForm } from '../components/NewRecordForm';
import { PersonFields } from '../components/PersonFields';
import { useRecordPatch } from '../components/useRecordPatch';

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
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
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

  // One list of the statuses for every row.
  const statusOptions = useMemo(
    () => attendanceStatuses.map((value) => ({ value, label: t(`attendanceStatuses.${value}`) })),
    [t],
  );

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
                {substituteName(
                  participant,
                  participants.find((p) => p.id === participant.substituteForId) ?? null,
                  lang,
                )}
              </legend>
              <div className="record__row">
                <PersonFields
                  value={participant}
                  onChange={(change, isValid) => patch(participant, change, isValid)}
                  afterName={
                    <SelectField<AttendanceStatus>
                      label={t('attendance.status')}
                      value={participant.attendance}
                      onChange={(attendance) => patch(participant, { attendance })}
                      options={statusOptions}
                    />
                  }
                />
                <SelectField<string>
                  label={t('attendance.substituteFor')}
                  value={participant.substituteForId ?? ''}
                  onChange={(value) =>
                    patch(participant, { substituteForId: value === '' ? null : value })
                  }
                  options={substituteOptions(participant.id)}
                />
                <CheckboxField
                  label={t('attendance.isCalledIn')}
                  checked={participant.isCalledIn}
                  onChange={(isCalledIn) => patch(participant, { isCalledIn })}
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
                        count: participant.itemAbsences.length,
                      })}
                    </summary>
                    {/* Built only when opened: a 1,000-item meeting would otherwise render
                        a checkbox per item for every participant. */}
                    {openAbsenceIds.has(participant.id) && (
                      <fieldset className="checkbox-group">
                        <legend>
                          {t('attendance.absentFromItemsLegend', { name: participant.name })}
                        </legend>
                        {items.map((item) => {
                          const absence = participant.itemAbsences.find(
                            (candidate) => candidate.itemId === item.id,
                          );
                          const label = t('agenda.itemLabel', {
                            number: item.number,
                            title: item.title,
                          });
                          const change = (next: Partial<ItemAbsence>) =>
                            patch(participant, {
                              itemAbsences: participant.itemAbsences.map((candidate) =>
                                candidate.itemId === item.id
                                  ? { ...candidate, ...next }
                                  : candidate,
                              ),
                            });
                          return (
                            <div key={item.id} className="record__absence">
                              <CheckboxField
                                label={label}
                                checked={absence !== undefined}
                                onChange={(isAbsent) =>
                                  patch(participant, {
                                    itemAbsences: isAbsent
                                      ? [
                                          ...participant.itemAbsences,
                                          {
                                            itemId: item.id,
                                            kind: 'not_participating',
                                            reason: '',
                                          },
                                        ]
                                      : participant.itemAbsences.filter(
                                          (candidate) => candidate.itemId !== item.id,
                                        ),
                                  })
                                }
                              />
                              {absence && (
                                <>
                                  <SelectField<ItemAbsence['kind']>
                                    label={t('attendance.absenceKind', { item: label })}
                                    value={absence.kind}
                                    onChange={(kind) => change({ kind })}
                                    options={itemAbsenceKinds.map((value) => ({
                                      value,
                                      label: t(`attendance.absenceKinds.${value}`),
                                    }))}
                                  />
                                  <TextField
                                    label={t('attendance.absenceReason', { item: label })}
                                    value={absence.reason}
                                    maxLength={1000}
                                    onChange={(reason) => change({ reason })}
                                  />
                                </>
                              )}
                            </div>
                          );
                        })}
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
    </section>
  );
}
