/**
 * The local HTTP host of browser mode: the same handlers as Electron IPC, served on
 * 127.0.0.1 only, on a random port, behind a one-time launch code and a session cookie.
 *
 * The start URL `http://127.0.0.1:PORT/?token=CODE` carries a random one-time launch code
 * (Jupyter's approach): the first request with it gets an HttpOnly, SameSite=Strict session
 * cookie (`referat-session-PORT`, a second random secret) and a redirect to the same address
 * without the code; the code is spent then, so the copy on the browser's command line and in
 * its history is worthless. Every /api, /upload, /download and /exports request must carry the
 * cookie, a `Host` naming this very host and port (no DNS rebinding) and, when it has one, an
 * `Origin` of this host. No URL the host hands out carries a credential. Typed results answer HTTP 200; transport refusals answer 400/401/403/404/405/413/415
 * with a JSON `{ok:false,error}` body (400 also for an input nested too deep or too large for
 * the dispatcher's limits). The built renderer is served with a strict CSP.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ErrorCode, Result } from '../../../common/contract/result';
import {
  checkInputLimits,
  createDispatcher,
  type DispatcherOptions,
  type HandlerMap,
  type InputLimitExcess,
} from '../api/dispatch';
import type { HandlerContext } from '../api/types';
import { contentTypeFor, resolveStaticFile, securityHeaders } from './staticFiles';
import { createUploadStore, UploadTooLargeError } from './uploads';
import { createDownloadStore } from '../archive/downloads';
import { createPdfExportJobs, exportIdPattern, pdfContentDisposition } from '../pdf/exportJobs';

/** The start URL's query parameter that carries the one-time launch code. */
export const launchCodeParameter = 'token';
/** The header that carries the (URI-encoded) file name of an upload. */
export const fileNameHeader = 'x-referat-filename';
/** Default limit of an /api body: large enough for a 100 MB `meetings:importJson`. */
export const defaultApiBodyLimit = 110 * 1024 * 1024;
/** Default limit of one uploaded file. */
export const defaultUploadLimit = 500 * 1024 * 1024;

export type HostOptions = {
  /** The open library the handlers work on (closed by the caller, not by the host). */
  library: unknown;
  handlers: HandlerMap<HandlerContext>;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
  apiBodyLimit?: number;
  uploadLimit?: number;
  dispatcher?: DispatcherOptions;
};

export type Host = {
  /** The start URL with the launch code: `http://127.0.0.1:PORT/?token=CODE`. */
  url: string;
  /** The one-time launch code: 64 hex characters, new on every start, valid for one exchange. */
  token: string;
  port: number;
  /** Stops listening, drops open connections and removes temporary uploads. */
  close(): Promise<void>;
};

