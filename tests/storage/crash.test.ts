/**
 * Crash safety: a child process saves bodies in a loop and is killed with SIGKILL at random
 * moments, 50 times. After each kill the library opens, `PRAGMA integrity_check` is ok and every
 * save the child acknowledged before it died is there (current text and revision history).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../main/node/storage/library';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { createItem } from '../../main/node/storage/queries/items';
import { createMeeting } from '../../main/node/storage/queries/meetings';
import { makeTempDir } from './storageHelpers';
import { seededRandom as random } from '../support/seededRandom';

const kills = 50;
const root = path.resolve(__dirname, '../..');
// Inside node_modules so the bundle's bare imports (better-sqlite3, zod) resolve.
const bundleDir = path.join(root, 'node_modules', '.cache', `referat-crash-worker-${process.pid}`);
const workerPath = path.join(bundleDir, 'crashWorker.mjs');

/**
 * Bundles crashWorker.ts (with the storage code it imports) into one ES module, so each of the
 * 50 children starts as plain `node` instead of compiling TypeScript on every start.
 */
async function bundleWorker(): Promise<void> {
  await build({
    root,
    configFile: false,
    envFile: false,
    logLevel: 'error',
    publicDir: false,
    ssr: { target: 'node', external: true },
    build: {
      ssr: true,
      outDir: bundleDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input: { crashWorker: path.join(__dirname, 'crashWorker.ts') },
        external: (id: string) =>
          !(id.startsWith('.') || path.isAbsolute(id)) ||
          id.includes(`${path.sep}node_modules${path.sep}`),
        output: { format: 'esm', entryFileNames: '[name].mjs' },
      },
    },
  });
}

beforeAll(bundleWorker, 120_000);
afterAll(() => fs.rmSync(bundleDir, { recursive: true, force: true }));

type Ack = { itemId: string; field: string; revision: number; marker: string };

/** Runs the worker until it has acknowledged `ackTarget` saves (plus a random delay), then SIGKILLs it. */
function runAndKill(
  libraryPath: string,
  itemIds: string[],
  run: number,
  ackTarget: number,
  extraDelayMs: number,
): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [workerPath, libraryPath, itemIds.join(','), String(run)],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acks: Ack[] = [];
    let buffered = '';
    let stderr = '';
    let isKillScheduled = false;
    const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const parts = line.split(' ');
        if (parts[0] === 'ack' && parts.length === 5) {
          acks.push({
            itemId: parts[1] ?? '',
            field: parts[2] ?? '',
            revision: Number(parts[3]),
            marker: parts[4] ?? '',
          });
        }
      }
      if (!isKillScheduled && acks.length >= ackTarget) {
        isKillScheduled = true;
        setTimeout(() => child.kill('SIGKILL'), extraDelayMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(guard);
      if (signal !== 'SIGKILL')
        reject(new Error(`worker ended without being killed (code ${code}): ${stderr}`));
      else resolve(acks); // A partial last line was never acknowledged.
    });
  });
}

describe('crash safety', () => {
  it(`keeps every acknowledged save through ${kills} SIGKILLs, and the library stays intact`, async () => {
    const libraryPath = path.join(makeTempDir(), 'crash.sqlite');
    const setup = openLibrary(libraryPath);
    const committee = createCommittee(setup.db, {
      name: 'Udvalg',
      kind: 'staaende_udvalg',
      organisation: '',
      template: 'fagudvalg',
    });
    const meeting = createMeeting(setup.db, {
      committeeId: committee.id,
      number: 1,
      date: '2026-01-01',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const itemIds = [1, 2, 3].map(
      (n) =>
        createItem(setup.db, {
          meetingId: meeting.meeting.id,
          item: {
            title: `Punkt ${n}`,
            isClosed: false,
            publicTitle: '',
            caseId: '',
            documentNumber: '',
            presenter: '',
            kind: 'decision',
          },
        }).id,
    );
    setup.close();

    const next = random(20261127);
    const acknowledged: Ack[] = [];
    for (let run = 0; run < kills; run++) {
      // Mostly kill within the first few saves, sometimes after a longer stretch of work.
      const ackTarget = 1 + Math.floor(next() * (next() < 0.8 ? 8 : 60));
      const acks = await runAndKill(libraryPath, itemIds, run, ackTarget, Math.floor(next() * 40));
      expect(acks.length).toBeGreaterThanOrEqual(ackTarget);
      acknowledged.push(...acks);

      const library = openLibrary(libraryPath, { isCheckingIntegrity: true });
      try {
        expect(library.db.prepare('PRAGMA integrity_check').pluck().all()).toEqual(['ok']);
        expect(library.db.pragma('foreign_key_check')).toEqual([]);
        const revision = library.db.prepare(
          `SELECT r.content FROM revisions r JOIN bodies b ON b.id = r.body_id
           WHERE b.item_id = ? AND b.field = ? AND r.revision = ?`,
        );
        const current = library.db.prepare(
          'SELECT revision FROM bodies WHERE item_id = ? AND field = ?',
        );
        for (const ack of acks) {
          const content = revision.pluck().get(ack.itemId, ack.field, ack.revision) as
            string | undefined;
          expect(content, `run ${run}: ${ack.marker} (revision ${ack.revision}) lost`).toContain(
            `"${ack.marker}"`,
          );
          const now = current.pluck().get(ack.itemId, ack.field) as number;
          expect(now).toBeGreaterThanOrEqual(ack.revision);
        }
      } finally {
        library.close();
      }
    }
    expect(acknowledged.length).toBeGreaterThanOrEqual(kills);
    // Every acknowledgement from every run is still there at the end.
    const library = openLibrary(libraryPath);
    try {
      const count = library.db.prepare('SELECT count(*) FROM revisions').pluck().get() as number;
      expect(count).toBeGreaterThanOrEqual(acknowledged.length);
      const has = library.db.prepare('SELECT 1 FROM revisions WHERE instr(content, ?) > 0').pluck();
      for (const ack of acknowledged) expect(has.get(`"${ack.marker}"`), ack.marker).toBe(1);
    } finally {
      library.close();
    }
  }, 600_000);
});
