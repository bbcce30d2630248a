/**
 * The Electron shell: one locked-down window showing the renderer from `app://referat/`, and
 * the API answered over IPC (`referat:call`) by the same dispatcher as the HTTP host.
 *
 * Security (Electron checklist): contextIsolation, sandbox, no nodeIntegration, webSecurity,
 * the CSP of the HTTP host on every file, navigation/new windows/webviews denied, every
 * permission denied, IPC answered only for frames of our own origin; our own menu (no developer
 * tools when packaged), spellchecker dictionaries bundled (menu.ts, spellcheck.ts); Electron
 * fuses set at packaging (electron-builder.yml).
 */
import { rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type FileFilter,
  type IpcMainInvokeEvent,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import { withoutUnsafeCharacters } from '../../common/archive/fileNames';
import { DomainError, type Result } from '../../common/contract/result';
import { createDispatcher } from '../node/api/dispatch';
import { createHandlers } from '../node/api/handlers';
import type { HandlerContext } from '../node/api/types';
import { contentTypeFor, resolveStaticFile, securityHeaders } from '../node/host/staticFiles';
import {
  createPdfExportJobs,
  exportIdPattern,
  pdfContentDisposition,
} from '../node/pdf/exportJobs';
import { resolveLibraryPath } from '../node/paths';
import { openLibrarySession, type LibrarySession } from '../node/api/librarySession';
import { buildMenuTemplate, menuLanguageFor } from './menu';
import { ensureNativeBinding } from './nativeBinding';
import { configureSpellchecker, findDictionariesDir } from './spellcheck';

const scheme = 'app';
const appHost = 'referat';
/** The origin every window of Referat is loaded from. */
export const appOrigin = `${scheme}://${appHost}`;

// This file is out/main/electronMain.mjs.
const outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(outDir, 'renderer');
const preloadFile = path.join(outDir, 'preload', 'preload.cjs');

// Must happen before `ready`: a standard, secure scheme gets a real origin, fetch and storage.
protocol.registerSchemesAsPrivileged([
  {
    scheme,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      codeCache: true,
    },
  },
]);

let library: LibrarySession | null = null;
let mainWindow: BrowserWindow | null = null;
/** PDF exports of this launch (pdf:* requests), shown by the preview at app://referat/exports/<id>. */
const pdfJobs = createPdfExportJobs();
const exportsPrefix = '/exports/';

/** Temporary copies of appendices opened with the system viewer (removed when Referat quits). */
const openedCopies = new Set<string>();

/** Where the save dialog starts: the user's Documents folder, else the home folder. */
function defaultSaveFolder(): string {
  try {
    return app.getPath('documents');
  } catch {
    // Some Linux desktops have no Documents folder configured.
    return app.getPath('home');
  }
}

/** The file types the save dialog offers for a suggested name (none for a folder bag). */
function saveFiltersFor(suggestedName: string): FileFilter[] | undefined {
  const extension = path.extname(suggestedName).slice(1).toLowerCase();
  const named: Readonly<Record<string, string>> = {
    zip: 'ZIP',
    docx: 'Word',
    pdf: 'PDF',
  };
  const name = named[extension];
  return name ? [{ name, extensions: [extension] }] : undefined;
}

/** Removes the temporary folders of opened appendix copies; a viewer may still hold one open. */
function removeOpenedCopies(): void {
  for (const file of openedCopies) {
    const folder = path.dirname(file);
    // Only the handler's own temporary folders (main/node/api/handlers/archive.ts).
    if (path.dirname(folder) !== os.tmpdir() || !path.basename(folder).startsWith('referat-bilag-'))
      continue;
    try {
      rmSync(folder, { recursive: true, force: true });
    } catch {
      /* best effort: the system's temp cleaning takes what is left */
    }
  }
  openedCopies.clear();
}

/** The library named by --library PATH, REFERAT_LIBRARY, or the app's default. */
function libraryPathFromArgs(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? '';
    if (arg === '--library' && argv[i + 1]) return resolveLibraryPath(argv[i + 1]);
    if (arg.startsWith('--library=')) return resolveLibraryPath(arg.slice('--library='.length));
  }
  return resolveLibraryPath(undefined);
}

