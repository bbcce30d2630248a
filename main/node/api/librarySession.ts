/**
 * A library session: the handlers of an open library, or, when the file is damaged (or written
 * by a newer Referat), handlers that answer that error to every request except the two
 * recovery requests (`library:recoveryStatus`, `library:restoreBackup`). Browser mode
 * (main/start.ts) and Electron (main/electron/electronMain.ts) both serve a session's handlers.
 * The damage itself is found and described in main/node/storage/recovery.ts.
 */
import path from 'node:path';
import { api, type RequestName } from '../../../common/contract/api';
import { DomainError } from '../../../common/contract/result';
import { backupIfDue, listBackups, restoreBackup } from '../storage/backup';
import { openLibrary, type Library, type OpenLibraryOptions } from '../storage/library';
import {
  describeDamage,
  hasReferatHeader,
  isRecoverableOpenError,
  type LibraryDamage,
} from '../storage/recovery';
import type { HandlerMap } from './dispatch';
import type { HandlerContext } from './types';

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
   * happens; it runs in the background and never blocks the start.
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
