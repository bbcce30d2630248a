/**
 * Daily rolling backups (online backup API, keep 7) and restore (verified first, the replaced
 * file kept beside the library) on real libraries.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import {
  backupIfDue,
  backupNow,
  keptBackupCount,
  listBackups,
  restoreBackup,
} from '../../main/node/storage/backup';
import { openLibrary } from '../../main/node/storage/library';
import { createCommittee, listCommittees } from '../../main/node/storage/queries/committees';
import { fileHash, makeTempDir, open } from './storageHelpers';

const committee = (name: string) => ({
  name,
  kind: 'staaende_udvalg' as const,
  organisation: '',
  template: 'fagudvalg' as const,
});

function restoreError(libraryPath: string, name: string): string {
  try {
    restoreBackup(libraryPath, name);
  } catch (error) {
    if (isDomainError(error)) return error.code;
    throw error;
  }
  throw new Error('restore did not fail');
}

describe('backups', () => {
  it('makes one backup a day and keeps the last 7, newest first', async () => {
    const dir = makeTempDir();
    const library = open(path.join(dir, 'referat.sqlite'));
    createCommittee(library.db, committee('Økonomiudvalget'));
    const first = await backupIfDue(library, { today: '2026-11-01' });
    expect(first?.name).toBe('referat-2026-11-01.sqlite');
    expect(await backupIfDue(library, { today: '2026-11-01' })).toBeNull();
    for (let day = 2; day <= 10; day++) {
      await backupIfDue(library, { today: `2026-11-${String(day).padStart(2, '0')}` });
    }
    const backups = listBackups(library.path);
    expect(backups).toHaveLength(keptBackupCount);
    expect(backups.map((b) => b.name)).toEqual(
      [10, 9, 8, 7, 6, 5, 4].map((day) => `referat-2026-11-${String(day).padStart(2, '0')}.sqlite`),
    );
    expect(backups.every((b) => b.size > 0)).toBe(true);
    // No partial files are left.
    expect(
      fs.readdirSync(path.join(dir, 'backups')).filter((name) => name.endsWith('.partial')),
    ).toEqual([]);
    // Another library in the same folder has its own backups.
    const other = open(path.join(dir, 'andet.sqlite'));
    await backupNow(other, { today: '2026-11-10' });
    expect(listBackups(other.path).map((b) => b.name)).toEqual(['andet-2026-11-10.sqlite']);
    expect(listBackups(library.path)).toHaveLength(keptBackupCount);
  });

  it('a backup is a complete library as of the moment it was taken, even with the library open', async () => {
    const dir = makeTempDir();
    const library = open(path.join(dir, 'referat.sqlite'));
    createCommittee(library.db, committee('Før'));
    await backupNow(library, { today: '2026-01-01' });
    createCommittee(library.db, committee('Efter'));
    const copy = open(path.join(dir, 'backups', 'referat-2026-01-01.sqlite'), { readonly: true });
    expect(listCommittees(copy.db).map((c) => c.name)).toEqual(['Før']);
    expect(copy.db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
  });

  it('restores a backup and keeps the replaced library beside it', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'referat.sqlite');
    const library = openLibrary(file);
    createCommittee(library.db, committee('Gammel'));
    await backupNow(library, { today: '2026-02-01' });
    createCommittee(library.db, committee('Ny'));
    library.close();

    const result = restoreBackup(file, 'referat-2026-02-01.sqlite');
    expect(result.restoredFrom).toBe('referat-2026-02-01.sqlite');
    expect(result.replacedPath).toMatch(/referat\.replaced-.*\.sqlite$/);
    expect(path.dirname(result.replacedPath ?? '')).toBe(dir);

    const restored = open(file);
    expect(listCommittees(restored.db).map((c) => c.name)).toEqual(['Gammel']);
    const replaced = open(result.replacedPath ?? '', { readonly: true });
    expect(listCommittees(replaced.db).map((c) => c.name)).toEqual(['Gammel', 'Ny']);
  });

  it('restores over a library left with a WAL by a crash, keeping that WAL with the replaced file', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'referat.sqlite');
    const library = openLibrary(file);
    await backupNow(library, { today: '2026-03-01' });
    library.close();
    // Simulate a crash: a WAL and shared-memory file from a different writer session.
    const writer = openLibrary(file);
    createCommittee(writer.db, committee('Efter nedbrud'));
    fs.copyFileSync(`${file}-wal`, path.join(dir, 'wal.copy'));
    writer.close();
    fs.copyFileSync(path.join(dir, 'wal.copy'), `${file}-wal`);
    const result = restoreBackup(file, 'referat-2026-03-01.sqlite');
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const restored = open(file);
    expect(listCommittees(restored.db)).toEqual([]);
    expect(result.replacedPath).not.toBeNull();
  });

  it('refuses an unknown backup name (including paths) and a damaged backup, leaving the library untouched', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'referat.sqlite');
    const library = openLibrary(file);
    createCommittee(library.db, committee('Udvalg'));
    await backupNow(library, { today: '2026-04-01' });
    library.close();
    const before = fileHash(file);
    expect(restoreError(file, 'referat-2026-04-02.sqlite')).toBe('not_found');
    expect(restoreError(file, '../referat.sqlite')).toBe('not_found');
    expect(restoreError(file, path.join(dir, 'backups', 'referat-2026-04-01.sqlite'))).toBe(
      'not_found',
    );

    const backupFile = path.join(dir, 'backups', 'referat-2026-04-01.sqlite');
    const bytes = fs.readFileSync(backupFile);
    for (let i = 4096; i < bytes.length; i++) bytes[i] = 0x5a;
    fs.writeFileSync(backupFile, bytes);
    expect(restoreError(file, 'referat-2026-04-01.sqlite')).toBe('library_corrupt');
    expect(fileHash(file)).toBe(before);
    expect(
      fs.readdirSync(dir).filter((name) => name.includes('replaced') || name.includes('restoring')),
    ).toEqual([]);
  });
});
