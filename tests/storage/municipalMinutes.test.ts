/**
 * Real published minutes from Danish municipalities (tests/fixtures/municipalities/*), each
 * transcribed into the interchange format with its source address in source.md. Every fixture is
 * imported and exported by the command line's own code (`referat import`, `referat export
 * --format pdf`), and the printed minutes must say what the source says: pdftotext finds the
 * source's phrases (phrases.txt) in the source's order, in the full and in the public edition,
 * and both PDFs pass pdf-audit's archival checks with meeting.json attached. None of the
 * fixtures has a closed item (published minutes hold only what may be published), so the public
 * edition must show every phrase too.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { runCli } from '../../main/node/cli/cli';
import { makeTempDir } from './storageHelpers';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixturesDir = path.join(root, 'tests/fixtures/municipalities');
const pdfAudit = path.resolve(root, '../shared/tools/pdf-audit');
const archivalChecks = [
  '--a4',
  '--pdfa',
  '--fonts-embedded',
  '--tagged',
  '--lang',
  'da',
  '--attachment',
  'meeting.json',
];

const fixtures = fs
  .readdirSync(fixturesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** The phrases of phrases.txt, one per line, in the source's order (`#` starts a comment line). */
function readPhrases(dir: string): string[] {
  return fs
    .readFileSync(path.join(dir, 'phrases.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map(fold);
}

/** Whitespace folded to single spaces (pdftotext breaks lines where the PDF wraps them). */
function fold(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * The first phrase that is not found after the previous one, or null when all appear in
 * order. Each phrase is searched from the end of the previous match.
 */
function firstOutOfOrder(text: string, phrases: readonly string[]): string | null {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    if (at < 0) return phrase;
    from = at + phrase.length;
  }
  return null;
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    cwd,
  });
  if (code !== 0) throw new Error(`referat ${argv.join(' ')} exited ${code}: ${stderr}`);
  return { code, stdout };
}

async function pdfText(file: string): Promise<string> {
  const { stdout } = await run('pdftotext', ['-layout', file, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return fold(stdout);
}

describe('real minutes from Danish municipalities', () => {
  it('holds at least ten fixtures from ten different municipalities, each with its source address and phrases', () => {
    const municipalities = new Set<string>();
    for (const name of fixtures) {
      const dir = path.join(fixturesDir, name);
      const document = parseReferatDocument(
        fs.readFileSync(path.join(dir, 'meeting.referat.json'), 'utf8'),
      );
      municipalities.add(document.committee.organisation);
      expect(fs.readFileSync(path.join(dir, 'source.md'), 'utf8')).toMatch(
        /^Source: <https?:\/\/[^>\s]+>$/m,
      );
      const phrases = readPhrases(dir);
      expect(phrases.length, `${name}: phrases`).toBeGreaterThanOrEqual(15);
    }
    expect(municipalities.size).toBeGreaterThanOrEqual(10);
  });

  it.each(fixtures)(
    '%s: imports, round-trips as JSON, and both PDF editions show the source phrases in order and pass pdf-audit',
    async (name) => {
      const dir = path.join(fixturesDir, name);
      const work = makeTempDir();
      const library = path.join(work, 'library.sqlite');
      const imported = await cli(
        ['--library', library, 'import', path.join(dir, 'meeting.referat.json')],
        work,
      );
      const meetingId = imported.stdout.trim();
      expect(meetingId).not.toBe('');
      const phrases = readPhrases(dir);

      // A referat/2 fixture is in canonical form: exporting the imported meeting gives it back.
      // A referat/1 fixture is converted on import; the converted meeting must then round-trip.
      const exported = path.join(work, 'meeting.json');
      await cli(
        ['--library', library, 'export', meetingId, '--format', 'json', '--out', exported],
        work,
      );
      const fixtureText = fs.readFileSync(path.join(dir, 'meeting.referat.json'), 'utf8');
      const exportedText = fs.readFileSync(exported, 'utf8');
      if (fixtureText.includes('"format": "referat/2"')) expect(exportedText).toBe(fixtureText);
      const again = path.join(work, 'again.sqlite');
      const againId = (await cli(['--library', again, 'import', exported], work)).stdout.trim();
      const reexported = path.join(work, 'again.json');
      await cli(
        ['--library', again, 'export', againId, '--format', 'json', '--out', reexported],
        work,
      );
      expect(fs.readFileSync(reexported, 'utf8')).toBe(exportedText);

      for (const edition of ['full', 'public'] as const) {
        const file = path.join(work, `${edition}.pdf`);
        await cli(
          [
            '--library',
            library,
            'export',
            meetingId,
            '--format',
            'pdf',
            '--edition',
            edition,
            '--out',
            file,
          ],
          work,
        );
        const text = await pdfText(file);
        expect(
          firstOutOfOrder(text, phrases),
          `${edition} edition: first phrase not found in order`,
        ).toBeNull();
        const audit = await run(pdfAudit, [file, ...archivalChecks]).catch(
          (error: { stdout?: string; code?: number }) => ({
            stdout: error.stdout ?? '',
            code: error.code,
          }),
        );
        expect(audit.stdout, `${edition} edition: pdf-audit`).toMatch(
          /pdf-audit: \d+ checks, 0 failed/,
        );
      }
    },
    120_000,
  );
});
