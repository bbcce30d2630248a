/**
 * Writing a file so that nobody ever sees half of it: the bytes go to a temporary file beside
 * the target (same folder, so the rename cannot cross file systems), are flushed to disk, and
 * the temporary file is renamed over the target; the folder is flushed too, so the rename
 * survives a power loss. A failure removes the temporary file and leaves any earlier file at
 * the target untouched.
 *
 * Every file Referat produces goes through here: exports saved by the user (PDF, Word, archive
 * packages, signed PDFs), the CLI's `--out`, the file store, backups and the clean-close record.
 * A leaf module (Node's fs only), so storage can use it as well as the services above it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh name for a temporary file (or folder) beside `target`, hidden on Unix. */
export function tempPathBeside(target: string, suffix = 'tmp'): string {
  return path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`,
  );
}

/** Flushes a file's bytes to disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder (makes a rename in it durable); skipped where unsupported (Windows). */
export function fsyncDirectory(dir: string): void {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* best effort */
  }
}

/** Puts a complete temporary file in place: flush it, rename it over `target`, flush the folder. */
export function commitTempFile(temp: string, target: string): void {
  fsyncFile(temp);
  fs.renameSync(temp, target);
  fsyncDirectory(path.dirname(target));
}

/**
 * Writes `target` atomically from `produce`, which writes the whole file at the temporary path
 * it is given (a stream, an SQLite backup, a copy). The temporary file is removed on failure.
 */
export async function writeAtomically(
  target: string,
  produce: (temp: string) => void | Promise<void>,
  options: { suffix?: string } = {},
): Promise<void> {
  const temp = tempPathBeside(target, options.suffix);
  try {
    await produce(temp);
    commitTempFile(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** The synchronous form of {@link writeAtomically}. */
export function writeAtomicallySync(target: string, produce: (temp: string) => void): void {
  const temp = tempPathBeside(target);
  try {
    produce(temp);
    commitTempFile(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Writes `data` to `target` atomically. */
export function writeFileAtomically(target: string, data: string | Uint8Array): void {
  writeAtomicallySync(target, (temp) => fs.writeFileSync(temp, data, { flag: 'wx' }));
}

/** Copies `source` to `target` atomically. */
export function copyFileAtomically(source: string, target: string): void {
  writeAtomicallySync(target, (temp) => fs.copyFileSync(source, temp, fs.constants.COPYFILE_EXCL));
}
