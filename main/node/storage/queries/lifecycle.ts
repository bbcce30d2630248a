/**
 * The meeting lifecycle: draft → approved → signed → archived. Approval locks the
 * text (every edit query requires a draft) and records the SHA-256 of the approved referat/1
 * document; after approval, corrections are appended, never edited; every step is written to
 * the audit log.
 */
import { createHash } from 'node:crypto';
import type { AuditEntry, MeetingCorrection } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { Meeting } from '../../../../common/domain/model';
import type { Correction } from '../../../../common/export/layoutMinutes';
import { serializeReferatDocument } from '../../../../common/format/referatJson';
import { exportMeetingDocument } from '../interchange';
import { writeTransaction, type ReadDb, type WriteDb } from '../library';
import { newId, nowIso } from './common';
import { stmt } from '../statements';
import { getMeeting, requireDraftMeeting, setMeetingStatus } from './meetings';
import { latestCompleteSignedPdf } from './signedPdfs';
import { presentParticipants, type RoundOf } from './signers';

type AuditRow = {
  seq: number;
  meeting_id: string;
  at: string;
  author: string;
  action: AuditEntry['action'];
  revision_sha256: string;
  detail: string;
};
type CorrectionRow = {
  id: string;
  meeting_id: string;
  position: number;
  created_at: string;
  author: string;
  reason: string;
  text: string;
};

const toAudit = (r: AuditRow): AuditEntry => ({
  seq: r.seq,
  meetingId: r.meeting_id,
  at: r.at,
  author: r.author,
  action: r.action,
  revisionSha256: r.revision_sha256,
  detail: r.detail,
});
const toCorrection = (r: CorrectionRow): MeetingCorrection => ({
  id: r.id,
  meetingId: r.meeting_id,
  position: r.position,
  createdAt: r.created_at,
  author: r.author,
  reason: r.reason,
  text: r.text,
});

/** SHA-256 of the meeting's canonical referat/1 document (the approved text). */
export function documentSha256(db: ReadDb, meetingId: string): string {
  return createHash('sha256')
    .update(serializeReferatDocument(exportMeetingDocument(db, meetingId)), 'utf8')
    .digest('hex');
}

/** SHA-256 of a revision: the approved document followed by every correction so far. */
function revisionSha256(db: ReadDb, meetingId: string): string {
  const hash = createHash('sha256').update(documentSha256(db, meetingId), 'utf8');
  for (const c of listCorrections(db, { meetingId })) {
    hash.update(JSON.stringify([c.position, c.createdAt, c.author, c.reason, c.text]), 'utf8');
  }
  return hash.digest('hex');
}

/**
 * Appends one audit entry about the meeting: stamped now and with the revision hash of the
 * approved text and every correction so far, unless the entry names its own.
 */
function insertAudit(
  db: WriteDb,
  meetingId: string,
  entry: Pick<AuditEntry, 'author' | 'action' | 'detail'> &
    Partial<Pick<AuditEntry, 'at' | 'revisionSha256'>>,
): AuditEntry {
  const row: Omit<AuditRow, 'seq'> = {
    meeting_id: meetingId,
    at: entry.at ?? nowIso(),
    author: entry.author,
    action: entry.action,
    revision_sha256: entry.revisionSha256 ?? revisionSha256(db, meetingId),
    detail: entry.detail,
  };
  const info = stmt(
    db,
    `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail) VALUES (?, ?, ?, ?, ?, ?)`,
  ).run(row.meeting_id, row.at, row.author, row.action, row.revision_sha256, row.detail);
  return toAudit({ ...row, seq: Number(info.lastInsertRowid) });
}

/** Logs one event of an existing meeting in its own write transaction. @throws DomainError not_found, invalid_input */
function recordAudit(
  db: ReadDb,
  meetingId: string,
  entry: Pick<AuditEntry, 'author' | 'action' | 'detail'>,
): AuditEntry {
  const author = requireAuthor(entry.author);
  return writeTransaction(db, (db) => {
    getMeeting(db, meetingId);
    return insertAudit(db, meetingId, { ...entry, author });
  });
}

