/**
 * Recording signatures on a meeting's edition, whether made in the app (signMeeting) or on a
 * member's own device and returned (importSignedPdf):
 *
 * - the file must begin with exactly the revision the next signer was to sign: the newest
 *   signed file of the edition, or the export the round starts with (`signing_files`); that
 *   revision was produced by the app for this meeting (meeting.json embedded), so a signed
 *   file from elsewhere, or one built on an older revision, is refused;
 * - every new signature is matched to a participant present who has not signed the round yet,
 *   by the certificate's name or as the secretary confirmed (logged as `signer_confirmed`);
 * - the meeting becomes signed only when every participant present has signed the round and
 *   every signature of the file is valid against the library's trusted roots. A signature
 *   whose issuer is not trusted (yet) is stored, but does not complete the round.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SignedPdf, SignerState, SigningStatus } from '../../../common/contract/api';
import { DomainError } from '../../../common/contract/result';
import type { Meeting } from '../../../common/domain/model';
import type { Edition } from '../../../common/export/editions';
import { exportMinutesPdfInWorker } from '../pdf/exportInWorker';
import { readStoredFile, storeBytes } from '../storage/fileStore';
import { editionSource } from '../services/editionExport';
import { writeTransaction, type ReadDb, type Library } from '../storage/library';
import {
  markSigned,
  markSignedAgain,
  recordSignerConfirmed,
  recordSigningRestarted,
  type SignedPdfCheck,
} from '../storage/queries/lifecycle';
import { getMeeting } from '../storage/queries/meetings';
import {
  countCorrections,
  editionPrintsCorrections,
  latestSignedPdf,
  listSignedPdfs,
  nextSigningBase,
  recordSignedPdf,
} from '../storage/queries/signedPdfs';
import {
  hasSignerRecords,
  listSigningFiles,
  presentParticipants,
  recordSigners,
  recordSigningFile,
  roundSigners,
  signingFileFor,
  type PresentParticipant,
  type SignerRecord,
} from '../storage/queries/signers';
import { trustedRootPems } from '../storage/queries/trustedRoots';
import { verifyPdfInWorker } from './verifyInWorker';
import type { SignatureReport, VerifyReport } from './verifyPdf';

/** The revision the next signature of an edition must be made on. */
export type SigningTip = {
  edition: Edition;
  round: number;
  kind: 'first' | 'continue' | 'newRound';
  sha256: string;
  size: number;
  correctionsIncluded: number;
  /** The newest stored signed file of the edition (any round), for the race check and the log. */
  newest: SignedPdf | null;
  /**
   * A fresh export not recorded yet (in-app signing): stored and recorded as the round's
   * signing file only together with the signature, so a failed signature leaves nothing.
   */
  unrecorded?: { pdf: Buffer; correctionsIncluded: number };
};

/** The secretary's word on who made a signature (by field name). */
export type SignerConfirmation = { field: string; participantId: string };

/**
 * Checks that the meeting can be signed (approved or signed minutes), before a certificate or
 * password is asked for. @throws DomainError not_found, conflict (draft), locked (archived)
 */
export function requireSignable(db: ReadDb, meetingId: string): void {
  const meeting = getMeeting(db, meetingId);
  if (meeting.status === 'draft')
    throw new DomainError('conflict', 'The meeting is a draft: approve it before signing.', {
      key: 'signing.draft',
      values: {},
    });
  if (meeting.status === 'archived')
    throw new DomainError('locked', 'The meeting is archived: it can no longer be signed.', {
      key: 'signing.archived',
      values: {},
    });
}

/**
 * The revision the next signer of `edition` signs. A round without a signed file yet starts
 * with its recorded export; when there is none, `export` makes one (worker thread) and records
 * it as the signing file handed out, `exportUnrecorded` makes one for a signature in the app
 * (recorded with that signature), and `existing` answers null ("no file handed out yet").
 */
