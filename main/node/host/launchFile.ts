/**
 * How `npm start` hands the start address to the browser without putting it on the browser's
 * command line (where other local users can read it while the browser runs): a small HTML file,
 * readable by the owner only, that sends the browser on to the address (Jupyter does the same).
 * The address's launch code works once anyway; the file is removed once the browser has had
 * time to read it, and when the host stops.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The page: an immediate refresh to `url`, and a link for a browser that ignores it. */
export function launchPage(url: string): string {
  const escaped = url
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${escaped}">
<title>Referat</title>
</head>
<body>
<p><a href="${escaped}">Åbn Referat</a></p>
</body>
</html>
`;
}

/** Writes the launch page (mode 0600, a new unguessable name) into `dir`; answers its path. */
export function writeLaunchFile(url: string, dir = os.tmpdir()): string {
  const file = path.join(dir, `referat-open-${randomBytes(16).toString('hex')}.html`);
  fs.writeFileSync(file, launchPage(url), { flag: 'wx', mode: 0o600 });
  return file;
}
