/**
 * The attendance part of the meeting document: the members present with their roles (with
 * stedfortræder and partial presence), afbud, fraværende and who did not take part in which
 * item (inhabilitet), written as in the printed minutes from the participant records.
 *
 * "Rediger fremmøde" opens the attendance form in place: it edits the same records through the
 * same requests as the form view (participants:update, :create, :delete), and the text above
 * follows at once. Approved minutes are locked: no editing from here.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgendaItemDetail } from '../../../common/contract/api';
import type { Participant } from '../../../common/domain/model';
import { joinList } from '../../../common/editor/voteText';
import { AttendancePanel } from './AttendancePanel';

type Props = {
  meetingId: string;
  participants: Participant[];
  items: AgendaItemDetail[];
  setParticipants(change: (list: Participant[]) => Participant[]): void;
  /** Approved (or later) minutes: the records are shown, not edited. */
  isLocked: boolean;
};

export function AttendanceSection({
  meetingId,
  participants,
  items,
  setParticipants,
  isLocked,
}: Props) {
  const { t, i18n } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const lang = i18n.language.startsWith('en') ? 'en' : 'da';
  const ordered = [...participants].sort((a, b) => a.position - b.position);
  const nameOf = (id: string | null) => participants.find((p) => p.id === id)?.name ?? '';
  const namesWith = (status: Participant['attendance']) =>
    ordered.filter((p) => p.attendance === status).map((p) => p.name);
  const present = ordered.filter((p) => p.attendance === 'present');
  const afbud = namesWith('absent_with_notice');
  const absent = namesWith('absent');
  const notInItems = [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => ({
      item,
      names: present
        .filter((p) => p.itemAbsences.some((absence) => absence.itemId === item.id))
        .map((p) => p.name),
    }))
    .filter((entry) => entry.names.length > 0);

  return (
    <section
      className="meeting-document__section meeting-document__attendance"
      aria-labelledby="document-members"
    >
      <h2 id="document-members" className="meeting-document__heading" data-find-text>
        {t('editor.document.members')}
      </h2>
      <ul className="meeting-document__members" data-find-text>
        {present.map((p) => (
          <li key={p.id}>
            {p.name}
            {p.role !== 'member' ? ` (${t(`roles.${p.role}`)})` : ''}
            {p.substituteForId
              ? `, ${t('attendance.substituteForShort', { name: nameOf(p.substituteForId) })}`
              : ''}
            {p.partialPresence ? ` – ${p.partialPresence}` : ''}
          </li>
        ))}
      </ul>
      {afbud.length > 0 && (
        <p data-find-text>
          {t('editor.document.absentWithNotice', { names: joinList(afbud, lang) })}
        </p>
      )}
      {absent.length > 0 && (
        <p data-find-text>{t('editor.document.absent', { names: joinList(absent, lang) })}</p>
      )}
      {notInItems.map(({ item, names }) => (
        <p key={item.id} data-find-text>
          {t('editor.document.notInItem', {
            number: item.number,
            title: item.title,
            names: joinList(names, lang),
          })}
        </p>
      ))}
      {!isLocked && (
        <button type="button" aria-expanded={isEditing} onClick={() => setEditing(!isEditing)}>
          {t('editor.document.editAttendance')}
        </button>
      )}
      {isEditing && !isLocked && (
        <AttendancePanel
          meetingId={meetingId}
          participants={participants}
          items={items}
          setParticipants={setParticipants}
        />
      )}
    </section>
  );
}
