/**
 * Signed PDFs kept in the library (issue 5): the file store holds each signed file by its
 * SHA-256 and `signed_pdfs` lists them per meeting and edition in signing order. The newest
 * row of an edition is the file the next member signs and the one the archive package carries.
 */
import type { SignedPdf } from '../../../common/contract/api';
import type { Edition } from '../../../common/export/editions';
import { writeTransaction, type Db } from '../library';
import { registerFile } from './appendices';
import { stmt } from './common';
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
};

const select = `SELECT s.seq, s.meeting_id, s.edition, s.sha256, f.size AS bytes, s.signer, s.signed_at, s.signature_count
  FROM signed_pdfs s JOIN files f ON f.sha256 = s.sha256`;

const toSignedPdf = (r: SignedPdfRow): SignedPdf => ({
  seq: r.seq,
  meetingId: r.meeting_id,
  edition: r.edition,
  sha256: r.sha256,
  bytes: r.bytes,
  signer: r.signer,
  signedAt: r.signed_at,
  signatureCount: r.signature_count,
});

/**
 * Records a signed file already placed in the file store (registering it in `files`).
 * @throws DomainError not_found (meeting), conflict (hash known with another size)
 */
export function recordSignedPdf(
  db: Db,
  args: {
    meetingId: string;
    edition: Edition;
    sha256: string;
    size: number;
    signer: string;
    signedAt: string;
    signatureCount: number;
  },
): SignedPdf {
  return writeTransaction(db, () => {
    getMeeting(db, args.meetingId);
    registerFile(db, { sha256: args.sha256, size: args.size, mediaType: 'application/pdf' });
    const info = stmt(
      db,
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count) VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(
      args.meetingId,
      args.edition,
      args.sha256,
      args.signer,
      args.signedAt,
      args.signatureCount,
    );
    return toSignedPdf({
      seq: Number(info.lastInsertRowid),
      meeting_id: args.meetingId,
      edition: args.edition,
      sha256: args.sha256,
      bytes: args.size,
      signer: args.signer,
      signed_at: args.signedAt,
      signature_count: args.signatureCount,
    });
  });
}

/** The signed PDFs of a meeting in signing order. @throws DomainError not_found */
export function listSignedPdfs(db: Db, args: { meetingId: string }): SignedPdf[] {
  getMeeting(db, args.meetingId);
  const rows = stmt(db, `${select} WHERE s.meeting_id = ? ORDER BY s.seq`).all(
    args.meetingId,
  ) as SignedPdfRow[];
  return rows.map(toSignedPdf);
}

/** The newest signed PDF of an edition, or null when that edition was never signed here. */
export function latestSignedPdf(db: Db, meetingId: string, edition: Edition): SignedPdf | null {
  const row = stmt(
    db,
    `${select} WHERE s.meeting_id = ? AND s.edition = ? ORDER BY s.seq DESC LIMIT 1`,
  ).get(meetingId, edition) as SignedPdfRow | undefined;
  return row ? toSignedPdf(row) : null;
}

/** How many participants the meeting records as present (each must sign). */
export function countPresent(db: Db, meetingId: string): number {
  return stmt(
    db,
    `SELECT count(*) FROM participants WHERE meeting_id = ? AND attendance = 'present'`,
    true,
  ).get(meetingId) as number;
}
