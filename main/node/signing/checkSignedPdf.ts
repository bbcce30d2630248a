/**
 * What the library records about a signed PDF: its hash, the signers, and whether its
 * signatures are intact and cover the whole file. Used when a meeting is marked as signed
 * (an uploaded file or one signed in Referat) and when Referat signs an edition itself.
 */
import { createHash } from 'node:crypto';
import type { SignedPdfCheck } from '../storage/queries/lifecycle';
import { verifyPdf } from './verifyPdf';

/** Checks a signed PDF: intact signatures (issuer trust is the reader's matter) covering the file. */
export async function checkSignedPdf(pdf: Buffer): Promise<SignedPdfCheck> {
  const report = await verifyPdf(pdf);
  const last = report.signatures[report.signatures.length - 1];
  return {
    pdfSha256: createHash('sha256').update(pdf).digest('hex'),
    signers: report.signatures.map((s) => s.signer),
    isIntact:
      last !== undefined &&
      last.coversWholeFile &&
      report.signatures.every((s) => s.status === 'valid' || s.status === 'unknown_issuer'),
  };
}
