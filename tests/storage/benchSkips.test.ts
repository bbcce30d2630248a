/**
 * The benchmark runner's skip and provenance logic (bench/run.ts), run as `npm run bench` runs it
 * but with the prerequisite lookups pointed at missing paths (CHROMIUM_PATH, SOFFICE_PATH), so
 * the editor and office groups are skipped before anything is measured. The results and report
 * go to a temporary folder, seeded with an older figure of another group.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;
const olderRun = '2026-01-02T03:04:05.000Z';

type Figure = {
  group: string;
  name: string;
  value: number | null;
  skipped?: string;
  target: string | null;
  provenance: { ranAt: string; machine: string; loadAverage: number; runs: number };
};

function seed(file: string): void {
  const older: Figure & Record<string, unknown> = {
    group: 'storage',
    issue: 2,
    name: 'open a library of 1000 meetings and list them (1000 meetings)',
    role: 'figure',
    value: 8.95,
    unit: 'ms',
    target: '< 50 ms',
    isMet: true,
    spread: { runs: 15, min: 7.1, median: 8.95, max: 17.4 },
    provenance: { ranAt: olderRun, machine: 'an older machine', loadAverage: 0.5, runs: 15 },
  };
  fs.writeFileSync(file, JSON.stringify({ ranAt: olderRun, figures: [older] }));
}

function bench(args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'bench', 'run.ts'), ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        CHROMIUM_PATH: path.join(dir, 'missing', 'chromium'),
        SOFFICE_PATH: path.join(dir, 'missing', 'soffice'),
      },
      timeout: 120_000,
    },
  );
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bench-skips-'));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run bench without Chromium and LibreOffice', () => {
  it('lists every editor and office figure as skipped with the reason and exits 1', () => {
    const results = path.join(dir, 'results.json');
    seed(results);
    const run = bench(['editor', 'office', '--results', results]);
    expect(run.status, run.stderr).toBe(1);
    expect(run.stderr).toContain('were skipped');

    const written = JSON.parse(fs.readFileSync(results, 'utf8')) as { figures: Figure[] };
    const skipped = written.figures.filter((figure) => figure.group !== 'storage');
    const editor = skipped.filter((figure) => figure.group === 'editor');
    const office = skipped.filter((figure) => figure.group === 'office');
    // Every figure the groups measure is listed (the targets do not vanish), none with a value.
    expect(editor).toHaveLength(16);
    expect(editor.map((figure) => figure.name)).toEqual(
      expect.arrayContaining([
        'switch to the attendance of a 31-member committee',
        'open a 60-item meeting to first editable body',
      ]),
    );
    expect(office).toHaveLength(3);
    expect(editor.filter((figure) => figure.target === '< 16 ms')).toHaveLength(2);
    for (const figure of skipped) {
      expect(figure.value, figure.name).toBeNull();
      expect(figure.provenance.runs, figure.name).toBe(0);
    }
    for (const figure of editor) expect(figure.skipped).toContain('missing/chromium');
    for (const figure of office) expect(figure.skipped).toContain('missing/soffice');

    const report = fs.readFileSync(path.join(dir, 'results.md'), 'utf8');
    expect(report).toContain('## Skipped');
    for (const figure of skipped) expect(report).toContain(`- ${figure.name}: ${figure.skipped}`);
    expect(report).toContain(
      'LibreOffice converting the DOCX to PDF (soffice --headless), whole process',
    );
  });

  it('exits 0 with --allow-skips, still listing the skipped figures', () => {
    const results = path.join(dir, 'allowed.json');
    seed(results);
    const run = bench(['editor', 'office', '--allow-skips', '--results', results]);
    expect(run.status, run.stderr).toBe(0);
    const written = JSON.parse(fs.readFileSync(results, 'utf8')) as { figures: Figure[] };
    expect(written.figures.filter((figure) => figure.skipped)).toHaveLength(19);
  });

  it('keeps the other groups’ figures with their own provenance and says they are older', () => {
    const results = path.join(dir, 'partial.json');
    seed(results);
    const run = bench(['office', '--allow-skips', '--results', results]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain(`older figures kept from earlier runs: storage (${olderRun})`);
    const written = JSON.parse(fs.readFileSync(results, 'utf8')) as {
      ranAt: string;
      figures: Figure[];
    };
    const kept = written.figures.find((figure) => figure.group === 'storage');
    expect(kept?.provenance).toMatchObject({ ranAt: olderRun, machine: 'an older machine' });
    expect(written.ranAt).not.toBe(olderRun);
    const report = fs.readFileSync(path.join(dir, 'partial.md'), 'utf8');
    expect(report).toContain('## Older figures');
    expect(report).toContain(`- storage: measured ${olderRun}`);
    expect(report).toMatch(
      /\| 2 \| open a library of 1000 meetings.*2026-01-02 03:04 UTC \(older\)/,
    );
  });
});
