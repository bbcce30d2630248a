/**
 * What a "valid" signature proves: only roots the user configured are trusted (not Node's
 * web-server list), every issuer must be a CA allowed to sign certificates, the signing
 * certificate must be one for documents (not a web server's), SHA-1 is refused in the
 * signature and in the chain, validity is reported at the signing time and now separately, and
 * revocation is said not to be checked. Each case is checked with verifyPdf, through the API
 * (signatures:verify, the library's trusted roots) and with `referat verify --trusted`.
 * Certificates are made at run time (tests/helpers/testPki.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../main/node/signing/signPdf';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { signExternally } from '../helpers/externalSigner';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { createTestPki, type TestPki } from '../helpers/testPki';
import { setupModelMeetingLibrary } from '../storage/signingHelpers';
import { makeSamplePdf } from './samplePdf';

let pki: TestPki;
let work: string;
let sample: Buffer;
/** File name → signed PDF, each written to `work` for the CLI. */
const files = new Map<string, Buffer>();
const day = 86_400_000;
const opensslDate = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';

const sign = (pdf: Buffer, member: { p12: Buffer; password: string }, date?: Date) =>
  signPdf(pdf, {
    p12: member.p12,
    password: member.password,
    reason: 'Godkendt',
    ...(date ? { date } : {}),
  });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-trust-'));
  pki = createTestPki();
  sample = await makeSamplePdf(1);
  const member = pki.makeMember('Marianne Medlem');
  const server = pki.makeMember('referat.example.dk', { profile: 'server' });
  const notCa = pki.makeMember('Nikolaj Ikke-CA', { isKeyKept: true });
  const underNotCa = pki.makeMember('Ulla Under', { issuer: notCa });
  const caWithoutKeyCertSign = pki.makeMember('Kasper Uden Certsign', {
    profile: 'ca-without-keycertsign',
    isKeyKept: true,
  });
  const underNoKeyCertSign = pki.makeMember('Ulrik Under', { issuer: caWithoutKeyCertSign });
  const sha1Certificate = pki.makeMember('Sigurd Sha1', { md: 'sha1' });
  const expired = pki.makeMember('Ellen Udløbet', {
    notBefore: opensslDate(new Date(Date.now() - 400 * day)),
    notAfter: opensslDate(new Date(Date.now() - 30 * day)),
  });
  files.set('valid.pdf', sign(sample, member));
  files.set('server.pdf', sign(sample, server));
  files.set('not-ca.pdf', sign(sample, underNotCa));
  files.set('no-keycertsign.pdf', sign(sample, underNoKeyCertSign));
  files.set('sha1-chain.pdf', sign(sample, sha1Certificate));
  files.set(
    'sha1-signature.pdf',
    await signExternally(sample, {
      p12Path: member.p12Path,
      password: member.password,
      hash: 'SHA-1',
    }),
  );
  files.set(
    'external.pdf',
    await signExternally(sample, { p12Path: member.p12Path, password: member.password }),
  );
  // Signed now with a certificate that expired a month ago.
  files.set('expired.pdf', sign(sample, expired));
  // Signed while the certificate was valid (the /M says so); it has expired since.
  files.set('expired-since.pdf', sign(sample, expired, new Date(Date.now() - 60 * day)));
  for (const [name, bytes] of files) writeFileSync(path.join(work, name), bytes);
  writeFileSync(path.join(work, 'root.pem'), pki.rootPem);
}, 120_000);

