/**
 * `referat sign --revocation` (PAdES B-LT) and what `referat verify` reports from the embedded
 * revocation data, through runCli, with a PKI, a CRL and OCSP responses made at run time; FILE
 * mode and --meeting mode on a real library.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { openLibrary } from '../../main/node/storage/library';
import { approveMeeting } from '../../main/node/storage/queries/lifecycle';
import { listSignedPdfs } from '../../main/node/storage/queries/signedPdfs';
import { addTrustedRoots } from '../../main/node/storage/queries/trustedRoots';
import {
  createMemberCache,
  modelMeetingFile,
  presentAtModelMeeting,
} from '../helpers/modelMeeting';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { createTestPki, type TestMember, type TestPki } from '../helpers/testPki';
import { makeCrl, makeOcspResponse, testIssuer } from '../helpers/testRevocation';
import { makeSamplePdf } from '../signing/samplePdf';

const PDF_AUDIT = path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit');

let pki: TestPki;
let otherPki: TestPki;
let alice: TestMember;
let bob: TestMember;
let work: string;
const revokedAt = new Date(Date.UTC(2025, 0, 2, 12));

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliCaptured(args, {
    cwd: work,
    env: { REFERAT_LIBRARY: path.join(work, 'unused.referat'), ...env },
  });

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => line.split('\t'));

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-revocationcli-'));
  pki = createTestPki();
  otherPki = createTestPki();
  alice = pki.makeMember('Alice Ærø');
  bob = pki.makeMember('Bob Øster', { key: 'ec' });
  const issuer = await testIssuer(pki);
  writeFileSync(path.join(work, 'minutes.pdf'), await makeSamplePdf(2));
  writeFileSync(path.join(work, 'root.pem'), pki.rootPem);
  writeFileSync(path.join(work, 'issuing.crl'), await makeCrl(issuer));
  writeFileSync(
    path.join(work, 'bob-revoked.crl'),
    await makeCrl(issuer, { revoked: [{ certPem: bob.certPem, at: revokedAt }] }),
  );
  writeFileSync(path.join(work, 'alice.ocsp'), await makeOcspResponse(issuer, alice.certPem));
  writeFileSync(path.join(work, 'bob.ocsp'), await makeOcspResponse(issuer, bob.certPem));
  writeFileSync(path.join(work, 'impostor.crl'), await makeCrl(await testIssuer(otherPki)));
  writeFileSync(path.join(work, 'notes.txt'), 'ikke en CRL\n');
  const signed = await cli(['sign', 'minutes.pdf', '--p12', alice.p12Path, '--out', 'alice.pdf'], {
    REFERAT_P12_PASSWORD: alice.password,
  });
  expect(signed.code).toBe(0);
});

afterAll(() => {
  pki?.dispose();
  otherPki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('referat sign --revocation', () => {
  it('signing with --revocation (repeated) embeds the DSS before the signature: pdf-audit passes, verify says not revoked', async () => {
    const result = await cli(
      [
        'sign',
        'alice.pdf',
        '--p12',
        bob.p12Path,
        '--out',
        'both.pdf',
        '--revocation',
        'alice.ocsp',
        '--revocation',
        'bob.ocsp',
      ],
      { REFERAT_P12_PASSWORD: bob.password },
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const audit = spawnSync(
      PDF_AUDIT,
      [path.join(work, 'both.pdf'), '--signatures', '2', '--signature-valid'],
      { encoding: 'utf8' },
    );
    expect(audit.stdout).toContain('pdf-audit: 3 checks, 0 failed');
    const verified = await cli(['verify', 'both.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(0);
    const rows = lines(verified.stdout);
    expect(rows.map((l) => [l[1], l[2], l[4]])).toEqual([
      ['valid', 'Alice Ærø', 'partial'],
      ['valid', 'Bob Øster', 'whole-file'],
    ]);
    for (const row of rows) expect(row[5]).toMatch(/^not revoked per OCSP response of \d{4}-/);
  });

  it('without --p12 adds the DSS after the last signature, prints one line per file; verify exits 0 (dss-after)', async () => {
    const result = await cli([
      'sign',
      'alice.pdf',
      '--revocation',
      'issuing.crl',
      '--out',
      'alice-lt.pdf',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [row] = lines(result.stdout);
    expect(row?.slice(0, 2)).toEqual(['issuing.crl', 'crl']);
    expect(row?.[3]).toBe('new');
    expect(row?.[4]).toBe('Alice Ærø=not-revoked');
    const original = readFileSync(path.join(work, 'alice.pdf'));
    const lt = readFileSync(path.join(work, 'alice-lt.pdf'));
    expect(lt.subarray(0, original.length).equals(original)).toBe(true);
    const verified = await cli(['verify', 'alice-lt.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(0);
    const [line] = lines(verified.stdout);
    expect(line?.[1]).toBe('valid');
    expect(line?.[4]).toBe('dss-after');
    expect(line?.[5]).toMatch(/^not revoked per CRL of /);
  });

  it('a CRL that revokes the signer: verify prints revoked with the date and exits 1', async () => {
    const result = await cli(
      [
        'sign',
        'alice.pdf',
        '--p12',
        bob.p12Path,
        '--out',
        'bob-revoked.pdf',
        '--revocation',
        'bob-revoked.crl',
      ],
      { REFERAT_P12_PASSWORD: bob.password },
    );
    expect(result.code).toBe(0);
    const verified = await cli(['verify', 'bob-revoked.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(1);
    const rows = lines(verified.stdout);
    expect(rows[0]?.[1]).toBe('valid');
    expect(rows[0]?.[5]).toMatch(/^not revoked per CRL of /);
    expect(rows[1]?.[1]).toBe('revoked');
    expect(rows[1]?.[5]).toMatch(
      /^the certificate was revoked on 2025-01-02T12:00:00Z \(per CRL of \d{4}-/,
    );
    expect(verified.stderr).toContain('1 of 2 signatures are not valid (a certificate is revoked)');
  });

  it('a PDF without revocation data verifies as before: no detail, exit 0', async () => {
    const verified = await cli(['verify', 'alice.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(0);
    expect(lines(verified.stdout)).toEqual([
      ['1', 'valid', 'Alice Ærø', expect.stringMatching(/Z$/), 'whole-file'],
    ]);
  });

  it('refuses damaged, foreign and unrelated files with a message naming the file; nothing is written, the PDF unchanged', async () => {
    const before = readFileSync(path.join(work, 'alice.pdf'));
    const listing = readdirSync(work).sort();
    const cases: [string[], RegExp][] = [
      [['--revocation', 'notes.txt'], /notes\.txt er hverken en CRL.*notes\.txt is neither a CRL/],
      [['--revocation', 'issuing.crl', '--revocation', 'minutes.pdf'], /minutes\.pdf is neither/],
      [['--revocation', 'impostor.crl'], /impostor\.crl: .*does not verify with its issuer's key/],
      [['--revocation', 'bob.ocsp'], /bob\.ocsp: .*concerns no signer's certificate/],
      [['--revocation', 'missing.crl'], /missing\.crl does not exist/],
    ];
    for (const [extra, message] of cases) {
      const result = await cli(['sign', 'alice.pdf', ...extra, '--out', 'refused.pdf']);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(message);
      expect(existsSync(path.join(work, 'refused.pdf'))).toBe(false);
    }
    // With --p12 a file of the wrong kind is refused before the password is asked for.
    const withKey = await cli([
      'sign',
      'alice.pdf',
      '--p12',
      bob.p12Path,
      '--revocation',
      'notes.txt',
      '--out',
      'refused.pdf',
    ]);
    expect(withKey.code).toBe(1);
    expect(withKey.stderr).toMatch(/notes\.txt er hverken en CRL/);
    expect(readFileSync(path.join(work, 'alice.pdf')).equals(before)).toBe(true);
    expect(readdirSync(work).sort()).toEqual(listing);
  });

  it('--revocation is listed in referat sign --help with the B-LT explanation', async () => {
    const help = await cli(['sign', '--help']);
    expect(help.stdout).toContain('--revocation CRL|OCSP');
    expect(help.stdout).toContain('PAdES B-LT');
  });
});

describe('referat sign --meeting --revocation', () => {
  it('with --p12 the stored signed file carries the DSS; without --p12 the newest signed file gets it in --out and the library is unchanged', async () => {
    const memberFor = createMemberCache(pki);
    const dir = mkdtempSync(path.join(work, 'meeting-'));
    const lib = path.join(dir, 'library.sqlite');
    const run = (args: string[], env: Record<string, string> = {}) =>
      runCliCaptured(args, { cwd: dir, env: { REFERAT_LIBRARY: lib, ...env } });
    expect((await run(['import', modelMeetingFile])).code).toBe(0);
    let library = openLibrary(lib, { author: 'Referent' });
    const meetingId = library.db.prepare('SELECT id FROM meetings').pluck().get() as string;
    approveMeeting(library.db, { id: meetingId, author: 'Referent' });
    addTrustedRoots(library.db, pki.rootPem);
    library.close();
    const name = presentAtModelMeeting[0] ?? '';
    const member = memberFor(name);
    const ocsp = path.join(dir, 'member.ocsp');
    writeFileSync(ocsp, await makeOcspResponse(await testIssuer(pki), member.certPem));

    const signed = await run(
      ['sign', '--meeting', meetingId, '--p12', member.p12Path, '--out', 'signed.pdf'].concat([
        '--revocation',
        'member.ocsp',
      ]),
      { REFERAT_P12_PASSWORD: member.password },
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    library = openLibrary(lib, { author: 'Referent' });
    const [stored] = listSignedPdfs(library.db, { meetingId });
    const storedBytes = readFileSync(fileStorePath(library.filesDir, stored?.sha256 ?? ''));
    library.close();
    expect(storedBytes.includes(readFileSync(ocsp))).toBe(true);
    const verified = await run(['verify', 'signed.pdf', '--meeting', meetingId]);
    expect(verified.code).toBe(0);
    expect(lines(verified.stdout)[0]?.[5]).toMatch(/^not revoked per OCSP response of /);

    writeFileSync(path.join(dir, 'issuing.crl'), readFileSync(path.join(work, 'issuing.crl')));
    const added = await run([
      'sign',
      '--meeting',
      meetingId,
      '--revocation',
      'issuing.crl',
      '--out',
      'signed-lt.pdf',
    ]);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(lines(added.stdout)[0]?.slice(0, 2)).toEqual(['issuing.crl', 'crl']);
    const lt = readFileSync(path.join(dir, 'signed-lt.pdf'));
    expect(lt.subarray(0, storedBytes.length).equals(storedBytes)).toBe(true);
    library = openLibrary(lib, { author: 'Referent' });
    expect(listSignedPdfs(library.db, { meetingId })).toHaveLength(1);
    library.close();
    const again = await run(['verify', 'signed-lt.pdf', '--meeting', meetingId]);
    expect(again.code).toBe(0);
    expect(lines(again.stdout)[0]?.[4]).toBe('dss-after');
  });
});
