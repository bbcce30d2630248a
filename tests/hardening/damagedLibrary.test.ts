/**
 * A damaged library: truncated, or a page of garbage written into the middle of a cleanly
 * closed file. It is detected when opened, never written to, and the app offers the newest
 * backup: the recovery session (handlers of browser mode and Electron), browser mode in a child
 * process over HTTP, and the CLI's one-line refusal.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { backupNow } from '../../main/node/storage/backup';
import {
  cleanCloseRecordPath,
  isUnchangedSinceCleanClose,
} from '../../main/node/storage/cleanClose';
import { openLibrary } from '../../main/node/storage/library';
import { openLibrarySession } from '../../main/node/api/librarySession';
import { generateLibrary } from '../fixtures/generateLibrary';
import { fileHash } from '../storage/storageHelpers';
import { ensureBuilt, repoRoot, startHostProcess } from './hostProcess';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

let template: string;
beforeAll(() => {
  // One healthy library with two backups, copied for each test.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-damaged-template-'));
  template = dir;
  const library = openLibrary(path.join(dir, 'library.sqlite'), { author: 'test' });
  generateLibrary(library.db, { meetings: 40, committees: 2, seed: 5 });
  return (async () => {
    await backupNow(library, { today: '2026-11-25' });
    library.db
      .prepare("UPDATE committees SET name = 'Efter første backup' WHERE id = 'g5-c00'")
      .run();
    await backupNow(library, { today: '2026-11-26' });
    library.close();
    // The newest backup gets the newest mtime (listBackups sorts by name, the screen shows the date).
    return () => fs.rmSync(dir, { recursive: true, force: true });
  })();
});

/** A copy of the template library (closed cleanly, with its backups) in a new folder. */
function healthyCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-damaged-'));
  tempDirs.push(dir);
  fs.cpSync(template, dir, { recursive: true });
  const file = path.join(dir, 'library.sqlite');
  // A clean close of this copy, as the app would have recorded it.
  openLibrary(file, { author: 'test' }).close();
  return file;
}

function writeGarbageInTheMiddle(file: string, isKeepingMtime = false): void {
  const stat = fs.statSync(file);
  const pageSize = 4096;
  const offset = Math.floor(stat.size / pageSize / 2) * pageSize;
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, randomBytes(pageSize), 0, pageSize, offset);
  } finally {
    fs.closeSync(fd);
  }
  // A tool that puts the old modification time back still changes ctime.
  if (isKeepingMtime) fs.utimesSync(file, stat.atime, stat.mtime);
}

function expectRefusedUntouched(file: string): void {
  const before = fileHash(file);
  let error: unknown;
  try {
    openLibrary(file, { author: 'test' }).close();
  } catch (caught) {
    error = caught;
  }
  expect((error as { code?: string } | undefined)?.code, String(error)).toBe('library_corrupt');
  expect((error as Error).message).toContain(file);
  expect(fileHash(file)).toBe(before);
  // A read-only look at a WAL-mode file may leave an empty -wal behind when the close meets the
  // damage; nothing is ever written into it.
  expect(fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0, String(error)).toBe(0);
}

describe('detecting a damaged library at open', () => {
  it('records a clean close, and a healthy unchanged library opens without the full check', () => {
    const file = healthyCopy();
    expect(fs.existsSync(cleanCloseRecordPath(file))).toBe(true);
    expect(isUnchangedSinceCleanClose(file)).toBe(true);
    const library = openLibrary(file, { author: 'test' });
    // While a writer has it open there is no record: a crash now leaves none behind.
    expect(fs.existsSync(cleanCloseRecordPath(file))).toBe(false);
    library.close();
    expect(isUnchangedSinceCleanClose(file)).toBe(true);
  });

  it('refuses a truncated library (cut at half, and cut inside a page) and leaves it untouched', () => {
    const half = healthyCopy();
    fs.truncateSync(half, Math.floor(fs.statSync(half).size / 4096 / 2) * 4096);
    expectRefusedUntouched(half);
    const ragged = healthyCopy();
    fs.truncateSync(ragged, fs.statSync(ragged).size - 1000);
    expectRefusedUntouched(ragged);
  });

  it('refuses a cleanly closed library with a page of garbage in the middle, also when the mtime was put back', () => {
    const file = healthyCopy();
    writeGarbageInTheMiddle(file);
    expect(isUnchangedSinceCleanClose(file)).toBe(false);
    expectRefusedUntouched(file);
    const sneaky = healthyCopy();
    writeGarbageInTheMiddle(sneaky, true);
    expect(isUnchangedSinceCleanClose(sneaky)).toBe(false);
    expectRefusedUntouched(sneaky);
  });
});

