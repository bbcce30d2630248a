/**
 * `npm start`: the Electron app where the Electron binary exists, otherwise (or with
 * `--browser`) browser mode: the library, the local HTTP host and the default browser.
 *
 * In browser mode stdout carries exactly one line, `Referat: http://127.0.0.1:PORT/?token=TOKEN`;
 * every diagnostic goes to stderr. SIGINT/SIGTERM close the host and the library and exit 0.
 *
 * Options: --browser, --no-open (or REFERAT_NO_OPEN=1), --library PATH (or REFERAT_LIBRARY),
 * --port N, --help.
 */
import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHandlers } from './node/api/handlers';
import { findElectronBinary } from './node/host/electronBinary';
import { startHost } from './node/host/httpHost';
import { writeLaunchFile } from './node/host/launchFile';
import { parseStartArgs, startUsage as usage, type StartOptions } from './node/host/startOptions';
import { resolveLibraryPath } from './node/paths';
import { openLibrarySession, type LibrarySession } from './node/api/librarySession';

/**
 * Opens `url` (or a local file) in the default browser; failures are reported on stderr and
 * otherwise ignored.
 */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () =>
      process.stderr.write(
        `Referat: could not open a browser (${command}); open the address above yourself.\n`,
      ),
    );
    child.unref();
  } catch {
    process.stderr.write('Referat: could not open a browser; open the address above yourself.\n');
  }
}

/** Runs the Electron app and mirrors its exit. */
function runElectron(electronPath: string, appDir: string, args: readonly string[]): void {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(electronPath, [appDir, ...args], { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (error) => {
    process.stderr.write(
      `Referat: Electron could not start (${error.message}); try npm start -- --browser\n`,
    );
    process.exit(1);
  });
  child.on('exit', (code, signal) =>
    process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)),
  );
}

async function runBrowserMode(options: StartOptions, rendererDir: string): Promise<void> {
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    process.stderr.write(
      `Referat: the renderer is not built (${rendererDir}); run npm run build.\n`,
    );
  }
  const libraryPath = resolveLibraryPath(options.libraryPath ?? undefined);
  // A damaged library does not stop the start: the page shows the recovery screen
  // (library:recoveryStatus / library:restoreBackup, see storage/recovery.ts).
  let library: LibrarySession;
  try {
    library = openLibrarySession(libraryPath, {
      createHandlers: (opened) => createHandlers(opened),
      onRestored: (_opened, name) => process.stderr.write(`Referat: restored the backup ${name}\n`),
    });
  } catch (error) {
    process.stderr.write(`Referat: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
  const damage = library.damage();
  if (damage) {
    process.stderr.write(
      `Referat: ${damage.message.replace(/\s+/g, ' ')} The page offers to restore a backup (${damage.backups.length} found).\n`,
    );
  }
  const host = await startHost({
    library,
    handlers: library.handlers,
    rendererDir,
    port: options.port,
  });
  process.stderr.write(
    `Referat: library ${damage?.libraryPath ?? library.library()?.path ?? libraryPath}\n`,
  );
  process.stdout.write(`Referat: ${host.url}\n`);
  // The browser opens a 0600 file that forwards to the address, so the launch code is not on
  // the browser's command line; the file goes once the browser has had time to read it.
  let launchFile: string | null = null;
  const removeLaunchFile = () => {
    if (launchFile) rmSync(launchFile, { force: true });
    launchFile = null;
  };
  if (options.isOpening) {
    try {
      launchFile = writeLaunchFile(host.url);
      openBrowser(launchFile);
      setTimeout(removeLaunchFile, 2 * 60 * 1000).unref();
    } catch {
      openBrowser(host.url);
    }
  }

  let isStopping = false;
  const stop = () => {
    if (isStopping) {
      process.exit(1);
    }
    isStopping = true;
    removeLaunchFile();
    void host
      .close()
      .catch((error: unknown) =>
        process.stderr.write(`Referat: closing the host failed: ${String(error)}\n`),
      )
      .finally(() => {
        try {
          library.close();
        } catch (error) {
          process.stderr.write(`Referat: closing the library failed: ${String(error)}\n`);
          process.exit(1);
        }
        process.exit(0);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // The terminal went away: stop the same clean way.
  process.on('SIGHUP', stop);
}

async function main(): Promise<void> {
  let options: StartOptions;
  try {
    options = parseStartArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `Referat: ${error instanceof Error ? error.message : String(error)}\n${usage}`,
    );
    process.exit(2);
  }
  if (options.isHelp) {
    process.stdout.write(usage);
    return;
  }
  // This file is out/main/start.mjs; the app's root is two folders up.
  const outMain = path.dirname(fileURLToPath(import.meta.url));
  const appDir = path.resolve(outMain, '..', '..');
  const rendererDir = path.resolve(outMain, '..', 'renderer');
  if (!options.isBrowser) {
    const electron = findElectronBinary(import.meta.url);
    if (electron.isAvailable) {
      runElectron(electron.path, appDir, process.argv.slice(2));
      return;
    }
    process.stderr.write(`Referat: running in browser mode because ${electron.reason}.\n`);
  }
  await runBrowserMode(options, rendererDir);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Referat: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