export async function signingTip(
  library: Library,
  meetingId: string,
  edition: Edition,
  mode: 'existing' | 'export' | 'exportUnrecorded',
): Promise<SigningTip | null> {
  const db = library.db;
  const base = nextSigningBase(db, meetingId, edition);
  const newest = latestSignedPdf(db, meetingId, edition);
  if (base.kind === 'continue') {
    return {
      edition,
      round: base.round,
      kind: 'continue',
      sha256: base.previous.sha256,
      size: base.previous.bytes,
      correctionsIncluded: base.previous.correctionsIncluded,
      newest,
    };
  }
  const corrections = editionPrintsCorrections(edition) ? countCorrections(db, meetingId) : 0;
  let file = signingFileFor(db, meetingId, edition, base.round, corrections);
  if (!file && mode === 'exportUnrecorded') {
    const exported = await exportForSigning(library, meetingId, edition);
    return {
      edition,
      round: base.round,
      kind: base.kind,
      sha256: sha256(exported.pdf),
      size: exported.pdf.length,
      correctionsIncluded: exported.correctionsIncluded,
      newest,
      unrecorded: exported,
    };
  }
  if (!file && mode === 'export') {
    const exported = await exportForSigning(library, meetingId, edition);
    const stored = await storeBytes(library.filesDir, exported.pdf);
    file = recordSigningFile(db, {
      meetingId,
      edition,
      round: base.round,
      sha256: stored.sha256,
      size: stored.size,
      correctionsIncluded: exported.correctionsIncluded,
    });
  }
  if (!file) return null;
  return {
    edition,
    round: base.round,
    kind: base.kind,
    sha256: file.sha256,
    size: file.size,
    correctionsIncluded: file.correctionsIncluded,
    newest,
  };
}

/** Verifies a PDF against the library's trusted roots (in the worker thread). */
export function verifyWithLibraryRoots(library: Library, pdf: Buffer): Promise<VerifyReport> {
  return verifyPdfInWorker(pdf, { trustedRoots: trustedRootPems(library.db) });
}

const end = (range: number[]) => (range[2] ?? 0) + (range[3] ?? 0);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const normalizeName = (name: string) =>
  name.normalize('NFC').toLocaleLowerCase('da').replace(/\s+/g, ' ').trim();

/** The reservation (forbehold) a signature's /Reason states, or ''. */
export function reservationOf(reason: string | undefined): string {
  const match =
    /^(?:underskrevet med )?forbehold\s*:\s*(.+)$|^(?:signed )?with (?:a )?reservation\s*:\s*(.+)$/is.exec(
      reason?.trim() ?? '',
    );
  return (match?.[1] ?? match?.[2] ?? '').trim();
}

/** The /Reason written for a member who signs with a reservation. */
export function reasonWithReservation(reason: string, reservation: string | undefined): string {
  const text = reservation?.trim();
  return text ? `Underskrevet med forbehold: ${text}` : reason;
}

/**
 * The participants who signed a round so far: its recorded signers, or for a round signed
 * before signers were recorded, the present participants named by the signatures of its
 * newest file.
 */
function signedSoFar(
  db: ReadDb,
  tip: SigningTip,
  meetingId: string,
  present: PresentParticipant[],
  oldSignatures: SignatureReport[],
): Set<string> {
  if (hasSignerRecords(db, meetingId, tip.edition, tip.round) || tip.kind !== 'continue')
    return new Set(roundSigners(db, meetingId, tip.edition, tip.round).map((s) => s.participantId));
  // A round begun before signers were recorded: its files' signatures are this round's.
  const names = new Set(oldSignatures.map((s) => normalizeName(s.signer)));
  return new Set(present.filter((p) => names.has(normalizeName(p.name))).map((p) => p.id));
}

/** What {@link acceptSignedFile} stores and reports. */
export type AcceptedSignature = {
  signedPdf: SignedPdf;
  meeting: Meeting;
  isNewRound: boolean;
  isMeetingSigned: boolean;
};

