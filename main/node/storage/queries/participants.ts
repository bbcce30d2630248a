/**
 * Attendance: the participants of one meeting, each a snapshot of a member as of that meeting
 * (or an ad-hoc substitute), with attendance, substitute-for, partial presence, a note and the
 * items they did not take part in (inhabilitet, left early).
 */
import { DomainError } from '../../../../common/contract/result';
import type { ItemAbsence, Participant, PresenceChange } from '../../../../common/domain/model';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import {
  problemInvolves,
  substituteProblemText,
  substituteProblems,
} from '../../../../common/domain/substitutes';
import { fromRow, getRow, newId, type SqlRow } from './common';
import { insertRow, updateRow, type PatchedTable } from './rowWrites';
import { closeGap, endPosition } from './orderedRows';
import { stmt } from '../statements';
import { requireDraftMeeting, unreferencedDeleter } from './meetingBase';

type ParticipantRow = SqlRow<
  Omit<Participant, 'itemAbsences' | 'presenceChanges'>,
  'isCitizen' | 'isCalledIn'
>;

const participantColumns = `p.id, p.meeting_id AS meetingId, p.member_id AS memberId, p.name, p.role, p.party,
  p.is_citizen AS isCitizen, p.attendance, p.substitute_for_id AS substituteForId,
  p.partial_presence AS partialPresence, p.note, p.position, p.is_called_in AS isCalledIn`;

function toParticipant(
  row: ParticipantRow,
  itemAbsences: ItemAbsence[],
  presenceChanges: PresenceChange[],
): Participant {
  return { ...fromRow(row, ['isCitizen', 'isCalledIn']), presenceChanges, itemAbsences };
}

/** The fields a participant is created or patched with. */
export type ParticipantFields = Pick<
  Participant,
  | 'name'
  | 'role'
  | 'party'
  | 'isCitizen'
  | 'attendance'
  | 'substituteForId'
  | 'partialPresence'
  | 'note'
  | 'itemAbsences'
> &
  Partial<Pick<Participant, 'isCalledIn' | 'presenceChanges'>>;

/** The participants of a meeting in their order; absences listed in agenda order. */
export function listParticipants(db: ReadDb, meetingId: string): Participant[] {
  const rows = stmt(
    db,
    `SELECT ${participantColumns} FROM participants p WHERE p.meeting_id = ? ORDER BY p.position, p.id`,
  ).all(meetingId) as ParticipantRow[];
  const absences = stmt(
    db,
    `SELECT a.participant_id AS participantId, a.item_id AS itemId, a.kind, a.reason
       FROM participant_item_absences a
       JOIN participants p ON p.id = a.participant_id
       JOIN agenda_items i ON i.id = a.item_id
       WHERE p.meeting_id = ?
       ORDER BY i.position, i.id`,
  ).all(meetingId) as AbsenceRow[];
  const changes = stmt(
    db,
    `SELECT c.participant_id AS participantId, c.direction, c.time, c.item_id AS itemId
       FROM participant_presence_changes c
       JOIN participants p ON p.id = c.participant_id
       WHERE p.meeting_id = ?
       ORDER BY c.participant_id, c.position`,
  ).all(meetingId) as ChangeRow[];
  const absencesOf = groupBy(absences, toAbsence);
  const changesOf = groupBy(changes, toChange);
  return rows.map((row) =>
    toParticipant(row, absencesOf.get(row.id) ?? [], changesOf.get(row.id) ?? []),
  );
}

/** One participant. @throws DomainError not_found */
export function getParticipant(db: ReadDb, id: string): Participant {
  const row = getRow<ParticipantRow>(
    db,
    `SELECT ${participantColumns} FROM participants p WHERE p.id = ?`,
    'participant',
    id,
  );
  const absences = stmt(
    db,
    `SELECT a.participant_id AS participantId, a.item_id AS itemId, a.kind, a.reason
       FROM participant_item_absences a JOIN agenda_items i ON i.id = a.item_id
       WHERE a.participant_id = ? ORDER BY i.position, i.id`,
  ).all(id) as AbsenceRow[];
  const changes = stmt(
    db,
    `SELECT participant_id AS participantId, direction, time, item_id AS itemId
       FROM participant_presence_changes WHERE participant_id = ? ORDER BY position`,
  ).all(id) as ChangeRow[];
  return toParticipant(row, absences.map(toAbsence), changes.map(toChange));
}

