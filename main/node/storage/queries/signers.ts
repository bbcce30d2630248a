/**
 * Who signed which round of an edition, and the files members may sign (migration 80).
 * `signing_files` are the unsigned exports rounds start with (kept in the file store);
 * `signature_signers` match each signature of a stored signed file to a participant present.
 * A returned signed file counts only when it begins with one of these revisions (see
 * main/node/signing/recordSignatures.ts); this module only stores and reads.
 */
import type { Edition } from '../../../../common/export/editions';
import { writeTransaction, type ReadDb, type WriteDb } from '../library';
import { registerFile } from './appendices';
import { nowIso } from './common';
import { stmt } from '../statements';
import { getMeeting } from './meetings';

/** A participant recorded as present: each must sign every round. */
export type PresentParticipant = { id: string; name: string };

/** The participants present, in the meeting's order. */
export function presentParticipants(db: ReadDb, meetingId: string): PresentParticipant[] {
  return stmt(
    db,
    `SELECT id, name FROM participants WHERE meeting_id = ? AND attendance = 'present' ORDER BY position`,
  ).all(meetingId) as PresentParticipant[];
}

/** The signature round of one edition of a meeting that a record belongs to. */
export type RoundOf = { meetingId: string; edition: Edition; round: number };

/** An unsigned export a round starts with. */
export type SigningFile = RoundOf & {
  seq: number;
  sha256: string;
  size: number;
  correctionsIncluded: number;
  createdAt: string;
};

/** The columns of `signing_files` named as {@link SigningFile}'s fields. */
const signingFileColumns = `seq, meeting_id AS meetingId, edition, round, sha256, size,
  corrections_included AS correctionsIncluded, created_at AS createdAt`;

/**
 * Records an export placed in the file store as the start of a round (registering the file).
 * @throws DomainError not_found (meeting)
 */
export function recordSigningFile(
  db: ReadDb,
  args: {
    meetingId: string;
    edition: Edition;
    round: number;
    sha256: string;
    size: number;
    correctionsIncluded: number;
  },
): SigningFile {
  return writeTransaction(db, (db) => {
    getMeeting(db, args.meetingId);
    registerFile(db, { sha256: args.sha256, size: args.size, mediaType: 'application/pdf' });
    const createdAt = nowIso();
    const info = stmt(
      db,
      `INSERT INTO signing_files (meeting_id, edition, round, sha256, size, corrections_included, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      args.meetingId,
      args.edition,
      args.round,
      args.sha256,
      args.size,
      args.correctionsIncluded,
      createdAt,
    );
    return { seq: Number(info.lastInsertRowid), ...args, createdAt };
  });
}

/** The newest export recorded for a round with exactly these corrections, or null. */
export function signingFileFor(
  db: ReadDb,
  meetingId: string,
  edition: Edition,
  round: number,
  correctionsIncluded: number,
): SigningFile | null {
  const row = stmt(
    db,
    `SELECT ${signingFileColumns} FROM signing_files
     WHERE meeting_id = ? AND edition = ? AND round = ? AND corrections_included = ?
     ORDER BY seq DESC LIMIT 1`,
  ).get(meetingId, edition, round, correctionsIncluded) as SigningFile | undefined;
  return row ?? null;
}

/** Every signing file of a meeting (any edition and round), oldest first. */
export function listSigningFiles(db: ReadDb, meetingId: string): SigningFile[] {
  return stmt(
    db,
    `SELECT ${signingFileColumns} FROM signing_files WHERE meeting_id = ? ORDER BY seq`,
  ).all(meetingId) as SigningFile[];
}

/** One signature matched to a participant. */
export type SignerRecord = RoundOf & {
  signedPdfSeq: number;
  field: string;
  participantId: string;
  participantName: string;
  certificateSubject: string;
  certificateFingerprint: string;
  /** The signing time the signature claims (ISO 8601). */
  signedAt: string;
  matchedBy: 'name' | 'secretary';
  /** The reservation (forbehold) the member signed with; empty when none. */
  reservation: string;
};

/** The columns of `signature_signers` named as {@link SignerRecord}'s fields. */
const signerColumns = `signed_pdf_seq AS signedPdfSeq, meeting_id AS meetingId, edition, round, field,
  participant_id AS participantId, participant_name AS participantName,
  certificate_subject AS certificateSubject, certificate_fingerprint AS certificateFingerprint,
  signed_at AS signedAt, matched_by AS matchedBy, reservation`;

/** Records matched signers (in one transaction with the signed file, by the caller). */
export function recordSigners(db: WriteDb, signers: SignerRecord[]): void {
  const insert = stmt(
    db,
    `INSERT INTO signature_signers (signed_pdf_seq, meeting_id, edition, round, field, participant_id,
       participant_name, certificate_subject, certificate_fingerprint, signed_at, matched_by, reservation)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  writeTransaction(db, () => {
    for (const s of signers) {
      insert.run(
        s.signedPdfSeq,
        s.meetingId,
        s.edition,
        s.round,
        s.field,
        s.participantId,
        s.participantName,
        s.certificateSubject,
        s.certificateFingerprint,
        s.signedAt,
        s.matchedBy,
        s.reservation,
      );
    }
  });
}

/** The signers of one round of an edition, in signing order. */
export function roundSigners(
  db: ReadDb,
  meetingId: string,
  edition: Edition,
  round: number,
): SignerRecord[] {
  return stmt(
    db,
    `SELECT ${signerColumns} FROM signature_signers
     WHERE meeting_id = ? AND edition = ? AND round = ? ORDER BY seq`,
  ).all(meetingId, edition, round) as SignerRecord[];
}

/** Whether any signer was ever recorded for the round (rounds signed before migration 80 have none). */
export function hasSignerRecords(
  db: ReadDb,
  meetingId: string,
  edition: Edition,
  round: number,
): boolean {
  return (
    (stmt(
      db,
      `SELECT count(*) FROM signature_signers WHERE meeting_id = ? AND edition = ? AND round = ?`,
      true,
    ).get(meetingId, edition, round) as number) > 0
  );
}