/** Starts the host on 127.0.0.1. */
export async function startHost(options: HostOptions): Promise<Host> {
  const launchCode = randomBytes(32).toString('hex');
  let isLaunchCodeSpent = false;
  // The cookie's value: a secret of its own, never printed, never in a URL.
  const sessionSecret = Buffer.from(randomBytes(32).toString('hex'), 'utf8');
  const apiBodyLimit = options.apiBodyLimit ?? defaultApiBodyLimit;
  const uploadLimit = options.uploadLimit ?? defaultUploadLimit;
  const rendererDir = path.resolve(options.rendererDir);
  const dispatch = createDispatcher(options.handlers, options.dispatcher);
  const uploads = createUploadStore();
  const downloads = createDownloadStore();
  const pdfJobs = createPdfExportJobs();
  const context: HandlerContext = {
    transport: 'http',
    resolveUpload: (uploadId) => uploads.resolve(uploadId),
    releaseUpload: (uploadId) => uploads.release(uploadId),
    offerDownload: (file) => downloads.offer(file),
    pdfExports: {
      jobs: pdfJobs,
      previewUrl: (exportId) => `${exportsPrefix}${exportId}`,
      downloadUrl: (exportId) => `${exportsPrefix}${exportId}?download=1`,
    },
  };
  let port = 0;

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      process.stderr.write(
        `referat: host error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      if (!res.headersSent) refuse(res, 500, 'internal', 'The request failed.');
      else res.destroy();
    });
  });
  // Large imports and uploads may take a while on a slow disk; idle sockets still time out.
  server.requestTimeout = 10 * 60 * 1000;
  server.headersTimeout = 30 * 1000;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!isAllowedHost(req.headers.host, port)) {
      return refuse(res, 403, 'forbidden', 'The Host header does not name this Referat host.');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && !isAllowedOrigin(origin, port)) {
      return refuse(res, 403, 'forbidden', 'Requests from other origins are refused.');
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isApi = url.pathname.startsWith('/api/');
    const isUpload = url.pathname === '/upload';
    const isDownload = url.pathname.startsWith(downloadsPrefix);
    const isExport = url.pathname.startsWith(exportsPrefix);
    if (!isApi && !isUpload && !isDownload && !isExport) {
      if (url.searchParams.has(launchCodeParameter)) return exchangeLaunchCode(req, res, url);
      return serveStatic(req, res, url.pathname);
    }

    if (!hasSessionCookie(req.headers.cookie, sessionCookieName(port), sessionSecret)) {
      return refuse(
        res,
        401,
        'forbidden',
        'No Referat session: open the address Referat printed when it started (its launch code works once).',
      );
    }
    // GET /download/<id> (exports, appendix files): see archive/downloads.ts.
    if (isDownload && downloads.serve(req, res, url, securityHeaders)) return;
    if (isExport) return serveExport(req, res, url);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      return refuse(res, 405, 'forbidden', 'Only POST is allowed here.');
    }
    const declaredLength = Number(req.headers['content-length'] ?? 0);
    if (isUpload) {
      if (declaredLength > uploadLimit) return refuseTooLarge(req, res, uploadLimit);
      let fileName: string;
      try {
        fileName = decodeURIComponent(String(req.headers[fileNameHeader] ?? ''));
      } catch {
        return refuse(
          res,
          400,
          'invalid_input',
          'The X-Referat-Filename header is not valid URI-encoded text.',
        );
      }
      try {
        const upload = await uploads.save(req, fileName, uploadLimit, req.headers['content-type']);
        const value = {
          uploadId: upload.uploadId,
          fileName: upload.fileName,
          size: upload.size,
          sha256: upload.sha256,
        };
        return sendJson(res, 200, { ok: true, value });
      } catch (error) {
        if (error instanceof UploadTooLargeError) return refuseTooLarge(req, res, uploadLimit);
        throw error;
      }
    }

    if (!isJsonContentType(req.headers['content-type'])) {
      return refuse(res, 415, 'invalid_input', 'The body must be application/json.');
    }
    if (declaredLength > apiBodyLimit) return refuseTooLarge(req, res, apiBodyLimit);
    const body = await readBody(req, apiBodyLimit);
    if (body === null) return refuseTooLarge(req, res, apiBodyLimit);
    let input: unknown;
    try {
      input = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(res, 400, 'invalid_input', 'The body is not valid JSON.');
    }
    let name: string;
    try {
      name = decodeURIComponent(url.pathname.slice('/api/'.length));
    } catch {
      return refuse(res, 400, 'invalid_input', 'The request name is not valid URI-encoded text.');
    }
    // An input past the limits is a malformed request, not a question for a handler: 400
    // with the same typed error the dispatcher answers over IPC.
    let excess: InputLimitExcess | null;
    try {
      excess = checkInputLimits(input);
    } catch {
      excess = { code: 'invalid_input', message: 'the input cannot be read.' };
    }
    if (excess)
      return refuse(res, 400, excess.code, `Invalid input for ${name}: ${excess.message}`);
    const result = await dispatch(name, input, context);
    return sendJson(res, 200, result);
  }

  /**
   * `GET /anything?token=CODE`: the launch code, once, becomes the session cookie; the answer
   * redirects to the same address without the code (other parameters and the fragment stay).
   * A spent or wrong code is refused unless the browser has the session already (a reopened
   * start URL), which is then just redirected.
   */
  function exchangeLaunchCode(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'forbidden', 'Only GET and HEAD are allowed here.');
    }
    const cookieName = sessionCookieName(port);
    const given = url.searchParams.get(launchCodeParameter) ?? '';
    const isFreshCode = !isLaunchCodeSpent && isSameSecret(given, launchCode);
    const hasSession = hasSessionCookie(req.headers.cookie, cookieName, sessionSecret);
    if (!isFreshCode && !hasSession) {
      return refuse(
        res,
        403,
        'forbidden',
        'This launch address was used already or is wrong: it works once. Open Referat in the browser that opened it first, or start Referat again for a new address.',
      );
    }
    const headers: Record<string, string> = {
      ...securityHeaders,
      Location: withoutLaunchCode(url),
      'Cache-Control': 'no-store',
      'Content-Length': '0',
    };
    if (isFreshCode) {
      isLaunchCodeSpent = true;
      // No Max-Age: the session ends with the browser; HttpOnly keeps it from scripts;
      // SameSite=Strict keeps other sites' pages from sending it.
      headers['Set-Cookie'] =
        `${cookieName}=${sessionSecret.toString('utf8')}; Path=/; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(303, headers);
    res.end();
  }

  /**
   * `GET /exports/<id>`: a finished PDF export (pdf:start / pdf:export), as often as the preview
   * asks (authenticated by the session cookie like everything else); `download=1` asks for an
   * attachment instead of inline display.
   */
  function serveExport(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'forbidden', 'Only GET and HEAD are allowed here.');
    }
    const exportId = url.pathname.slice(exportsPrefix.length);
    const file = exportIdPattern.test(exportId) ? pdfJobs.file(exportId) : null;
    const size = file ? statSync(file.path, { throwIfNoEntry: false })?.size : undefined;
    if (!file || size === undefined) {
      return refuse(
        res,
        404,
        'not_found',
        'This PDF export is not finished or no longer kept; export again.',
      );
    }
    res.writeHead(200, {
      ...securityHeaders,
      // The preview shows the PDF in an iframe of our own page: the page's policy would forbid
      // framing, and default-src 'none' would block the browser's PDF viewer.
      'Content-Security-Policy': "frame-ancestors 'self'",
      'Content-Type': 'application/pdf',
      'Content-Length': String(size),
      'Content-Disposition': pdfContentDisposition(
        file.fileName,
        url.searchParams.get('download') === '1',
      ),
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file.path)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  function serveStatic(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    pathname: string,
  ): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return refuse(res, 405, 'forbidden', 'Only GET and HEAD are allowed here.');
    }
    const file = resolveStaticFile(rendererDir, pathname);
    if (!file) return refuse(res, 404, 'not_found', 'Not found.');
    const size = statSync(file).size;
    res.writeHead(200, {
      ...securityHeaders,
      'Content-Type': contentTypeFor(file),
      'Content-Length': String(size),
      // The page must always match the running host (the token changes per launch).
      'Cache-Control': file.endsWith('.html') ? 'no-store' : 'no-cache',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: options.port ?? 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  let closing: Promise<void> | null = null;
  return {
    url: `http://127.0.0.1:${port}/?${launchCodeParameter}=${launchCode}`,
    token: launchCode,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }).finally(() => {
        downloads.close();
        return Promise.all([uploads.close(), pdfJobs.close()]).then(() => undefined);
      });
      return closing;
    },
  };
}

