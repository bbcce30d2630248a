/**
 * Verification never fails with an internal error, whatever the file: 400 mutations of a
 * signed PDF (bytes flipped, runs overwritten, cut short, bytes inserted or removed, in the
 * body, the cross-reference data and the signatures) each give a verdict or the typed
 * `damaged_file` error. Seeded, so a failure can be replayed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { signPdf } from '../../main/node/signing/signPdf';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { makeSamplePdf } from '../signing/samplePdf';
import { createTestPki, type TestPki } from '../helpers/testPki';

let pki: TestPki;
let signed: Buffer;

beforeAll(async () => {
  pki = createTestPki();
  let pdf = await makeSamplePdf(2);
  for (const name of ['Anne Ærø', 'Bent Øster']) {
    const member = pki.makeMember(name);
    pdf = signPdf(pdf, { p12: member.p12, password: member.password, reason: 'Godkendt' });
  }
  signed = pdf;
}, 60_000);

afterAll(() => pki?.dispose());

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One mutation of `pdf`; places near the end (xref, trailer, last signature) are favoured. */
function mutate(pdf: Buffer, next: () => number): Buffer {
  const at = () =>
    next() < 0.5
      ? Math.floor(next() * pdf.length)
      : pdf.length - 1 - Math.floor(next() * Math.min(pdf.length, 4000));
  const kind = Math.floor(next() * 6);
  const out = Buffer.from(pdf);
  if (kind === 0) {
    const i = at();
    out[i] = (out[i] ?? 0) ^ (1 << Math.floor(next() * 8));
    return out;
  }
  if (kind === 1) {
    const i = at();
    const chars = '0123456789 <>[]()/RobjendxrefstartxrefR\n%';
    for (let k = 0; k < 1 + next() * 12 && i + k < out.length; k++)
      out[i + k] = chars.charCodeAt(Math.floor(next() * chars.length));
    return out;
  }
  if (kind === 2) return out.subarray(0, at());
  if (kind === 3) {
    const i = at();
    const junk = Buffer.from(
      Array.from({ length: 1 + Math.floor(next() * 40) }, () => Math.floor(next() * 256)),
    );
    return Buffer.concat([out.subarray(0, i), junk, out.subarray(i)]);
  }
  if (kind === 4) {
    const i = at();
    return Buffer.concat([
      out.subarray(0, i),
      out.subarray(Math.min(out.length, i + 1 + Math.floor(next() * 60))),
    ]);
  }
  // A number near a keyword made huge or negative (offsets, lengths, byte ranges).
  const text = out.toString('latin1');
  const positions = [...text.matchAll(/\d{2,}/g)].map((m) => m.index ?? 0);
  const i = positions[Math.floor(next() * positions.length)] ?? 0;
  const value = ['-1', '99999999999', '0', '4294967296', '1e9'][Math.floor(next() * 5)] ?? '0';
  return Buffer.concat([out.subarray(0, i), Buffer.from(value, 'latin1'), out.subarray(i + 2)]);
}

describe('verifyPdf on mutated signed PDFs', () => {
  it('400 mutations: each a verdict or the typed damaged_file error, never an internal error', async () => {
    const next = random(20171212);
    const outcomes = { verdict: 0, damaged: 0 };
    const unexpected: string[] = [];
    for (let n = 0; n < 400; n++) {
      const pdf = mutate(signed, next);
      try {
        const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
        expect(Array.isArray(report.signatures)).toBe(true);
        outcomes.verdict++;
      } catch (error) {
        if (isDomainError(error) && error.code === 'damaged_file') outcomes.damaged++;
        else
          unexpected.push(
            `#${n}: ${isDomainError(error) ? error.code : 'thrown'}: ${(error as Error).message}`,
          );
      }
    }
    expect(unexpected).toEqual([]);
    // Both kinds happen: the mutations reach the parser and the signatures.
    expect(outcomes.verdict).toBeGreaterThan(20);
    expect(outcomes.damaged).toBeGreaterThan(20);
  }, 240_000);
});
