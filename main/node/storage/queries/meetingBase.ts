/** Reading one meeting header and guarding changes to draft meetings (used by every query module). */
import type { Meeting } from '../../../../common/domain/model';
import type { ReadDb, WriteDb } from '../db';
import { DomainError } from '../../../../common/contract/result';
import { findBodyReferences, lockedError } from './bodies';
import { notFound, fromRow, getRow, type SqlRow } from './common';
import { stmt } from '../statements';
import { writeTransaction } from '../library';

/** A meetings row as {@link meetingColumns} reads it. */
export type MeetingRow = SqlRow<Meeting, 'isClosed'>;

export const meetingColumns = `m.id, m.committee_id AS committeeId, m.number, m.kind, m.date, m.start_time AS startTime,
  m.end_time AS endTime, m.location, m.case_id AS caseId, m.is_closed AS isClosed, m.status, m.template,
  m.profile_id AS profileId`;

/** The meeting of a row read with {@link meetingColumns}. */
export function toMeeting(row: MeetingRow): Meeting {
  return fromRow(row, ['isClosed']);
}

/** One meeting header. @throws DomainError not_found */
export function getMeeting(db: ReadDb, id: string): Meeting {
  return toMeeting(
    getRow<MeetingRow>(
      db,
      `SELECT ${meetingColumns} FROM meetings m WHERE m.id = ?`,
      'meeting',
      id,
    ),
  );
}

/**
 * What a meeting's files are named from (committee name, date, number): one indexed read,
 * instead of exporting the whole meeting. @throws DomainError not_found
 */
export function getMeetingNameParts(
  db: ReadDb,
  id: string,
): { committeeName: string; date: string; number: number | null } {
  const row = stmt(
    db,
    `SELECT c.name AS committeeName, m.date AS date, m.number AS number
     FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id = ?`,
  ).get(id) as { committeeName: string; date: string; number: number | null } | undefined;
  if (!row) throw notFound('meeting', id);
  return row;
}

/** The meeting, if it is a draft. @throws DomainError not_found, locked */
export function requireDraftMeeting(db: ReadDb, id: string): Meeting {
  const meeting = getMeeting(db, id);
  if (meeting.status !== 'draft') throw lockedError(meeting.status);
  return meeting;
}

/**
 * The delete query of an appendix or participant of a draft meeting: `(db, { id })` deletes the
 * row in a write transaction, refusing while the meeting's text refers to it, lets `closeUp`
 * renumber the rest and answers the id. The query throws DomainError not_found, locked and
 * conflict (naming the row with `describe` and where the text refers to it).
 */
export function unreferencedDeleter<T extends { meetingId: string }>(target: {
  kind: 'appendix' | 'participant';
  /** One row. @throws DomainError not_found */
  read: (db: ReadDb, id: string) => T;
  /** The row's name in the refusal ("Bilag 2 \"Budget\"", "Anna Holm"). */
  describe: (row: T) => string;
  /** Closes up the order of the meeting's remaining rows. */
  closeUp: (db: WriteDb, meetingId: string) => void;
}): (db: ReadDb, args: { id: string }) => { id: string } {
  return (db, args) =>
    writeTransaction(db, (db) => {
      const row = target.read(db, args.id);
      requireDraftMeeting(db, row.meetingId);
      const places = findBodyReferences(db, row.meetingId, target.kind, args.id);
      if (places.length > 0) {
        const where = places.join('; ');
        throw new DomainError(
          'conflict',
          target.kind === 'appendix'
            ? `${target.describe(row)} is referred to in the text (${where}). Remove those references before deleting the appendix.`
            : `${target.describe(row)} is named in the text (${where}). Remove those references before removing the participant.`,
        );
      }
      const table = target.kind === 'appendix' ? 'appendices' : 'participants';
      stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(args.id);
      target.closeUp(db, row.meetingId);
      return { id: args.id };
    });
}
