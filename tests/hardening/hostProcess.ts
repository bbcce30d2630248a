/**
 * The real `npm start` browser mode (`node out/main/start.mjs --browser --no-open --library P`)
 * in a child process on a library the test prepared, and a keep-alive HTTP client for its API.
 * Hardening tests run hostile traffic against it and then check the process still answers.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const startScript = path.join(repoRoot, 'out', 'main', 'start.mjs');
const startLine = /^Referat: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/m;

/** `npm test` builds first; a lone `npx vitest run` of a hardening file builds here. */
export function ensureBuilt(): void {
  if (existsSync(startScript)) return;
  const build = spawnSync(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('npm run build failed');
}

export type HttpAnswer = { status: number; body: string };

export type HostProcess = {
  port: number;
  /** The start line's one-time launch code (spent: the process exchanged it for `cookie`). */
  token: string;
  /** The session cookie (`name=value`) every API call sends. */
  cookie: string;
  child: ChildProcess;
  stderr(): string;
  /** True while the child has neither exited nor been killed. */
  isAlive(): boolean;
  /** POST /api/<name> with a raw body (a JSON text unless the test sends garbage on purpose). */
  post(name: string, body: string, headers?: Record<string, string>): Promise<HttpAnswer>;
  /** POST /api/<name> with `input` as JSON; answers the parsed Result. */
  call(
    name: string,
    input: unknown,
  ): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }>;
  /** POST /upload of `bytes` named `fileName`. */
  upload(fileName: string, bytes: Buffer): Promise<HttpAnswer>;
  /** SIGINT (the clean Ctrl-C path: host and library closed), SIGKILL after 10 s. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

/** Starts browser mode on `libraryPath` and waits for its `Referat: URL` line. */
export async function startHostProcess(
  libraryPath: string,
  timeoutMs = 30_000,
): Promise<HostProcess> {
  ensureBuilt();
  const child = spawn(
    process.execPath,
    [startScript, '--browser', '--no-open', '--library', libraryPath],
    {
      cwd: repoRoot,
      env: { ...process.env, REFERAT_NO_OPEN: '1', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => {
    // Keep the tail only: a fuzz run may log many refused inputs.
    err = (err + chunk.toString('utf8')).slice(-20_000);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + timeoutMs;
  let match: RegExpMatchArray | null = null;
  while (!(match = out.match(startLine))) {
    if (child.exitCode !== null) throw new Error(`browser mode exited ${child.exitCode}: ${err}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`browser mode printed no start line: ${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  const port = Number(match[1]);
  const token = match[2] ?? '';
  const cookie = await exchangeLaunchCode(port, token);
  const client = createHostClient(port, cookie);

  return {
    port,
    token,
    cookie,
    child,
    stderr: () => err,
    isAlive: () => child.exitCode === null && child.signalCode === null,
    post: client.post,
    upload: client.upload,
    call: client.call,
    async stop() {
      client.close();
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

export type HostClient = Pick<HostProcess, 'post' | 'call' | 'upload'> & { close(): void };

/**
 * Opens the start URL as a browser does: the one-time launch code becomes the session cookie;
 * answers it as `name=value`.
 */
export function exchangeLaunchCode(port: number, code: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port, path: `/?token=${code}`, agent: false },
      (res) => {
        res.resume();
        const cookie = res.headers['set-cookie']?.[0]?.split(';')[0];
        if (res.statusCode === 303 && cookie) resolve(cookie);
        else reject(new Error(`The launch code was not exchanged (HTTP ${res.statusCode}).`));
      },
    );
    req.on('error', reject);
  });
}

/** A keep-alive HTTP client for the API of the host at `port`, sending the session `cookie`. */
export function createHostClient(port: number, cookie: string): HostClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

  const send = (
    requestPath: string,
    bytes: Buffer,
    headers: Record<string, string> = {},
    isRetry = false,
  ): Promise<HttpAnswer> =>
    new Promise<HttpAnswer>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: requestPath,
          // A large body takes long to build; a kept-alive socket may have timed out meanwhile.
          agent: bytes.length > 1024 * 1024 ? false : agent,
          headers: {
            'Content-Type': 'application/json',
            Cookie: cookie,
            'Content-Length': String(bytes.length),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          res.on('error', reject);
        },
      );
      req.setTimeout(60_000, () =>
        req.destroy(new Error(`no answer to ${requestPath} within 60 s`)),
      );
      req.on('error', (error: NodeJS.ErrnoException) => {
        // The host closes a kept-alive socket after 5 s idle; when that close crosses a new
        // request on the same socket, the request was never read and is safe to send again
        // (Node's documented `reusedSocket` pattern; browsers do the same).
        if (req.reusedSocket && error.code === 'ECONNRESET' && !isRetry) {
          send(requestPath, bytes, headers, true).then(resolve, reject);
        } else reject(error);
      });
      req.end(bytes);
    });

  return {
    post: (name, body, headers) =>
      send(`/api/${encodeURIComponent(name)}`, Buffer.from(body, 'utf8'), headers),
    upload: (fileName, bytes) =>
      send('/upload', bytes, {
        'Content-Type': 'application/octet-stream',
        'X-Referat-Filename': encodeURIComponent(fileName),
      }),
    async call(name, input) {
      const answer = await send(
        `/api/${encodeURIComponent(name)}`,
        Buffer.from(JSON.stringify(input), 'utf8'),
      );
      return JSON.parse(answer.body) as {
        ok: boolean;
        value?: unknown;
        error?: { code: string; message: string };
      };
    },
    close: () => agent.destroy(),
  };
}