/** Where finished PDF exports are served (`GET /exports/<exportId>`). */
const exportsPrefix = '/exports/';
/** Where offered downloads are served (`GET /download/<id>`, archive/downloads.ts). */
const downloadsPrefix = '/download/';

/**
 * The session cookie's name: per port, because cookies are not kept apart by port and two
 * Referat hosts in one browser must not overwrite each other's session.
 */
export function sessionCookieName(port: number): string {
  return `referat-session-${port}`;
}

/** The address without the launch code, as a path for `Location` (same origin). */
function withoutLaunchCode(url: URL): string {
  const clean = new URL(url.href);
  clean.searchParams.delete(launchCodeParameter);
  return `${clean.pathname}${clean.search}`;
}

/** `Host` must be exactly 127.0.0.1:PORT or localhost:PORT. */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

/** `Origin` must be exactly http://127.0.0.1:PORT or http://localhost:PORT. */
export function isAllowedOrigin(origin: string, port: number): boolean {
  return origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
}

/** Compares two secrets in constant time. */
function isSameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** True when the `Cookie` header holds `name` with the session secret. */
function hasSessionCookie(header: string | undefined, name: string, secret: Buffer): boolean {
  if (!header) return false;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const given = Buffer.from(part.slice(separator + 1).trim(), 'utf8');
    if (given.length === secret.length && timingSafeEqual(given, secret)) return true;
  }
  return false;
}

function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const [type] = header.split(';');
  return type?.trim().toLowerCase() === 'application/json';
}

/** The body, or null when it grows past `limit`. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let isOver = false;
    req.on('data', (chunk: Buffer) => {
      if (isOver) return;
      size += chunk.length;
      if (size > limit) {
        isOver = true;
        chunks.length = 0;
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!isOver) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: Result<unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...securityHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function refuse(res: http.ServerResponse, status: number, code: ErrorCode, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** How long the rest of a refused body may keep arriving before the answer goes out anyway. */
const refusedBodyDrainMs = 15_000;

/**
 * 413 once the rest of the body has been read and thrown away. Answering while the client is
 * still sending makes Node close the connection with the client's bytes unread; the kernel
 * answers them with a reset and the client sees a broken pipe instead of the 413 (RFC 9112
 * §9.6). Draining costs no memory; a client that never stops sending gets the answer after a
 * while and is cut off.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
  const answer = () => {
    clearTimeout(deadline);
    if (res.headersSent || res.destroyed) return;
    refuse(res, 413, 'too_large', `The request body is larger than the limit of ${limit} bytes.`);
  };
  const deadline = setTimeout(() => {
    answer();
    res.once('finish', () => req.socket.destroy());
  }, refusedBodyDrainMs);
  deadline.unref();
  if (req.complete) return answer();
  req.once('end', answer);
  req.once('close', () => clearTimeout(deadline));
  req.resume();
}
