/**
 * `npm run bench`: runs every benchmark of the issues one after the other (never in parallel,
 * so they do not disturb each other), then writes bench/results.json (each figure with its
 * target and whether it met it) and docs/performance.md (a summary with the machine).
 *
 * `npm run bench -- storage search` runs only the named groups; results of the other groups
 * are kept from the previous bench/results.json so the report stays whole.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TypingFigures } from './editor';

/** One measured figure compared with its target. */
export type BenchFigure = {
  group: string;
  issue: number;
  name: string;
  value: number;
  unit: 'ms' | 'MiB' | 'ratio' | 's';
  /** The target as text, e.g. "< 50 ms"; null when the figure is only reported. */
  target: string | null;
  isMet: boolean | null;
  note?: string;
};

type Group = { name: string; issue: number; run: () => Promise<BenchFigure[]> };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsPath = path.join(root, 'bench', 'results.json');
const reportPath = path.join(root, 'docs', 'performance.md');

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

const groups: Group[] = [
  {
    name: 'storage',
    issue: 2,
    run: async () => {
      const { runStorageBench } = await import('./storage');
      const result = await runStorageBench();
      return result.cases.map((testCase) => ({
        group: 'storage',
        issue: 2,
        name: `${testCase.name} (${result.meetings} meetings)`,
        value: round(testCase.measuredMs, 2),
        unit: 'ms' as const,
        target: `< ${testCase.targetMs} ms`,
        isMet: testCase.isWithinTarget,
        note: `p50 ${round(testCase.p50Ms, 2)} ms, p95 ${round(testCase.p95Ms, 2)} ms, ${testCase.runs} runs`,
      }));
    },
  },
  {
    name: 'search',
    issue: 7,
    run: async () => {
      const { runSearchBench } = await import('./search');
      const figures: BenchFigure[] = [];
      for (const result of await runSearchBench()) {
        for (const testCase of result.cases) {
          figures.push({
            group: 'search',
            issue: 7,
            name: `${testCase.name} p95`,
            value: round(testCase.p95Ms, 2),
            unit: 'ms',
            target: testCase.targetMs === null ? null : `≤ ${testCase.targetMs} ms`,
            isMet: testCase.isWithinTarget,
            note: `p50 ${round(testCase.p50Ms, 2)} ms, CPU p95 ${round(testCase.cpuP95Ms, 2)} ms, ${testCase.queries} runs`,
          });
        }
        figures.push({
          group: 'search',
          issue: 7,
          name: `index build from scratch (${result.meetings} meetings, ${result.items} items, ${round(result.libraryMiB)} MiB)`,
          value: round(result.indexBuildMs / 1000, 1),
          unit: 's',
          target: null,
          isMet: null,
          note: `CPU ${round(result.indexBuildCpuMs / 1000, 1)} s, one transaction`,
        });
      }
      return figures;
    },
  },
  {
    name: 'pdf',
    issue: 4,
    run: async () => {
      const { runPdfBench } = await import('./pdf');
      const figures: BenchFigure[] = [];
      for (const result of await runPdfBench()) {
        figures.push(
          {
            group: 'pdf',
            issue: 4,
            name: `${result.name}: time / floor`,
            value: round(result.ratio, 2),
            unit: 'ratio',
            target: '≤ 1.3',
            isMet: result.ratio <= 1.3,
            note: `${result.pages} pages in ${round(result.exportMs)} ms (${round(result.msPerPage, 1)} ms/page); floor ${result.floorPages} pages in ${round(result.floorMs)} ms; CPU ratio ${round(result.cpuRatio, 2)}`,
          },
          {
            group: 'pdf',
            issue: 4,
            name: `${result.name}: peak memory`,
            value: round(result.peakRssMiB),
            unit: 'MiB',
            target: '< 400 MB',
            isMet: result.peakRssMiB * 1.048576 < 400,
          },
        );
      }
      figures.push(libreOfficeFigure());
      return figures;
    },
  },
  {
    name: 'signing',
    issue: 5,
    run: async () => {
      const { runSigningBench } = await import('./signing');
      return (await runSigningBench()).map((result) => ({
        group: 'signing',
        issue: 5,
        name: result.name,
        value: round(result.medianMs, 1),
        unit: 'ms' as const,
        target: `< ${result.targetMs} ms`,
        isMet: result.isWithinTarget,
        note: `median of ${result.runs}, CPU ${round(result.medianCpuMs, 1)} ms${result.opensslMs === undefined ? '' : `; openssl cms ${round(result.opensslMs, 1)} ms`}`,
      }));
    },
  },
  {
    name: 'archive',
    issue: 6,
    run: async () => {
      const { runArchiveBench } = await import('./archive');
      const figures: BenchFigure[] = [];
      for (const result of await runArchiveBench()) {
        figures.push(
          {
            group: 'archive',
            issue: 6,
            name: `${result.name}: time`,
            value: round(result.exportMs / 1000, 2),
            unit: 's',
            target: '< 5 s',
            isMet: result.exportMs < 5000,
            note: `CPU ${round(result.exportCpuMs)} ms, load average ${round(result.loadAverage, 2)}`,
          },
          {
            group: 'archive',
            issue: 6,
            name: `${result.name}: peak memory`,
            value: round(result.peakRssMiB),
            unit: 'MiB',
            target: '< 300 MB',
            isMet: result.peakRssMiB * 1.048576 < 300,
            note: `baseline ${round(result.baselineRssMiB)} MiB`,
          },
        );
      }
      return figures;
    },
  },
  {
    name: 'editor',
    issue: 3,
    run: async () => {
      const { runEditorBench } = await import('./editor');
      const result = await runEditorBench();
      if ('skipped' in result) {
        return [
          {
            group: 'editor',
            issue: 3,
            name: 'editor benchmark skipped',
            value: 0,
            unit: 'ms' as const,
            target: null,
            isMet: null,
            note: result.skipped,
          },
        ];
      }
      const { fastTypistCadence, burstCadence } = await import('./editor');
      const typingNote = (typed: TypingFigures, extra = '') =>
        `${extra}p50 ${round(typed.p50Ms, 1)} ms, p99 ${round(typed.p99Ms, 1)} ms, ${typed.keystrokes} keystrokes`;
      const figures: BenchFigure[] = [];
      for (const c of result.cases) {
        figures.push(
          {
            group: 'editor',
            issue: 3,
            name: `keystroke-to-paint p95, ${c.name}, ${fastTypistCadence.name}`,
            value: round(c.fastTypist.p95Ms, 1),
            unit: 'ms',
            target: '< 16 ms',
            isMet: c.fastTypist.p95Ms < 16,
            note: typingNote(c.fastTypist),
          },
          {
            group: 'editor',
            issue: 3,
            name: `keystroke-to-paint p99, ${c.name}, ${fastTypistCadence.name}`,
            value: round(c.fastTypist.p99Ms, 1),
            unit: 'ms',
            target: '< 33 ms',
            isMet: c.fastTypist.p99Ms < 33,
          },
          {
            group: 'editor',
            issue: 3,
            name: `keystroke-to-paint p95, ${c.name}, ${burstCadence.name}`,
            value: round(c.burst.p95Ms, 1),
            unit: 'ms',
            target: null,
            isMet: null,
            note: typingNote(c.burst, 'paced by the display frames, see the reference; '),
          },
          {
            group: 'editor',
            issue: 3,
            name: `open to editable, ${c.name}`,
            value: round(c.openToEditableMs / 1000, 2),
            unit: 's',
            target: '< 1 s',
            isMet: c.openToEditableMs < 1000,
          },
          c.renderer
            ? {
                group: 'editor',
                issue: 3,
                name: `renderer process memory (RSS), ${c.name}`,
                value: round(c.renderer.rssMiB, 1),
                unit: 'MiB',
                target: '< 300 MB',
                isMet: c.renderer.rssMiB * 1.048576 < 300,
                note: `largest renderer of the browser; PSS ${round(c.renderer.pssMiB, 1)} MiB, JS heap ${round(c.heapMiB, 1)} MiB`,
              }
            : {
                group: 'editor',
                issue: 3,
                name: `renderer JS heap, ${c.name}`,
                value: round(c.heapMiB, 1),
                unit: 'MiB',
                target: null,
                isMet: null,
                note: 'the renderer process memory could not be read here (no /proc)',
              },
        );
      }
      const bare = result.reference;
      for (const [cadence, rhythm] of [
        [fastTypistCadence, 'fastTypist'],
        [burstCadence, 'burst'],
      ] as const) {
        const typed = bare[rhythm];
        const ratio = result.ratioP95[rhythm];
        figures.push(
          {
            group: 'editor',
            issue: 3,
            name: `keystroke-to-paint p95, ${bare.name}, ${cadence.name}`,
            value: round(typed.p95Ms, 1),
            unit: 'ms',
            target: null,
            isMet: null,
            note: typingNote(typed, "the measurement's floor in the same run: "),
          },
          {
            group: 'editor',
            issue: 3,
            name: `keystroke-to-paint p95, 300 pages / 1 page, ${cadence.name}`,
            value: round(ratio, 2),
            unit: 'ratio',
            target: '≤ 1.2',
            isMet: ratio <= 1.2,
          },
        );
      }
      return figures;
    },
  },
];