afterAll(() => {
  pki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Each case: its file, the status a verifier must give, and words its detail must contain. */
const cases: { file: string; status: string; detail?: RegExp }[] = [
  { file: 'valid.pdf', status: 'valid' },
  { file: 'external.pdf', status: 'valid' },
  { file: 'server.pdf', status: 'wrong_usage', detail: /server|documents/i },
  { file: 'not-ca.pdf', status: 'bad_issuer', detail: /Nikolaj Ikke-CA.*not a CA/ },
  { file: 'no-keycertsign.pdf', status: 'bad_issuer', detail: /keyCertSign/ },
  { file: 'sha1-chain.pdf', status: 'weak_algorithm', detail: /SHA-1/ },
  { file: 'sha1-signature.pdf', status: 'weak_algorithm', detail: /SHA-1/ },
  { file: 'expired.pdf', status: 'expired', detail: /Ellen Udløbet/ },
];

const bytesOf = (file: string) => files.get(file) as Buffer;

describe('verifyPdf trusts only configured roots and checks what certificates may do', () => {
  it.each(cases)('$file is $status', async ({ file, status, detail }) => {
    const report = await verifyPdf(bytesOf(file), { trustedRoots: [pki.rootPem] });
    const signature = report.signatures[0];
    expect(signature?.status).toBe(status);
    if (detail) expect(signature?.detail ?? '').toMatch(detail);
    expect(report.isAllValid).toBe(status === 'valid');
    expect(signature?.isRevocationChecked).toBe(false);
  });

  it('without a configured root nothing is valid (no built-in web-server roots)', async () => {
    const report = await verifyPdf(bytesOf('valid.pdf'));
    expect(report.signatures[0]?.status).toBe('unknown_issuer');
    expect(report.signatures[0]?.detail).toMatch(/no trusted root/i);
    const other = createTestPki('referat-pki-other-');
    try {
      const withOther = await verifyPdf(bytesOf('valid.pdf'), { trustedRoots: [other.rootPem] });
      expect(withOther.signatures[0]?.status).toBe('unknown_issuer');
    } finally {
      other.dispose();
    }
  });

  it('reports validity at the signing time and now separately', async () => {
    const now = await verifyPdf(bytesOf('valid.pdf'), { trustedRoots: [pki.rootPem] });
    expect(now.signatures[0]).toMatchObject({
      isCertificateValidAtSigning: true,
      isCertificateValidNow: true,
    });
    const since = await verifyPdf(bytesOf('expired-since.pdf'), { trustedRoots: [pki.rootPem] });
    expect(since.signatures[0]).toMatchObject({
      status: 'valid',
      isCertificateValidAtSigning: true,
      isCertificateValidNow: false,
    });
    expect(since.signatures[0]?.detail).toMatch(/valid when signed.*expired now/);
    const expired = await verifyPdf(bytesOf('expired.pdf'), { trustedRoots: [pki.rootPem] });
    expect(expired.signatures[0]).toMatchObject({
      isCertificateValidAtSigning: false,
      isCertificateValidNow: false,
    });
  });

  it('names the signing certificate (subject, issuer, fingerprint, validity)', async () => {
    const report = await verifyPdf(bytesOf('valid.pdf'), { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.certificate).toMatchObject({
      subject: expect.stringContaining('Marianne Medlem'),
      issuer: expect.stringContaining('Referat Test Issuing CA'),
      fingerprint256: expect.stringMatching(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/),
    });
  });
});

describe('signatures:verify in the app uses the library roots only', () => {
  it.each(cases)('$file is $status', async ({ file, status, detail }) => {
    const t = await setupModelMeetingLibrary();
    await t.ok('trustedRoots:add', { pem: pki.rootPem });
    const result = await t.ok('signatures:verify', { uploadId: t.upload(file, bytesOf(file)) });
    expect(result.signatures[0]?.status).toBe(status);
    if (detail) expect(result.signatures[0]?.detail ?? '').toMatch(detail);
    expect(result.isAllValid).toBe(status === 'valid');
    expect(result.signatures[0]?.isRevocationChecked).toBe(false);
  });

  it('a library without trusted roots calls a proper chain unknown_issuer', async () => {
    const t = await setupModelMeetingLibrary();
    const result = await t.ok('signatures:verify', {
      uploadId: t.upload('valid.pdf', bytesOf('valid.pdf')),
    });
    expect(result.signatures[0]?.status).toBe('unknown_issuer');
  });
});

describe('referat verify --trusted', () => {
  const cli = (args: string[]) =>
    runCliCaptured(args, {
      cwd: work,
      env: { REFERAT_LIBRARY: path.join(work, 'none.referat') },
    });

  it.each(cases)('$file is $status', async ({ file, status, detail }) => {
    const run = await cli(['verify', file, '--trusted', 'root.pem']);
    const fields = run.stdout.trim().split('\t');
    expect(fields[1]).toBe(status);
    if (detail) expect(fields.slice(5).join(' ')).toMatch(detail);
    expect(run.code).toBe(status === 'valid' ? 0 : 1);
  });

  it('without --trusted (and no library) nothing is trusted', async () => {
    const run = await cli(['verify', 'valid.pdf']);
    expect(run.stdout.split('\t')[1]).toBe('unknown_issuer');
    expect(run.code).toBe(1);
  });
});
