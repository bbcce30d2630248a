/**
 * Helpers for storage tests: real SQLite libraries in temporary folders, removed afterwards.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import type { RequestInput, RequestName, RequestOutput } from '../../common/contract/api';
import type { ApiError } from '../../common/contract/result';
import type { Dispatch } from '../../main/node/api/dispatch';
import type { HandlerContext } from '../../main/node/api/types';
import {
  openLibrary,
  type Library,
  type OpenLibraryOptions,
} from '../../main/node/storage/library';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { createMember } from '../../main/node/storage/queries/members';

const tempDirs: string[] = [];
const openLibraries: Library[] = [];

afterEach(() => {
  for (const library of openLibraries.splice(0)) library.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed after the test. */
export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-storage-'));
  tempDirs.push(dir);
  return dir;
}

/** Opens a library (closed after the test). */
export function open(file: string, options: OpenLibraryOptions = {}): Library {
  const library = openLibrary(file, { author: 'tester', ...options });
  openLibraries.push(library);
  return library;
}

/** A new library in a new temporary folder. */
export function newLibrary(options: OpenLibraryOptions = {}): Library {
  return open(path.join(makeTempDir(), 'library.sqlite'), options);
}

/** SHA-256 of a file's bytes (to prove a file was left untouched). */
export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A committee with three active members and one inactive. */
export function seedCommittee(library: Library) {
  const committee = createCommittee(library.db, {
    name: 'Opgaveudvalget om Innovation',
    kind: 'paragraf17_udvalg',
    organisation: 'Gentofte Kommune',
    template: 'opgaveudvalg',
  });
  const member = (
    name: string,
    role: 'chair' | 'vice_chair' | 'member',
    party: string | null,
    isActive = true,
  ) =>
    createMember(library.db, {
      committeeId: committee.id,
      member: { name, role, party, isCitizen: party === null, isActive },
    });
  const members = [
    member('Marie-Louise Andreassen', 'chair', 'C'),
    member('Bo Sund', 'vice_chair', 'A'),
    member('Anna Borger', 'member', null),
    member('Tidligere Medlem', 'member', 'V', false),
  ];
  return { committee, members };
}

/** A paragraph of plain text as a rich-text body. */
export function text(line: string) {
  return [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text: line }] }];
}

/**
 * `ok` answers a request's value and throws with the error (and `details()`, e.g. the log) when
 * it fails; `fail` answers the error and throws when the request succeeds.
 */
export function dispatchExpecting(
  dispatch: Dispatch<HandlerContext>,
  ctx: HandlerContext,
  details: () => string = () => '',
) {
  async function ok<N extends RequestName>(
    name: N,
    input: RequestInput<N>,
  ): Promise<RequestOutput<N>> {
    const result = await dispatch(name, input, ctx);
    if (!result.ok)
      throw new Error(`${name} failed: ${result.error.code}: ${result.error.message} ${details()}`);
    return result.value as RequestOutput<N>;
  }
  async function fail(name: RequestName, input: unknown): Promise<ApiError> {
    const result = await dispatch(name, input, ctx);
    if (result.ok) throw new Error(`${name} unexpectedly succeeded`);
    return result.error;
  }
  return { ok, fail };
}

/** The answer to {@link sendRaw}. */
export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/**
 * One raw HTTP request to 127.0.0.1 (node:http, so Host and the path are sent exactly as
 * given; a new connection each time). `isChunked` streams the body in small writes without a
 * Content-Length.
 */
export function sendRaw(
  port: number,
  options: {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    body?: Buffer | string;
    isChunked?: boolean;
  },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, ...options.headers };
    const body = options.body === undefined ? undefined : Buffer.from(options.body);
    if (body && !options.isChunked) headers['Content-Length'] = String(body.length);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body && options.isChunked) {
      for (let offset = 0; offset < body.length; offset += 512)
        req.write(body.subarray(offset, offset + 512));
      req.end();
    } else {
      req.end(body);
    }
  });
}

const sessionCookies = new WeakMap<object, Promise<string>>();

/**
 * Exchanges a host's one-time launch code (`host.token`, the start URL's `?token=`) for its
 * session cookie, as a browser opening the start URL does; answers `name=value` for a `Cookie`
 * header. Once per host object (the code works once).
 */
export function exchangeLaunchCode(host: { port: number; token: string }): Promise<string> {
  let cookie = sessionCookies.get(host);
  if (!cookie) {
    cookie = sendRaw(host.port, { path: `/?token=${host.token}` }).then((answer) => {
      const value = answer.headers['set-cookie']?.[0]?.split(';')[0];
      if (answer.status !== 303 || !value)
        throw new Error(`The launch code was not exchanged (HTTP ${answer.status}).`);
      return value;
    });
    sessionCookies.set(host, cookie);
  }
  return cookie;
}

/** The headers that authenticate API calls to a host started in this process (its cookie). */
export async function authenticatedHeaders(host: {
  port: number;
  token: string;
}): Promise<Record<string, string>> {
  return { Cookie: await exchangeLaunchCode(host) };
}
