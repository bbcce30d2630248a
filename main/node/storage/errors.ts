/**
 * The meaning of SQLite and file-system failures, as typed errors with messages written for
 * people: never the raw system message of a file-system error, which may name paths. The
 * dispatcher (every request) and opening a library (library.ts) both map through here.
 */
import { DomainError, isDomainError } from '../../../common/contract/result';

/**
 * The typed error for a failure with a known meaning, or null (a bug: the caller logs it and
 * answers `internal`). `file` names the library in the messages where it helps the user.
 */
export function storageErrorOf(error: unknown, file?: string): DomainError | null {
  if (isDomainError(error)) return error;
  const code =
    typeof (error as { code?: unknown } | null)?.code === 'string'
      ? (error as { code: string }).code
      : '';
  if (code === '') return null;
  const library = file ? `The library ${file}` : 'The library';
  const sqliteMessage = code.startsWith('SQLITE_') && error instanceof Error ? error.message : '';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DomainError(
      'busy',
      `${library} is in use by another program and did not become free in time. Close the other Referat window or program and try again.`,
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new DomainError(
      'library_corrupt',
      `${library} is damaged or not a Referat library (${sqliteMessage}). It was not changed; restore a backup.`,
    );
  }
  if (code.startsWith('SQLITE_READONLY'))
    return new DomainError('forbidden', `${library} is open read-only; nothing was changed.`);
  if (code === 'SQLITE_CONSTRAINT_CHECK' || code === 'SQLITE_CONSTRAINT_NOTNULL') {
    return new DomainError(
      'invalid_input',
      `The change was refused because a value is not allowed (${sqliteMessage}).`,
    );
  }
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new DomainError(
      'conflict',
      'The change refers to a record that does not exist or is still referred to by another record.',
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new DomainError(
      'conflict',
      `The change contradicts the data in the library (${sqliteMessage}).`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new DomainError('internal', 'The disk is full; the change was not saved.');
  if (code === 'SQLITE_CANTOPEN')
    return new DomainError('forbidden', `${library} cannot be opened (${sqliteMessage}).`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new DomainError(
      'forbidden',
      'Referat has no permission to write or read a file it needs; nothing was changed.',
    );
  }
  if (code === 'ENOENT')
    return new DomainError(
      'not_found',
      'A file the request needs is missing; nothing was changed.',
    );
  return null;
}
