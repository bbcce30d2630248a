/**
 * `referat sign --meeting` signs a meeting kept in the library as the app does: the first
 * signature and a new round after corrections sign a fresh export, the file is stored in the
 * library (signatures:list sees it) and copied to --out, one status line is printed. FILE mode
 * is unchanged (tests/signing/signCli.test.ts). Real library, real PDFs, run-time certificates.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addTrustedRoots } from '../../main/node/storage/queries/trustedRoots';
import { signPdf } from '../../main/node/signing/signPdf';
import { makeSamplePdf } from '../signing/samplePdf';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { openLibrary } from '../../main/node/storage/library';
import {
  addCorrection,
  approveMeeting,
  listAudit,
} from '../../main/node/storage/queries/lifecycle';
import { listSignedPdfs } from '../../main/node/storage/queries/signedPdfs';
import {
  createMemberCache,
  modelMeetingFile,
  presentAtModelMeeting as present,
} from '../helpers/modelMeeting';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { createTestPki } from '../helpers/testPki';
import { makeTempDir } from './storageHelpers';

const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);

/** `referat args` in `work`, on the library `work/library.sqlite`. */
const cli = (work: string, args: string[], env: Record<string, string> = {}) =>
  runCliCaptured(args, {
    cwd: work,
    env: { REFERAT_LIBRARY: path.join(work, 'library.sqlite'), ...env },
  });