/**
 * Checks a signed file made on `tip` and records it: the file, its new signers, the log and,
 * when the round is complete with valid signatures, the status.
 * @throws DomainError conflict (not made on the tip, signer not present or already signed, a
 *   signature that is not valid), damaged_file
 */
export async function acceptSignedFile(
  library: Library,
  args: {
    meetingId: string;
    tip: SigningTip;
    pdf: Buffer;
    report: VerifyReport;
    confirmations: SignerConfirmation[];
    author: string;
    /** Refuse (recording nothing) unless this file completes the round with valid signatures. */
    isCompletionRequired?: boolean;
  },
): Promise<AcceptedSignature> {
  const { meetingId, tip, pdf, report } = args;
  const db = library.db;
  if (pdf.length <= tip.size || sha256(pdf.subarray(0, tip.size)) !== tip.sha256)
    throw notMadeOnTip(library, meetingId, pdf);
  const oldSignatures = report.signatures.filter((s) => end(s.byteRange) <= tip.size);
  const newSignatures = report.signatures.filter((s) => end(s.byteRange) > tip.size);
  if (newSignatures.length === 0)
    throw new DomainError('conflict', 'The file has no new signature.', {
      key: 'signing.noNewSignature',
      values: {},
    });
  // Each new signature must sign the whole revision it was given (its gap lies after it).
  if (newSignatures.some((s) => (s.byteRange[1] ?? 0) < tip.size))
    throw notMadeOnTip(library, meetingId, pdf);
  const last = report.signatures[report.signatures.length - 1];
  // Revocation data added after the last signature (PAdES B-LT, e.g. by Acrobat) is no change.
  if (!last?.coversWholeFile && !report.isOnlyDssAfterLast)
    throw new DomainError('conflict', 'The file was changed after its last signature.', {
      key: 'signing.changedAfter',
      values: {},
    });
  // A signature whose issuer is not trusted yet is kept (the root can be added later); any
  // other problem means the signature will never be valid.
  const broken = report.signatures.find(
    (s) => s.status !== 'valid' && s.status !== 'unknown_issuer',
  );
  if (broken)
    throw new DomainError(
      'conflict',
      `The signature of ${broken.signer} is not valid (${broken.status}${broken.detail ? `: ${broken.detail}` : ''}); nothing was recorded.`,
      {
        key: 'signing.notValid',
        values: { signer: broken.signer, signatureStatus: broken.status },
      },
    );

  const present = presentParticipants(db, meetingId);
  const signed = signedSoFar(db, tip, meetingId, present, oldSignatures);
  const matched: {
    signature: SignatureReport;
    participant: PresentParticipant;
    by: 'name' | 'secretary';
  }[] = [];
  for (const signature of newSignatures) {
    const confirmation = args.confirmations.find((c) => c.field === signature.field);
    const participant = confirmation
      ? present.find((p) => p.id === confirmation.participantId)
      : (present.find(
          (p) => normalizeName(p.name) === normalizeName(signature.signer) && !signed.has(p.id),
        ) ?? present.find((p) => normalizeName(p.name) === normalizeName(signature.signer)));
    if (!participant)
      throw new DomainError(
        'conflict',
        confirmation
          ? `${signature.field}: the participant chosen is not recorded as present.`
          : `The certificate of ${signature.signer} (${signature.field}) names no member present; say who signed.`,
        {
          key: confirmation ? 'signing.notPresent' : 'signing.unknownSigner',
          values: { signer: signature.signer, field: signature.field },
        },
      );
    if (signed.has(participant.id))
      throw new DomainError(
        'conflict',
        `${participant.name} has already signed this round; nothing was recorded.`,
        { key: 'signing.alreadySigned', values: { name: participant.name } },
      );
    signed.add(participant.id);
    matched.push({ signature, participant, by: confirmation ? 'secretary' : 'name' });
  }

  const isAllValid = report.isAllValid;
  if (args.isCompletionRequired) {
    const missing = present.filter((p) => !signed.has(p.id));
    if (missing.length > 0 || !isAllValid) {
      const count = present.length - missing.length;
      throw new DomainError(
        'conflict',
        missing.length > 0
          ? `${count} of the ${present.length} members present have signed; still missing: ${missing.map((p) => p.name).join(', ')}. Nothing was recorded.`
          : 'Not every signature is valid (is the issuing root among the trusted roots?). Nothing was recorded.',
        missing.length > 0
          ? {
              key: 'signing.missingSigners',
              values: {
                count,
                present: present.length,
                missing: missing.map((p) => p.name).join(', '),
              },
            }
          : { key: 'signing.notAllValid', values: {} },
      );
    }
  }
  const stored = await storeBytes(library.filesDir, pdf);
  const exportStored = tip.unrecorded
    ? await storeBytes(library.filesDir, tip.unrecorded.pdf)
    : undefined;
  return writeTransaction(db, (db) => {
    const newest = latestSignedPdf(db, meetingId, tip.edition);
    if (
      (newest?.seq ?? null) !== (tip.newest?.seq ?? null) ||
      (tip.kind === 'continue' && newest?.sha256 !== tip.sha256)
    ) {
      throw new DomainError(
        'conflict',
        `Someone else signed the ${tip.edition} edition meanwhile; sign again (nothing was recorded).`,
        { key: 'signing.raced', values: {} },
      );
    }
    if (tip.unrecorded && exportStored) {
      recordSigningFile(db, {
        meetingId,
        edition: tip.edition,
        round: tip.round,
        sha256: exportStored.sha256,
        size: exportStored.size,
        correctionsIncluded: tip.unrecorded.correctionsIncluded,
      });
    }
    const lastNew = matched[matched.length - 1];
    const signedPdf = recordSignedPdf(db, {
      meetingId,
      edition: tip.edition,
      sha256: stored.sha256,
      size: stored.size,
      signer: lastNew?.participant.name ?? '?',
      signedAt: new Date().toISOString(),
      signatureCount: report.signatures.length,
      round: tip.round,
      correctionsIncluded: tip.correctionsIncluded,
      signerCount: Math.max(1, signed.size),
    });
    if (tip.kind === 'newRound' && tip.newest) {
      recordSigningRestarted(db, {
        meetingId,
        author: args.author,
        edition: tip.edition,
        round: tip.round,
        correctionsIncluded: tip.correctionsIncluded,
        previousPdfSha256: tip.newest.sha256,
      });
    }
    const records: SignerRecord[] = matched.map(({ signature, participant, by }) => ({
      signedPdfSeq: signedPdf.seq,
      meetingId,
      edition: tip.edition,
      round: tip.round,
      field: signature.field,
      participantId: participant.id,
      participantName: participant.name,
      certificateSubject: signature.certificate?.subject ?? signature.signer,
      certificateFingerprint: signature.certificate?.fingerprint256 ?? '',
      signedAt: (signature.signedAt ?? new Date()).toISOString(),
      matchedBy: by,
      reservation: reservationOf(signature.reason),
    }));
    recordSigners(db, records);
    for (const record of records.filter((r) => r.matchedBy === 'secretary')) {
      recordSignerConfirmed(db, {
        meetingId,
        author: args.author,
        edition: tip.edition,
        round: tip.round,
        field: record.field,
        participantName: record.participantName,
        certificateSubject: record.certificateSubject,
      });
    }
    let meeting = getMeeting(db, meetingId);
    const isRoundComplete = isAllValid && present.every((p) => signed.has(p.id));
    if (isRoundComplete) {
      const check: SignedPdfCheck = {
        pdfSha256: stored.sha256,
        signers: present.map((p) => p.name),
        signedParticipantIds: [...signed],
        isAllValid,
      };
      if (meeting.status === 'approved')
        meeting = markSigned(db, { id: meetingId, author: args.author, check }).meeting;
      else if (meeting.status === 'signed' && tip.round > 1)
        markSignedAgain(db, { id: meetingId, author: args.author, check });
    }
    return {
      signedPdf,
      meeting,
      isNewRound: tip.kind === 'newRound',
      isMeetingSigned: meeting.status === 'signed',
    };
  });
}

