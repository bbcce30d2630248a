/**
 * Signed PDFs kept in the library: the file store holds each signed file by its
 * SHA-256 and `signed_pdfs` lists them per meeting and edition in signing order. The newest
 * row of an edition is the file the next member signs, unless corrections were added after
 * its export: then the next signature signs a fresh export and starts a new round (the earlier
 * files stay). Signatures count per round: a round is complete when its newest file carries
 * every participant present.
 */
import type { SignedPdf } from '../../../../common/contract/api';
import type { Edition } from '../../../../common/export/editions';
import { writeTransaction, type ReadDb } from '../library';
import { registerFile } from './appendices';
import { stmt } from '../statements';
import { getMeeting } from './meetings';

type SignedPdfRow = {
  seq: number;
  meeting_id: string;
  edition: Edition;
  sha256: string;
  bytes: number;
  signer: string;
  signed_at: string;
  signature_count: number;
  round: number;
  corrections_included: number;
  signer_count: number;
};

const select = `SELECT s.seq, s.meeting_id, s.edition, s.sha256, f.size AS bytes, s.signer, s.signed_at,
    s.signature_count, s.round, s.corrections_included, s.signer_count
  FROM signed_pdfs s JOIN files f ON f.sha256 = s.sha256`;

/** What a row's derived fields depend on: the meeting's present participants and corrections now. */
type MeetingCounts = { present: number; corrections: number };

const toSignedPdf = (r: SignedPdfRow, counts: MeetingCounts): SignedPdf => ({
  seq: r.seq,
  meetingId: r.meeting_id,
  edition: r.edition,
  sha256: r.sha256,
  bytes: r.bytes,
  signer: r.signer,
  signedAt: r.signed_at,
  signatureCount: r.signature_count,
  round: r.round,
  correctionsIncluded: r.corrections_included,
  signerCount: r.signer_count,
  isComplete: r.signer_count >= counts.present,
  lacksCorrections:
    editionPrintsCorrections(r.edition) && r.corrections_included < counts.corrections,
});

/** Only the full edition prints the corrections ("Rettelser"); the public one never changes with them. */
export function editionPrintsCorrections(edition: Edition): boolean {
  return edition === 'full';
}

function meetingCounts(db: ReadDb, meetingId: string): MeetingCounts {
  return { present: countPresent(db, meetingId), corrections: countCorrections(db, meetingId) };
}

/**
 * Records a signed file already placed in the file store (registering it in `files`).
 * @throws DomainError not_found (meeting), conflict (hash known with another size)
 */
export function recordSignedPdf(
  db: ReadDb,
  args: {
    meetingId: string;
    edition: Edition;
    sha256: string;
    size: number;
    signer: string;
    signedAt: string;
    signatureCount: number;
    /** Defaults: round 1, no corrections, one signer (a file signed once). */
    round?: number;
    correctionsIncluded?: number;
    signerCount?: number;
  },
): SignedPdf {
  return writeTransaction(db, (db) => {
    getMeeting(db, args.meetingId);
    registerFile(db, { sha256: args.sha256, size: args.size, mediaType: 'application/pdf' });
    const row: Omit<SignedPdfRow, 'seq'> = {
      meeting_id: args.meetingId,
      edition: args.edition,
      sha256: args.sha256,
      bytes: args.size,
      signer: args.signer,
      signed_at: args.signedAt,
      signature_count: args.signatureCount,
      round: args.round ?? 1,
      corrections_included: editionPrintsCorrections(args.edition)
        ? (args.correctionsIncluded ?? 0)
        : 0,
      signer_count: args.signerCount ?? 1,
    };
    const info = stmt(
      db,
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count, round, corrections_included, signer_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      row.meeting_id,
      row.edition,
      row.sha256,
      row.signer,
      row.signed_at,
      row.signature_count,
      row.round,
      row.corrections_included,
      row.signer_count,
    );
    return toSignedPdf(
      { ...row, seq: Number(info.lastInsertRowid) },
      meetingCounts(db, args.meetingId),
    );
  });
}

/** The signed PDFs of a meeting in signing order, every round. @throws DomainError not_found */
export function listSignedPdfs(db: ReadDb, args: { meetingId: string }): SignedPdf[] {
  getMeeting(db, args.meetingId);
  const counts = meetingCounts(db, args.meetingId);
  const rows = stmt(db, `${select} WHERE s.meeting_id = ? ORDER BY s.seq`).all(
    args.meetingId,
  ) as SignedPdfRow[];
  return rows.map((row) => toSignedPdf(row, counts));
}

/** The newest signed PDF of an edition, or null when that edition was never signed here. */
export function latestSignedPdf(db: ReadDb, meetingId: string, edition: Edition): SignedPdf | null {
  const row = stmt(
    db,
    `${select} WHERE s.meeting_id = ? AND s.edition = ? ORDER BY s.seq DESC LIMIT 1`,
  ).get(meetingId, edition) as SignedPdfRow | undefined;
  return row ? toSignedPdf(row, meetingCounts(db, meetingId)) : null;
}

/**
 * The newest signed PDF of an edition that every participant present has signed (the end of
 * the newest complete round), or null when no round of that edition is complete.
 */
export function latestCompleteSignedPdf(
  db: ReadDb,
  meetingId: string,
  edition: Edition,
): SignedPdf | null {
  const counts = meetingCounts(db, meetingId);
  const row = stmt(
    db,
    `${select} WHERE s.meeting_id = ? AND s.edition = ? AND s.signer_count >= ? ORDER BY s.seq DESC LIMIT 1`,
  ).get(meetingId, edition, counts.present) as SignedPdfRow | undefined;
  return row ? toSignedPdf(row, counts) : null;
}

/** What the next signature of an edition signs. */
export type SigningBase =
  /** The first signature of the edition: a fresh export, round 1. */
  | { kind: 'first'; round: 1 }
  /** One more signature on the newest file: same round, same corrections. */
  | { kind: 'continue'; previous: SignedPdf; round: number }
  /** Corrections were added after the newest file's export: a fresh export starts a new round. */
  | { kind: 'newRound'; previous: SignedPdf; round: number };

/** Decides what the next signature of `edition` signs (see SigningBase). */
export function nextSigningBase(db: ReadDb, meetingId: string, edition: Edition): SigningBase {
  const previous = latestSignedPdf(db, meetingId, edition);
  if (!previous) return { kind: 'first', round: 1 };
  if (previous.lacksCorrections) return { kind: 'newRound', previous, round: previous.round + 1 };
  return { kind: 'continue', previous, round: previous.round };
}

/** How many participants the meeting records as present (each must sign). */
export function countPresent(db: ReadDb, meetingId: string): number {
  return stmt(
    db,
    `SELECT count(*) FROM participants WHERE meeting_id = ? AND attendance = 'present'`,
    true,
  ).get(meetingId) as number;
}

/**
 * How many corrections the meeting has. They are numbered 1..N without gaps and never removed,
 * so "the first N corrections" names exactly what a file printed.
 */
export function countCorrections(db: ReadDb, meetingId: string): number {
  return stmt(db, `SELECT count(*) FROM meeting_corrections WHERE meeting_id = ?`, true).get(
    meetingId,
  ) as number;
}
