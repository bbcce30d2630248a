/**
 * The built Electron shell (out/main/electronMain.mjs) without the Electron binary: a child Node
 * process loads it with the `electron` module replaced by a recording stand-in, then drives what
 * Electron would call: app ready, the app:// protocol handler, IPC from our own and from foreign
 * frames, permission and navigation handlers, quit. The library is real (a temp SQLite file,
 * opened through the `nativeBinding` path a packaged app uses). What only the real binary can
 * show (window behaviour) is in tests/e2e/electron.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import { contentSecurityPolicy } from '../../main/node/host/staticFiles';
import { validateBag } from '../helpers/bagitValidator';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const electronMain = path.join(root, 'out', 'main', 'electronMain.mjs');

const stubSource = `
const state = (globalThis.__electronStub = { windows: [], ipc: {}, protocolHandlers: {}, appEvents: {}, sessionEvents: {} });
let fireReady;
const ready = new Promise((resolve) => (fireReady = resolve));
state.fireReady = () => fireReady();
export const app = {
  isPackaged: true,
  getLocale: () => 'da',
  getVersion: () => '0.0.0-stub',
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
    setSpellCheckerDictionaryDownloadURL: (url) => { state.dictionaryUrl = url; },
    setSpellCheckerLanguages: (languages) => { state.spellLanguages = languages; },
  },
};
export const Menu = {
  buildFromTemplate: (template) => ({ template }),
  setApplicationMenu: (menu) => { state.menu = menu; },
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
// The dialogs answer what the driver queued (state.openAnswers / state.saveAnswers), else "cancelled".
state.openAnswers = [];
state.saveAnswers = [];
state.saveDialogs = [];
state.openedPaths = [];
export const dialog = {
  showErrorBox: (title, message) => { state.errorBox = message; },
  showOpenDialog: async () => {
    const file = state.openAnswers.shift();
    return file ? { canceled: false, filePaths: [file] } : { canceled: true, filePaths: [] };
  },
  showSaveDialog: async (windowOrOptions, maybeOptions) => {
    state.saveDialogs.push(maybeOptions ?? windowOrOptions);
    const file = state.saveAnswers.shift();
    return file ? { canceled: false, filePath: file } : { canceled: true, filePath: '' };
  },
};
state.shownPaths = [];
export const shell = {
  openPath: async (file) => { state.openedPaths.push(file); return ''; },
  showItemInFolder: (file) => { state.shownPaths.push(file); },
};
export default { app, protocol, session, ipcMain, BrowserWindow, dialog, shell, Menu };
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
out.dictionaryUrl = state.dictionaryUrl ?? null;
out.spellLanguages = state.spellLanguages ?? null;
const menuItems = (items) => items.flatMap((item) => [{ label: item.label, role: item.role }, ...menuItems(Array.isArray(item.submenu) ? item.submenu : [])]);
out.menuTop = state.menu ? state.menu.template.map((item) => item.label) : null;
out.menuItems = state.menu ? menuItems(state.menu.template) : null;

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

// Sharing through the dialogs and shell: attach a file, archive, open the appendix, import.
const { readFileSync, statSync, existsSync } = await import('node:fs');
const ipc = (name, input) => call({ senderFrame: { url: 'app://referat/' } }, name, input);
const value = (result) => { if (!result.ok) throw new Error(JSON.stringify(result.error)); return result.value; };
const committee = value(await ipc('committees:create', { name: 'Økonomiudvalget', kind: 'staaende_udvalg', organisation: 'Gentofte Kommune', template: 'fagudvalg' }));
const meeting = value(await ipc('meetings:create', { committeeId: committee.id, number: 7, date: '2017-12-12', kind: 'ordinary', isCopyingPrevious: false }));
const appendix = value(await ipc('appendices:create', { meetingId: meeting.meeting.id, appendix: { title: 'Budget', documentNumber: '', caseId: '', isClosed: false, itemId: null } }));
state.openAnswers.push(process.env.STUB_APPENDIX);
out.attached = value(await ipc('appendices:attachFile', { id: appendix.id })).file;
out.cancelledExport = await ipc('archive:export', { meetingId: meeting.meeting.id });
state.saveAnswers.push(process.env.STUB_SAVE_TO);
out.archived = await ipc('archive:export', { meetingId: meeting.meeting.id });
out.saveDialogs = state.saveDialogs;
out.opened = await ipc('appendices:open', { id: appendix.id });
const copy = state.openedPaths[0];
out.openedCopy = copy ? { path: copy, text: readFileSync(copy, 'utf8'), mode: statSync(copy).mode & 0o777 } : null;
// A program posing as a PDF by a right-to-left override: shown in its folder, never opened.
const trap = value(await ipc('appendices:create', { meetingId: meeting.meeting.id, appendix: { title: 'Budget 2018', documentNumber: '', caseId: '', isClosed: false, itemId: null } }));
state.openAnswers.push(process.env.STUB_TRAP);
value(await ipc('appendices:attachFile', { id: trap.id }));
out.trapOpened = await ipc('appendices:open', { id: trap.id });
out.trapOpenedPaths = state.openedPaths.length;
out.trapShown = state.shownPaths.map((file) => ({ name: file.split('/').pop(), exists: existsSync(file) }));
const trapCopy = state.shownPaths[0];
state.openAnswers.push(process.env.STUB_SAVE_TO);
out.importConflict = await ipc('archive:import', {});
state.openAnswers.push(process.env.STUB_SAVE_TO);
out.importKeepBoth = await ipc('archive:import', { onExisting: 'keepBoth' });
out.meetingId = meeting.meeting.id;
out.meetingsAfterImport = value(await ipc('meetings:list', {})).length;

// PDF export: the preview served at app://referat/exports/<id>, saving through the save dialog.
const pdf = await ipc('pdf:export', { meetingId: meeting.meeting.id, edition: 'full' });
out.pdf = pdf;
if (pdf.ok) {
  const response = await serve(new Request(pdf.value.previewUrl));
  const bytes = Buffer.from(await response.arrayBuffer());
  out.pdfPreview = { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), disposition: response.headers.get('content-disposition'), head: bytes.subarray(0, 5).toString('latin1'), size: bytes.length };
  out.pdfUnknown = await answer('app://referat/exports/' + 'a'.repeat(32));
  state.saveAnswers.push(process.env.STUB_PDF_TO);
  out.pdfSaved = await ipc('pdf:save', { exportId: pdf.value.exportId });
  // Taken off the list, which out.saveDialogs shares (the archive test counts its own dialogs).
  out.pdfSaveDialog = state.saveDialogs.pop();
  out.pdfSavedHead = readFileSync(process.env.STUB_PDF_TO + '.pdf').subarray(0, 5).toString('latin1');
}

state.appEvents['will-quit']();
out.openedCopyAfterQuit = copy ? existsSync(copy) : null;
out.trapCopyAfterQuit = trapCopy ? existsSync(trapCopy) : null;
out.quit = true;
process.stdout.write(JSON.stringify(out));
`;

/** The newest modification time of the files bundled into out/main. */
function newestSourceMtime(): number {
  let newest = 0;
  for (const entry of readdirSync(path.join(root, 'main'), {
    recursive: true,
    withFileTypes: true,
  })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

async function unzipTo(zipFile: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error ?? new Error('no zip')) : resolve(value),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = path.join(into, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        mkdirSync(target, { recursive: true });
        zip.readEntry();
        return;
      }
      mkdirSync(path.dirname(target), { recursive: true });
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error ?? new Error('no stream'));
        stream.pipe(createWriteStream(target)).on('finish', () => zip.readEntry());
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
}

