/**
 * A PKCS#12 file asking for an absurd number of key-derivation iterations is refused at once
 * with a clear message (it would otherwise keep the app busy for minutes), while ordinary
 * counts (OpenSSL's 2048, a strict 65535) still read.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_P12_ITERATIONS, readP12 } from '../../main/node/signing/p12';
import { createTestPki } from '../helpers/testPki';

const pki = createTestPki();
afterAll(() => pki.dispose());

/** A PKCS#12 file without MAC whose PBKDF2 runs 65535 times (encoded 02 03 00 FF FF). */
function exportWith65535(password: string): Buffer {
  const member = pki.makeMember('Iben Iteration', { isKeyKept: true });
  const out = path.join(pki.dir, 'iter.p12');
  execFileSync(
    'openssl',
    [
      'pkcs12',
      '-export',
      '-inkey',
      member.keyPath ?? '',
      '-in',
      path.join(pki.dir, 'm1.pem'),
      '-out',
      out,
      '-iter',
      '65535',
      '-nomac',
      '-passout',
      'env:P12PASS',
    ],
    { env: { ...process.env, P12PASS: password }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return readFileSync(out);
}

describe('PKCS#12 iteration counts', () => {
  it('reads an ordinary count and refuses an absurd one with a clear message', () => {
    const password = 'hemmelig';
    const p12 = exportWith65535(password);
    expect(readP12(p12, password).chain.length).toBeGreaterThan(0);
    // The same file with the count raised to 8388607 (same encoded length, 02 03 7F FF FF).
    const needle = Buffer.from([0x02, 0x03, 0x00, 0xff, 0xff]);
    expect(p12.indexOf(needle)).toBeGreaterThan(0);
    const absurd = Buffer.from(p12);
    for (let at = absurd.indexOf(needle); at >= 0; at = absurd.indexOf(needle, at + 1))
      absurd[at + 2] = 0x7f;
    const started = Date.now();
    let caught: unknown;
    try {
      readP12(absurd, password);
    } catch (error) {
      caught = error;
    }
    expect(Date.now() - started).toBeLessThan(2000);
    expect(caught).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining(`at most ${MAX_P12_ITERATIONS} are accepted`),
      localized: { key: 'signing.p12Iterations', values: { count: 8388607 } },
    });
  });
});
