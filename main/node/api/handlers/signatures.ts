/**
 * Handlers of the signature feature: signing a meeting's edition in the library
 * (main/node/signing/signMeeting.ts: rounds, corrections), the signed files kept, and verifying
 * the PAdES signatures of a PDF (main/node/signing/verifyPdf.ts).
 */
import type { signaturesApi } from '../../../../common/contract/signatures';
import type { RequestOutput } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { Edition } from '../../../../common/export/editions';
import type { RevocationFile } from '../../signing/dss';
import { importSignedPdf, signingStatus, signingTip } from '../../signing/recordSignatures';
import { MAX_REVOCATION_BYTES, parseRevocation } from '../../signing/revocation';
import { requireSignable, signMeeting } from '../../signing/signMeeting';
import { verifyPdfInWorker } from '../../signing/verifyInWorker';
import { fileStorePath, readStoredFile } from '../../storage/fileStore';
import type { Library } from '../../storage/library';
import { getMeeting } from '../../storage/queries/meetings';
import { latestSignedPdf, listSignedPdfs } from '../../storage/queries/signedPdfs';
import {
  addTrustedRoots,
  listTrustedRoots,
  removeTrustedRoot,
  trustedRootPems,
} from '../../storage/queries/trustedRoots';
import { editionFileName, meetingFileBase } from '../../services/editionExport';
import { handOverFile } from '../../services/handOver';
import type { HandlerInput } from '../dispatch';
import { incomingFile, readIncomingFile, safeFileName } from '../incomingFile';
import { authorOf, type AreaHandlers, type HandlerContext } from '../types';

/** The signature requests. */
export type SignatureRequestName =
  | 'signatures:verify'
  | 'signatures:sign'
  | 'signatures:list'
  | 'signatures:download'
  | 'signatures:import'
  | 'signatures:signingFile'
  | 'signatures:status'
  | 'trustedRoots:list'
  | 'trustedRoots:add'
  | 'trustedRoots:remove';

/** Largest certificate file accepted (PKCS#12 files are a few kilobytes). */
const maxP12Bytes = 1024 * 1024;
const p12Filters = { filters: [{ name: 'PKCS#12 (.p12, .pfx)', extensions: ['p12', 'pfx'] }] };

/** Largest PDF accepted for verification (it is read into memory). */
const maxPdfBytes = 512 * 1024 * 1024;

/** The signature handlers over one library. */
export function createSignatureHandlers(library: Library): AreaHandlers<typeof signaturesApi> {
  const db = library.db;
  const sign = async (
    input: HandlerInput<'signatures:sign'>,
    ctx: HandlerContext,
  ): Promise<RequestOutput<'signatures:sign'>> => {
    // Checked before the certificate is asked for: signing is for approved minutes only.
    requireSignable(db, input.meetingId);
    const p12 = await readCertificate(input.p12UploadId, ctx);
    const revocation = await readRevocation(input, ctx);
    const { signedPdf, meeting } = await signMeeting(library, {
      meetingId: input.meetingId,
      edition: input.edition,
      p12,
      password: input.password,
      reason: input.reason,
      ...(input.location ? { location: input.location } : {}),
      ...(input.signerName ? { signerName: input.signerName } : {}),
      ...(input.participantId ? { participantId: input.participantId } : {}),
      ...(input.reservation ? { reservation: input.reservation } : {}),
      ...(revocation.length > 0 ? { revocation } : {}),
      author: authorOf(ctx, library),
    });
    return { signedPdf, meeting, isMeetingSigned: meeting.status === 'signed' };
  };

  /** Hands a file of the file store to the user: the save dialog or a download URL. */
  const handOut = async (sha256: string, bytes: number, fileName: string, ctx: HandlerContext) => {
    const handed = await handOverFile(ctx, {
      fileName,
      mediaType: 'application/pdf',
      source: fileStorePath(library.filesDir, sha256),
    });
    return { fileName: handed.fileName, bytes, downloadUrl: handed.downloadUrl };
  };

  return {
    'signatures:verify': async (input, ctx) => {
      if (input.stored) {
        const stored = requireSignedPdf(library, input.stored.meetingId, input.stored.edition);
        return report(
          signedFileName(library, input.stored.meetingId, input.stored.edition),
          readStoredFile(library.filesDir, stored.sha256),
          [...trustedRootPems(db), ...(input.trustedRootsPem ?? [])],
        );
      }
      const file = await incomingFile(input.uploadId, ctx);
      try {
        const pdf = readIncomingFile(file, maxPdfBytes, 'is larger than 512 MB');
        // Awaited here: a rejection must not wait unhandled while `finally` awaits the release
        // (Node ends the process on an unhandled rejection; the fuzz test found it).
        return await report(safeFileName(file.fileName), pdf, [
          ...trustedRootPems(db),
          ...(input.trustedRootsPem ?? []),
        ]);
      } finally {
        if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      }
    },
    'signatures:sign': async (input, ctx) => {
      // The certificate upload is removed however the call ends.
      try {
        return await sign(input, ctx);
      } finally {
        if (input.p12UploadId !== undefined) await ctx.releaseUpload?.(input.p12UploadId);
        for (const id of input.revocationUploadIds ?? []) await ctx.releaseUpload?.(id);
      }
    },
    'signatures:list': (input) => listSignedPdfs(db, input),
    'signatures:download': async (input, ctx) => {
      const stored =
        input.seq === undefined
          ? requireSignedPdf(library, input.meetingId, input.edition)
          : requireSignedPdfBySeq(library, input.meetingId, input.edition, input.seq);
      const newest = latestSignedPdf(db, input.meetingId, input.edition);
      const fileName = signedFileName(
        library,
        input.meetingId,
        input.edition,
        // An earlier round's file is named after its round, so it is not taken for the newest.
        newest && stored.round !== newest.round ? stored.round : undefined,
      );
      return handOut(stored.sha256, stored.bytes, fileName, ctx);
    },
    'signatures:signingFile': async (input, ctx) => {
      requireSignable(db, input.meetingId);
      const tip = await signingTip(library, input.meetingId, input.edition, 'export');
      if (!tip) throw new DomainError('internal', 'No signing file was made.');
      const fileName = editionFileName(
        meetingFileBase(db, input.meetingId),
        input.edition,
        'pdf',
        'til-underskrift',
      );
      return handOut(tip.sha256, tip.size, fileName, ctx);
    },
    'signatures:import': async (input, ctx) => {
      requireSignable(db, input.meetingId);
      const file = await incomingFile(input.uploadId, ctx);
      try {
        const pdf = readIncomingFile(file, maxPdfBytes, 'is larger than 512 MB');
        const result = await importSignedPdf(library, {
          meetingId: input.meetingId,
          ...(input.edition ? { edition: input.edition } : {}),
          pdf,
          confirmations: input.confirmations ?? [],
          ...(input.participantId ? { participantId: input.participantId } : {}),
          author: authorOf(ctx, library),
        });
        return {
          signedPdf: result.signedPdf,
          meeting: result.meeting,
          isMeetingSigned: result.isMeetingSigned,
        };
      } finally {
        if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      }
    },
    'signatures:status': (input) => signingStatus(library, input.meetingId),
    'trustedRoots:list': () => listTrustedRoots(db),
    'trustedRoots:add': (input) => addTrustedRoots(db, input.pem),
    'trustedRoots:remove': (input) => removeTrustedRoot(db, input.fingerprint256),
  };
}