function requireAuthor(author: string): string {
  const trimmed = author.trim();
  if (trimmed === '') throw new DomainError('invalid_input', 'author: must not be empty');
  return trimmed;
}

/**
 * Approves a draft: the meeting is locked and the SHA-256 of its document recorded.
 * @throws DomainError not_found, locked (not a draft), invalid_input
 */
export function approveMeeting(
  db: ReadDb,
  args: { id: string; author: string },
): { meeting: Meeting; audit: AuditEntry } {
  const author = requireAuthor(args.author);
  return writeTransaction(db, (db) => {
    requireDraftMeeting(db, args.id);
    const meeting = setMeetingStatus(db, { id: args.id, status: 'approved' });
    const audit = insertAudit(db, args.id, {
      author,
      action: 'approved',
      revisionSha256: documentSha256(db, args.id),
      detail: '',
    });
    return { meeting, audit };
  });
}

/**
 * Appends a correction to an approved or signed meeting; the approved text stays as it was.
 * @throws DomainError not_found, conflict (a draft: edit it instead), locked (archived), invalid_input
 */
export function addCorrection(
  db: ReadDb,
  args: { meetingId: string; author: string; reason: string; text: string },
): MeetingCorrection {
  const author = requireAuthor(args.author);
  const reason = args.reason.trim();
  const text = args.text.replace(/\s+$/, '');
  if (reason === '') throw new DomainError('invalid_input', 'reason: must not be empty');
  if (text.trim() === '') throw new DomainError('invalid_input', 'text: must not be empty');
  return writeTransaction(db, (db) => {
    const meeting = getMeeting(db, args.meetingId);
    if (meeting.status === 'draft') {
      throw new DomainError(
        'conflict',
        'The meeting is a draft: change its text directly; corrections are for approved minutes.',
      );
    }
    if (meeting.status === 'archived')
      throw new DomainError(
        'locked',
        'The meeting is archived: it can no longer receive corrections.',
      );
    const position =
      ((stmt(db, 'SELECT max(position) FROM meeting_corrections WHERE meeting_id = ?', true).get(
        args.meetingId,
      ) as number | null) ?? 0) + 1;
    const row: CorrectionRow = {
      id: newId(),
      meeting_id: args.meetingId,
      position,
      created_at: nowIso(),
      author,
      reason,
      text,
    };
    stmt(
      db,
      `INSERT INTO meeting_corrections (id, meeting_id, position, created_at, author, reason, text) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(row.id, row.meeting_id, row.position, row.created_at, row.author, row.reason, row.text);
    insertAudit(db, args.meetingId, {
      at: row.created_at,
      author,
      action: 'correction',
      detail: reason,
    });
    return toCorrection(row);
  });
}

/** What the signed PDF must show before a meeting counts as signed. */
export type SignedPdfCheck = {
  /** SHA-256 (hex) of the signed PDF. */
  pdfSha256: string;
  /** The participants who signed the round, by name, in signing order (for the audit log). */
  signers: string[];
  /** The participants the round's signatures were matched to. */
  signedParticipantIds: string[];
  /** Every signature valid (trusted chain, intact) and the last covers the whole file. */
  isAllValid: boolean;
};

/**
 * Records that an approved meeting is signed: the signed PDF must be intact and carry at least
 * one signature per participant present.
 * @throws DomainError not_found, conflict (not approved, too few or damaged signatures)
 */
export function markSigned(
  db: ReadDb,
  args: { id: string; author: string; check: SignedPdfCheck },
): { meeting: Meeting; audit: AuditEntry } {
  return recordSignedRound(db, args, 'approved', (status) => ({
    message: `Only approved minutes can be marked as signed; this meeting is ${status}.`,
    localized: { key: 'signing.notApproved', values: { status } },
  }));
}

/**
 * Records that signed minutes were signed again by every participant present (a new round
 * after corrections): the status stays `signed`, the audit log gets `signed` with the new PDF
 * and the revision including the corrections.
 * @throws DomainError not_found, conflict (not signed, too few or damaged signatures)
 */
export function markSignedAgain(
  db: ReadDb,
  args: { id: string; author: string; check: SignedPdfCheck },
): { meeting: Meeting; audit: AuditEntry } {
  return recordSignedRound(db, args, 'signed', (status) => ({
    message: `Only signed minutes can be signed again; this meeting is ${status}.`,
  }));
}

/**
 * A complete signature round of a meeting in status `from`: every participant present signed;
 * the meeting becomes (or stays) `signed` and the audit log gets `signed` with the PDF.
 * `refusal` words the conflict when the meeting is in another status.
 */
function recordSignedRound(
  db: ReadDb,
  args: { id: string; author: string; check: SignedPdfCheck },
  from: 'approved' | 'signed',
  refusal: (status: Meeting['status']) => {
    message: string;
    localized?: ConstructorParameters<typeof DomainError>[2];
  },
): { meeting: Meeting; audit: AuditEntry } {
  const author = requireAuthor(args.author);
  return writeTransaction(db, (db) => {
    const current = getMeeting(db, args.id);
    if (current.status !== from) {
      const { message, localized } = refusal(current.status);
      throw new DomainError('conflict', message, localized);
    }
    requireEverySigner(db, args.id, args.check);
    const meeting =
      from === 'signed' ? current : setMeetingStatus(db, { id: args.id, status: 'signed' });
    return { meeting, audit: insertSignedAudit(db, args.id, author, args.check) };
  });
}

/** Who logs an event of one signature round of an edition of a meeting. */
type RoundEvent = RoundOf & { author: string };

/**
 * Logs that the next signature of an edition began a new round on a fresh export because
 * corrections were added after the previous file's export.
 * @throws DomainError not_found, invalid_input
 */
export function recordSigningRestarted(
  db: ReadDb,
  args: RoundEvent & { correctionsIncluded: number; previousPdfSha256: string },
): AuditEntry {
  return recordAudit(db, args.meetingId, {
    author: args.author,
    action: 'signing_restarted',
    detail: `${args.edition} edition, round ${args.round}: corrections 1-${args.correctionsIncluded} included; replaces PDF ${args.previousPdfSha256}`,
  });
}

function requireEverySigner(db: ReadDb, id: string, check: SignedPdfCheck): void {
  if (!check.isAllValid) {
    throw new DomainError(
      'conflict',
      'Not every signature of the signed PDF is valid (damaged, changed after the last signature, or its certificate is not trusted).',
      { key: 'signing.notAllValid', values: {} },
    );
  }
  const present = presentParticipants(db, id);
  const signed = new Set(check.signedParticipantIds);
  const missing = present.filter((p) => !signed.has(p.id));
  if (missing.length > 0) {
    const count = present.length - missing.length;
    throw new DomainError(
      'conflict',
      `${count} of the ${present.length} members present have signed; still missing: ${missing.map((p) => p.name).join(', ')}.`,
      {
        key: 'signing.missingSigners',
        values: { count, present: present.length, missing: missing.map((p) => p.name).join(', ') },
      },
    );
  }
}

/**
 * Logs that the secretary confirmed who made a signature whose certificate name is not the
 * participant's. @throws DomainError not_found, invalid_input
 */
export function recordSignerConfirmed(
  db: ReadDb,
  args: RoundEvent & { field: string; participantName: string; certificateSubject: string },
): AuditEntry {
  return recordAudit(db, args.meetingId, {
    author: args.author,
    action: 'signer_confirmed',
    detail: `${args.edition} edition, round ${args.round}, ${args.field}: ${args.participantName} (certificate ${args.certificateSubject})`,
  });
}

function insertSignedAudit(
  db: WriteDb,
  id: string,
  author: string,
  check: SignedPdfCheck,
): AuditEntry {
  return insertAudit(db, id, {
    author,
    action: 'signed',
    detail: `PDF ${check.pdfSha256}: ${check.signers.join(', ')}`,
  });
}

/** The corrections of a meeting, oldest first. @throws DomainError not_found */
export function listCorrections(db: ReadDb, args: { meetingId: string }): MeetingCorrection[] {
  getMeeting(db, args.meetingId);
  const rows = stmt(
    db,
    'SELECT * FROM meeting_corrections WHERE meeting_id = ? ORDER BY position',
  ).all(args.meetingId) as CorrectionRow[];
  return rows.map(toCorrection);
}

/** The corrections as the PDF layout prints them ("Rettelser"), oldest first. */
export function correctionsForExport(db: ReadDb, meetingId: string): Correction[] {
  return listCorrections(db, { meetingId }).map((c) => ({
    date: c.createdAt,
    author: c.author,
    reason: c.reason,
    text: c.text,
  }));
}

/** The audit log of a meeting, oldest first. @throws DomainError not_found */
export function listAudit(db: ReadDb, args: { meetingId: string }): AuditEntry[] {
  getMeeting(db, args.meetingId);
  const rows = stmt(db, 'SELECT * FROM meeting_audit WHERE meeting_id = ? ORDER BY seq').all(
    args.meetingId,
  ) as AuditRow[];
  return rows.map(toAudit);
}

/**
 * Records that signed minutes were handed to the archive: the audit log gets `archived` with the
 * package's SHA-256 and the receiver (an archive, a system or a person), and the status becomes
 * `archived`. Only a meeting whose full edition has a complete signature round that carries every
 * correction qualifies: the package of any other state would not hold the permanent record
 * (the package export refuses a signed file lacking corrections for the same reason).
 * @throws DomainError not_found, conflict (not signed, no complete round, corrections not signed), invalid_input
 */
export function recordArchiveHandover(
  db: ReadDb,
  args: { meetingId: string; author: string; packageSha256: string; receiver: string },
): { meeting: Meeting; audit: AuditEntry } {
  const author = requireAuthor(args.author);
  const receiver = args.receiver.trim();
  if (receiver === '') throw new DomainError('invalid_input', 'receiver: must not be empty');
  if (receiver.length > 300)
    throw new DomainError('invalid_input', 'receiver: must be at most 300 characters');
  if (!/^[0-9a-f]{64}$/.test(args.packageSha256))
    throw new DomainError('invalid_input', 'packageSha256: must be 64 lowercase hex digits');
  return writeTransaction(db, (db) => {
    const current = getMeeting(db, args.meetingId);
    if (current.status === 'archived') {
      throw new DomainError('conflict', 'The meeting has already been handed to the archive.', {
        key: 'archive.alreadyArchived',
        values: {},
      });
    }
    if (current.status !== 'signed') {
      throw new DomainError(
        'conflict',
        `Only signed minutes can be handed to the archive; this meeting is ${current.status}.`,
        { key: 'archive.notSigned', values: { status: current.status } },
      );
    }
    const signed = latestCompleteSignedPdf(db, args.meetingId, 'full');
    if (!signed) {
      throw new DomainError(
        'conflict',
        'No signature round of the full edition is complete: not every member present has signed.',
        { key: 'archive.roundIncomplete', values: {} },
      );
    }
    if (signed.lacksCorrections) {
      throw new DomainError(
        'conflict',
        `The signed full edition (round ${signed.round}) lacks corrections added after it was exported. ` +
          'Sign the full edition again with the corrections before handing the minutes to the archive.',
        { key: 'archive.lacksCorrections', values: { round: signed.round } },
      );
    }
    const audit = insertAudit(db, args.meetingId, {
      author,
      action: 'archived',
      detail: `package ${args.packageSha256} handed to ${receiver}`,
    });
    const meeting = setMeetingStatus(db, { id: args.meetingId, status: 'archived' });
    return { meeting, audit };
  });
}
