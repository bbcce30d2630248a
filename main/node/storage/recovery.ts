/**
 * Recovery from a damaged library. Opening refuses a damaged file (or one written by a newer
 * Referat) with a typed error and never writes to it (library.ts); instead of stopping there,
 * the app starts in recovery: every request answers that error except the two recovery
 * requests, `library:recoveryStatus` (the damage and the backups, newest first) and
 * `library:restoreBackup` (puts a verified backup in place, keeps the damaged file beside it
 * as `<name>.damaged-<time>.sqlite`, and opens the restored library).
 *
 * Browser mode (main/start.ts) and Electron (main/electron/electronMain.ts) both serve the
 * handlers of a `LibrarySession`; the CLI prints `damagedLibraryMessage` and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { api, type RequestName } from '../../../common/contract/api';
import { DomainError, isDomainError } from '../../../common/contract/result';
import type { HandlerMap } from '../api/dispatch';
import type { HandlerContext } from '../api/types';
import { backupIfDue, listBackups, restoreBackup, type BackupInfo } from './backup';
import { openLibrary, type Library, type OpenLibraryOptions } from './library';
import { libraryApplicationId } from './migrations/types';

/** True when the file starts with an SQLite header carrying Referat's application id. */
function hasReferatHeader(file: string): boolean {
  try {
    const header = Buffer.alloc(72);
    const fd = fs.openSync(file, 'r');
    try {
      if (fs.readSync(fd, header, 0, 72, 0) < 72) return false;
    } finally {
      fs.closeSync(fd);
    }
    return (
      header.toString('latin1', 0, 15) === 'SQLite format 3' &&
      header.readUInt32BE(68) === libraryApplicationId
    );
  } catch {
    return false;
  }
}

/** Why a library could not be opened, with what can replace it. */
export type LibraryDamage = {
  libraryPath: string;
  code: 'library_corrupt' | 'library_newer';
  message: string;
  /** The daily backups, newest first. */
  backups: BackupInfo[];
};

/** True for the open errors recovery handles (everything else still stops the start). */
export function isRecoverableOpenError(error: unknown): error is DomainError {
  return (
    isDomainError(error) && (error.code === 'library_corrupt' || error.code === 'library_newer')
  );
}

/** The damage report for `libraryPath` refused with `error`. */
export function describeDamage(libraryPath: string, error: DomainError): LibraryDamage {
  const absolute = path.resolve(libraryPath);
  return {
    libraryPath: absolute,
    code: error.code === 'library_newer' ? 'library_newer' : 'library_corrupt',
    message: error.message,
    backups: listBackups(absolute),
  };
}

/**
 * One line for the command line: the file, what is wrong, that it was left untouched, and how
 * to restore (the app offers the newest backup, named here when there is one).
 */
export function damagedLibraryMessage(libraryPath: string, error: DomainError): string {
  const damage = describeDamage(libraryPath, error);
  const newest = damage.backups[0];
  const reason = error.message.replace(/\s+/g, ' ').trim();
  if (damage.code === 'library_newer') {
    return `${reason} (${damage.libraryPath})`;
  }
  const restore = newest
    ? `start Referat (npm start) to restore the newest backup, ${newest.name} from ${newest.createdAt.slice(0, 10)} (${damage.backups.length} in ${path.join(path.dirname(damage.libraryPath), 'backups')})`
    : `there is no backup in ${path.join(path.dirname(damage.libraryPath), 'backups')}; keep the file for inspection`;
  return `${reason.endsWith('.') ? reason : `${reason}.`} To recover: ${restore}.`.replace(
    /\s+/g,
    ' ',
  );
}

/** An open library, or a damaged one awaiting a restore; its handlers serve either case. */
export type LibrarySession = {
  /** A handler for every request of the contract. */
  readonly handlers: HandlerMap<HandlerContext>;
  /** The open library, or null while damaged. */
  library(): Library | null;
  /** The damage, or null when the library is open. */
  damage(): LibraryDamage | null;
  close(): void;
};

