/**
 * HTML edition benchmark (part of the pdf group): the public HTML edition of the generated
 * 300-page meeting, the same meeting as the PDF figures, written as the folder a web server
 * picks up (index.html, the stylesheet), timed as whole work: deriving and checking the public
 * edition, laying it out, rendering the HTML and writing the files. Warm (one untimed run
 * first), the median of `rounds` runs. Peak memory is the kernel's high-water mark
 * (`process.resourceUsage().maxRSS`) of a child process that only generates the meeting and
 * writes its HTML edition once, cold, as the CLI does.
 *
 * Run alone with `npx tsx bench/html.ts`, or through `npm run bench` (the pdf group).
 */
import { isMainModule, runBenchChild } from './childRun';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { htmlEdition, writeHtmlFolder } from '../main/node/html/htmlEdition';
import { benchMeeting, type PdfBenchSize } from './pdf';
import { spreadOf, type Spread } from './stats';

/** What the HTML benchmark measured. */
export type HtmlBenchResult = {
  name: string;
  bytes: number;
  writeMs: Spread;
  peakRssMiB: Spread;
};

const defaultSize: PdfBenchSize = { items: 60, pagesPerItem: 5 };

/** Writes the public HTML edition of `doc` into `dir`; answers the bytes written. */
function writeEdition(doc: ReturnType<typeof benchMeeting>, dir: string, filesDir: string): number {
  const edition = htmlEdition(doc, { filesDir });
  writeHtmlFolder(dir, edition.files);
  return edition.files.reduce((sum, file) => {
    const written = path.join(dir, file.path);
    return sum + statSync(written).size;
  }, 0);
}

type ChildAnswer = { writeMs: number; maxRssMiB: number };

function runChild(size: PdfBenchSize, out: string): Promise<ChildAnswer> {
  return runBenchChild<ChildAnswer>(import.meta.url, [
    String(size.items),
    String(size.pagesPerItem),
    out,
  ]);
}

/** The public HTML edition of the benchmark's meeting: `rounds` warm runs, `memoryRuns` children. */
export async function runHtmlBench(
  options: { rounds?: number; memoryRuns?: number; size?: PdfBenchSize } = {},
): Promise<HtmlBenchResult> {
  const size = options.size ?? defaultSize;
  const dir = mkdtempSync(path.join(tmpdir(), 'referat-html-bench-'));
  try {
    const doc = benchMeeting(size);
    const filesDir = path.join(dir, 'files');
    let bytes = writeEdition(doc, path.join(dir, 'warm'), filesDir);
    const times: number[] = [];
    for (let round = 0; round < (options.rounds ?? 7); round++) {
      const out = path.join(dir, `round-${round}`);
      const started = performance.now();
      bytes = writeEdition(doc, out, filesDir);
      times.push(performance.now() - started);
    }
    const memory: number[] = [];
    for (let index = 0; index < (options.memoryRuns ?? 3); index++)
      memory.push((await runChild(size, path.join(dir, `child-${index}`))).maxRssMiB);
    const round1 = (spread: Spread): Spread => ({
      runs: spread.runs,
      min: Math.round(spread.min * 10) / 10,
      median: Math.round(spread.median * 10) / 10,
      max: Math.round(spread.max * 10) / 10,
    });
    return {
      name: `html edition (public), ${size.items * size.pagesPerItem}-page generated meeting`,
      bytes,
      writeMs: round1(spreadOf(times)),
      peakRssMiB: round1(spreadOf(memory)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isMainModule(import.meta.url)) {
  if (process.argv[2] === '--child') {
    const size = { items: Number(process.argv[3]), pagesPerItem: Number(process.argv[4]) };
    const out = process.argv[5] ?? '';
    const doc = benchMeeting(size);
    const started = performance.now();
    writeEdition(doc, out, path.join(out, '..', 'files'));
    const writeMs = performance.now() - started;
    // maxRSS is in kilobytes (KiB) on Linux and macOS.
    const maxRssMiB = process.resourceUsage().maxRSS / 1024;
    process.stdout.write(`${JSON.stringify({ writeMs, maxRssMiB })}\n`);
  } else {
    console.log(JSON.stringify(await runHtmlBench(), null, 2));
  }
}