/** True when the frame that sent an IPC message shows our own renderer. */
function isOwnFrame(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${scheme}:` && parsed.host === appHost;
  } catch {
    return false;
  }
}

function lockDownSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => event.preventDefault());
}

function serveRenderer(): void {
  protocol.handle(scheme, async (request) => {
    const url = new URL(request.url);
    if (url.host === appHost && url.pathname.startsWith(exportsPrefix)) return serveExport(url);
    const file = url.host === appHost ? resolveStaticFile(rendererDir, url.pathname) : null;
    if (!file)
      return new Response('Not found', {
        status: 404,
        headers: { ...securityHeaders, 'Content-Type': 'text/plain' },
      });
    const body = await readFile(file);
    return new Response(body, {
      status: 200,
      headers: {
        ...securityHeaders,
        'Content-Type': contentTypeFor(file),
        'Cache-Control': 'no-cache',
      },
    });
  });
}

/** A finished PDF export for the preview iframe (inline, framable by our own page only). */
async function serveExport(url: URL): Promise<Response> {
  const exportId = url.pathname.slice(exportsPrefix.length);
  const file = exportIdPattern.test(exportId) ? pdfJobs.file(exportId) : null;
  if (!file)
    return new Response('Not found', {
      status: 404,
      headers: { ...securityHeaders, 'Content-Type': 'text/plain' },
    });
  return new Response(await readFile(file.path), {
    status: 200,
    headers: {
      ...securityHeaders,
      'Content-Security-Policy': "frame-ancestors 'self'",
      'Content-Type': 'application/pdf',
      'Content-Disposition': pdfContentDisposition(file.fileName, false),
      'Cache-Control': 'no-store',
    },
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Referat',
    webPreferences: {
      preload: preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click (auxclick) could open links in new windows; the window-open handler
      // denies them anyway, this stops the event at the source (electronegativity AUXCLICK).
      disableBlinkFeatures: 'Auxclick',
      // A packaged build opens no developer tools (no menu item, no shortcut, no API).
      devTools: !app.isPackaged,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}

/** The Danish (or, on an English system, English) menu, without developer tools when packaged. */
function installMenu(): void {
  const template = buildMenuTemplate({
    language: menuLanguageFor(app.getLocale()),
    isPackaged: app.isPackaged,
    platform: process.platform,
    onAbout: () => {
      const options = {
        type: 'info' as const,
        title: 'Referat',
        message: `Referat ${app.getVersion()}`,
      };
      void (mainWindow
        ? dialog.showMessageBox(mainWindow, options)
        : dialog.showMessageBox(options));
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

async function start(): Promise<void> {
  lockDownSessions();
  // Before the first window: the spellchecker must find its dictionaries locally, never online.
  configureSpellchecker(
    session.defaultSession,
    findDictionariesDir(process.resourcesPath, outDir),
    process.platform,
  );
  installMenu();
  serveRenderer();

  const nativeBinding = await ensureNativeBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    userDataDir: app.getPath('userData'),
    electronVersion: process.versions.electron ?? '',
    log: (line) => process.stderr.write(`${line}\n`),
  });
  // A damaged library opens in recovery: the renderer shows the recovery screen
  // (library:recoveryStatus / library:restoreBackup); nothing writes to the damaged file.
  const opened = openLibrarySession(libraryPathFromArgs(process.argv), {
    openOptions: { nativeBinding },
    createHandlers: (openedLibrary) => createHandlers(openedLibrary),
  });
  library = opened;

  const context: HandlerContext = {
    transport: 'electron',
    pdfExports: {
      jobs: pdfJobs,
      previewUrl: (exportId) => `${appOrigin}${exportsPrefix}${exportId}`,
      // Saving goes through the main process's save dialog (pdf:save, pickSaveFile).
      downloadUrl: () => null,
    },
    pickSaveFile: async (suggestedName) => {
      const options: SaveDialogOptions = {
        defaultPath: path.join(defaultSaveFolder(), withoutUnsafeCharacters(suggestedName)),
        filters: saveFiltersFor(suggestedName),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const choice = mainWindow
        ? await dialog.showSaveDialog(mainWindow, options)
        : await dialog.showSaveDialog(options);
      return choice.canceled || !choice.filePath ? null : choice.filePath;
    },
    // The handler hands over a read-only temporary copy, so a viewer cannot change the store.
    openWithSystem: async (file) => {
      openedCopies.add(file);
      const problem = await shell.openPath(file);
      if (problem)
        throw new DomainError(
          'not_found',
          `No application on this computer opened ${path.basename(file)}: ${problem}`,
        );
    },
    // Files Referat does not open (not a known document type, or bytes that do not match the
    // name): the file manager shows the read-only copy under its real name instead.
    showInFolder: async (file) => {
      openedCopies.add(file);
      shell.showItemInFolder(file);
    },
    // Files enter the app only through the main process's own dialog; the page names no path.
    pickFile: async (pick) => {
      const options: OpenDialogOptions = {
        properties: ['openFile'],
        ...(pick?.filters ? { filters: pick.filters } : {}),
      };
      const choice = mainWindow
        ? await dialog.showOpenDialog(mainWindow, options)
        : await dialog.showOpenDialog(options);
      const file = choice.canceled ? undefined : choice.filePaths[0];
      return file ? { path: file, fileName: path.basename(file) } : null;
    },
  };
  // The packaged app trusts its handlers' outputs; development checks them against the contract.
  const dispatch = createDispatcher(opened.handlers, {
    isValidatingOutput: !app.isPackaged,
  });
  ipcMain.handle(
    'referat:call',
    async (event, name: unknown, input: unknown): Promise<Result<unknown>> => {
      if (!isOwnFrame(event)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'Only Referat’s own window may call the API.' },
        };
      }
      return dispatch(name, input, context);
    },
  );

  mainWindow = createWindow();
}

// Every web contents, including any the renderer might try to create.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) {
  // Another Referat window holds the library; it is focused instead (see second-instance).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    removeOpenedCopies();
    void pdfJobs.close();
    library?.close();
    library = null;
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(
        `Referat: ${error instanceof Error ? (error.stack ?? message) : message}\n`,
      );
      dialog.showErrorBox('Referat', message);
      app.exit(1);
    });
}
