/**
 * Browser mode hands files to the user as downloads from the host (`GET /download/<id>`, the
 * session cookie authenticates it). A temporary `<a download>` is used rather than opening a
 * tab: the host's policies (CSP, COOP) make a new tab useless, and a click on a download link is
 * what the browser treats as a user's own download.
 */

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
