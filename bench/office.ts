/**
 * LibreOffice peer : the same generated meeting as the PDF benchmark, stored in
 * a temporary library, exported by the built CLI as whole processes (`referat export --format
 * pdf` and `--format docx`, start-up included), and the DOCX converted to PDF by LibreOffice
 * (`soffice --headless --convert-to pdf`, a whole process with its own profile folder, prepared
 * by an untimed first conversion). All three alternate over the rounds; each figure is the
 * median with its spread.
 *
 * Needs LibreOffice (`soffice` on the PATH, or SOFFICE_PATH) and `npm run build` (out/main/cli.mjs).
 * Run alone with `npx tsx bench/office.ts`, or through `npm run bench` (runOfficeBench).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importMeetingDocument } from '../main/node/storage/interchange';
import { openLibrary } from '../main/node/storage/library';
import { benchMeeting, fullPdfSize, type PdfBenchSize } from './pdf';
import { findSoffice } from './prerequisites';
import { spreadOf, type Spread } from './stats';

export type OfficeBenchResult = {
  pages: number;
  /** `referat export --format pdf`, whole process. */
  referatPdfMs: Spread;
  /** `referat export --format docx`, whole process. */
  referatDocxMs: Spread;
  /** `soffice --headless --convert-to pdf` of that DOCX, whole process. */
  libreOfficeMs: Spread;
  libreOfficePages: number;
  libreOfficeVersion: string;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function timedRun(command: string, args: string[], options: { cwd?: string } = {}): number {
  const started = performance.now();
  const run = spawnSync(command, args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  });
  const ms = performance.now() - started;
  if (run.status !== 0)
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed: ${run.stderr}`);
  return ms;
}

function pdfPages(file: string): number {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Measures; the library is made first (not timed). */
export async function runOfficeBench(
  options: { rounds?: number; size?: PdfBenchSize; soffice?: string } = {},
): Promise<OfficeBenchResult> {
  const soffice = options.soffice ?? findSoffice();
  if (soffice === null) throw new Error('LibreOffice (soffice) is not installed');
  const cli = path.join(root, 'out', 'main', 'cli.mjs');
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  const rounds = options.rounds ?? 7;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-office-bench-'));
  try {
    const libraryPath = path.join(dir, 'library.sqlite');
    const library = openLibrary(libraryPath, { author: 'bench' });
    let meetingId: string;
    try {
      ({ meetingId } = importMeetingDocument(
        library.db,
        benchMeeting(options.size ?? fullPdfSize),
      ));
    } finally {
      library.close();
    }
    const exportArgs = (format: 'pdf' | 'docx', out: string) => [
      cli,
      '--library',
      libraryPath,
      'export',
      meetingId,
      '--format',
      format,
      '--out',
      out,
    ];
    const pdfFile = path.join(dir, 'referat.pdf');
    const docxFile = path.join(dir, 'referat.docx');
    const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
    const outDir = path.join(dir, 'lo');
    const convert = () =>
      timedRun(soffice, [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        docxFile,
      ]);
    // Untimed first runs: LibreOffice makes its profile, the files reach the disk cache.
    timedRun(process.execPath, exportArgs('pdf', pdfFile));
    timedRun(process.execPath, exportArgs('docx', docxFile));
    convert();
    const pdfRuns: number[] = [];
    const docxRuns: number[] = [];
    const officeRuns: number[] = [];
    for (let index = 0; index < rounds; index++) {
      pdfRuns.push(timedRun(process.execPath, exportArgs('pdf', pdfFile)));
      docxRuns.push(timedRun(process.execPath, exportArgs('docx', docxFile)));
      officeRuns.push(convert());
    }
    const version = execFileSync(soffice, ['--version'], { encoding: 'utf8' }).trim();
    return {
      pages: pdfPages(pdfFile),
      referatPdfMs: spreadOf(pdfRuns),
      referatDocxMs: spreadOf(docxRuns),
      libreOfficeMs: spreadOf(officeRuns),
      libreOfficePages: pdfPages(path.join(outDir, 'referat.pdf')),
      libreOfficeVersion: version,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(await runOfficeBench(), null, 2));
}