async function report(fileName: string, pdf: Buffer, trustedRoots: string[]) {
  // In the PDF worker: a large file must not block the main process.
  const result = await verifyPdfInWorker(pdf, { trustedRoots });
  return {
    fileName,
    isAllValid: result.isAllValid,
    ...(result.isOnlyDssAfterLast ? { isOnlyDssAfterLast: true } : {}),
    signatures: result.signatures.map((s) => ({
      field: s.field,
      signer: s.signer,
      signedAt: s.signedAt?.toISOString() ?? null,
      reason: s.reason ?? null,
      location: s.location ?? null,
      status: s.status,
      detail: s.detail ?? null,
      coversWholeFile: s.coversWholeFile,
      certificate: s.certificate ?? null,
      isCertificateValidAtSigning: s.isCertificateValidAtSigning,
      isCertificateValidNow: s.isCertificateValidNow,
      isRevocationChecked: s.isRevocationChecked,
      ...(s.revocation
        ? {
            revocation: {
              source: s.revocation.source,
              state: s.revocation.state,
              issuedAt: s.revocation.issuedAt.toISOString(),
              revokedAt: s.revocation.revokedAt?.toISOString() ?? null,
              certificate: s.revocation.certificate,
            },
          }
        : {}),
    })),
  };
}

function requireSignedPdf(library: Library, meetingId: string, edition: Edition) {
  getMeeting(library.db, meetingId);
  const stored = latestSignedPdf(library.db, meetingId, edition);
  if (!stored)
    throw new DomainError(
      'not_found',
      `The ${edition} edition of this meeting has not been signed in Referat yet.`,
    );
  return stored;
}

/** One stored signed file of the meeting's edition by its `seq`. @throws DomainError not_found */
function requireSignedPdfBySeq(library: Library, meetingId: string, edition: Edition, seq: number) {
  const stored = listSignedPdfs(library.db, { meetingId }).find(
    (s) => s.seq === seq && s.edition === edition,
  );
  if (!stored)
    throw new DomainError(
      'not_found',
      `The ${edition} edition of this meeting has no signed file number ${seq}.`,
    );
  return stored;
}

function signedFileName(
  library: Library,
  meetingId: string,
  edition: Edition,
  round?: number,
): string {
  return editionFileName(
    meetingFileBase(library.db, meetingId),
    edition,
    'pdf',
    `underskrevet${round !== undefined ? `-runde-${round}` : ''}`,
  );
}

const revocationFilters = {
  filters: [
    {
      name: 'CRL / OCSP (.crl, .der, .pem, .ocsp, .ors)',
      extensions: ['crl', 'der', 'pem', 'ocsp', 'ors', 'resp'],
    },
  ],
};

/**
 * The revocation files of a signing request: browser uploads, or one file from Electron's open
 * dialog; each checked to be a CRL or an OCSP response (the caller removes the uploads).
 */
async function readRevocation(
  input: HandlerInput<'signatures:sign'>,
  ctx: HandlerContext,
): Promise<RevocationFile[]> {
  const read = async (uploadId: string | undefined): Promise<RevocationFile> => {
    const file = await incomingFile(uploadId, ctx, revocationFilters);
    const name = safeFileName(file.fileName);
    const bytes = readIncomingFile(
      file,
      MAX_REVOCATION_BYTES,
      `is larger than ${MAX_REVOCATION_BYTES / 1024 / 1024} MB`,
    );
    parseRevocation(bytes, name);
    return { name, bytes };
  };
  if (input.revocationUploadIds?.length) {
    const files: RevocationFile[] = [];
    for (const id of input.revocationUploadIds) files.push(await read(id));
    return files;
  }
  return input.isWithRevocation ? [await read(undefined)] : [];
}

/** The certificate's bytes (the caller removes a browser upload). */
async function readCertificate(uploadId: string | undefined, ctx: HandlerContext): Promise<Buffer> {
  const file = await incomingFile(uploadId, ctx, p12Filters);
  return readIncomingFile(file, maxP12Bytes, 'is larger than 1 MB; it is not a certificate file');
}
