/**
 * The daily rolling backup happens when the app or browser mode opens the library (through
 * a library session), once per day, and a quick close never trips over it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/node/api/handlers';
import { listBackups } from '../../main/node/storage/backup';
import { openLibrarySession } from '../../main/node/api/librarySession';

const tempDirs: string[] = [];
afterEach(() => {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function tempLibraryPath(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-daily-backup-'));
  tempDirs.push(dir);
  return path.join(dir, 'library.sqlite');
}

async function waitFor(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('daily backup on open', () => {
  it('makes one backup a day when a session opens the library', async () => {
    const libraryPath = tempLibraryPath();
    const errors: unknown[] = [];
    const first = openLibrarySession(libraryPath, {
      createHandlers: (library) => createHandlers(library),
      onBackupError: (error) => errors.push(error),
    });
    await waitFor(() => listBackups(libraryPath).length === 1);
    first.close();

    const second = openLibrarySession(libraryPath, {
      createHandlers: (library) => createHandlers(library),
      onBackupError: (error) => errors.push(error),
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    second.close();
    expect(listBackups(libraryPath)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('can be turned off, and a close right after open is safe', async () => {
    const libraryPath = tempLibraryPath();
    const off = openLibrarySession(libraryPath, {
      createHandlers: (library) => createHandlers(library),
      isBackingUpDaily: false,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    off.close();
    expect(listBackups(libraryPath)).toHaveLength(0);

    const errors: unknown[] = [];
    const quick = openLibrarySession(libraryPath, {
      createHandlers: (library) => createHandlers(library),
      onBackupError: (error) => errors.push(error),
    });
    expect(() => quick.close()).not.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(errors).toEqual([]);
  });
});
