/**
 * Where the archive package finds a meeting's signed PDFs.
 *
 * HOOK: the library has no place for signed PDFs yet (signing, issue 5, writes the signed file
 * where the user chooses and records nothing in the library). Until it does, this answers null
 * and the bag carries freshly exported editions (`ExportBagResult.pdfSources` says which).
 * When signed files are kept (e.g. by SHA-256 in the file store with a `signed_pdfs` table
 * keyed by meeting and edition), return the stored file's path here; `exportBag` needs no
 * other change. Callers can also pass `signedPdfs` to `exportBag` directly.
 */
import type { Edition } from '../../common/export/editions';
import type { Library } from '../storage/library';

/** The path of the signed PDF of `edition` kept in the library, or null when there is none. */
export function findSignedPdf(
  _library: Library,
  _meetingId: string,
  _edition: Edition,
): string | null {
  return null;
}
