/**
 * Where the archive package finds a meeting's signed PDFs: the signed file of the edition kept
 * in the library (signatures:sign stores each one in the file store and records it in
 * `signed_pdfs`). Without one the bag carries a freshly exported edition
 * (`ExportBagResult.pdfSources` says which). Callers can also pass `signedPdfs` to
 * `exportBag` directly.
 *
 * Which file: the newest one every participant present has signed (the end of the newest
 * complete round). While a later round after corrections is still being signed, the bag keeps
 * the completed earlier round, so it never carries a partly signed file of minutes the library
 * calls signed; the corrected file goes in once its round is complete. Before any round is
 * complete (the meeting is approved, not signed) it carries the newest file, as signed so far.
 */
import fs from 'node:fs';
import type { Edition } from '../../common/export/editions';
import { fileStorePath } from '../storage/fileStore';
import type { Library } from '../storage/library';
import { latestCompleteSignedPdf, latestSignedPdf } from '../storage/queries/signedPdfs';

/** The path of the signed PDF of `edition` kept in the library, or null when there is none. */
export function findSignedPdf(
  library: Library,
  meetingId: string,
  edition: Edition,
): string | null {
  const signed =
    latestCompleteSignedPdf(library.db, meetingId, edition) ??
    latestSignedPdf(library.db, meetingId, edition);
  if (!signed) return null;
  const file = fileStorePath(library.filesDir, signed.sha256);
  // A missing store file is reported by the library check; the bag then falls back to an export.
  return fs.existsSync(file) ? file : null;
}
