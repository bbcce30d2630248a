/**
 * Handlers of the signature feature (issue 5): verifying the PAdES signatures of a PDF the
 * user opens. The checks live in main/node/signing/verifyPdf.ts.
 */
import fs from 'node:fs';
import { DomainError } from '../../../common/contract/result';
import { verifyPdf } from '../../signing/verifyPdf';
import type { Library } from '../../storage/library';
import {
  addTrustedRoots,
  listTrustedRoots,
  removeTrustedRoot,
  trustedRootPems,
} from '../../storage/queries/trustedRoots';
import { incomingFile, safeFileName, type Handlers } from '../handlers';

/** The signature requests. */
export type SignatureRequestName =
  'signatures:verify' | 'trustedRoots:list' | 'trustedRoots:add' | 'trustedRoots:remove';

/** Largest PDF accepted for verification (it is read into memory). */
const maxPdfBytes = 512 * 1024 * 1024;

export function createSignatureHandlers(library: Library): Pick<Handlers, SignatureRequestName> {
  const db = library.db;
  return {
    'signatures:verify': async (input, ctx) => {
      const file = await incomingFile(input.uploadId, ctx);
      try {
        let size: number;
        try {
          size = fs.statSync(file.path).size;
        } catch {
          throw new DomainError('not_found', `${safeFileName(file.fileName)} cannot be read.`);
        }
        if (size > maxPdfBytes)
          throw new DomainError(
            'too_large',
            `${safeFileName(file.fileName)} is larger than 512 MB.`,
          );
        const report = verifyPdf(fs.readFileSync(file.path), {
          trustedRoots: [...trustedRootPems(db), ...(input.trustedRootsPem ?? [])],
        });
        return {
          fileName: safeFileName(file.fileName),
          isAllValid: report.isAllValid,
          signatures: report.signatures.map((s) => ({
            field: s.field,
            signer: s.signer,
            signedAt: s.signedAt?.toISOString() ?? null,
            reason: s.reason ?? null,
            location: s.location ?? null,
            status: s.status,
            detail: s.detail ?? null,
            coversWholeFile: s.coversWholeFile,
          })),
        };
      } finally {
        if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      }
    },
    'trustedRoots:list': () => listTrustedRoots(db),
    'trustedRoots:add': (input) => addTrustedRoots(db, input.pem),
    'trustedRoots:remove': (input) => removeTrustedRoot(db, input.fingerprint256),
  };
}
