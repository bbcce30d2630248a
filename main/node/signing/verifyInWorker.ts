/**
 * Verification and signing in the PDF worker thread (main/node/pdf/exportInWorker.ts), so a
 * long file never blocks the Electron main process. The results are the same as verifyPdf's
 * and signPdf's (Dates and bytes survive the structured clone).
 */
import { runJobInPdfWorker } from '../pdf/exportInWorker';
import type { SignPdfOptions } from './signPdf';
import type { VerifyReport } from './verifyPdf';

/** verifyPdf in the worker thread. */
export async function verifyPdfInWorker(
  pdf: Uint8Array,
  options: { trustedRoots: string[]; at?: Date },
): Promise<VerifyReport> {
  return (await runJobInPdfWorker({ kind: 'verify', pdf, options })) as VerifyReport;
}

/** signPdf in the worker thread (the password crosses in the message only, never stored). */
export async function signPdfInWorker(
  pdf: Uint8Array,
  options: Pick<SignPdfOptions, 'p12' | 'password' | 'reason' | 'location' | 'name' | 'revocation'>,
): Promise<Buffer> {
  const result = (await runJobInPdfWorker({
    kind: 'sign',
    pdf,
    options: {
      p12: options.p12,
      password: options.password,
      reason: options.reason,
      ...(options.location ? { location: options.location } : {}),
      ...(options.name ? { name: options.name } : {}),
      ...(options.revocation?.length ? { revocation: options.revocation } : {}),
    },
  })) as Uint8Array;
  return Buffer.from(result.buffer, result.byteOffset, result.byteLength);
}
