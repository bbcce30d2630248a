/**
 * Opening a Referat library: one SQLite file (better-sqlite3) plus a folder of content-addressed
 * files beside it (`<library>.files/`, see fileStore.ts) and a `backups/` folder (backup.ts).
 *
 * Safety rules implemented here:
 * - An existing file is inspected through a read-only handle before anything writes to it:
 *   not SQLite, not a Referat library, damaged (the header against the file size always;
 *   `PRAGMA quick_check` unless the file is unchanged since a recorded clean close, see
 *   cleanClose.ts) → `library_corrupt`;
 *   written by a newer schema → `library_newer`. In every refused case the file is left
 *   byte-for-byte untouched.
 * - A new library is built in a temporary file and linked into place only when complete, so a
 *   crash during creation never leaves a half-made library at the requested path.
 * - Journal mode WAL with `synchronous=NORMAL`: every committed transaction survives a crash or
 *   SIGKILL of the process (the WAL is in the OS page cache and is replayed on open). Only an OS
 *   crash or power loss can lose the last few transactions, and even then the file stays
 *   consistent. We accept that trade for fast autosave (no fsync per keystroke burst);
 *   `synchronous: 'full'` is available for callers that want fsync on every commit.
 * - `busy_timeout` 5 s: a second process writing the same library waits; after the timeout the
 *   request answers `busy` (see `toDomainError`).
 *
 * better-sqlite3 is synchronous, so one handle serves reads and writes in this process; WAL
 * lets other processes (the CLI while the app runs) read concurrently.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { DomainError, isDomainError } from '../../../common/contract/result';
import type { Db, ReadDb, WriteDb } from './db';
import { storageErrorOf } from './errors';
import { latestSchemaVersion, migrations, runMigration } from './migrations/index';
import { libraryApplicationId, libraryFormatMarker } from './migrations/types';
import { syncSearchIndex } from './searchIndex';
import { stmt } from './statements';
import {
  checkSqliteHeader,
  forgetCleanClose,
  isUnchangedSinceCleanClose,
  recordCleanClose,
} from './cleanClose';
import { makePrivateDir, makePrivateFile, privateFileMode } from './privateFiles';

export type { Db, ReadDb, WriteDb } from './db';

/** An open library. Close it with `close()`; the handle must not be used afterwards. */
export type Library = {
  /** Absolute path of the SQLite file. */
  readonly path: string;
  /** The file name without its extension, used to name backups. */
  readonly name: string;
  /** Folder holding appendix files by SHA-256 (`<library>.files`). */
  readonly filesDir: string;
  /** Folder holding the daily backups (`<library dir>/backups`). */
  readonly backupsDir: string;
  /**
   * The one better-sqlite3 connection, as a read handle: writes take the write handle that
   * `writeTransaction` hands out (see db.ts).
   */
  readonly db: ReadDb;
  readonly isReadonly: boolean;
  /**
   * Author recorded on revisions, corrections and approvals when a request does not name one:
   * the `author` option, else the secretary's name from the library setting `secretaryName`
   * (asked for on first start), else "Referat". Never the operating-system login.
   */
  readonly author: string;
  /** `PRAGMA user_version` after migrations. */
  readonly schemaVersion: number;
  close(): void;
};

export type OpenLibraryOptions = {
  /** Open without writing anything (no migrations, no WAL switch). The file must exist. */
  readonly?: boolean;
  /** Author for revisions; defaults to the secretary's name set in the library. */
  author?: string;
  /** How long a write waits for another process's lock. Default 5000 ms. */
  busyTimeoutMs?: number;
  /**
   * Run `PRAGMA quick_check` before opening: true always, false never. By default it runs
   * unless the file is exactly the one the last clean close recorded (`<library>.closed`, see
   * cleanClose.ts), because a full check of a large library takes seconds; a leftover `-wal`
   * (unclean shutdown) always checks. Damage met later while reading answers `library_corrupt`.
   */
  isCheckingIntegrity?: boolean;
  /** `normal` (default, see the module comment) or `full` (fsync on every commit). */
  synchronous?: 'normal' | 'full';
  /**
   * Path of a better_sqlite3.node built for another runtime (Electron's ABI, see
   * main/electron/nativeBinding.ts). Default: the Node build in node_modules.
   */
  nativeBinding?: string;
};

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');
const defaultBusyTimeoutMs = 5000;

/**
 * Opens (or creates) the library at `libraryPath`. A missing file is created together with
 * its parent folders; an existing file is inspected read-only first and refused, untouched,
 * when it is not a healthy Referat library this build can read.
 *
 * @throws DomainError `library_corrupt`, `library_newer`, `busy`, `not_found` (readonly and missing)
 */
