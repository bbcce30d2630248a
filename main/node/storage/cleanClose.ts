/**
 * Deciding cheaply at open whether a library file needs a full damage check.
 *
 * `PRAGMA quick_check` reads every page: 1.5-3 s on a 150 MB library of 1,000 meetings, too
 * slow for every start. So a clean close records the file's identity (size, mtime, ctime,
 * inode) in a small sidecar, `<library>.closed`; the next open skips the check only when the
 * file is still exactly that file. Anything that wrote to it meanwhile (a crash, another
 * program, a disk tool, a copy over it, a restore) changes the identity, the record no longer
 * matches and the check runs. The record is removed when a writer opens the library, so a
 * session that never closes cleanly leaves none.
 *
 * Independently of the record, `checkSqliteHeader` compares the size SQLite's header
 * promises with the file's real size (truncation) at every open; it reads 100 bytes.
 */
import fs from 'node:fs';
import { writeAtomicallySync } from '../services/atomicFile';

type CleanCloseRecord = {
  format: 'referat-clean-close/1';
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
};

/** The sidecar that records a clean close of `libraryFile`. */
export function cleanCloseRecordPath(libraryFile: string): string {
  return `${libraryFile}.closed`;
}

function identityOf(stat: fs.Stats): Omit<CleanCloseRecord, 'format'> {
  return { size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, ino: stat.ino };
}

/** Writes the record after the last handle of a writer was closed (best effort: a failure only costs a check). */
export function recordCleanClose(libraryFile: string): void {
  try {
    if (fs.existsSync(`${libraryFile}-wal`)) return;
    const record: CleanCloseRecord = {
      format: 'referat-clean-close/1',
      ...identityOf(fs.statSync(libraryFile)),
    };
    // Owner-only like the library it describes.
    writeAtomicallySync(cleanCloseRecordPath(libraryFile), (temp) =>
      fs.writeFileSync(temp, `${JSON.stringify(record)}\n`, { flag: 'wx', mode: 0o600 }),
    );
  } catch {
    /* no record: the next open runs the check */
  }
}

/** Removes the record: the file is about to change. */
export function forgetCleanClose(libraryFile: string): void {
  try {
    fs.rmSync(cleanCloseRecordPath(libraryFile), { force: true });
  } catch {
    /* a stale record cannot match a changed file anyway */
  }
}

/** True when `libraryFile` is byte-for-byte the file a clean close recorded (by its identity). */
export function isUnchangedSinceCleanClose(libraryFile: string): boolean {
  try {
    const record = JSON.parse(
      fs.readFileSync(cleanCloseRecordPath(libraryFile), 'utf8'),
    ) as Partial<CleanCloseRecord>;
    if (record.format !== 'referat-clean-close/1') return false;
    const now = identityOf(fs.statSync(libraryFile));
    return (
      record.size === now.size &&
      record.mtimeMs === now.mtimeMs &&
      record.ctimeMs === now.ctimeMs &&
      record.ino === now.ino
    );
  } catch {
    return false;
  }
}

/**
 * Checks the 100-byte SQLite header against the file: a valid page size, a file made of whole
 * pages, and (when the header's page count is current) no fewer pages than it promises.
 * Answers a problem description, or null. Only meaningful without a leftover `-wal`.
 */
export function checkSqliteHeader(file: string): string | null {
  const stat = fs.statSync(file);
  if (stat.size < 100) return `the file is only ${stat.size} bytes long (cut short)`;
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) {
    return `its header names an impossible page size (${rawPageSize})`;
  }
  if (stat.size % pageSize !== 0)
    return `its size (${stat.size} bytes) is not a whole number of ${pageSize}-byte pages (cut short?)`;
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  if (pageCount > 0 && validFor === changeCounter && stat.size < pageCount * pageSize) {
    return `it is cut short: ${stat.size / pageSize} of its ${pageCount} pages are there`;
  }
  return null;
}