/**
 * Refuses a change that breaks a substitute rule concerning the participant just written (as
 * substitute or as the one substituted): the same rules as the importer's
 * (common/domain/substitutes). Runs inside the write's transaction, so nothing is kept.
 */
function checkSubstitutes(db: ReadDb, meetingId: string, participantId: string): void {
  const list = listParticipants(db, meetingId);
  const index = list.findIndex((p) => p.id === participantId);
  const found = substituteProblems(list).find((one) => problemInvolves(one, index));
  if (!found) return;
  // A second substitute is named as the new one: the participant just written.
  const problem =
    found.kind === 'twice' && found.earlierIndex === index
      ? { ...found, index, earlierIndex: found.index }
      : found;
  const nameAt = (at: number) => list[at]?.name ?? '?';
  const values: Record<string, string> = { name: nameAt(problem.index) };
  if (problem.kind !== 'self' && problem.kind !== 'unknown')
    values.other = nameAt(problem.otherIndex);
  if (problem.kind === 'twice') values.earlier = nameAt(problem.earlierIndex);
  throw new DomainError(
    'invalid_input',
    `substituteForId: ${substituteProblemText(problem, nameAt)}.`,
    { key: `participants.substitute.${problem.kind}`, values },
  );
}

/** Checks that references from a participant stay inside its meeting. */
function checkReferences(
  db: ReadDb,
  meetingId: string,
  participantId: string,
  fields: Partial<Pick<ParticipantFields, 'substituteForId' | 'itemAbsences' | 'presenceChanges'>>,
): void {
  if (fields.substituteForId) {
    if (fields.substituteForId === participantId) {
      throw new DomainError(
        'invalid_input',
        'substituteForId: a participant cannot substitute for themself.',
      );
    }
    const other = stmt(db, 'SELECT meeting_id FROM participants WHERE id = ?', true).get(
      fields.substituteForId,
    );
    if (other !== meetingId) {
      throw new DomainError(
        'invalid_input',
        `substituteForId: ${fields.substituteForId} is not a participant of this meeting.`,
      );
    }
  }
  if (fields.itemAbsences) {
    const itemOf = stmt(db, 'SELECT meeting_id FROM agenda_items WHERE id = ?', true);
    fields.itemAbsences.forEach(({ itemId }, index) => {
      if (itemOf.get(itemId) !== meetingId) {
        throw new DomainError(
          'invalid_input',
          `itemAbsences[${index}].itemId: ${itemId} is not an agenda item of this meeting.`,
        );
      }
    });
  }
  if (fields.presenceChanges) {
    const itemOf = stmt(db, 'SELECT meeting_id FROM agenda_items WHERE id = ?', true);
    fields.presenceChanges.forEach(({ itemId }, index) => {
      if (itemId !== null && itemOf.get(itemId) !== meetingId) {
        throw new DomainError(
          'invalid_input',
          `presenceChanges[${index}].itemId: ${itemId} is not an agenda item of this meeting.`,
        );
      }
    });
  }
}

function writeAbsences(db: WriteDb, participantId: string, absences: readonly ItemAbsence[]): void {
  stmt(db, 'DELETE FROM participant_item_absences WHERE participant_id = ?').run(participantId);
  const insert = stmt(
    db,
    `INSERT INTO participant_item_absences (participant_id, item_id, kind, reason) VALUES (?, ?, ?, ?)
     ON CONFLICT (participant_id, item_id) DO UPDATE SET kind = excluded.kind, reason = excluded.reason`,
  );
  for (const absence of absences)
    insert.run(participantId, absence.itemId, absence.kind, absence.reason);
}

function writePresenceChanges(
  db: WriteDb,
  participantId: string,
  changes: readonly PresenceChange[],
): void {
  stmt(db, 'DELETE FROM participant_presence_changes WHERE participant_id = ?').run(participantId);
  const insert = stmt(
    db,
    `INSERT INTO participant_presence_changes (participant_id, position, direction, time, item_id)
     VALUES (?, ?, ?, ?, ?)`,
  );
  changes.forEach((change, position) =>
    insert.run(participantId, position, change.direction, change.time, change.itemId),
  );
}

