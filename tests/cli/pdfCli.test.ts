/** `referat export MEETING_ID --format pdf` over a real library. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { generateMeeting } from '../support/generateMeeting';
import { parseReferatDocument } from '../../common/format/referatJson';
import { runCli } from '../../main/node/cli/cli';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { makeTempDir, newLibrary } from '../storage/storageHelpers';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../..');
const fixture = () =>
  parseReferatDocument(
    fs.readFileSync(path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
  );

async function cli(
  argv: string[],
  cwd: string,
): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (chunk) => out.push(Buffer.from(chunk)),
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    cwd,
  });
  return { code, stdout: Buffer.concat(out), stderr };
}

describe('referat export --format pdf', () => {
  it('writes the public edition atomically and it passes pdf-audit', async () => {
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, fixture());
    const libraryPath = library.path;
    library.close();
    const dir = makeTempDir();
    const result = await cli(
      [
        '--library',
        libraryPath,
        'export',
        meetingId,
        '--format',
        'pdf',
        '--edition',
        'public',
        '--out',
        'referat.pdf',
      ],
      dir,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['referat.pdf']);
    const { stdout } = await run(path.resolve(root, '../shared/tools/pdf-audit'), [
      path.join(dir, 'referat.pdf'),
      '--pdfa',
      '--tagged',
      '--attachment',
      'meeting.json',
      '--in-order',
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      'Ad Afrunding',
    ]);
    expect(stdout).toContain('0 failed');
  });

  it('writes to standard output with --out -', async () => {
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, fixture());
    const libraryPath = library.path;
    library.close();
    const result = await cli(
      ['--library', libraryPath, 'export', meetingId, '--format', 'pdf', '--out', '-'],
      makeTempDir(),
    );
    expect(result.code).toBe(0);
    expect(result.stdout.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(result.stdout.subarray(-6).toString('latin1')).toContain('%%EOF');
  });

  it('refuses a public export with a CPR number, naming the place, and writes nothing', async () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2 });
    const item = doc.agendaItems[1];
    if (!item) throw new Error('no item');
    item.bodies.decision = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Borger 010203-1234 klagede.' }] },
    ];
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, doc);
    const libraryPath = library.path;
    library.close();
    const dir = makeTempDir();
    const result = await cli(
      [
        '--library',
        libraryPath,
        'export',
        meetingId,
        '--format',
        'pdf',
        '--edition',
        'public',
        '--out',
        'x.pdf',
      ],
      dir,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Punkt 2 · Beslutning: CPR-nummer 010203-XXXX');
    expect(result.stderr).not.toContain('1234');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