/** Why a file does not begin with the revision to sign: an older one of this meeting, or none. */
function notMadeOnTip(library: Library, meetingId: string, pdf: Buffer): DomainError {
  const known = [
    ...listSignedPdfs(library.db, { meetingId }).map((s) => ({ sha256: s.sha256, size: s.bytes })),
    ...knownSigningFiles(library.db, meetingId),
  ];
  const isOlder = known.some(
    (k) => pdf.length > k.size && sha256(pdf.subarray(0, k.size)) === k.sha256,
  );
  return isOlder
    ? new DomainError(
        'conflict',
        'The file was signed on an older version of the minutes (signatures were added or corrections made since); export a new signing file and sign that.',
        { key: 'signing.olderFile', values: {} },
      )
    : new DomainError(
        'conflict',
        'The file is not an edition of this meeting produced by Referat (it does not begin with the exported or signed file of this meeting); nothing was recorded.',
        { key: 'signing.notThisMeeting', values: {} },
      );
}

const knownSigningFiles = (db: ReadDb, meetingId: string) =>
  listSigningFiles(db, meetingId).map((f) => ({ sha256: f.sha256, size: f.size }));

/**
 * Whether `pdf` is a file of this meeting as the app produced it, or such a file with more
 * signatures: it begins with (or is) a stored signed file or a signing file of the meeting.
 */
