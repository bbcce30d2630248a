/**
 * Meetings: listing (newest first), proposing the next meeting, creating one (copying attendance
 * and the agenda skeleton), the full detail for the editor, header updates and deletion.
 */
import type { MeetingDetail, MeetingSummary } from '../../../../common/contract/api';
import type {
  Meeting,
  MeetingKind,
  MeetingStatus,
  Participant,
} from '../../../../common/domain/model';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { listAppendices } from './appendices';
import { emptyItemBodies, getItemBodiesOfMeeting, getMeetingBodies } from './bodies';
import { getCommittee } from './committees';
import { newId, nowIso, todayInCopenhagen } from './common';
import { insertRow, rowPatcher, type PatchedTable } from './rowWrites';
import { stmt } from '../statements';
import { firstItemNumber, insertItem, listItems, proposedFirstItemNumber } from './items';
import {
  getMeeting,
  meetingColumns,
  requireDraftMeeting,
  toMeeting,
  type MeetingRow,
} from './meetingBase';
import { listMembers } from './members';
import { insertParticipant, listParticipants } from './participants';
import { profileOfMeeting } from './profiles';

export { getMeeting, requireDraftMeeting } from './meetingBase';

/** The header fields a meeting is patched with. */
export type MeetingHeaderFields = Pick<
  Meeting,
  | 'number'
  | 'kind'
  | 'date'
  | 'startTime'
  | 'endTime'
  | 'location'
  | 'caseId'
  | 'isClosed'
  | 'template'
  | 'profileId'
>;

/** The attendance a participant of a new meeting starts with: present, no notes. */
const freshAttendance = {
  attendance: 'present',
  substituteForId: null,
  partialPresence: '',
  note: '',
  itemAbsences: [],
} as const satisfies Partial<Participant>;

/** Meetings, newest first (date, then number), of one committee or of all. */
export function listMeetings(db: ReadDb, args: { committeeId?: string } = {}): MeetingSummary[] {
  const where = args.committeeId === undefined ? '' : 'WHERE m.committee_id = ?';
  const rows = stmt(
    db,
    `SELECT ${meetingColumns}, c.name AS committeeName,
         (SELECT count(*) FROM agenda_items i WHERE i.meeting_id = m.id) AS itemCount
       FROM meetings m JOIN committees c ON c.id = m.committee_id
       ${where}
       ORDER BY m.date DESC, m.number DESC, m.id`,
  ).all(...(args.committeeId === undefined ? [] : [args.committeeId])) as (MeetingRow & {
    committeeName: string;
    itemCount: number;
  })[];
  if (rows.length === 0 && args.committeeId !== undefined) getCommittee(db, args.committeeId);
  return rows.map((row) => ({
    ...toMeeting(row),
    committeeName: row.committeeName,
    itemCount: row.itemCount,
  }));
}

/** The committee's latest meeting (by date, then number), if any. */
export function findPreviousMeeting(db: ReadDb, committeeId: string): Meeting | undefined {
  const row = stmt(
    db,
    `SELECT ${meetingColumns} FROM meetings m WHERE m.committee_id = ? ORDER BY m.date DESC, m.number DESC LIMIT 1`,
  ).get(committeeId) as MeetingRow | undefined;
  return row && toMeeting(row);
}

/**
 * Proposes the next meeting of a committee: the number after the previous meeting's (1 for the
 * first), today's date in Copenhagen, and the number its first item gets (continuing the year
 * when the committee's profile numbers items through the year). @throws DomainError not_found
 */
export function proposeNextMeeting(
  db: ReadDb,
  args: { committeeId: string; today?: string },
): { number: number; date: string; previousMeetingId: string | null; firstItemNumber: number } {
  const committee = getCommittee(db, args.committeeId);
  const previous = findPreviousMeeting(db, args.committeeId);
  const date = args.today ?? todayInCopenhagen();
  return {
    number: previous?.number ? Math.min(previous.number + 1, 100000) : 1,
    date,
    previousMeetingId: previous?.id ?? null,
    firstItemNumber: proposedFirstItemNumber(db, committee.id, committee.template, date),
  };
}

/**
 * Creates a draft meeting. Attendance is copied from the committee's active members, or, with
 * `isCopyingPrevious` and a previous meeting, from that meeting's participants (substitutes left
 * out, everyone reset to present). With `isCopyingPrevious` the previous agenda's skeleton is
 * copied too: titles, kinds and presenters, numbered 1..n, without bodies, case ids or appendices.
 * @throws DomainError not_found
 */
