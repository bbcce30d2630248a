/**
 * Daily rolling backups of a library with SQLite's online backup API (better-sqlite3
 * `db.backup()`), into `<library dir>/backups/<name>-YYYY-MM-DD.sqlite`, the last 7 kept; and a
 * restore that verifies the backup first and keeps the replaced file beside the library.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DomainError } from '../../../common/contract/result';
import { todayInCopenhagen } from './queries/common';
import type { Library } from './library';
import { latestSchemaVersion } from './migrations/index';
import { libraryApplicationId } from './migrations/types';
import { makePrivateDir, makePrivateFile } from './privateFiles';
import { fsyncFile, tempPathBeside, writeAtomically } from '../services/atomicFile';

/** How many daily backups are kept. */
export const keptBackupCount = 7;

/** A backup as listed to the user. */
export type BackupInfo = { name: string; createdAt: string; size: number };

function libraryName(libraryPath: string): string {
  return path.basename(libraryPath).replace(/\.[^.]*$/, '') || 'library';
}

function backupsDirOf(libraryPath: string): string {
  return path.join(path.dirname(path.resolve(libraryPath)), 'backups');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function dailyPattern(libraryPath: string): RegExp {
  return new RegExp(`^${escapeRegExp(libraryName(libraryPath))}-(\\d{4}-\\d{2}-\\d{2})\\.sqlite$`);
}

/** The daily backups of the library at `libraryPath`, newest first. */
export function listBackups(libraryPath: string): BackupInfo[] {
  const dir = backupsDirOf(libraryPath);
  if (!fs.existsSync(dir)) return [];
  const pattern = dailyPattern(libraryPath);
  return fs
    .readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .reverse()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return { name, createdAt: stat.mtime.toISOString(), size: stat.size };
    });
}

/**
 * Writes today's backup now (replacing an earlier one of today) and prunes to the last 7.
 * The copy is made online: the library stays usable meanwhile.
 */
export async function backupNow(
  library: Library,
  options: { today?: string } = {},
): Promise<BackupInfo> {
  const date = options.today ?? todayInCopenhagen();
  const dir = library.backupsDir;
  makePrivateDir(dir);
  const name = `${library.name}-${date}.sqlite`;
  const target = path.join(dir, name);
  try {
    await writeAtomically(
      target,
      async (partial) => {
        await library.db.backup(partial);
        makePrivateFile(partial);
      },
      { suffix: 'partial' },
    );
  } catch (error) {
    throw new DomainError(
      'internal',
      `The backup could not be written to ${dir}: ${(error as Error).message}`,
    );
  }
  pruneBackups(library.path);
  const stat = fs.statSync(target);
  return { name, createdAt: stat.mtime.toISOString(), size: stat.size };
}

/** Makes today's backup unless it exists (call at open). Answers the new backup or null. */
export async function backupIfDue(
  library: Library,
  options: { today?: string } = {},
): Promise<BackupInfo | null> {
  if (library.isReadonly) return null;
  const date = options.today ?? todayInCopenhagen();
  if (fs.existsSync(path.join(library.backupsDir, `${library.name}-${date}.sqlite`))) return null;
  return backupNow(library, { today: date });
}

/** Deletes daily backups beyond the newest `keep`. */
export function pruneBackups(libraryPath: string, keep = keptBackupCount): string[] {
  const dir = backupsDirOf(libraryPath);
  const removed = listBackups(libraryPath)
    .slice(keep)
    .map((backup) => backup.name);
  for (const name of removed) fs.rmSync(path.join(dir, name), { force: true });
  return removed;
}

/**
 * Checks a library file without writing: SQLite, ours, not newer, `PRAGMA integrity_check` ok.
 * @throws DomainError library_corrupt, library_newer
 */
export function verifyLibraryCopy(file: string, nativeBinding?: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, nativeBinding });
    if (Number(db.pragma('application_id', { simple: true })) !== libraryApplicationId) {
      throw new DomainError('library_corrupt', `${path.basename(file)} is not a Referat library.`);
    }
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version > latestSchemaVersion) {
      throw new DomainError(
        'library_newer',
        `${path.basename(file)} was written by a newer Referat (schema ${version}, this version knows ${latestSchemaVersion}).`,
      );
    }
    const result = db.prepare('PRAGMA integrity_check(5)').pluck().all() as string[];
    if (result.length !== 1 || result[0] !== 'ok') {
      throw new DomainError(
        'library_corrupt',
        `${path.basename(file)} is damaged: ${result.slice(0, 3).join('; ')}`,
      );
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError(
      'library_corrupt',
      `${path.basename(file)} cannot be read as a Referat library (${(error as Error).message}).`,
    );
  } finally {
    db?.close();
  }
}

/**
 * Replaces the library at `libraryPath` with one of its daily backups. Call it with the library
 * closed. The backup is verified first; the current file is kept beside the library as
 * `<name>.replaced-<timestamp>.sqlite`. Each step leaves a usable library at `libraryPath`.
 *
 * @throws DomainError not_found (no such backup), library_corrupt / library_newer (bad backup)
 */
export function restoreBackup(
  libraryPath: string,
  backupName: string,
  options: {
    nativeBinding?: string;
    /**
     * How the file being replaced is kept: `replaced` (default, `<name>.replaced-<time>.sqlite`)
     * or `damaged` (`<name>.damaged-<time>.sqlite`, kept exactly as found: no WAL checkpoint).
     */
    keptAs?: 'replaced' | 'damaged';
  } = {},
): { restoredFrom: string; replacedPath: string | null } {
  const absolute = path.resolve(libraryPath);
  if (!listBackups(absolute).some((backup) => backup.name === backupName)) {
    throw new DomainError(
      'not_found',
      `There is no backup named ${JSON.stringify(backupName)} for this library.`,
    );
  }
  const source = path.join(backupsDirOf(absolute), backupName);
  verifyLibraryCopy(source, options.nativeBinding);

  const dir = path.dirname(absolute);
  const temp = tempPathBeside(absolute, 'restoring');
  fs.copyFileSync(source, temp);
  makePrivateFile(temp);
  fsyncFile(temp);

  let replacedPath: string | null = null;
  try {
    if (fs.existsSync(absolute)) {
      const keptAs = options.keptAs ?? 'replaced';
      // A damaged file is kept for inspection exactly as it was found: nothing writes to it.
      if (keptAs === 'replaced') checkpointQuietly(absolute, options.nativeBinding);
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      replacedPath = path.join(dir, `${libraryName(absolute)}.${keptAs}-${stamp}.sqlite`);
      fs.copyFileSync(absolute, replacedPath, fs.constants.COPYFILE_EXCL);
      makePrivateFile(replacedPath);
      fsyncFile(replacedPath);
      // A WAL left by a crash belongs to the replaced file, never to the restored one.
      for (const suffix of ['-wal', '-shm']) {
        if (fs.existsSync(absolute + suffix))
          fs.renameSync(absolute + suffix, replacedPath + suffix);
      }
    }
    fs.renameSync(temp, absolute);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  return { restoredFrom: backupName, replacedPath };
}

/** Folds a leftover WAL into the file so the copy kept aside is complete; ignored on failure. */
function checkpointQuietly(file: string, nativeBinding: string | undefined): void {
  try {
    const db = new Database(file, { fileMustExist: true, nativeBinding });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
  } catch {
    /* a damaged file is kept aside as it is, with its WAL */
  }
}
