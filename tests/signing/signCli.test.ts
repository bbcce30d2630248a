/** `referat sign` and `referat verify` through runCli, with certificates made at run time. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { createTestPki, type TestMember, type TestPki } from '../helpers/testPki';
import { makeSamplePdf } from './samplePdf';

let pki: TestPki;
let alice: TestMember;
let bob: TestMember;
let work: string;

/** `referat args` in `work`, with a library path that no command here opens. */
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliCaptured(args, {
    cwd: work,
    env: { REFERAT_LIBRARY: path.join(work, 'unused.referat'), ...env },
  });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-signcli-'));
  pki = createTestPki();
  alice = pki.makeMember('Alice Ærø');
  bob = pki.makeMember('Bob Øster', { key: 'ec' });
  writeFileSync(path.join(work, 'minutes.pdf'), await makeSamplePdf(2));
  writeFileSync(path.join(work, 'root.pem'), pki.rootPem);
});

afterAll(() => {
  pki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('referat sign / verify', () => {
  it('two members sign in turn; verify prints one line each and exits 0 with the trusted root', async () => {
    const first = await cli(
      [
        'sign',
        'minutes.pdf',
        '--p12',
        alice.p12Path,
        '--out',
        'signed1.pdf',
        '--location',
        'Gentofte',
      ],
      {
        REFERAT_P12_PASSWORD: alice.password,
      },
    );
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const second = await cli(
      [
        'sign',
        'signed1.pdf',
        '--p12',
        bob.p12Path,
        '--out',
        'signed2.pdf',
        '--reason',
        'Godkendt med forbehold',
      ],
      {
        REFERAT_P12_PASSWORD: bob.password,
      },
    );
    expect(second.code).toBe(0);
    const verified = await cli(['verify', 'signed2.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(0);
    const lines = verified.stdout
      .trim()
      .split('\n')
      .map((line) => line.split('\t'));
    expect(lines).toHaveLength(2);
    expect(lines.map((l) => [l[0], l[1], l[2], l[4]])).toEqual([
      ['1', 'valid', 'Alice Ærø', 'partial'],
      ['2', 'valid', 'Bob Øster', 'whole-file'],
    ]);
    expect(lines[0]?.[3]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('without the trusted root the issuer is unknown and verify exits 1', async () => {
    await cli(['sign', 'minutes.pdf', '--p12', alice.p12Path, '--out', 'untrusted.pdf'], {
      REFERAT_P12_PASSWORD: alice.password,
    });
    const verified = await cli(['verify', 'untrusted.pdf', '--no-system-roots']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/^1\tunknown_issuer\tAlice Ærø\t/);
    expect(verified.stderr).toContain('1 of 1 signatures are not valid');
  });

  it('a flipped byte makes verify report "modified" and exit 1', async () => {
    await cli(['sign', 'minutes.pdf', '--p12', alice.p12Path, '--out', 'flip.pdf'], {
      REFERAT_P12_PASSWORD: alice.password,
    });
    const bytes = readFileSync(path.join(work, 'flip.pdf'));
    const at = bytes.indexOf('/MediaBox', 0, 'latin1');
    bytes[at + 1] = 'N'.charCodeAt(0);
    writeFileSync(path.join(work, 'flip.pdf'), bytes);
    const verified = await cli(['verify', 'flip.pdf', '--trusted', 'root.pem']);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(/^1\tmodified\t/);
  });

  it('a wrong password: exit 1, a clear message without the password, no file written', async () => {
    const before = readdirSync(work).sort();
    const wrong = 'Hemmeligt-42';
    const result = await cli(
      ['sign', 'minutes.pdf', '--p12', alice.p12Path, '--out', 'never.pdf'],
      { REFERAT_P12_PASSWORD: wrong },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'referat: Forkert adgangskode til certifikatet / The certificate password is wrong\n',
    );
    expect(result.stderr + result.stdout).not.toContain(wrong);
    expect(existsSync(path.join(work, 'never.pdf'))).toBe(false);
    expect(readdirSync(work).sort()).toEqual(before);
  });

  it('no password and no terminal: a clear message', async () => {
    const result = await cli(['sign', 'minutes.pdf', '--p12', alice.p12Path, '--out', 'never.pdf']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('REFERAT_P12_PASSWORD');
    expect(existsSync(path.join(work, 'never.pdf'))).toBe(false);
  });

  it('usage errors and missing files name the problem', async () => {
    expect((await cli(['sign', 'minutes.pdf', '--out', 'x.pdf'])).code).toBe(2);
    const missing = await cli(['verify', 'nope.pdf']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.pdf does not exist');
    const unsigned = await cli(['verify', 'minutes.pdf']);
    expect(unsigned.code).toBe(1);
    expect(unsigned.stderr).toContain('has no signatures');
  });
});
