/**
 * Browser mode hands files to the user as downloads from the host (`GET /download/<id>`, the
 * session cookie authenticates it). A temporary `<a download>` is used rather than opening a
 * tab: the host's policies (CSP, COOP) make a new tab useless, and a click on a download link is
 * what the browser treats as a user's own download.
 */
import type { ApiError, Result } from '../../../common/contract/result';

/** Starts the download of `url` (a host-relative URL from a request's `downloadUrl`) as `fileName`. */
export function startDownload(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** What a request that produces a file answers: its name and, in browser mode, where to get it. */
type ProducedFile = { fileName: string; downloadUrl?: string | null };

/**
 * The end of every request that hands the user a file: a failure is told through `onError`
 * (except the user's own cancel of the save dialog, which is no error), and in browser mode the
 * download starts. Answers the request's value, or null when it failed or was cancelled.
 */
export function receiveFile<T extends ProducedFile>(
  result: Result<T>,
  onError: (error: ApiError) => void,
): T | null {
  if (!result.ok) {
    if (result.error.code !== 'cancelled') onError(result.error);
    return null;
  }
  if (result.value.downloadUrl) startDownload(result.value.downloadUrl, result.value.fileName);
  return result.value;
}