/** A library holding the model meeting, approved unless told otherwise. */
async function setup(isApproved = true) {
  const work = makeTempDir();
  expect((await cli(work, ['import', modelMeetingFile])).code).toBe(0);
  const library = openLibrary(path.join(work, 'library.sqlite'), { author: 'Referent' });
  const meetingId = library.db.prepare('SELECT id FROM meetings').pluck().get() as string;
  if (isApproved) approveMeeting(library.db, { id: meetingId, author: 'Referent' });
  // Only configured roots are trusted: the meeting becomes signed only with valid signatures.
  addTrustedRoots(library.db, pki.rootPem);
  library.close();
  const withLibrary = <T>(fn: (lib: ReturnType<typeof openLibrary>) => T): T => {
    const lib = openLibrary(path.join(work, 'library.sqlite'), { author: 'Referent' });
    try {
      return fn(lib);
    } finally {
      lib.close();
    }
  };
  const sign = (name: string, out: string, extra: string[] = []) => {
    const member = memberFor(name);
    return cli(
      work,
      ['sign', '--meeting', meetingId, '--p12', member.p12Path, '--out', out, ...extra],
      { REFERAT_P12_PASSWORD: member.password },
    );
  };
  return { work, meetingId, withLibrary, sign };
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

describe('referat sign --meeting', () => {
  it('signs the library edition like the app; after a correction the next signature starts a new round with the Rettelser', async () => {
    const t = await setup();
    const lines: string[] = [];
    for (const [index, name] of present.entries()) {
      const result = await t.sign(name, `round1-${index}.pdf`);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      lines.push(result.stdout);
    }
    expect(lines).toEqual([
      'full\t1\t1/5\tfirst\tincomplete\n',
      'full\t1\t2/5\tcontinued\tincomplete\n',
      'full\t1\t3/5\tcontinued\tincomplete\n',
      'full\t1\t4/5\tcontinued\tincomplete\n',
      'full\t1\t5/5\tcontinued\tcomplete\n',
    ]);
    const [status] = t.withLibrary((lib) => [
      lib.db.prepare('SELECT status FROM meetings WHERE id = ?').pluck().get(t.meetingId),
    ]);
    expect(status).toBe('signed');
    // The copy is the stored file.
    const stored = t.withLibrary((lib) =>
      listSignedPdfs(lib.db, { meetingId: t.meetingId }).map((s) =>
        fs.readFileSync(fileStorePath(lib.filesDir, s.sha256)),
      ),
    );
    expect(stored).toHaveLength(5);
    expect(
      fs.readFileSync(path.join(t.work, 'round1-4.pdf')).equals(stored[4] ?? Buffer.alloc(0)),
    ).toBe(true);

    t.withLibrary((lib) =>
      addCorrection(lib.db, {
        meetingId: t.meetingId,
        author: 'Referent',
        reason: 'Forkert mødested',
        text: 'Mødet blev holdt i Byrådssalen.',
      }),
    );
    const again = await t.sign(present[1] ?? '', '-');
    expect(again.code).toBe(0);
    // With --out - the PDF is on standard output and the status line on standard error.
    expect(again.stderr).toBe('full\t2\t1/5\tnew-round\tincomplete\n');
    expect(again.stdout.startsWith('%PDF-')).toBe(true);
    const next = await t.sign(present[2] ?? '', 'round2.pdf', ['--location', 'Gentofte']);
    expect(next.stdout).toBe('full\t2\t2/5\tcontinued\tincomplete\n');
    const out = path.join(t.work, 'round2.pdf');
    expect(pdfText(out)).toContain('Mødet blev holdt i Byrådssalen.');
    expect(pdfText(path.join(t.work, 'round1-4.pdf'))).not.toContain('Byrådssalen');
    fs.writeFileSync(path.join(t.work, 'root.pem'), pki.rootPem);
    const verified = await cli(t.work, ['verify', 'round2.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(0);
    expect(verified.stdout.split('\n').filter(Boolean)).toHaveLength(2);
    const after = t.withLibrary((lib) => ({
      rows: listSignedPdfs(lib.db, { meetingId: t.meetingId }),
      audit: listAudit(lib.db, { meetingId: t.meetingId }).map((e) => e.action),
    }));
    expect(after.rows.map((r) => r.round)).toEqual([1, 1, 1, 1, 1, 2, 2]);
    expect(after.audit).toEqual(['approved', 'signed', 'correction', 'signing_restarted']);
  });

  it('refuses a draft before asking for the password, and wrong command lines', async () => {
    const t = await setup(false);
    const member = memberFor(present[0] ?? '');
    // No REFERAT_P12_PASSWORD and no terminal: the draft is refused first.
    const draft = await cli(t.work, [
      'sign',
      '--meeting',
      t.meetingId,
      '--p12',
      member.p12Path,
      '--out',
      'x.pdf',
    ]);
    expect(draft.code).toBe(1);
    expect(draft.stderr).toMatch(/draft/);
    expect(fs.existsSync(path.join(t.work, 'x.pdf'))).toBe(false);
    const both = await cli(t.work, [
      'sign',
      'a.pdf',
      '--meeting',
      t.meetingId,
      '--p12',
      'k',
      '--out',
      'x.pdf',
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('not both');
    const neither = await cli(t.work, ['sign', '--p12', 'k', '--out', 'x.pdf']);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('needs FILE or --meeting');
    const edition = await cli(t.work, [
      'sign',
      'a.pdf',
      '--edition',
      'full',
      '--p12',
      'k',
      '--out',
      'x.pdf',
    ]);
    expect(edition.code).toBe(2);
    const help = await cli(t.work, ['sign', '--help']);
    expect(help.stdout).toContain(
      'referat [--library PATH] sign [FILE] [--p12 KEY.p12] [--out OUT.pdf]',
    );
    expect(help.stdout).toContain('--meeting MEETING_ID');
    expect(help.stdout).toContain('--status');
    const noP12 = await cli(t.work, ['sign', '--meeting', t.meetingId, '--out', 'x.pdf']);
    expect(noP12.code).toBe(2);
    expect(noP12.stderr).toContain('needs --p12');
    const statusOfFile = await cli(t.work, ['sign', 'a.pdf', '--status']);
    expect(statusOfFile.code).toBe(2);
  });

  it('--status lists who still has to sign, per edition, and signs nothing', async () => {
    const t = await setup();
    expect((await t.sign(present[0] ?? '', 'one.pdf')).code).toBe(0);
    const run = await cli(t.work, ['sign', '--meeting', t.meetingId, '--status']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(rows).toHaveLength(present.length * 2);
    expect(rows[0]?.slice(0, 4)).toEqual(['full', '1', 'signed', present[0]]);
    expect(rows[0]?.[5]).toContain(`CN=${present[0]}`);
    expect(rows.slice(1, present.length).map((r) => r[2])).toEqual(
      present.slice(1).map(() => 'waiting'),
    );
    expect(rows.slice(1, present.length).map((r) => r[4])).toEqual(present.slice(1).map(() => '-'));
    expect(rows.slice(present.length).every((r) => r[0] === 'public' && r[2] === 'waiting')).toBe(
      true,
    );
    const full = await cli(t.work, [
      'sign',
      '--meeting',
      t.meetingId,
      '--status',
      '--edition',
      'public',
    ]);
    expect(full.stdout.trim().split('\n')).toHaveLength(present.length);
    expect(t.withLibrary((lib) => listSignedPdfs(lib.db, { meetingId: t.meetingId }))).toHaveLength(
      1,
    );
  });

  it('verify --meeting: the meeting’s signed file is valid; an unrelated signed PDF is refused', async () => {
    const t = await setup();
    expect((await t.sign(present[0] ?? '', 'one.pdf')).code).toBe(0);
    const own = await cli(t.work, ['verify', 'one.pdf', '--meeting', t.meetingId]);
    expect(own.stderr).toBe('');
    expect(own.stdout.split('\t')[1]).toBe('valid');
    expect(own.code).toBe(0);
    const member = memberFor(present[1] ?? '');
    const unrelated = signPdf(await makeSamplePdf(1), {
      p12: member.p12,
      password: member.password,
      reason: 'Godkendt',
    });
    fs.writeFileSync(path.join(t.work, 'unrelated.pdf'), unrelated);
    const plain = await cli(t.work, ['verify', 'unrelated.pdf']);
    expect(plain.code).toBe(0);
    const refused = await cli(t.work, ['verify', 'unrelated.pdf', '--meeting', t.meetingId]);
    expect(refused.stdout.split('\t')[1]).toBe('valid');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`is not an edition of meeting ${t.meetingId}`);
  });
});