export function isMeetingRevision(library: Library, meetingId: string, pdf: Buffer): boolean {
  getMeeting(library.db, meetingId);
  const known = [
    ...listSignedPdfs(library.db, { meetingId }).map((s) => ({ sha256: s.sha256, size: s.bytes })),
    ...knownSigningFiles(library.db, meetingId),
  ];
  return known.some((k) => pdf.length >= k.size && sha256(pdf.subarray(0, k.size)) === k.sha256);
}

/**
 * Records a signed file returned from a member's own device (or any PAdES tool): it must be
 * made on the edition's current revision; see {@link acceptSignedFile}.
 */
export async function importSignedPdf(
  library: Library,
  args: {
    meetingId: string;
    edition?: Edition;
    pdf: Buffer;
    confirmations?: SignerConfirmation[];
    /** The participant who made the one new signature (the secretary's word). */
    participantId?: string;
    author: string;
    isCompletionRequired?: boolean;
  },
): Promise<AcceptedSignature> {
  requireSignable(library.db, args.meetingId);
  const editions: Edition[] = args.edition ? [args.edition] : ['full', 'public'];
  let tip: SigningTip | null = null;
  for (const edition of editions) {
    const candidate = await signingTip(library, args.meetingId, edition, 'existing');
    if (
      candidate &&
      args.pdf.length > candidate.size &&
      sha256(args.pdf.subarray(0, candidate.size)) === candidate.sha256
    ) {
      tip = candidate;
      break;
    }
  }
  if (!tip) throw notMadeOnTip(library, args.meetingId, args.pdf);
  const report = await verifyWithLibraryRoots(library, args.pdf);
  const confirmations = [...(args.confirmations ?? [])];
  if (args.participantId) {
    const size = tip.size;
    const added = report.signatures.filter((sig) => end(sig.byteRange) > size);
    if (added.length !== 1)
      throw new DomainError(
        'conflict',
        `The file has ${added.length} new signatures; say who made each one.`,
        { key: 'signing.confirmEach', values: { count: added.length } },
      );
    confirmations.push({ field: added[0]?.field ?? '', participantId: args.participantId });
  }
  return acceptSignedFile(library, {
    meetingId: args.meetingId,
    tip,
    pdf: args.pdf,
    report,
    confirmations,
    author: args.author,
    ...(args.isCompletionRequired ? { isCompletionRequired: true } : {}),
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

/** The bytes of the revision the next signer signs. */
export function tipBytes(library: Library, tip: SigningTip): Buffer {
  return tip.unrecorded?.pdf ?? readStoredFile(library.filesDir, tip.sha256);
}

/**
 * What the newest stored file of a round shows, for marking the meeting signed from it
 * ("Markér som underskrevet", e.g. after the trusted root was added): its signatures verified
 * against the library's roots now, and the participants who signed the round.
 */
export async function checkStoredRound(
  library: Library,
  meetingId: string,
  edition: Edition,
  stored: SignedPdf,
): Promise<SignedPdfCheck> {
  const db = library.db;
  const pdf = readStoredFile(library.filesDir, stored.sha256);
  const report = await verifyWithLibraryRoots(library, pdf);
  const present = presentParticipants(db, meetingId);
  let ids: string[];
  if (hasSignerRecords(db, meetingId, edition, stored.round)) {
    ids = roundSigners(db, meetingId, edition, stored.round)
      .filter((s) => s.signedPdfSeq <= stored.seq)
      .map((s) => s.participantId);
  } else {
    // Signed before signers were recorded: the file's signatures are the round's (a new round
    // starts on a fresh export), matched by name.
    const names = new Set(report.signatures.map((s) => normalizeName(s.signer)));
    ids = present.filter((p) => names.has(normalizeName(p.name))).map((p) => p.id);
  }
  const byId = new Map(present.map((p) => [p.id, p.name]));
  return {
    pdfSha256: stored.sha256,
    signers: ids.map((id) => byId.get(id) ?? id),
    signedParticipantIds: ids,
    isAllValid: report.isAllValid,
  };
}

/** Who still has to sign, per edition: the current round and each participant present. */
export function signingStatus(library: Library, meetingId: string): SigningStatus[] {
  const db = library.db;
  getMeeting(db, meetingId);
  const present = presentParticipants(db, meetingId);
  return (['full', 'public'] as const).map((edition) => {
    const base = nextSigningBase(db, meetingId, edition);
    const corrections = editionPrintsCorrections(edition) ? countCorrections(db, meetingId) : 0;
    const records = roundSigners(db, meetingId, edition, base.round);
    const byParticipant = new Map(records.map((r) => [r.participantId, r]));
    // A round signed before signers were recorded: its files name the signers.
    const legacy = new Map<string, string>();
    if (records.length === 0 && base.kind === 'continue') {
      for (const row of listSignedPdfs(db, { meetingId })) {
        if (row.edition === edition && row.round === base.round)
          legacy.set(normalizeName(row.signer), row.signedAt);
      }
    }
    const signers: SignerState[] = present.map((p) => {
      const record = byParticipant.get(p.id);
      if (record)
        return {
          participantId: p.id,
          name: p.name,
          state: record.reservation ? 'reservation' : 'signed',
          signedAt: record.signedAt,
          certificateSubject: record.certificateSubject,
          matchedBy: record.matchedBy,
          reservation: record.reservation,
        };
      const legacyAt = legacy.get(normalizeName(p.name));
      return {
        participantId: p.id,
        name: p.name,
        state: legacyAt ? 'signed' : 'waiting',
        signedAt: legacyAt ?? null,
        certificateSubject: null,
        matchedBy: legacyAt ? 'name' : null,
        reservation: '',
      };
    });
    return {
      edition,
      round: base.round,
      isComplete: signers.every((s) => s.state !== 'waiting'),
      isStarted:
        base.kind === 'continue' ||
        signingFileFor(db, meetingId, edition, base.round, corrections) !== null,
      signers,
    };
  });
}
