/**
 * One more signature on a meeting's edition kept in the library, shared by
 * `signatures:sign` and `referat sign --meeting`. The first signature of an edition signs a
 * fresh export; later ones sign the newest stored file as an incremental update, unless
 * corrections were added after that file's export: then a fresh export (with the corrections)
 * starts a new round, logged in the audit log, and only the new round's signatures count.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SignedPdf } from '../../../common/contract/api';
import { DomainError } from '../../../common/contract/result';
import type { Meeting } from '../../../common/domain/model';
import type { Edition } from '../../../common/export/editions';
import { checkSignedPdf } from './checkSignedPdf';
import { exportMinutesPdfInWorker } from '../pdf/exportInWorker';
import { readStoredFile, storeBytes } from '../storage/fileStore';
import { editionSource } from '../services/editionExport';
import { writeTransaction, type Db, type Library } from '../storage/library';
import { markSigned, markSignedAgain, recordSigningRestarted } from '../storage/queries/lifecycle';
import { getMeeting } from '../storage/queries/meetings';
import {
  countPresent,
  latestSignedPdf,
  nextSigningBase,
  recordSignedPdf,
} from '../storage/queries/signedPdfs';
import { signPdf } from './signPdf';
import { verifyPdf } from './verifyPdf';

export type SignMeetingArgs = {
  meetingId: string;
  edition: Edition;
  p12: Buffer;
  /** Used for this one signature; never stored or logged. */
  password: string;
  reason: string;
  location?: string;
  signerName?: string;
  /** Who is logged in the audit log. */
  author: string;
};

export type SignMeetingResult = {
  signedPdf: SignedPdf;
  meeting: Meeting;
  /** This signature began a new round on a fresh export (corrections added since the last file). */
  isNewRound: boolean;
};

/**
 * Checks that the meeting can be signed (approved or signed minutes), before a certificate or
 * password is asked for. @throws DomainError not_found, conflict (draft), locked (archived)
 */
export function requireSignable(db: Db, meetingId: string): void {
  const meeting = getMeeting(db, meetingId);
  if (meeting.status === 'draft')
    throw new DomainError('conflict', 'The meeting is a draft: approve it before signing.');
  if (meeting.status === 'archived')
    throw new DomainError('locked', 'The meeting is archived: it can no longer be signed.');
}

/**
 * Signs the edition, stores the verified file and records it; marks the meeting signed when the
 * round is complete. Nothing is stored when signing or verification fails.
 * @throws DomainError conflict (draft), locked (archived), invalid_input (wrong password, a signature that does not verify)
 */
export async function signMeeting(
  library: Library,
  args: SignMeetingArgs,
): Promise<SignMeetingResult> {
  const db = library.db;
  requireSignable(db, args.meetingId);
  const base = nextSigningBase(db, args.meetingId, args.edition);
  let pdf: Buffer;
  let correctionsIncluded: number;
  if (base.kind === 'continue') {
    pdf = readStoredFile(library.filesDir, base.previous.sha256);
    correctionsIncluded = base.previous.correctionsIncluded;
  } else {
    const exported = await exportForSigning(library, args.meetingId, args.edition);
    pdf = exported.pdf;
    correctionsIncluded = exported.correctionsIncluded;
  }
  // The password lives only in this call; a wrong one throws before anything is stored.
  const signed = signPdf(pdf, {
    p12: args.p12,
    password: args.password,
    reason: args.reason,
    ...(args.location ? { location: args.location } : {}),
    ...(args.signerName ? { name: args.signerName } : {}),
  });
  const check = await checkSignedPdf(signed);
  if (!check.isIntact) {
    // E.g. a certificate outside its validity: refuse rather than keep a file that fails.
    const detail = (await verifyPdf(signed)).signatures.at(-1);
    throw new DomainError(
      'invalid_input',
      `The new signature does not verify (${detail?.status ?? 'invalid'}${detail?.detail ? `: ${detail.detail}` : ''}); nothing was stored.`,
    );
  }
  const stored = await storeBytes(library.filesDir, signed);
  const signerCount = new Set(check.signers).size;
  // The file, the new round's log entry and a completed round's status change land together.
  return writeTransaction(db, () => {
    const newest = latestSignedPdf(db, args.meetingId, args.edition);
    if ((newest?.seq ?? null) !== (base.kind === 'first' ? null : base.previous.seq)) {
      throw new DomainError(
        'conflict',
        `Someone else signed the ${args.edition} edition meanwhile; sign again (nothing was recorded).`,
      );
    }
    const signedPdf = recordSignedPdf(db, {
      meetingId: args.meetingId,
      edition: args.edition,
      sha256: stored.sha256,
      size: stored.size,
      signer: args.signerName || (check.signers[check.signers.length - 1] ?? '?'),
      signedAt: new Date().toISOString(),
      signatureCount: check.signers.length,
      round: base.round,
      correctionsIncluded,
      signerCount,
    });
    if (base.kind === 'newRound') {
      recordSigningRestarted(db, {
        meetingId: args.meetingId,
        author: args.author,
        edition: args.edition,
        round: base.round,
        correctionsIncluded,
        previousPdfSha256: base.previous.sha256,
      });
    }
    let meeting = getMeeting(db, args.meetingId);
    // Only the signature that completes a round changes the status or logs `signed`.
    const isRoundCompleted =
      signerCount >= countPresent(db, args.meetingId) &&
      !(base.kind === 'continue' && base.previous.isComplete);
    if (isRoundCompleted && meeting.status === 'approved') {
      meeting = markSigned(db, { id: args.meetingId, author: args.author, check }).meeting;
    } else if (isRoundCompleted && meeting.status === 'signed' && base.round > 1) {
      // Signed minutes signed again with their corrections: logged, the status stays.
      markSignedAgain(db, { id: args.meetingId, author: args.author, check });
    }
    return { signedPdf, meeting, isNewRound: base.kind === 'newRound' };
  });
}

/**
 * Exports the edition of approved minutes (signature page and, in full, corrections) for the
 * first signer of a round, with the number of corrections it prints (read once, with them).
 */
async function exportForSigning(
  library: Library,
  meetingId: string,
  edition: Edition,
): Promise<{ pdf: Buffer; correctionsIncluded: number }> {
  const { document, corrections } = editionSource(library.db, meetingId, edition);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-sign-'));
  try {
    const out = path.join(dir, 'minutes.pdf');
    await exportMinutesPdfInWorker(document, {
      edition,
      out,
      isWithSignaturePage: true,
      ...(corrections.length > 0 ? { corrections } : {}),
    });
    return { pdf: fs.readFileSync(out), correctionsIncluded: corrections.length };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