let tempDir: string;
let result: Record<string, unknown>;
/** The file the stand-in open dialog picks as the appendix. */
let appendixFile: string;
/** A script whose name poses as a PDF ("Budget 2018 \u202Efdp.bat"). */
let trapFile: string;
/** Where the stand-in save dialog says the archive package goes. */
let savedBag: string;

beforeAll(() => {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-electron-shell-'));
  // A build older than the main-side sources would test yesterday's shell.
  if (!existsSync(electronMain) || statSync(electronMain).mtimeMs < newestSourceMtime()) {
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

  trapFile = path.join(tempDir, 'Budget 2018 \u202Efdp.bat');
  writeFileSync(trapFile, '@echo off\r\necho pwned\r\n');
  appendixFile = path.join(tempDir, 'Budget 2018: "udkast".pdf');
  writeFileSync(appendixFile, '%PDF-1.4 bilag med æøå\n');
  mkdirSync(path.join(tempDir, 'Arkiv'));
  savedBag = path.join(tempDir, 'Arkiv', 'Økonomiudvalget møde 7.zip');

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
      STUB_APPENDIX: appendixFile,
      STUB_TRAP: trapFile,
      STUB_SAVE_TO: savedBag,
      STUB_PDF_TO: path.join(tempDir, 'Arkiv', 'Referat møde 7'),
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
      devTools: false,
      spellcheck: true,
    });
  });

  it('installs the Danish menu without Reload or Developer Tools (packaged)', () => {
    expect(result.menuTop).toEqual(['Filer', 'Rediger', 'Vis', 'Hjælp']);
    const roles = (result.menuItems as Array<{ role?: string }>).map((item) => item.role);
    for (const role of ['reload', 'forceReload', 'toggleDevTools'])
      expect(roles).not.toContain(role);
    expect(roles).toEqual(expect.arrayContaining(['undo', 'copy', 'paste', 'quit']));
  });

  it('points the spellchecker at the bundled dictionaries (a file: URL), never the Internet', () => {
    const url = result.dictionaryUrl as string;
    expect(url).toMatch(/^file:\/\/\/.*\/$/);
    for (const file of ['da-DK-3-0.bdic', 'en-US-10-1.bdic'])
      expect(existsSync(fileURLToPath(new URL(file, url))), file).toBe(true);
    expect(result.spellLanguages).toEqual(['da-DK', 'en-US']);
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

  it('archive:export shows the save dialog (zip filter, suggested name) and writes the bag where it said', async () => {
    expect(result.cancelledExport).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(result.archived).toEqual({
      ok: true,
      value: {
        fileName: path.basename(savedBag),
        files: 4,
        bytes: expect.any(Number),
        downloadUrl: null,
      },
    });
    const dialogs = result.saveDialogs as Array<{ defaultPath: string; filters: unknown }>;
    expect(dialogs).toHaveLength(2);
    expect(dialogs[1]?.defaultPath).toMatch(/\.zip$/);
    expect(path.isAbsolute(dialogs[1]?.defaultPath ?? '')).toBe(true);
    expect(dialogs[1]?.filters).toEqual([{ name: 'ZIP', extensions: ['zip'] }]);

    const unpacked = path.join(tempDir, 'unpacked');
    await unzipTo(savedBag, unpacked);
    const [bagName] = readdirSync(unpacked);
    const bagDir = path.join(unpacked, bagName ?? '');
    expect(validateBag(bagDir).errors).toEqual([]);
    const bilag = readdirSync(path.join(bagDir, 'data', 'bilag'));
    expect(bilag).toEqual(['Budget 2018_ _udkast_.pdf']);
    expect(readFileSync(path.join(bagDir, 'data', 'bilag', bilag[0] ?? ''), 'utf8')).toBe(
      '%PDF-1.4 bilag med æøå\n',
    );
  });

  it('appendices:open opens a read-only temporary copy with shell.openPath, removed at quit', () => {
    expect(result.opened).toEqual({
      ok: true,
      value: {
        fileName: 'Budget 2018_ _udkast_.pdf',
        downloadUrl: null,
        handedOver: 'opened',
        notOpenedReason: null,
      },
    });
    const copy = result.openedCopy as { path: string; text: string; mode: number };
    expect(path.basename(copy.path)).toBe('Budget 2018_ _udkast_.pdf');
    expect(copy.text).toBe('%PDF-1.4 bilag med æøå\n');
    expect(copy.mode & 0o222).toBe(0);
    expect(result.openedCopyAfterQuit).toBe(false);
  });

  it('appendices:open shows a program posing as a PDF in its folder under its real name, never opens it', () => {
    expect(result.trapOpened).toEqual({
      ok: true,
      value: {
        fileName: 'Budget 2018 fdp.bat',
        downloadUrl: null,
        handedOver: 'shownInFolder',
        notOpenedReason: 'unknownType',
      },
    });
    expect(result.trapOpenedPaths).toBe(1);
    expect(result.trapShown).toEqual([{ name: 'Budget 2018 fdp.bat', exists: true }]);
    expect(result.trapCopyAfterQuit).toBe(false);
  });

  it('archive:import shows the open dialog; an existing meeting asks, keep both imports a copy', () => {
    expect(result.importConflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const imported = result.importKeepBoth as { ok: boolean; value: { meetingId: string } };
    expect(imported.ok).toBe(true);
    expect(imported.value.meetingId).not.toBe(result.meetingId);
    expect(result.meetingsAfterImport).toBe(2);
  });

  it('pdf:export is previewed at app://referat/exports/<id> and pdf:save writes where the save dialog said', () => {
    const pdf = result.pdf as {
      ok: boolean;
      value: { exportId: string; previewUrl: string; downloadUrl: null; bytes: number };
    };
    expect(pdf).toMatchObject({ ok: true, value: { downloadUrl: null } });
    expect(pdf.value.previewUrl).toBe(`app://referat/exports/${pdf.value.exportId}`);
    expect(result.pdfPreview).toEqual({
      status: 200,
      type: 'application/pdf',
      csp: "frame-ancestors 'self'",
      disposition: expect.stringMatching(
        /^inline; filename="oekonomiudvalget-2017-12-12-moede-7\.pdf"/,
      ),
      head: '%PDF-',
      size: pdf.value.bytes,
    });
    expect(result.pdfUnknown).toMatchObject({ status: 404 });
    expect(result.pdfSaved).toEqual({
      ok: true,
      value: { fileName: 'Referat møde 7.pdf', bytes: pdf.value.bytes, downloadUrl: null },
    });
    expect(result.pdfSaveDialog).toMatchObject({ filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(result.pdfSavedHead).toBe('%PDF-');
  });
});