export function createMeeting(
  db: ReadDb,
  args: {
    committeeId: string;
    number: number | null;
    date: string;
    kind: MeetingKind;
    isCopyingPrevious: boolean;
    id?: string;
  },
): MeetingDetail {
  return writeTransaction(db, (db) => {
    const committee = getCommittee(db, args.committeeId);
    const previous = args.isCopyingPrevious ? findPreviousMeeting(db, args.committeeId) : undefined;
    const id = args.id ?? newId();
    stmt(
      db,
      `INSERT INTO meetings (id, committee_id, number, kind, date, start_time, end_time, location, case_id,
         is_closed, status, template, created_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, ?, '', 0, 'draft', ?, ?)`,
    ).run(
      id,
      committee.id,
      args.number,
      args.kind,
      args.date,
      previous?.startTime ?? null,
      previous?.location ?? '',
      committee.template,
      nowIso(),
    );

    if (previous) {
      const activeMemberIds = new Set(
        listMembers(db, { committeeId: committee.id })
          .filter((member) => member.isActive)
          .map((member) => member.id),
      );
      const copied = listParticipants(db, previous.id).filter(
        (p) =>
          p.substituteForId === null && (p.memberId === null || activeMemberIds.has(p.memberId)),
      );
      copied.forEach((p, position) =>
        insertParticipant(db, {
          ...p,
          ...freshAttendance,
          id: newId(),
          meetingId: id,
          position,
        }),
      );
      const first = firstItemNumber(db, id);
      listItems(db, previous.id).forEach((item, position) =>
        insertItem(db, {
          id: newId(),
          meetingId: id,
          number: Math.min(first + position, 100000),
          position,
          title: item.title,
          isClosed: false,
          publicTitle: '',
          caseId: '',
          documentNumber: '',
          presenter: item.presenter,
          kind: item.kind,
          isSupplementary: false,
          groupId: item.groupId,
        }),
      );
    } else {
      listMembers(db, { committeeId: committee.id })
        .filter((member) => member.isActive)
        .forEach((member, position) =>
          insertParticipant(db, {
            id: newId(),
            meetingId: id,
            memberId: member.id,
            name: member.name,
            role: member.role,
            party: member.party,
            isCitizen: member.isCitizen,
            ...freshAttendance,
            position,
          }),
        );
    }
    return getMeetingDetail(db, id);
  });
}

/** Everything the editor shows for a meeting. @throws DomainError not_found */
export function getMeetingDetail(db: ReadDb, id: string): MeetingDetail {
  // One read transaction: the parts are consistent even if another process writes meanwhile.
  return db
    .transaction(() => {
      const meeting = getMeeting(db, id);
      const items = listItems(db, id);
      const bodies = getItemBodiesOfMeeting(
        db,
        id,
        items.map((item) => item.id),
      );
      return {
        meeting,
        committee: getCommittee(db, meeting.committeeId),
        participants: listParticipants(db, id),
        items: items.map((item) => ({ ...item, bodies: bodies.get(item.id) ?? emptyItemBodies() })),
        appendices: listAppendices(db, id),
        bodies: getMeetingBodies(db, id),
        profile: profileOfMeeting(db, id),
      };
    })
    .deferred();
}

/** The meetings table as insert and update write it: each header field in its own column. */
const meetingsTable: PatchedTable<Meeting, MeetingHeaderFields> = {
  name: 'meetings',
  fields: [
    'number',
    'kind',
    'date',
    'startTime',
    'endTime',
    'location',
    'caseId',
    'isClosed',
    'template',
    'profileId',
  ],
  read: getMeeting,
};

/** Changes header fields of a draft meeting. @throws DomainError not_found, locked */
export const updateMeeting = rowPatcher(meetingsTable, (db, meeting) =>
  requireDraftMeeting(db, meeting.id),
);

/** Deletes a draft meeting with everything in it (items, bodies, history, attendance, appendices). */
export function deleteMeeting(db: ReadDb, args: { id: string }): { id: string } {
  return writeTransaction(db, (db) => {
    requireDraftMeeting(db, args.id);
    stmt(db, 'DELETE FROM meetings WHERE id = ?').run(args.id);
    return { id: args.id };
  });
}

/**
 * Sets a meeting's lifecycle status. No rules here: the lifecycle feature (approve, sign,
 * archive, reopen with audit) decides which transitions are allowed and calls this.
 */
export function setMeetingStatus(db: ReadDb, args: { id: string; status: MeetingStatus }): Meeting {
  return writeTransaction(db, (db) => {
    getMeeting(db, args.id);
    stmt(db, 'UPDATE meetings SET status = ? WHERE id = ?').run(args.status, args.id);
    return getMeeting(db, args.id);
  });
}

/** Inserts a meeting header as given (import). */
export function insertMeeting(
  db: WriteDb,
  meeting: Omit<Meeting, 'profileId'> & Partial<Pick<Meeting, 'profileId'>>,
): void {
  insertRow(
    db,
    meetingsTable.name,
    { ...meeting, profileId: meeting.profileId ?? null, createdAt: nowIso() },
    ['id', 'committeeId', 'status', 'createdAt', ...meetingsTable.fields],
  );
}
