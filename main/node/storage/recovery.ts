/**
 * Recovery from a damaged library. Opening refuses a damaged file (or one written by a newer
 * Referat) with a typed error and never writes to it (library.ts); instead of stopping there,
 * the app starts in recovery: every request answers that error except the two recovery
 * requests, `library:recoveryStatus` (the damage and the backups, newest first) and
 * `library:restoreBackup` (puts a verified backup in place, keeps the damaged file beside it
 * as `<name>.damaged-<time>.sqlite`, and opens the restored library).
 *
 * This module finds and describes the damage; main/node/api/librarySession.ts serves the
 * handlers of a session in recovery (browser mode and Electron); the CLI prints
 * `damagedLibraryMessage` and exits 1.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError, isDomainError } from '../../../common/contract/result';
import { listBackups, type BackupInfo } from './backup';
import { libraryApplicationId } from './migrations/types';

/** True when the file starts with an SQLite header carrying Referat's application id. */
export function hasReferatHeader(file: string): boolean {
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
