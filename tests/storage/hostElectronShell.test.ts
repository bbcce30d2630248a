/**
 * The built Electron shell (out/main/electronMain.mjs) without the Electron binary: a child Node
 * process loads it with the `electron` module replaced by a recording stand-in, then drives what
 * Electron would call: app ready, the app:// protocol handler, IPC from our own and from foreign
 * frames, permission and navigation handlers, quit. The library is real (a temp SQLite file,
 * opened through the `nativeBinding` path a packaged app uses). What only the real binary can
 * show (window behaviour) is in tests/e2e/electron.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../main/node/host/staticFiles';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronMain = path.join(root, 'out', 'main', 'electronMain.mjs');

const stubSource = `
const state = (globalThis.__electronStub = { windows: [], ipc: {}, protocolHandlers: {}, appEvents: {}, sessionEvents: {} });
let fireReady;
const ready = new Promise((resolve) => (fireReady = resolve));
state.fireReady = () => fireReady();
export const app = {
  isPackaged: true,
  getPath: () => process.env.STUB_USER_DATA,
  requestSingleInstanceLock: () => true,
  on: (event, fn) => { state.appEvents[event] = fn; },
  whenReady: () => ready,
  quit: () => { state.quit = true; },
  exit: (code) => { state.exitCode = code; },
};
export const protocol = {
  registerSchemesAsPrivileged: (schemes) => { state.schemes = schemes; },
  handle: (scheme, fn) => { state.protocolHandlers[scheme] = fn; },
};
export const session = {
  defaultSession: {
    setPermissionRequestHandler: (fn) => { state.permissionRequest = fn; },
    setPermissionCheckHandler: (fn) => { state.permissionCheck = fn; },
    setDevicePermissionHandler: (fn) => { state.devicePermission = fn; },
    on: (event, fn) => { state.sessionEvents[event] = fn; },
  },
};
export const ipcMain = { handle: (channel, fn) => { state.ipc[channel] = fn; } };
export class BrowserWindow {
  constructor(options) { this.options = options; state.windows.push(this); }
  once() {}
  loadURL(url) { this.url = url; return Promise.resolve(); }
  isMinimized() { return false; }
  restore() {}
  focus() {}
  show() {}
}
export const dialog = {
  showErrorBox: (title, message) => { state.errorBox = message; },
  showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
};
export default { app, protocol, session, ipcMain, BrowserWindow, dialog };
`;

const hooksSource = (stubUrl: string) => `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: ${JSON.stringify(stubUrl)}, shortCircuit: true };
  return next(specifier, context);
}
`;

const driverSource = (hooksUrl: string, mainUrl: string) => `
import { register } from 'node:module';
register(${JSON.stringify(hooksUrl)});
const out = {};
process.resourcesPath = process.env.STUB_RESOURCES;
process.argv.push('--library', process.env.STUB_LIBRARY);
await import(${JSON.stringify(mainUrl)});
const state = globalThis.__electronStub;
out.schemes = state.schemes;
state.fireReady();
for (let i = 0; i < 200 && state.windows.length === 0 && state.exitCode === undefined; i += 1) await new Promise((r) => setTimeout(r, 25));
out.errorBox = state.errorBox ?? null;
const window = state.windows[0];
out.webPreferences = { ...window.options.webPreferences, preload: window.options.webPreferences.preload.endsWith('/out/preload/preload.cjs') };
out.url = window.url;

const call = state.ipc['referat:call'];
out.ownCall = await call({ senderFrame: { url: 'app://referat/index.html' } }, 'app:info', {});
out.listCall = await call({ senderFrame: { url: 'app://referat/index.html#/meetings' } }, 'committees:list', {});
out.foreignCall = await call({ senderFrame: { url: 'https://evil.example/' } }, 'committees:list', {});
out.fileFrameCall = await call({ senderFrame: { url: 'file:///etc/passwd' } }, 'committees:list', {});
out.noFrameCall = await call({ senderFrame: null }, 'committees:list', {});
out.badInput = await call({ senderFrame: { url: 'app://referat/' } }, 'meetings:get', { id: '' });

const serve = state.protocolHandlers.app;
const answer = async (url) => {
  const response = await serve(new Request(url));
  return { status: response.status, csp: response.headers.get('content-security-policy'), nosniff: response.headers.get('x-content-type-options'), type: response.headers.get('content-type'), body: (await response.text()).slice(0, 400) };
};
out.index = await answer('app://referat/index.html');
out.traversal = await answer('app://referat/%2e%2e/%2e%2e/package.json');
out.otherHost = await answer('app://elsewhere/index.html');

let permission = 'unset';
state.permissionRequest({}, 'media', (granted) => { permission = granted; });
out.permissionRequest = permission;
out.permissionCheck = state.permissionCheck({}, 'geolocation');
out.devicePermission = state.devicePermission({});

const handlers = {};
let openHandler = null;
const contents = { on: (event, fn) => { handlers[event] = fn; }, setWindowOpenHandler: (fn) => { openHandler = fn; } };
state.appEvents['web-contents-created']({}, contents);
const prevented = {};
for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
  let isPrevented = false;
  handlers[event]?.({ preventDefault: () => { isPrevented = true; } }, 'https://example.com/');
  prevented[event] = isPrevented;
}
out.prevented = prevented;
out.windowOpen = openHandler?.({ url: 'https://example.com/' });
let isDownloadPrevented = false;
state.sessionEvents['will-download']?.({ preventDefault: () => { isDownloadPrevented = true; } });
out.isDownloadPrevented = isDownloadPrevented;

state.appEvents['will-quit']();
out.quit = true;
process.stdout.write(JSON.stringify(out));
`;

let tempDir: string;
let result: Record<string, unknown>;

beforeAll(() => {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-electron-shell-'));
  if (!existsSync(electronMain)) {
    const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
      cwd: root,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  // A packaged app's layout: the SQLite module unpacked from the asar (here: the Node build).
  const addonDir = path.join(
    tempDir,
    'resources',
    'app.asar.unpacked',
    'node_modules',
    'better-sqlite3',
    'build',
    'Release',
  );
  mkdirSync(addonDir, { recursive: true });
  const betterSqlite = path.dirname(
    createRequire(import.meta.url).resolve('better-sqlite3/package.json'),
  );
  copyFileSync(
    path.join(betterSqlite, 'build', 'Release', 'better_sqlite3.node'),
    path.join(addonDir, 'better_sqlite3.node'),
  );

  const stub = path.join(tempDir, 'electron-stub.mjs');
  const hooks = path.join(tempDir, 'hooks.mjs');
  const driver = path.join(tempDir, 'driver.mjs');
  writeFileSync(stub, stubSource);
  writeFileSync(hooks, hooksSource(pathToFileURL(stub).href));
  writeFileSync(driver, driverSource(pathToFileURL(hooks).href, pathToFileURL(electronMain).href));
  const run = spawnSync(process.execPath, [driver], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    env: {
      ...process.env,
      STUB_RESOURCES: path.join(tempDir, 'resources'),
      STUB_USER_DATA: path.join(tempDir, 'userData'),
      STUB_LIBRARY: path.join(tempDir, 'library.sqlite'),
    },
  });
  if (run.status !== 0) throw new Error(`driver failed (${run.status}): ${run.stderr}`);
  result = JSON.parse(run.stdout) as Record<string, unknown>;
});

afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('Electron shell (built main, stand-in electron module)', () => {
  it('registers app:// as a standard secure scheme and opens one locked-down window on it', () => {
    expect(result.errorBox).toBeNull();
    expect(result.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(result.url).toBe('app://referat/index.html');
    expect(result.webPreferences).toMatchObject({
      preload: true,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('answers IPC from its own frame with the dispatcher on the real library', () => {
    expect(result.ownCall).toMatchObject({
      ok: true,
      value: { transport: 'electron', libraryName: 'library' },
    });
    expect(result.listCall).toEqual({ ok: true, value: [] });
    expect(result.badInput).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('refuses IPC from foreign, file: and vanished frames', () => {
    for (const key of ['foreignCall', 'fileFrameCall', 'noFrameCall']) {
      expect(result[key], key).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('serves the renderer over app:// with the CSP, and nothing outside it', () => {
    expect(result.index).toMatchObject({
      status: 200,
      csp: contentSecurityPolicy,
      nosniff: 'nosniff',
      type: 'text/html; charset=utf-8',
    });
    expect((result.index as { body: string }).body).toContain('<title>Referat</title>');
    expect(result.traversal).toMatchObject({ status: 404 });
    expect((result.traversal as { body: string }).body).not.toContain('"name"');
    expect(result.otherHost).toMatchObject({ status: 404 });
  });

  it('denies permissions, navigation, redirects, webviews, new windows and downloads', () => {
    expect(result.permissionRequest).toBe(false);
    expect(result.permissionCheck).toBe(false);
    expect(result.devicePermission).toBe(false);
    expect(result.prevented).toEqual({
      'will-navigate': true,
      'will-redirect': true,
      'will-attach-webview': true,
    });
    expect(result.windowOpen).toEqual({ action: 'deny' });
    expect(result.isDownloadPrevented).toBe(true);
    expect(result.quit).toBe(true);
  });
});
