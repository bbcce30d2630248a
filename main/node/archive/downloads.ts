/**
 * Downloads offered by the HTTP host in browser mode: exported packages and Word files, and
 * appendix files opened "with the system viewer" (the browser shows or saves them).
 *
 * A handler offers a file (`offer`) and gets `/download/<id>`: an unguessable id (128 bits); the
 * host lets only requests with its session cookie get here (httpHost.ts), so no credential is
 * in the link (or in the browser's download history). The file is streamed (never read whole), with Content-Disposition
 * naming it (RFC 6266, UTF-8 `filename*`). An offer lives until it was downloaded once, or
 * `ttlMs` passed, or the host closes; then its `onDone` cleans up temporary files.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import { withoutUnsafeCharacters } from '../../../common/archive/fileNames';
import type { OutgoingFile } from '../services/handOver';

export type DownloadStore = {
  /** Registers a file; answers its URL path. */
  offer(file: OutgoingFile): { url: string };
  /**
   * Answers `GET /download/<id>` (the caller has authenticated the request); true when the path
   * was a download path.
   */
  serve(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    headers: Readonly<Record<string, string>>,
  ): boolean;
  close(): void;
};

const prefix = '/download/';

/** A store of the host's offered downloads. */
export function createDownloadStore(options: { ttlMs?: number } = {}): DownloadStore {
  const ttlMs = options.ttlMs ?? 30 * 60 * 1000;
  const offers = new Map<string, { file: OutgoingFile; timer: NodeJS.Timeout }>();

  const finish = (id: string) => {
    const offer = offers.get(id);
    if (!offer) return;
    offers.delete(id);
    clearTimeout(offer.timer);
    try {
      offer.file.onDone?.();
    } catch {
      /* cleaning a temporary file is best effort */
    }
  };

  const answer = (
    res: http.ServerResponse,
    status: number,
    message: string,
    headers: Readonly<Record<string, string>>,
  ) => {
    const body = JSON.stringify({
      ok: false,
      error: { code: status === 401 ? 'forbidden' : 'not_found', message },
    });
    res.writeHead(status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
    });
    res.end(body);
  };

  return {
    offer(file) {
      const id = randomBytes(16).toString('hex');
      const timer = setTimeout(() => finish(id), ttlMs);
      timer.unref();
      offers.set(id, { file, timer });
      return { url: `${prefix}${id}` };
    },
    serve(req, res, url, headers) {
      if (!url.pathname.startsWith(prefix)) return false;
      if (req.method !== 'GET') {
        res.setHeader('Allow', 'GET');
        answer(res, 405, 'Only GET is allowed here.', headers);
        return true;
      }
      const id = url.pathname.slice(prefix.length);
      const offer = offers.get(id);
      const size = offer
        ? fs.statSync(offer.file.path, { throwIfNoEntry: false })?.size
        : undefined;
      if (!offer || size === undefined) {
        answer(res, 404, 'This download is no longer available; export again.', headers);
        return true;
      }
      res.writeHead(200, {
        ...headers,
        'Content-Type': offer.file.mediaType || 'application/octet-stream',
        'Content-Length': String(size),
        'Content-Disposition': contentDisposition(offer.file.fileName),
        'Cache-Control': 'no-store',
      });
      fs.createReadStream(offer.file.path)
        .on('error', () => res.destroy())
        .on('end', () => finish(id))
        .pipe(res);
      return true;
    },
    close() {
      for (const id of [...offers.keys()]) finish(id);
    },
  };
}

/**
 * `attachment; filename="ascii"; filename*=UTF-8''percent-encoded` (RFC 6266 / 5987), without
 * bidirectional formatting and control characters (the browser saves under this name).
 */
export function contentDisposition(name: string): string {
  const fileName = withoutUnsafeCharacters(name);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
