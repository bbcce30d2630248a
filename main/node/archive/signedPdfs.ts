/**
 * Where the archive package finds a meeting's signed PDFs: the signed file of the edition kept
 * in the library (signatures:sign stores each one in the file store and records it in
 * `signed_pdfs`). Without one the bag carries a freshly exported edition
 * (`ExportBagResult.pdfSources` says which). Callers can also pass `signedPdfs` to
 * `exportBag` directly.
 *
 * Which file: the newest one every participant present has signed (the end of the newest
 * complete round), so the bag never carries a partly signed file of minutes the library calls
 * signed. Before any round is complete (the meeting is approved, not signed) it carries the
 * newest file, as signed so far.
 *
 * A file that lacks corrections added after it was exported is refused: the bag's meeting.json
 * does not carry corrections either, so packing it would drop them from the permanent record.
 * The full edition is signed again (a new round, docs/signing.md) and the bag then takes that.
 */
import fs from 'node:fs';
import { DomainError } from '../../../common/contract/result';
import type { Edition } from '../../../common/export/editions';
import { fileStorePath } from '../storage/fileStore';
import type { Library } from '../storage/library';
import { latestCompleteSignedPdf, latestSignedPdf } from '../storage/queries/signedPdfs';

/**
 * The path of the signed PDF of `edition` kept in the library, or null when there is none.
 * @throws DomainError conflict when that file lacks corrections added after it was exported
 */
export function findSignedPdf(
  library: Library,
  meetingId: string,
  edition: Edition,
): string | null {
  const signed =
    latestCompleteSignedPdf(library.db, meetingId, edition) ??
    latestSignedPdf(library.db, meetingId, edition);
  if (!signed) return null;
  if (signed.lacksCorrections) {
    throw new DomainError(
      'conflict',
      `The signed ${edition} edition (round ${signed.round}) lacks corrections added after it was ` +
        'exported, and the package would drop them. Sign the full edition again (a new round ' +
        'with the corrections) and let every member present sign it; then pack the meeting.',
    );
  }
  const file = fileStorePath(library.filesDir, signed.sha256);
  // A missing store file is reported by the library check; the bag then falls back to an export.
  return fs.existsSync(file) ? file : null;
}