export function openLibrary(libraryPath: string, options: OpenLibraryOptions = {}): Library {
  const absolute = path.resolve(libraryPath);
  const isReadonly = options.readonly === true;
  const busyTimeoutMs = options.busyTimeoutMs ?? defaultBusyTimeoutMs;
  const nativeBinding = options.nativeBinding;

  if (!fs.existsSync(absolute)) {
    if (isReadonly) throw new DomainError('not_found', `There is no library at ${absolute}.`);
    const isCreated = createLibraryFile(absolute, nativeBinding);
    if (!isCreated)
      inspectLibraryFile(absolute, { isCheckingIntegrity: false, busyTimeoutMs, nativeBinding });
  } else {
    // The full check is slow on a large library; it is skipped only for the very file the
    // last clean close recorded (cleanClose.ts), so damage done while closed is found here.
    const isCheckingIntegrity =
      options.isCheckingIntegrity ??
      (fs.existsSync(`${absolute}-wal`) || !isUnchangedSinceCleanClose(absolute));
    inspectLibraryFile(absolute, { isCheckingIntegrity, busyTimeoutMs, nativeBinding });
  }

  if (!isReadonly) {
    // Libraries written by earlier versions (0644) become owner-only, with their WAL.
    for (const suffix of ['', '-wal', '-shm']) makePrivateFile(absolute + suffix);
  }
  let db: Db;
  try {
    db = new Database(absolute, {
      fileMustExist: true,
      readonly: isReadonly,
      timeout: busyTimeoutMs,
      nativeBinding,
    });
  } catch (error) {
    throw toDomainError(error, absolute);
  }
  try {
    db.pragma('foreign_keys = ON');
    if (!isReadonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
      migrate(db, absolute);
      forgetCleanClose(absolute);
    }
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    const name = path.basename(absolute).replace(/\.[^.]*$/, '') || 'library';
    let isClosed = false;
    return {
      path: absolute,
      name,
      filesDir: `${absolute}.files`,
      backupsDir: path.join(path.dirname(absolute), 'backups'),
      db,
      isReadonly,
      get author() {
        return options.author ?? secretaryNameOf(db) ?? 'Referat';
      },
      schemaVersion,
      close() {
        if (isClosed) return;
        isClosed = true;
        db.close();
        if (!isReadonly) recordCleanClose(absolute);
      },
    };
  } catch (error) {
    db.close();
    throw toDomainError(error, absolute);
  }
}

/**
 * Checks without writing that `file` is a Referat library this build can open.
 * @throws DomainError `library_corrupt` or `library_newer`
 */
export function inspectLibraryFile(
  file: string,
  options: { isCheckingIntegrity?: boolean; busyTimeoutMs?: number; nativeBinding?: string } = {},
): { schemaVersion: number } {
  const stat = fs.statSync(file);
  if (!stat.isFile()) {
    throw new DomainError(
      'library_corrupt',
      `${file} is not a file, so it cannot be a Referat library.`,
    );
  }
  if (stat.size === 0) {
    throw new DomainError(
      'library_corrupt',
      `${file} is empty: it is not a Referat library. The file was left untouched.`,
    );
  }
  const head = Buffer.alloc(sqliteHeader.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!head.equals(sqliteHeader)) {
    throw new DomainError(
      'library_corrupt',
      `${file} is not a Referat library (not an SQLite database). The file was left untouched.`,
    );
  }
  const headerProblem = fs.existsSync(`${file}-wal`) ? null : checkSqliteHeader(file);
  if (headerProblem) {
    throw new DomainError(
      'library_corrupt',
      `The library ${file} is damaged: ${headerProblem}. It was left untouched; restore a backup.`,
    );
  }

  let db: Db | undefined;
  try {
    db = new Database(file, {
      readonly: true,
      fileMustExist: true,
      timeout: options.busyTimeoutMs ?? defaultBusyTimeoutMs,
      nativeBinding: options.nativeBinding,
    });
    const applicationId = Number(db.pragma('application_id', { simple: true }));
    const schemaVersion = Number(db.pragma('user_version', { simple: true }));
    if (applicationId !== libraryApplicationId) {
      throw new DomainError(
        'library_corrupt',
        `${file} is an SQLite database but not a Referat library. The file was left untouched.`,
      );
    }
    if (schemaVersion > latestSchemaVersion) {
      throw new DomainError(
        'library_newer',
        `This library was written by a newer Referat (schema ${schemaVersion}, this version knows ${latestSchemaVersion}). Update Referat; the file was left untouched.`,
      );
    }
    const marker = db.prepare("SELECT value FROM library_meta WHERE key = 'format'").pluck().get();
    if (marker !== libraryFormatMarker) {
      throw new DomainError(
        'library_corrupt',
        `${file} is not a Referat library (its format marker is missing). The file was left untouched.`,
      );
    }
    if (options.isCheckingIntegrity !== false) {
      const problems = db.prepare('PRAGMA quick_check(5)').pluck().all() as string[];
      if (problems.length !== 1 || problems[0] !== 'ok') {
        throw new DomainError(
          'library_corrupt',
          `The library ${file} is damaged (${problems.slice(0, 3).join('; ')}). It was left untouched; restore a backup.`,
        );
      }
    }
    return { schemaVersion };
  } catch (error) {
    if (isDomainError(error)) throw error;
    const mapped = toDomainError(error, file);
    if (
      mapped.code === 'internal' ||
      mapped.code === 'invalid_input' ||
      mapped.code === 'conflict'
    ) {
      // "no such table: library_meta" and the like: a database, but not ours.
      throw new DomainError(
        'library_corrupt',
        `${file} is not a readable Referat library (${errorMessage(error)}). The file was left untouched.`,
      );
    }
    throw mapped;
  } finally {
    db?.close();
  }
}

