/**
 * `referat export MEETING_ID --document agenda|supplementary-agenda|minutes` for pdf, docx and
 * html over a real library: the agenda passes pdf-audit with one bookmark per item and holds no
 * decision; the tillægsdagsorden holds only the items added after sending; bad values are
 * refused with a clear message. (Change notes after sending: tests/storage/agendaSend.test.ts.)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { runCli } from '../../main/node/cli/cli';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { createItem } from '../../main/node/storage/queries/items';
import { recordAgendaSending } from '../../main/node/storage/queries/agenda';
import { agendaSnapshot } from '../../main/node/services/agendaExport';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { makeTempDir, newLibrary } from '../storage/storageHelpers';

const root = path.resolve(import.meta.dirname, '../..');
const pdfAudit = path.resolve(root, '../shared/tools/pdf-audit');
const fixture = () =>
  parseReferatDocument(
    fs.readFileSync(path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
  );

async function cli(argv: string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (chunk) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('latin1');
    },
    stderr: (text) => {
      stderr += text;
    },
    env: {},
    cwd,
  });
  return { code, stdout, stderr };
}

const text = (file: string) =>
  execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');

function libraryWithModel() {
  const library = newLibrary();
  const doc = fixture();
  doc.meeting.status = 'draft';
  const { meetingId } = importMeetingDocument(library.db, doc);
  return { library, meetingId, doc };
}

describe('referat export --document', () => {
  it('writes the agenda as PDF (audited, bookmarks = items, no decision), DOCX and HTML', async () => {
    const { library, meetingId, doc } = libraryWithModel();
    const libraryPath = library.path;
    library.close();
    const dir = makeTempDir();
    const base = ['--library', libraryPath, 'export', meetingId];
    const pdf = await cli(
      [...base, '--format', 'pdf', '--document', 'agenda', '--out', 'dagsorden.pdf'],
      dir,
    );
    expect(pdf.stderr).toBe('');
    expect(pdf.code).toBe(0);
    const file = path.join(dir, 'dagsorden.pdf');
    const audit = spawnSync(pdfAudit, [
      file,
      ...['--a4', '--pdfa', '--fonts-embedded', '--tagged', '--lang', 'da', '--pdfua'],
      ...['--bookmarks', String(doc.agendaItems.length)],
    ]);
    expect(audit.status, audit.stdout.toString()).toBe(0);
    const agenda = text(file);
    expect(agenda).toContain('Dagsorden');
    // The model document's decision texts ("Ad ..." sections) are not in the agenda.
    expect(agenda).not.toContain('Beslutninger:');
    expect(agenda).not.toMatch(/\bAd Projektafrunding\b/);

    expect(
      (
        await cli(
          [...base, '--format', 'docx', '--document', 'agenda', '--out', 'dagsorden.docx'],
          dir,
        )
      ).code,
    ).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'dagsorden.docx')).subarray(0, 2).toString()).toBe('PK');
    const html = await cli(
      [...base, '--format', 'html', '--document', 'agenda', '--out', 'web'],
      dir,
    );
    expect(html.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'web', 'index.html'), 'utf8')).toContain('Dagsorden');
    // The minutes stay the default.
    expect((await cli([...base, '--format', 'pdf', '--out', 'referat.pdf'], dir)).code).toBe(0);
    expect(text(path.join(dir, 'referat.pdf'))).toContain('Beslutninger:');
  }, 60_000);

  it('refuses an empty tillægsdagsorden, then writes one with only the items added after sending', async () => {
    const { library, meetingId, doc } = libraryWithModel();
    const dir = makeTempDir();
    const base = ['--library', library.path, 'export', meetingId];
    const none = await cli(
      [...base, '--format', 'pdf', '--document', 'supplementary-agenda', '--out', 't.pdf'],
      dir,
    );
    expect(none.code).not.toBe(0);
    expect(none.stderr).toMatch(/no item has been added since the agenda was sent/);

    recordAgendaSending(library.db, {
      meetingId,
      author: 'Referent',
      sha256: 'a'.repeat(64),
      size: 10,
      snapshot: agendaSnapshot(exportMeetingDocument(library.db, meetingId)),
    });
    createItem(library.db, {
      meetingId,
      item: {
        title: 'Tilføjet efter udsendelse',
        isClosed: false,
        publicTitle: '',
        caseId: '',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    const ok = await cli(
      [...base, '--format', 'pdf', '--document', 'supplementary-agenda', '--out', 't.pdf'],
      dir,
    );
    expect(ok.stderr).toBe('');
    const supplementary = text(path.join(dir, 't.pdf'));
    expect(supplementary).toContain('Tillægsdagsorden');
    expect(supplementary).toContain('Tilføjet efter udsendelse');
    for (const item of doc.agendaItems) expect(supplementary).not.toContain(item.title);
  }, 60_000);

  it('refuses an unknown document, and --document with a format that has none', async () => {
    const { library, meetingId } = libraryWithModel();
    const dir = makeTempDir();
    const base = ['--library', library.path, 'export', meetingId];
    const bad = await cli(
      [...base, '--format', 'pdf', '--document', 'dagsorden', '--out', 'x'],
      dir,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--document/);
    expect(bad.stderr).toMatch(/agenda/);
    const json = await cli(
      [...base, '--format', 'json', '--document', 'agenda', '--out', 'x'],
      dir,
    );
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/--document does not apply to --format json/);
    const full = await cli(
      [...base, '--format', 'html', '--document', 'agenda', '--edition', 'full', '--out', 'x'],
      dir,
    );
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/public edition only/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
