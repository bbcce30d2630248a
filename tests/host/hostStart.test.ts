/**
 * `npm start` in browser mode, as a user runs it: the built out/main/start.mjs prints exactly
 * one line with the URL and token, serves the page, and stops cleanly on Ctrl-C (SIGINT).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/node/host/electronBinary';
import { openLibrary } from '../../main/node/storage/library';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const startScript = path.join(root, 'out', 'main', 'start.mjs');
const startLine = /^Referat: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/;

type Run = {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

function run(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const child = spawn(process.execPath, [startScript, ...args], {
    cwd: root,
    env: { ...process.env, REFERAT_NO_OPEN: '', REFERAT_LIBRARY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Resolves once stdout holds a complete first line. */
async function firstLine(started: Run, timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!started.stdout().includes('\n')) {
    if (Date.now() > deadline) throw new Error(`no start line; stderr: ${started.stderr()}`);
    if (started.child.exitCode !== null)
      throw new Error(`exited ${started.child.exitCode}; stderr: ${started.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return started.stdout().split('\n')[0] ?? '';
}

let tempDir: string;

beforeAll(() => {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-start-test-'));
  if (!existsSync(startScript)) {
    // `npm test` builds first; a lone `npx vitest run` of this file builds here.
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
});

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('npm start (browser mode)', () => {
  it('prints exactly one start line, serves the page and exits 0 on SIGINT', async () => {
    const libraryPath = path.join(tempDir, 'start.sqlite');
    const started = run(['--browser', '--no-open', '--library', libraryPath]);
    const line = await firstLine(started);
    const match = startLine.exec(line);
    expect(match, line).not.toBeNull();
    const [, port, token] = match ?? [];

    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
    expect(await page.text()).toContain('<div id="root">');
    // The printed token is a one-time launch code: opening the address sets the session cookie.
    const launch = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(launch.status).toBe(303);
    expect(launch.headers.get('location')).toBe('/');
    const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const api = await fetch(`http://127.0.0.1:${port}/api/committees:list`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{}',
    });
    expect(await api.json()).toEqual({ ok: true, value: [] });
    const spent = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(spent.status).toBe(403);

    started.child.kill('SIGINT');
    const { code, signal } = await started.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // Nothing but the one line on stdout, the whole run long.
    expect(started.stdout()).toBe(`${line}\n`);
    // The library was closed cleanly: it opens again and is a healthy Referat library.
    const reopened = openLibrary(libraryPath);
    expect(reopened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it.runIf(process.platform === 'linux')(
    'opens the browser on a 0600 file that forwards to the address: the launch code is not on its command line',
    async () => {
      // A stand-in xdg-open that records its arguments and the file it was given.
      const bin = path.join(tempDir, 'bin');
      mkdirSync(bin, { recursive: true });
      const record = path.join(tempDir, 'xdg-open.txt');
      writeFileSync(
        path.join(bin, 'xdg-open'),
        `#!/bin/sh\nprintf '%s\\n' "$@" > ${JSON.stringify(record)}\nstat -c '%a' "$1" >> ${JSON.stringify(record)}\ncat "$1" >> ${JSON.stringify(record)}\n`,
      );
      chmodSync(path.join(bin, 'xdg-open'), 0o755);
      const started = run(['--browser', '--library', path.join(tempDir, 'open.sqlite')], {
        PATH: `${bin}:${process.env.PATH ?? ''}`,
      });
      const line = await firstLine(started);
      const [, , code] = startLine.exec(line) ?? [];
      const deadline = Date.now() + 10_000;
      while (!existsSync(record) || !readFileSync(record, 'utf8').includes('</html>')) {
        if (Date.now() > deadline) throw new Error(`xdg-open was not called: ${started.stderr()}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const [argument = '', mode = '', ...page] = readFileSync(record, 'utf8').split('\n');
      expect(argument).toMatch(/referat-open-[0-9a-f]{32}\.html$/);
      expect(argument).not.toContain(code ?? 'no code');
      expect(mode).toBe('600');
      expect(page.join('\n')).toContain(
        `<meta http-equiv="refresh" content="0;url=${line.slice('Referat: '.length)}">`,
      );
      started.child.kill('SIGINT');
      expect((await started.exit).code).toBe(0);
      // The file holding the code is gone once Referat stops.
      expect(existsSync(argument)).toBe(false);
    },
  );

  it('takes the library from REFERAT_LIBRARY and stops on SIGTERM with exit 0', async () => {
    const libraryPath = path.join(tempDir, 'env.sqlite');
    const started = run(['--browser'], { REFERAT_LIBRARY: libraryPath, REFERAT_NO_OPEN: '1' });
    expect(await firstLine(started)).toMatch(startLine);
    expect(existsSync(libraryPath)).toBe(true);
    started.child.kill('SIGTERM');
    expect((await started.exit).code).toBe(0);
  });

  it.skipIf(findElectronBinary().isAvailable)(
    'says on stderr why it uses browser mode when Electron is missing',
    async () => {
      const started = run(['--no-open', '--library', path.join(tempDir, 'noelectron.sqlite')]);
      expect(await firstLine(started)).toMatch(startLine);
      expect(started.stderr()).toMatch(
        /^Referat: running in browser mode because .*Electron binary/m,
      );
      started.child.kill('SIGINT');
      expect((await started.exit).code).toBe(0);
    },
  );

  it('refuses a bad option and a file that is not a library with a one-line reason and no start line', async () => {
    const bad = run(['--browser', '--no-open', '--colour']);
    expect((await bad.exit).code).toBe(2);
    expect(bad.stdout()).toBe('');
    expect(bad.stderr()).toContain('unknown option "--colour"');

    const notLibrary = run(['--browser', '--no-open', '--library', startScript]);
    expect((await notLibrary.exit).code).toBe(1);
    expect(notLibrary.stdout()).toBe('');
    expect(notLibrary.stderr()).toContain('not a Referat library');
  });
});
