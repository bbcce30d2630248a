/**
 * Storage benchmark, on a generated library of 1,000 meetings (8 items each, bodies
 * with text, attendance, appendices):
 *
 * - open the library (read-only inspection with `quick_check`, WAL, migrations check) and list
 *   every meeting newest first: target < 50 ms;
 * - save one item body (optimistic concurrency, revision row, search index update): p95 < 5 ms;
 * - import the model document fixture (`parseReferatDocument` + `importMeetingDocument`): < 50 ms.
 *
 * Run alone with `npx tsx bench/storage.ts`, or through `npm run bench` (runStorageBench).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseReferatDocument } from '../common/format/referatJson';
import { importMeetingDocument } from '../main/node/storage/interchange';
import { openLibrary } from '../main/node/storage/library';
import { getItemBodies, saveBody } from '../main/node/storage/queries/bodies';
import { listMeetings } from '../main/node/storage/queries/meetings';
import { generateLibrary } from '../tests/fixtures/generateLibrary';

export type StorageBenchCase = {
  name: string;
  runs: number;
  p50Ms: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
  targetMs: number;
  /** The figure compared with the target: the median for open/list and import, p95 for saves. */
  measuredMs: number;
  isWithinTarget: boolean;
};

export type StorageBenchResult = {
  name: 'storage';
  meetings: number;
  items: number;
  libraryMiB: number;
  generateMs: number;
  cases: StorageBenchCase[];
  isWithinTarget: boolean;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturePath = path.join(root, 'tests', 'fixtures', 'gentofte-2017-12-12.referat.json');

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? 0;
}

function summarize(
  name: string,
  samples: number[],
  targetMs: number,
  measure: 'p50' | 'p95',
): StorageBenchCase {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 1000) / 1000;
  const p50Ms = round(percentile(sorted, 50));
  const p95Ms = round(percentile(sorted, 95));
  const measuredMs = measure === 'p50' ? p50Ms : p95Ms;
  return {
    name,
    runs: samples.length,
    p50Ms,
    p95Ms,
    minMs: round(sorted[0] ?? 0),
    maxMs: round(sorted[sorted.length - 1] ?? 0),
    targetMs,
    measuredMs,
    isWithinTarget: measuredMs < targetMs,
  };
}

/** Runs the storage benchmark in a temporary folder (removed afterwards) and returns the figures. */
export async function runStorageBench(
  options: { meetings?: number; saves?: number; opens?: number; imports?: number } = {},
): Promise<StorageBenchResult> {
  const meetings = options.meetings ?? 1000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bench-storage-'));
  try {
    const file = path.join(dir, 'bench.sqlite');
    const generating = openLibrary(file);
    const started = performance.now();
    const generated = generateLibrary(generating.db, { meetings, seed: 2 });
    const generateMs = Math.round(performance.now() - started);
    generating.db.pragma('wal_checkpoint(TRUNCATE)');
    generating.close();
    const libraryMiB = Math.round((fs.statSync(file).size / 1024 / 1024) * 10) / 10;

    // Open + list, each time from a closed library.
    const openSamples: number[] = [];
    for (let run = 0; run < (options.opens ?? 15); run++) {
      const t0 = performance.now();
      const library = openLibrary(file);
      const listed = listMeetings(library.db, {});
      openSamples.push(performance.now() - t0);
      if (listed.length !== meetings)
        throw new Error(`listed ${listed.length} meetings, expected ${meetings}`);
      library.close();
    }

    const library = openLibrary(file, { author: 'bench' });
    try {
      // Save one item body at a time, as autosave does, on draft meetings spread over the library.
      const draftItems = library.db
        .prepare(
          "SELECT i.id FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE m.status = 'draft' ORDER BY i.id",
        )
        .pluck()
        .all() as string[];
      const saveSamples: number[] = [];
      const saves = options.saves ?? 300;
      for (let n = 0; n < saves; n++) {
        const itemId = draftItems[(n * 7) % draftItems.length] ?? '';
        const current = getItemBodies(library.db, itemId).decision;
        const content = [
          ...current.content.slice(0, 3),
          {
            type: 'paragraph' as const,
            children: [
              {
                type: 'text' as const,
                text: `Tilføjet i gemning ${n}: udvalget godkendte indstillingen.`,
              },
            ],
          },
        ];
        const t0 = performance.now();
        saveBody(library.db, {
          owner: { kind: 'item', itemId, field: 'decision' },
          content,
          baseRevision: current.revision,
          author: 'bench',
        });
        saveSamples.push(performance.now() - t0);
      }

      // Import the model document as a new copy each time (parse + validate + import).
      const fixtureText = fs.readFileSync(fixturePath, 'utf8');
      const importSamples: number[] = [];
      for (let run = 0; run < (options.imports ?? 15); run++) {
        const t0 = performance.now();
        importMeetingDocument(library.db, parseReferatDocument(fixtureText), {
          onExisting: 'keepBoth',
          author: 'bench',
        });
        importSamples.push(performance.now() - t0);
      }

      const cases = [
        summarize(`open a library of ${meetings} meetings and list them`, openSamples, 50, 'p50'),
        summarize('save one item body (p95)', saveSamples, 5, 'p95'),
        summarize('import the model document fixture', importSamples, 50, 'p50'),
      ];
      return {
        name: 'storage',
        meetings,
        items: generated.itemIds.length,
        libraryMiB,
        generateMs,
        cases,
        isWithinTarget: cases.every((c) => c.isWithinTarget),
      };
    } finally {
      library.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runStorageBench()
    .then((result) => process.stdout.write(`${JSON.stringify(result, null, 2)}\n`))
    .catch((error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    });
}
