/**
 * Archive package benchmark: a meeting with 50 appendices totalling 200 MB (random
 * bytes, generated in a temporary folder and stored in a temporary library), exported as a
 * BagIt zip and as a bag folder, alternating, at least 7 runs of each (median and spread).
 * Targets: export under 5 s (median), peak memory under 300 MB (largest run).
 *
 * Each export runs in a child process that does nothing else (open the library, export, exit),
 * so its peak RSS (`process.resourceUsage().maxRSS`, the kernel's high-water mark) is the
 * export's own figure, not the parent's that generated 200 MB of files.
 *
 * Run alone with `npx tsx bench/archive.ts`, or through `npm run bench` (runArchiveBench).
 */
import { isMainModule, runBenchChild } from './childRun';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateMeeting } from '../tests/support/generateMeeting';
import type { ReferatDocument } from '../common/format/referat1';
import { exportBag } from '../main/node/archive/exportBag';
import { storeFile } from '../main/node/storage/fileStore';
import { importMeetingDocument } from '../main/node/storage/interchange';
import { openLibrary } from '../main/node/storage/library';
import { spreadOf, type Spread } from './stats';

export type ArchiveBenchResult = {
  name: string;
  appendices: number;
  payloadBytes: number;
  /** Wall milliseconds of each run (one child process per run). */
  exportMs: Spread;
  /** User + system CPU of the export: steadier than wall time on a shared, loaded machine. */
  exportCpuMs: Spread;
  peakRssMiB: Spread;
  /** RSS of the child before the export (Node, tsx, modules, the open library). */
  baselineRssMiB: number;
  /** The machine's 1-minute load average when the export ran (wall time suffers under load). */
  loadAverage: number;
  isWithinTarget: boolean;
};

const appendixCount = 50;
const fullTotalBytes = 200 * 1000 * 1000;
const targetMs = 5000;
const targetRssMiB = 300;

type ChildAnswer = {
  exportMs: number;
  exportCpuMs: number;
  peakRssMiB: number;
  baselineRssMiB: number;
  payloadBytes: number;
};

/**
 * Builds the library, then measures the zip and the folder export, alternating, each run in a
 * clean child (`rounds` of each).
 */
export async function runArchiveBench(
  options: { rounds?: number; totalBytes?: number } = {},
): Promise<ArchiveBenchResult[]> {
  const rounds = options.rounds ?? 7;
  const total = options.totalBytes ?? fullTotalBytes;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-archive-bench-'));
  try {
    const { libraryPath, meetingId } = await buildLibrary(dir, total);
    const labels = ['zip', 'folder'] as const;
    const answers: Record<(typeof labels)[number], ChildAnswer[]> = { zip: [], folder: [] };
    const loads: number[] = [];
    for (let index = 0; index < rounds; index++) {
      for (const label of labels) {
        const out = path.join(dir, label === 'zip' ? 'bag.zip' : 'bag');
        loads.push(os.loadavg()[0] ?? 0);
        answers[label].push(await runChild(libraryPath, meetingId, out));
        fs.rmSync(out, { recursive: true, force: true });
      }
    }
    const round1 = (value: number) => Math.round(value * 10) / 10;
    return labels.map((label) => {
      const runs = answers[label];
      const exportMs = spreadOf(runs.map((answer) => Math.round(answer.exportMs)));
      const peakRssMiB = spreadOf(runs.map((answer) => round1(answer.peakRssMiB)));
      return {
        name: `bag export (${label}), ${appendixCount} appendices, ${Math.round(total / 1e6)} MB`,
        appendices: appendixCount,
        payloadBytes: runs[0]?.payloadBytes ?? 0,
        exportMs,
        exportCpuMs: spreadOf(runs.map((answer) => Math.round(answer.exportCpuMs))),
        peakRssMiB,
        baselineRssMiB: round1(Math.max(...runs.map((answer) => answer.baselineRssMiB))),
        loadAverage: round1(Math.max(...loads)),
        isWithinTarget: exportMs.median < targetMs && peakRssMiB.max < targetRssMiB,
      };
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function buildLibrary(
  dir: string,
  totalBytes: number,
): Promise<{ libraryPath: string; meetingId: string }> {
  const libraryPath = path.join(dir, 'library.sqlite');
  const library = openLibrary(libraryPath, { author: 'bench' });
  try {
    const base = generateMeeting({ items: 10, pagesPerItem: 1 });
    const each = Math.floor(totalBytes / appendixCount);
    const appendices: ReferatDocument['appendices'] = [];
    for (let index = 0; index < appendixCount; index += 1) {
      const file = path.join(dir, `bilag-${index + 1}.bin`);
      await writeRandomFile(
        file,
        index === appendixCount - 1 ? totalBytes - each * (appendixCount - 1) : each,
      );
      const stored = await storeFile(library.filesDir, file);
      fs.rmSync(file);
      appendices.push({
        id: `bench-appendix-${index + 1}`,
        itemId: null,
        number: index + 1,
        title: `Bilag ${index + 1}`,
        documentNumber: `2026-${String(index + 1).padStart(4, '0')}`,
        caseId: '',
        isClosed: false,
        isAddedAfterMeeting: false,
        file: {
          name: `Bilag ${index + 1} – økonomi.pdf`,
          sha256: stored.sha256,
          size: stored.size,
          mediaType: 'application/pdf',
        },
      });
    }
    const { meetingId } = importMeetingDocument(library.db, { ...base, appendices });
    return { libraryPath, meetingId };
  } finally {
    library.close();
  }
}

async function writeRandomFile(file: string, size: number): Promise<void> {
  const out = fs.createWriteStream(file);
  const chunk = 1024 * 1024;
  for (let written = 0; written < size; written += chunk) {
    if (!out.write(randomBytes(Math.min(chunk, size - written))))
      await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
}

function runChild(libraryPath: string, meetingId: string, out: string): Promise<ChildAnswer> {
  return runBenchChild<ChildAnswer>(import.meta.url, [libraryPath, meetingId, out]);
}

/** The child: open, export once, report time and the process's peak RSS. */
async function child(libraryPath: string, meetingId: string, out: string): Promise<void> {
  const library = openLibrary(libraryPath, { author: 'bench' });
  try {
    const baselineRssMiB = process.memoryUsage().rss / 1024 / 1024;
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await exportBag(library, meetingId, { out });
    const exportMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const exportCpuMs = (used.user + used.system) / 1000;
    const payloadBytes = result.payload.reduce((sum, file) => sum + file.size, 0);
    // maxRSS is in kilobytes (KiB) on Linux and macOS.
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(
      `${JSON.stringify({ exportMs, exportCpuMs, peakRssMiB, baselineRssMiB, payloadBytes })}\n`,
    );
  } finally {
    library.close();
  }
}

if (isMainModule(import.meta.url)) {
  if (process.argv[2] === '--child') {
    await child(process.argv[3] ?? '', process.argv[4] ?? '', process.argv[5] ?? '');
  } else {
    console.log(JSON.stringify(await runArchiveBench(), null, 2));
  }
}