describe('recovery session (browser mode and Electron handlers)', () => {
  it('answers library_corrupt to every request, lists the backups newest first, restores the newest and keeps the damaged file', async () => {
    const file = healthyCopy();
    writeGarbageInTheMiddle(file);
    const damagedHash = fileHash(file);
    const session = openLibrarySession(file, {
      createHandlers: (library) => createHandlers(library),
    });
    const dispatch = createDispatcher(session.handlers);
    const ctx: HandlerContext = { transport: 'http' };
    try {
      expect(session.library()).toBeNull();
      const listed = await dispatch('meetings:list', {}, ctx);
      expect(listed).toMatchObject({ ok: false, error: { code: 'library_corrupt' } });
      const status = await dispatch('library:recoveryStatus', {}, ctx);
      expect(status).toMatchObject({
        ok: true,
        value: { isDamaged: true, code: 'library_corrupt', libraryPath: file },
      });
      const backups = (status as { value: { backups: Array<{ name: string }> } }).value.backups.map(
        (backup) => backup.name,
      );
      expect(backups).toEqual(['library-2026-11-26.sqlite', 'library-2026-11-25.sqlite']);
      expect(fileHash(file)).toBe(damagedHash);

      const unknown = await dispatch('library:restoreBackup', { name: '../library.sqlite' }, ctx);
      expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(fileHash(file)).toBe(damagedHash);

      const restored = await dispatch('library:restoreBackup', { name: backups[0] }, ctx);
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      const kept = (restored as { value: { keptDamagedFile: string } }).value.keptDamagedFile;
      expect(path.basename(kept)).toMatch(/^library\.damaged-.*\.sqlite$/);
      expect(fileHash(kept)).toBe(damagedHash);

      const committees = await dispatch('committees:list', {}, ctx);
      expect(committees.ok).toBe(true);
      expect((committees as { value: Array<{ name: string }> }).value.map((c) => c.name)).toContain(
        'Efter første backup',
      );
      expect(await dispatch('library:recoveryStatus', {}, ctx)).toMatchObject({
        ok: true,
        value: { isDamaged: false },
      });
      expect(await dispatch('library:restoreBackup', { name: backups[1] }, ctx)).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      session.close();
    }
  });

  it('a healthy library answers isDamaged false and refuses a restore', async () => {
    const file = healthyCopy();
    const session = openLibrarySession(file, {
      createHandlers: (library) => createHandlers(library),
    });
    const dispatch = createDispatcher(session.handlers);
    try {
      expect(await dispatch('library:recoveryStatus', {}, { transport: 'http' })).toMatchObject({
        ok: true,
        value: { isDamaged: false },
      });
      expect(
        await dispatch(
          'library:restoreBackup',
          { name: 'library-2026-11-26.sqlite' },
          { transport: 'http' },
        ),
      ).toMatchObject({
        ok: false,
        error: { code: 'conflict' },
      });
    } finally {
      session.close();
    }
  });
});

describe('npm start (browser mode) and the CLI on a damaged library', () => {
  it('browser mode starts in recovery and restores the newest backup over HTTP', async () => {
    const file = healthyCopy();
    fs.truncateSync(file, Math.floor(fs.statSync(file).size / 4096 / 3) * 4096);
    const damagedHash = fileHash(file);
    const host = await startHostProcess(file);
    try {
      expect(await host.call('meetings:list', {})).toMatchObject({
        ok: false,
        error: { code: 'library_corrupt' },
      });
      const status = await host.call('library:recoveryStatus', {});
      expect(status).toMatchObject({ ok: true, value: { isDamaged: true } });
      expect(fileHash(file)).toBe(damagedHash);
      const restored = await host.call('library:restoreBackup', {
        name: 'library-2026-11-26.sqlite',
      });
      expect(restored.ok, JSON.stringify(restored)).toBe(true);
      expect(await host.call('meetings:list', {})).toMatchObject({ ok: true });
      expect(host.isAlive()).toBe(true);
    } finally {
      expect((await host.stop()).code).toBe(0);
    }
    const kept = fs
      .readdirSync(path.dirname(file))
      .filter((name) => name.startsWith('library.damaged-'));
    expect(kept).toHaveLength(1);
    expect(fileHash(path.join(path.dirname(file), kept[0] ?? ''))).toBe(damagedHash);
  });

  it('the CLI answers one line naming the file and the backup to restore, exit 1, file untouched', () => {
    ensureBuilt();
    const file = healthyCopy();
    writeGarbageInTheMiddle(file);
    const before = fileHash(file);
    const run = spawnSync(
      process.execPath,
      [path.join(repoRoot, 'out', 'main', 'cli.mjs'), 'list', '--library', file],
      {
        encoding: 'utf8',
        env: { ...process.env, REFERAT_LIBRARY: '' },
      },
    );
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(/damaged/);
    expect(lines[0]).toContain('restore the newest backup, library-2026-11-26.sqlite');
    expect(fileHash(file)).toBe(before);
  });
});
