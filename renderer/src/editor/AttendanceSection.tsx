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
import {
  attendanceGroups,
  attendanceLine,
  compactAttendanceLine,
} from '../../../common/wording/minutes';
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
  // The same lines the PDF and DOCX print (common/wording): canonical names, substitutes,
  // presence changes, partial presence and the items a member took no part in.
  const itemNumbers = new Map(items.map((item) => [item.id, item.number]));
  const lineOf = (p: Participant) =>
    attendanceLine(p, { participants: ordered, itemNumbers, lang });
  const present = ordered.filter((p) => p.attendance === 'present');
  const absentGroups = attendanceGroups[lang]
    .filter((group) => group.status !== 'present')
    .map((group) => ({
      ...group,
      lines: ordered.filter((p) => p.attendance === group.status).map(lineOf),
    }))
    .filter((group) => group.lines.length > 0);

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
          <li key={p.id}>{lineOf(p)}</li>
        ))}
      </ul>
      {absentGroups.map((group) => (
        <p key={group.status} data-find-text>
          {compactAttendanceLine(group.label, group.lines, lang)}
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