/**
 * Issue 4 asks the PDF export to beat LibreOffice converting the same content from DOCX
 * "where LibreOffice is installed". The comparison is not implemented as a measurement yet;
 * the figure records whether LibreOffice is present so the report says why it is missing.
 */
function libreOfficeFigure(): BenchFigure {
  let version: string | null = null;
  for (const binary of ['libreoffice', 'soffice']) {
    try {
      version = execFileSync(binary, ['--version'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
      break;
    } catch {
      // Not installed under this name.
    }
  }
  return {
    group: 'pdf',
    issue: 4,
    name: 'pdf export vs LibreOffice converting the same content from DOCX',
    value: 0,
    unit: 's',
    target: 'faster than LibreOffice',
    isMet: null,
    note:
      version === null
        ? 'skipped: LibreOffice is not installed on this machine'
        : `not measured yet (${version} is installed)`,
  };
}

function machine() {
  const cpus = os.cpus();
  let chromium = 'not found';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // The editor benchmark reports itself skipped without Chromium.
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    loadAverageAtStart: round(os.loadavg()[0] ?? 0, 2),
  };
}

function readPrevious(): BenchFigure[] {
  try {
    const previous = JSON.parse(fs.readFileSync(resultsPath, 'utf8')) as {
      figures?: BenchFigure[];
    };
    return previous.figures ?? [];
  } catch {
    return [];
  }
}

function writeReport(
  figures: BenchFigure[],
  info: ReturnType<typeof machine>,
  ranAt: string,
): void {
  const lines = [
    '# Performance',
    '',
    'Written by `npm run bench` (bench/run.ts); the raw figures are in `bench/results.json`.',
    'Each figure is compared with the target its issue sets. Wall-clock figures on a shared',
    'machine vary with its load; the load average at the start is recorded below.',
    '',
    `Ran ${ranAt} on ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB, ${info.os}, Node ${info.node}, ${info.chromium}; load average at start ${info.loadAverageAtStart}.`,
    '',
    '| issue | figure | value | target | met |',
    '| --- | --- | --- | --- | --- |',
    ...figures.map(
      (figure) =>
        `| ${figure.issue} | ${figure.name}${figure.note ? ` <br>(${figure.note})` : ''} | ${figure.value} ${figure.unit === 'ratio' ? '×' : figure.unit} | ${figure.target ?? 'reported'} | ${figure.isMet === null ? '–' : figure.isMet ? 'yes' : '**no**'} |`,
    ),
    '',
  ];
  fs.writeFileSync(reportPath, lines.join('\n'));
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const unknown = wanted.filter((name) => !groups.some((group) => group.name === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: unknown group ${unknown.join(', ')} (known: ${groups.map((g) => g.name).join(', ')})\n`,
    );
    process.exit(2);
  }
  const selected =
    wanted.length === 0 ? groups : groups.filter((group) => wanted.includes(group.name));
  const info = machine();
  const kept = readPrevious().filter(
    (figure) => !selected.some((group) => group.name === figure.group),
  );
  const figures: BenchFigure[] = [];
  let hasFailedGroup = false;
  for (const group of selected) {
    process.stderr.write(`bench: ${group.name} (issue ${group.issue}) ...\n`);
    try {
      const groupFigures = await group.run();
      figures.push(...groupFigures);
      for (const figure of groupFigures) {
        const verdict = figure.isMet === null ? 'reported' : figure.isMet ? 'met' : 'NOT MET';
        process.stderr.write(
          `  ${figure.name}: ${figure.value} ${figure.unit} (${figure.target ?? '-'}) ${verdict}\n`,
        );
      }
    } catch (error) {
      hasFailedGroup = true;
      process.stderr.write(
        `bench: ${group.name} failed: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
    }
  }
  const all = [...kept, ...figures].sort(
    (a, b) => a.issue - b.issue || a.group.localeCompare(b.group),
  );
  const ranAt = new Date().toISOString();
  fs.writeFileSync(
    resultsPath,
    `${JSON.stringify({ ranAt, machine: info, figures: all }, null, 2)}\n`,
  );
  writeReport(all, info, ranAt);
  const missed = all.filter((figure) => figure.isMet === false).length;
  process.stderr.write(
    `bench: ${all.length} figures, ${missed} missed their target; wrote bench/results.json and docs/performance.md\n`,
  );
  process.exit(hasFailedGroup ? 1 : 0);
}

await main();
