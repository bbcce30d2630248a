/**
 * The sent agenda: each sending (Udsend dagsorden) with its file's SHA-256 and a frozen
 * snapshot of what the agenda said, the `agenda_sent` audit entry written with it, and whether
 * a meeting's agenda has gone out (items created afterwards belong to the tillægsdagsorden).
 */
import type { AgendaSending } from '../../../../common/contract/agenda';
import { DomainError } from '../../../../common/contract/result';
import { writeTransaction, type ReadDb } from '../library';
import { stmt } from '../statements';
import { nowIso } from './common';
import { getMeeting } from './meetingBase';
import { documentSha256 } from './lifecycle';

type SendingRow = {
  version: number;
  sent_at: string;
  author: string;
  sha256: string;
  size: number;
  snapshot: string;
};

const toSending = (row: SendingRow): AgendaSending => ({
  version: row.version,
  sentAt: row.sent_at,
  author: row.author,
  sha256: row.sha256,
  bytes: row.size,
});

/** A sending with its frozen agenda (the agenda document's JSON). */
export type StoredAgendaSending = AgendaSending & { snapshot: string };

/** The sendings of a meeting's agenda, oldest first. @throws DomainError not_found */
export function listAgendaSendings(db: ReadDb, meetingId: string): AgendaSending[] {
  getMeeting(db, meetingId);
  const rows = stmt(
    db,
    'SELECT version, sent_at, author, sha256, size, snapshot FROM agenda_sendings WHERE meeting_id = ? ORDER BY version',
  ).all(meetingId) as SendingRow[];
  return rows.map(toSending);
}

/** The newest sending with its snapshot, or null before the agenda was sent. */
export function latestAgendaSending(db: ReadDb, meetingId: string): StoredAgendaSending | null {
  const row = stmt(
    db,
    'SELECT version, sent_at, author, sha256, size, snapshot FROM agenda_sendings WHERE meeting_id = ? ORDER BY version DESC LIMIT 1',
  ).get(meetingId) as SendingRow | undefined;
  return row ? { ...toSending(row), snapshot: row.snapshot } : null;
}

/** True once the meeting's agenda has been sent. */
export function isAgendaSent(db: ReadDb, meetingId: string): boolean {
  return (
    stmt(db, 'SELECT 1 FROM agenda_sendings WHERE meeting_id = ? LIMIT 1').get(meetingId) !==
    undefined
  );
}

/**
 * Records a sending: the next version, the file's SHA-256 and size and the frozen snapshot,
 * and `agenda_sent` in the audit log, in one transaction. Only a draft meeting's agenda is
 * sent (an approved meeting has its minutes).
 * @throws DomainError not_found, locked (not a draft), invalid_input
 */
export function recordAgendaSending(
  db: ReadDb,
  args: { meetingId: string; author: string; sha256: string; size: number; snapshot: string },
): AgendaSending {
  const author = args.author.trim();
  if (author === '') throw new DomainError('invalid_input', 'author: must not be empty');
  if (!/^[0-9a-f]{64}$/.test(args.sha256))
    throw new DomainError('invalid_input', 'sha256: must be 64 lowercase hex digits');
  if (!Number.isInteger(args.size) || args.size <= 0)
    throw new DomainError('invalid_input', 'size: must be a positive whole number');
  return writeTransaction(db, (db) => {
    requireAgendaSendable(db, args.meetingId);
    const version =
      Number(
        stmt(db, 'SELECT max(version) FROM agenda_sendings WHERE meeting_id = ?', true).get(
          args.meetingId,
        ) ?? 0,
      ) + 1;
    const sentAt = nowIso();
    stmt(
      db,
      `INSERT INTO agenda_sendings (meeting_id, version, sent_at, author, sha256, size, snapshot)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(args.meetingId, version, sentAt, author, args.sha256, args.size, args.snapshot);
    stmt(
      db,
      `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail) VALUES (?, ?, ?, 'agenda_sent', ?, ?)`,
    ).run(
      args.meetingId,
      sentAt,
      author,
      documentSha256(db, args.meetingId),
      `agenda version ${version} sent: ${args.sha256} (${args.size} bytes)`,
    );
    return { version, sentAt, author, sha256: args.sha256, bytes: args.size };
  });
}

/**
 * Refuses to send the agenda of a meeting past draft.
 * @throws DomainError not_found, locked
 */
export function requireAgendaSendable(db: ReadDb, meetingId: string): void {
  const meeting = getMeeting(db, meetingId);
  if (meeting.status !== 'draft')
    throw new DomainError(
      'locked',
      `The agenda of a meeting that is ${meeting.status} cannot be sent; the minutes have replaced it.`,
      { key: 'agenda.notDraft', values: { status: meeting.status } },
    );
}
