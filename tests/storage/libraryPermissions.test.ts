/**
 * The library, its backups and its appendix store are readable by their owner only: folders
 * Referat creates are 0700, the files it writes 0600 (other local users used to be able to read
 * them: 0755/0644 under the usual umask). POSIX only; Windows keeps the user profile's ACLs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupNow, restoreBackup } from '../../main/node/storage/backup';
import { fileStorePath, storeBytes } from '../../main/node/storage/fileStore';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { makeTempDir, open } from './storageHelpers';

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;
const isPosix = process.platform !== 'win32';

describe.runIf(isPosix)('library file modes', () => {
  it('creates the library folder 0700 and the library (with its WAL) 0600', () => {
    const folder = path.join(makeTempDir(), 'Referat');
    const library = open(path.join(folder, 'library.sqlite'));
    createCommittee(library.db, {
      name: 'Økonomiudvalget',
      kind: 'staaende_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'fagudvalg',
    });
    expect(modeOf(folder)).toBe(0o700);
    expect(modeOf(library.path)).toBe(0o600);
    for (const suffix of ['-wal', '-shm']) {
      if (fs.existsSync(library.path + suffix)) expect(modeOf(library.path + suffix)).toBe(0o600);
    }
  });

  it('tightens an existing library written 0644 by an earlier version', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'library.sqlite');
    open(file).close();
    fs.chmodSync(file, 0o644);
    const library = open(file);
    expect(modeOf(library.path)).toBe(0o600);
  });

  it('writes backups 0600 in a 0700 backups folder, and a restored library 0600', async () => {
    const library = open(path.join(makeTempDir(), 'library.sqlite'));
    const backup = await backupNow(library, { today: '2026-12-07' });
    expect(modeOf(library.backupsDir)).toBe(0o700);
    expect(modeOf(path.join(library.backupsDir, backup.name))).toBe(0o600);
    const file = library.path;
    library.close();
    const restored = restoreBackup(file, backup.name);
    expect(modeOf(file)).toBe(0o600);
    if (restored.replacedPath) expect(modeOf(restored.replacedPath)).toBe(0o600);
  });

  it('stores appendix files 0600 in 0700 folders', async () => {
    const library = open(path.join(makeTempDir(), 'library.sqlite'));
    const stored = await storeBytes(library.filesDir, Buffer.from('%PDF-1.4\n'));
    const file = fileStorePath(library.filesDir, stored.sha256);
    expect(modeOf(file)).toBe(0o600);
    for (
      let dir = path.dirname(file);
      dir !== path.dirname(library.filesDir);
      dir = path.dirname(dir)
    )
      expect(modeOf(dir), dir).toBe(0o700);
  });
});
