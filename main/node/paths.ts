/**
 * Where Referat keeps its files on each platform. The Electron app, browser mode (`npm start`)
 * and the `referat` CLI all use `defaultLibraryPath()`, so they open the same library unless
 * `--library PATH` or `REFERAT_LIBRARY` names another.
 */
import os from 'node:os';
import path from 'node:path';

/** The application's folder name under the platform's data directory. */
export const appFolderName = 'Referat';
/** The library's file name inside that folder. */
export const libraryFileName = 'library.sqlite';

export type PlatformInfo = {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  homedir?: string;
};

/**
 * The folder for Referat's data:
 * - Linux and other Unix: `$XDG_DATA_HOME/Referat` (when set to an absolute path), else
 *   `~/.local/share/Referat`;
 * - Windows: `%APPDATA%\Referat` (else `~\AppData\Roaming\Referat`);
 * - macOS: `~/Library/Application Support/Referat`.
 */
export function appDataDir(info: PlatformInfo = {}): string {
  const platform = info.platform ?? process.platform;
  const env = info.env ?? process.env;
  const home = info.homedir ?? os.homedir();
  if (platform === 'win32') {
    const appData =
      env.APPDATA && path.win32.isAbsolute(env.APPDATA)
        ? env.APPDATA
        : path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, appFolderName);
  }
  if (platform === 'darwin')
    return path.posix.join(home, 'Library', 'Application Support', appFolderName);
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const dataHome =
    env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME)
      ? env.XDG_DATA_HOME
      : path.posix.join(home, '.local', 'share');
  return path.posix.join(dataHome, appFolderName);
}

/** The app's own library file (see `appDataDir`), e.g. `~/.local/share/Referat/library.sqlite`. */
export function defaultLibraryPath(info: PlatformInfo = {}): string {
  const platform = info.platform ?? process.platform;
  const join = platform === 'win32' ? path.win32.join : path.posix.join;
  return join(appDataDir(info), libraryFileName);
}

/**
 * The library a command-line entry point uses: `--library` wins, then `REFERAT_LIBRARY`,
 * then the app's default; relative paths are resolved against `cwd`.
 */
export function resolveLibraryPath(
  option: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): string {
  const chosen =
    option !== undefined && option !== ''
      ? option
      : env.REFERAT_LIBRARY
        ? env.REFERAT_LIBRARY
        : defaultLibraryPath({ env });
  return path.resolve(cwd, chosen);
}
