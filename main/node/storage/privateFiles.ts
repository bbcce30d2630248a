/**
 * The library, its backups and its appendix store hold a municipality's minutes (closed items,
 * CPR numbers before they are caught): only their owner may read them. Folders Referat creates
 * are 0700, the files it writes 0600. On Windows the user profile's ACLs decide and modes are
 * left alone.
 */
import fs from 'node:fs';

/** Mode of every folder Referat creates for a library. */
export const privateDirMode = 0o700;
/** Mode of every file Referat writes for a library. */
export const privateFileMode = 0o600;

const isPosix = process.platform !== 'win32';

/** `mkdir -p` with 0700 for each folder it creates (existing folders are left as they are). */
export function makePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: privateDirMode });
}

/**
 * Sets `file` to 0600 when it is readable or writable by others (an earlier version's 0644, a
 * copy or a backup SQLite wrote with its default mode). Missing files are ignored.
 */
export function makePrivateFile(file: string): void {
  if (!isPosix) return;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat && (stat.mode & 0o777) !== privateFileMode) fs.chmodSync(file, privateFileMode);
}