type AbsenceRow = { participantId: string; itemId: string; kind: string; reason: string };
type ChangeRow = {
  participantId: string;
  direction: string;
  time: string | null;
  itemId: string | null;
};

function toAbsence(row: AbsenceRow): ItemAbsence {
  return { itemId: row.itemId, kind: row.kind as ItemAbsence['kind'], reason: row.reason };
}

function toChange(row: ChangeRow): PresenceChange {
  return {
    direction: row.direction as PresenceChange['direction'],
    time: row.time,
    itemId: row.itemId,
  };
}

function groupBy<Row extends { participantId: string }, T>(
  rows: readonly Row[],
  convert: (row: Row) => T,
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const list = out.get(row.participantId) ?? [];
    list.push(convert(row));
    out.set(row.participantId, list);
  }
  return out;
}

/**
 * The participants table as insert and update write it: each field in its own column (absences
 * and presence changes have tables of their own).
 */
const participantsTable: PatchedTable<Participant, ParticipantFields> = {
  name: 'participants',
  fields: [
    'name',
    'role',
    'party',
    'isCitizen',
    'attendance',
    'substituteForId',
    'partialPresence',
    'note',
    'isCalledIn',
  ],
  read: getParticipant,
};

/** Inserts a participant row and its absences as given; used by create, copy and import. */
export function insertParticipant(
  db: WriteDb,
  participant: Omit<Participant, 'isCalledIn' | 'presenceChanges'> &
    Partial<Pick<Participant, 'isCalledIn' | 'presenceChanges'>>,
): void {
  const p = participant;
  insertRow(db, participantsTable.name, { ...p, isCalledIn: p.isCalledIn ?? false }, [
    'id',
    'meetingId',
    'memberId',
    'position',
    ...participantsTable.fields,
  ]);
  writeAbsences(db, p.id, p.itemAbsences);
  writePresenceChanges(db, p.id, p.presenceChanges ?? []);
}

/** Adds a participant at the end of a draft meeting's attendance list. @throws not_found, locked, invalid_input */
export function createParticipant(
  db: ReadDb,
  args: {
    meetingId: string;
    participant: ParticipantFields;
    memberId?: string | null;
    id?: string;
  },
): Participant {
  return writeTransaction(db, (db) => {
    requireDraftMeeting(db, args.meetingId);
    const id = args.id ?? newId();
    checkReferences(db, args.meetingId, id, args.participant);
    const position = endPosition(db, 'participants', args.meetingId);
    insertParticipant(db, {
      ...args.participant,
      id,
      meetingId: args.meetingId,
      memberId: args.memberId ?? null,
      position,
    });
    checkSubstitutes(db, args.meetingId, id);
    return getParticipant(db, id);
  });
}

/** Changes some fields of a participant of a draft meeting. @throws not_found, locked, invalid_input */
export function updateParticipant(
  db: ReadDb,
  args: { id: string; patch: Partial<ParticipantFields> },
): Participant {
  return writeTransaction(db, (db) => {
    const participant = getParticipant(db, args.id);
    requireDraftMeeting(db, participant.meetingId);
    checkReferences(db, participant.meetingId, args.id, args.patch);
    const { itemAbsences, presenceChanges, ...columns } = args.patch;
    updateRow(db, participantsTable.name, args.id, columns, participantsTable.fields);
    if (itemAbsences) writeAbsences(db, args.id, itemAbsences);
    if (presenceChanges) writePresenceChanges(db, args.id, presenceChanges);
    if (args.patch.substituteForId !== undefined || args.patch.attendance !== undefined)
      checkSubstitutes(db, participant.meetingId, args.id);
    return getParticipant(db, args.id);
  });
}

/**
 * Removes a participant from a draft meeting; whoever substituted for them keeps their place
 * but no longer names them. The rest of the list closes up.
 */
export const deleteParticipant = unreferencedDeleter({
  kind: 'participant',
  read: getParticipant,
  describe: (participant) => participant.name,
  closeUp: (db, meetingId) => closeGap(db, 'participants', meetingId),
});