/** Builds a complete new library in a temporary file and links it into place; false when another process was first. */
function createLibraryFile(file: string, nativeBinding?: string): boolean {
  makePrivateDir(path.dirname(file));
  const temp = `${file}.creating-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    // Created empty (a valid empty database) and owner-only first: SQLite would create it 0644,
    // and gives its journal, WAL and shared-memory files the database file's mode.
    fs.writeFileSync(temp, '', { flag: 'wx', mode: privateFileMode });
    makePrivateFile(temp);
    const db = new Database(temp, { nativeBinding });
    try {
      db.pragma('foreign_keys = ON');
      migrate(db, file);
    } finally {
      db.close();
    }
    try {
      // link() refuses to replace: if another process created the library meanwhile, keep theirs.
      fs.linkSync(temp, file);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return false;
    }
  } catch (error) {
    throw toDomainError(error, file);
  } finally {
    fs.rmSync(temp, { force: true });
    fs.rmSync(`${temp}-journal`, { force: true });
  }
}

/**
 * Applies every migration above the library's `user_version`, each in its own IMMEDIATE
 * transaction (re-reading the version inside it, so two processes never apply one twice).
 * An existing library gets a safety copy in `backups/` before its first pending migration.
 */
export function migrate(db: Db, file: string): number {
  const before = Number(db.pragma('user_version', { simple: true }));
  const pending = migrations.filter((m) => m.version > before);
  if (pending.length === 0) return before;
  if (before > 0) copyBeforeMigration(db, file, before);
  for (const migration of pending) runMigration(db, migration);
  // Derived data follows once the schema is current: migrations only note in `search_dirty`
  // what the index lacks (they never run live code), and the live code derives it here:
  // every write transaction ends with that sync, so an empty one is all it takes.
  writeTransaction(db, () => undefined);
  return Number(db.pragma('user_version', { simple: true }));
}

function copyBeforeMigration(db: Db, file: string, version: number): void {
  const dir = path.join(path.dirname(file), 'backups');
  makePrivateDir(dir);
  const name = path.basename(file).replace(/\.[^.]*$/, '');
  const target = path.join(dir, `${name}-before-schema-${version + 1}-${Date.now()}.sqlite`);
  db.prepare('VACUUM INTO ?').run(target);
  makePrivateFile(target);
}

/** The library setting key of the secretary's name (the author of their changes). */
export const secretaryNameSetting = 'secretaryName';

function secretaryNameOf(db: Db): string | undefined {
  const value = stmt(db, 'SELECT value FROM settings WHERE key = ?', true).get(
    secretaryNameSetting,
  );
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Maps an error from better-sqlite3 (or the file system) to a typed DomainError; one the mapping
 * does not know keeps its message (opening a library: the CLI and the start-up show it).
 * DomainErrors pass through unchanged. Requests use storageErrorOf (errors.ts) instead, so an
 * unknown failure there is logged and answered as `internal`.
 */
export function toDomainError(error: unknown, file = 'the library'): DomainError {
  return storageErrorOf(error, file) ?? new DomainError('internal', errorMessage(error));
}

/**
 * Runs `fn` in one IMMEDIATE write transaction (nested calls become savepoints) and hands it the
 * write handle: the only way to get one (see db.ts), so every write goes through here and the
 * search index follows it. IMMEDIATE takes the write lock up front, so a competing writer waits
 * on the busy timeout instead of failing at commit with SQLITE_BUSY_SNAPSHOT.
 */
export function writeTransaction<T>(db: ReadDb, fn: (db: WriteDb) => T): T {
  // The brand is a type only: the write handle is the same connection, now inside a transaction.
  const writeDb = db as WriteDb;
  return db
    .transaction(() => {
      const result = fn(writeDb);
      // The search index follows every change in the same transaction (triggers note what
      // changed; see searchIndex.ts).
      syncSearchIndex(writeDb);
      return result;
    })
    .immediate();
}