export type LibrarySessionOptions = {
  openOptions?: OpenLibraryOptions;
  /** The handlers over an open library (createHandlers, passed in to keep this module small). */
  createHandlers: (library: Library) => HandlerMap<HandlerContext>;
  /** Called after a restore opened the library (e.g. to log it). */
  onRestored?: (library: Library, restoredFrom: string) => void;
  /**
   * Makes the day's rolling backup once the library is open (default true). The app and
   * browser mode open the library through a session, so this is where the daily backup of
   * issue 2 happens; it runs in the background and never blocks the start.
   */
  isBackingUpDaily?: boolean;
  /** Where a failed daily backup is reported (default: stderr). */
  onBackupError?: (error: unknown) => void;
};

/**
 * Opens `libraryPath`; a damaged (or newer) file does not throw but yields a session in
 * recovery. Other failures (busy, no permission) still throw.
 */
export function openLibrarySession(
  libraryPath: string,
  options: LibrarySessionOptions,
): LibrarySession {
  const absolute = path.resolve(libraryPath);
  let library: Library | null = null;
  let current: HandlerMap<HandlerContext> | null = null;
  let damage: LibraryDamage | null = null;

  const open = () => {
    const opened = openLibrary(absolute, options.openOptions);
    library = opened;
    current = options.createHandlers(opened);
    damage = null;
    if (options.isBackingUpDaily !== false) {
      backupIfDue(opened).catch((error: unknown) => {
        // A backup racing a quick close is expected; anything else is worth a line.
        if (library !== opened) return;
        (
          options.onBackupError ??
          ((e) =>
            process.stderr.write(
              `Referat: daily backup failed: ${e instanceof Error ? e.message : String(e)}\n`,
            ))
        )(error);
      });
    }
  };
  try {
    open();
  } catch (error) {
    if (!isRecoverableOpenError(error)) throw error;
    // A file that is not ours at all (a wrong --library) with nothing to restore is a plain
    // refusal, not a recovery.
    if (!hasReferatHeader(absolute) && listBackups(absolute).length === 0) throw error;
    damage = describeDamage(absolute, error);
  }

  const handlers = {} as Record<RequestName, (input: unknown, ctx: HandlerContext) => unknown>;
  for (const name of Object.keys(api) as RequestName[]) {
    handlers[name] = (input, ctx) => {
      if (current)
        return (current[name] as (input: unknown, ctx: HandlerContext) => unknown)(input, ctx);
      const known = damage as LibraryDamage | null;
      throw new DomainError(
        known?.code ?? 'library_corrupt',
        known?.message ?? `The library ${absolute} cannot be opened.`,
      );
    };
  }
  handlers['library:recoveryStatus'] = () => {
    if (damage) {
      // Listed afresh: a backup may have been copied in meanwhile.
      const fresh: LibraryDamage = { ...damage, backups: listBackups(absolute) };
      return { isDamaged: true, ...fresh };
    }
    return { isDamaged: false, libraryPath: absolute, code: null, message: null, backups: [] };
  };
  handlers['library:restoreBackup'] = (input) => {
    if (!damage) {
      throw new DomainError('conflict', 'The library is not damaged, so no backup was restored.');
    }
    const { name } = input as { name: string };
    const restored = restoreBackup(absolute, name, {
      nativeBinding: options.openOptions?.nativeBinding,
      keptAs: 'damaged',
    });
    try {
      open();
    } catch (error) {
      if (!isRecoverableOpenError(error)) throw error;
      damage = describeDamage(absolute, error);
      throw new DomainError(
        error.code,
        `The backup ${name} was put in place but cannot be opened either: ${error.message}`,
      );
    }
    if (library) options.onRestored?.(library, name);
    return { restoredFrom: restored.restoredFrom, keptDamagedFile: restored.replacedPath };
  };

  return {
    handlers: handlers as unknown as HandlerMap<HandlerContext>,
    library: () => library,
    damage: () => damage,
    close() {
      (library as Library | null)?.close();
      library = null;
      current = null;
    },
  };
}

/** The recovery requests over a healthy, open library (used by createHandlers). */
export function createRecoveryHandlers(
  library: Library,
): Pick<HandlerMap<HandlerContext>, 'library:recoveryStatus' | 'library:restoreBackup'> {
  return {
    'library:recoveryStatus': () => ({
      isDamaged: false,
      libraryPath: library.path,
      code: null,
      message: null,
      backups: [],
    }),
    'library:restoreBackup': () => {
      throw new DomainError('conflict', 'The library is not damaged, so no backup was restored.');
    },
  };
}
