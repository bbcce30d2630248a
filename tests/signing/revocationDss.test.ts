/**
 * Long-term validation (PAdES B-LT): CRLs and OCSP responses made at run time with pkijs are
 * embedded in the Document Security Store of a signed meeting PDF by an incremental update.
 * Proves that the DSS holds the right streams (read by qpdf), that earlier signatures stay
 * valid (pdf-audit), that verification reports "not revoked" / "revoked" offline, that
 * unrelated and damaged files are refused with nothing written, and that a PDF without a DSS
 * verifies exactly as before.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate, createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { addRevocationData } from '../../main/node/signing/dss';
import { signPdf } from '../../main/node/signing/signPdf';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { PdfDocument } from '../../main/node/signing/pdfIncremental';
import { readQpdf } from '../helpers/qpdfJson';
import { createTestPki, type TestMember, type TestPki } from '../helpers/testPki';
import {
  makeCrl,
  makeOcspResponder,
  makeOcspResponse,
  pkijsCertificate,
  testIssuer,
  type TestIssuer,
} from '../helpers/testRevocation';
import { makeSamplePdf } from './samplePdf';

const PDF_AUDIT = path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit');

let pki: TestPki;
let otherPki: TestPki;
let issuer: TestIssuer;
let alice: TestMember;
let bob: TestMember;
let carl: TestMember;
let work: string;
/** Signed by Alice, then Bob (B-B). */
let signed: Buffer;
/** Signed by Carl, whose certificate the CRL revokes. */
let signedByCarl: Buffer;
let crl: Buffer;
let unsigned: Buffer;
const revokedAt = new Date(Date.UTC(2018, 0, 2, 12));
const signedAt = new Date(Date.UTC(2017, 11, 13, 9));

const sign = (pdf: Buffer, member: TestMember, minute = 0) =>
  signPdf(pdf, {
    p12: member.p12,
    password: member.password,
    reason: 'Referatet godkendt',
    date: new Date(signedAt.getTime() + minute * 60_000),
  });

function save(name: string, bytes: Buffer): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isDomainError(error)).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-dss-'));
  pki = createTestPki();
  otherPki = createTestPki();
  issuer = await testIssuer(pki);
  const from2017 = { notBefore: '20170101000000Z' };
  alice = pki.makeMember('Alice Ærø', from2017);
  bob = pki.makeMember('Bob Øster', { ...from2017, key: 'ec' });
  carl = pki.makeMember('Carl Revoked', from2017);
  unsigned = await makeSamplePdf(2);
  signed = sign(sign(unsigned, alice), bob, 1);
  signedByCarl = sign(unsigned, carl);
  crl = await makeCrl(issuer, { revoked: [{ certPem: carl.certPem, at: revokedAt }] });
});

afterAll(() => {
  pki?.dispose();
  otherPki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('embedding revocation data (DSS)', () => {
  it('adds /DSS with /Certs, /CRLs, /OCSPs and a /VRI entry per signature, read back by qpdf', async () => {
    const ocsp = await makeOcspResponse(issuer, alice.certPem);
    const result = addRevocationData(signed, [
      { name: 'issuing.crl', bytes: crl },
      { name: 'alice.ocsp', bytes: ocsp },
    ]);
    // One incremental update: the signed file is its prefix.
    expect(result.bytes.subarray(0, signed.length).equals(signed)).toBe(true);
    expect(result.files.map((f) => [f.name, f.kind])).toEqual([
      ['issuing.crl', 'crl'],
      ['alice.ocsp', 'ocsp'],
    ]);
    const file = save('dss.pdf', result.bytes);
    const q = readQpdf(file);
    const dss = q.dict(q.root['/DSS']);
    const certs = (dss['/Certs'] as string[]).map((r) => q.streamData(r));
    const crls = (dss['/CRLs'] as string[]).map((r) => q.streamData(r));
    const ocsps = (dss['/OCSPs'] as string[]).map((r) => q.streamData(r));
    expect(crls).toHaveLength(1);
    expect(crls[0]?.equals(crl)).toBe(true);
    expect(ocsps).toHaveLength(1);
    expect(ocsps[0]?.equals(ocsp)).toBe(true);
    // The chain: both members, the issuing CA and the root (carried by the PKCS#12 files).
    const names = certs.map((der) =>
      new X509Certificate(der).subject.split('\n').find((l) => l.startsWith('CN=')),
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'CN=Alice Ærø',
        'CN=Bob Øster',
        'CN=Referat Test Issuing CA',
        'CN=Referat Test Root CA',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    // /VRI keys: the uppercase hex SHA-1 of each signature's /Contents bytes.
    const doc = new PdfDocument(signed);
    const keys = doc
      .fields()
      .map((f) => doc.resolve(f.dict.entries.get('/V')))
      .map((v) => (v?.kind === 'dict' ? v.entries.get('/Contents') : undefined))
      .map((c) => (c?.kind === 'string' ? Buffer.from(c.raw.slice(1, -1), 'hex') : Buffer.alloc(0)))
      .map((contents) => createHash('sha1').update(contents).digest('hex').toUpperCase());
    expect(new Set(keys).size).toBe(2);
    const vri = q.dict(dss['/VRI']);
    expect(Object.keys(vri).sort()).toEqual(keys.map((k) => `/${k}`).sort());
    const aliceVri = q.dict(vri[`/${keys[0]}`]);
    expect(aliceVri['/CRL']).toEqual(dss['/CRLs']);
    expect(aliceVri['/OCSP']).toEqual(dss['/OCSPs']);
    // Bob's entry has the CRL but not Alice's OCSP response.
    const bobVri = q.dict(vri[`/${keys[1]}`]);
    expect(bobVri['/CRL']).toEqual(dss['/CRLs']);
    expect(bobVri['/OCSP']).toBeUndefined();
  });

  it('after the last signature: pdfsig still finds both signatures valid, qpdf --check passes, verify accepts the DSS-only update', async () => {
    const result = addRevocationData(signed, [{ name: 'issuing.crl', bytes: crl }]);
    const file = save('dss-after.pdf', result.bytes);
    const pdfsig = spawnSync('pdfsig', [file], { encoding: 'utf8' });
    expect(pdfsig.stdout.match(/Signature Validation: Signature is Valid/g)).toHaveLength(2);
    const check = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
    expect(check.status).toBe(0);
    const report = await verifyPdf(result.bytes, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => s.coversWholeFile)).toEqual([false, false]);
    expect(report.isOnlyDssAfterLast).toBe(true);
    expect(report.isAllValid).toBe(true);
  });

  it('signing with revocation data: the DSS goes in before the signature, which covers it; pdf-audit --signatures 3 --signature-valid passes', async () => {
    const carlOcsp = await makeOcspResponse(issuer, carl.certPem);
    // Carl's CRL entry must not be the data here: a good OCSP answer for the new signer and
    // the CRL for the earlier two (Carl is revoked only in 2018, after this signing time).
    const third = signPdf(signed, {
      p12: carl.p12,
      password: carl.password,
      reason: 'Referatet godkendt',
      date: new Date(signedAt.getTime() + 2 * 60_000),
      revocation: [{ name: 'carl.ocsp', bytes: carlOcsp }],
    });
    const file = save('dss-before.pdf', third);
    const audit = spawnSync(PDF_AUDIT, [file, '--signatures', '3', '--signature-valid'], {
      encoding: 'utf8',
    });
    expect(`${audit.stdout}${audit.stderr}`).toContain('pdf-audit: 3 checks, 0 failed');
    expect(audit.status).toBe(0);
    const q = readQpdf(file);
    const dss = q.dict(q.root['/DSS']);
    expect((dss['/OCSPs'] as string[]).map((r) => q.streamData(r).equals(carlOcsp))).toEqual([
      true,
    ]);
    const report = await verifyPdf(third, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    expect(report.isOnlyDssAfterLast).toBe(false);
    expect(report.signatures[2]?.coversWholeFile).toBe(true);
    expect(report.signatures[2]?.detail).toMatch(/^not revoked per OCSP response of /);
    expect(report.signatures.slice(0, 2).map((s) => s.isRevocationChecked)).toEqual([false, false]);
  });

  it('an update after the last signature that changes anything but the DSS is no DSS-only update', async () => {
    const withDss = addRevocationData(signed, [{ name: 'issuing.crl', bytes: crl }]).bytes;
    // Append a revision that changes the catalog's /Lang besides the DSS.
    const text = withDss.toString('latin1');
    const doc = new PdfDocument(withDss);
    const catalogRef = doc.catalogRef();
    const catalogText = /\d+ 0 obj\n(<<[\s\S]*?\/DSS[\s\S]*?>>)\nendobj/.exec(
      text.slice(text.lastIndexOf(`${catalogRef.num} 0 obj`)),
    )?.[1];
    expect(catalogText).toBeDefined();
    const changed = (catalogText as string).replace(/\/Lang \([^)]*\)/, '/Lang (en-GB)');
    expect(changed).not.toBe(catalogText);
    const offset = withDss.length;
    const body = `${catalogRef.num} 0 obj\n${changed}\nendobj\n`;
    const xref = `xref\n${catalogRef.num} 1\n${String(offset).padStart(10, '0')} 00000 n\r\ntrailer\n<</Size ${doc.size} /Root ${catalogRef.num} 0 R /Prev ${doc.startxref}${doc.trailer.entries.has('/Info') ? ` /Info ${(doc.trailer.entries.get('/Info') as { num: number }).num} 0 R` : ''}>>\nstartxref\n${offset + body.length}\n%%EOF\n`;
    const tampered = Buffer.concat([withDss, Buffer.from(body + xref, 'latin1')]);
    const report = await verifyPdf(tampered, { trustedRoots: [pki.rootPem] });
    expect(report.isOnlyDssAfterLast).toBe(false);
    expect(report.isAllValid).toBe(false);
  });

  it('a second call adds to the DSS and keeps what was there; the same data again adds nothing', async () => {
    const first = addRevocationData(signed, [{ name: 'issuing.crl', bytes: crl }]).bytes;
    const again = addRevocationData(first, [{ name: 'issuing.crl', bytes: crl }]);
    expect(again.bytes).toBe(first);
    expect(again.files[0]?.isNew).toBe(false);
    const ocsp = await makeOcspResponse(issuer, bob.certPem);
    const second = addRevocationData(first, [{ name: 'bob.ocsp', bytes: ocsp }]).bytes;
    const q = readQpdf(save('dss-twice.pdf', second));
    const dss = q.dict(q.root['/DSS']);
    expect((dss['/CRLs'] as string[]).length).toBe(1);
    expect((dss['/OCSPs'] as string[]).length).toBe(1);
    expect(Object.keys(q.dict(dss['/VRI']))).toHaveLength(2);
  });
});

describe('verification with the DSS (offline)', () => {
  it('reports "not revoked per CRL of …" and isRevocationChecked for covered signers', async () => {
    const withDss = addRevocationData(signed, [{ name: 'issuing.crl', bytes: crl }]).bytes;
    const report = await verifyPdf(withDss, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    for (const s of report.signatures) {
      expect(s.status).toBe('valid');
      expect(s.isRevocationChecked).toBe(true);
      expect(s.detail).toMatch(/^not revoked per CRL of \d{4}-\d\d-\d\dT/);
      expect(s.revocation).toMatchObject({ source: 'crl', state: 'good' });
    }
  });

  it('reports "not revoked per OCSP response" for the signer the response names only', async () => {
    const ocsp = await makeOcspResponse(issuer, alice.certPem);
    const withDss = addRevocationData(signed, [{ name: 'alice.ocsp', bytes: ocsp }]).bytes;
    const report = await verifyPdf(withDss, { trustedRoots: [pki.rootPem] });
    const [first, second] = report.signatures;
    expect(first?.detail).toMatch(/^not revoked per OCSP response of /);
    expect(first?.isRevocationChecked).toBe(true);
    expect(second?.isRevocationChecked).toBe(false);
    expect(second?.detail).toBeUndefined();
    expect(report.isAllValid).toBe(true);
  });

  it('flags a signature whose certificate the CRL revokes: status revoked, "revoked on <date>"', async () => {
    const withDss = addRevocationData(signedByCarl, [{ name: 'issuing.crl', bytes: crl }]);
    expect(withDss.files[0]?.about).toContainEqual({
      certificate: 'Carl Revoked',
      state: 'revoked',
      revokedAt,
    });
    const report = await verifyPdf(withDss.bytes, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(false);
    expect(report.signatures[0]?.status).toBe('revoked');
    expect(report.signatures[0]?.detail).toBe(
      `the certificate was revoked on 2018-01-02T12:00:00Z (per CRL of ${report.signatures[0]?.revocation?.issuedAt.toISOString().replace(/\.\d{3}Z$/, 'Z')})`,
    );
    expect(report.signatures[0]?.revocation?.revokedAt).toEqual(revokedAt);
  });

  it('accepts an OCSP response signed by a responder the issuer certified for OCSP signing (its certificate goes in /Certs); refuses one whose responder lacks id-kp-OCSPSigning', async () => {
    const responder = await makeOcspResponder(issuer);
    const ocsp = await makeOcspResponse(issuer, alice.certPem, { responder });
    const withDss = addRevocationData(signed, [{ name: 'delegated.ocsp', bytes: ocsp }]).bytes;
    const q = readQpdf(save('dss-delegated.pdf', withDss));
    const certs = (q.dict(q.root['/DSS'])['/Certs'] as string[]).map(
      (r) => new X509Certificate(q.streamData(r)).subject,
    );
    expect(certs).toContain('CN=Referat Test OCSP Responder');
    const report = await verifyPdf(withDss, { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.detail).toMatch(/^not revoked per OCSP response of /);

    const notResponder = await makeOcspResponder(issuer, { isWithoutOcspSigning: true });
    const bad = await makeOcspResponse(issuer, alice.certPem, { responder: notResponder });
    const message = refusal(() => addRevocationData(signed, [{ name: 'bad.ocsp', bytes: bad }]));
    expect(message).toMatch(
      /bad\.ocsp: .*not signed by the issuer or by a responder the issuer certified/,
    );
  });

  it('flags a signature whose certificate an OCSP response reports revoked', async () => {
    const ocsp = await makeOcspResponse(issuer, carl.certPem, { revokedAt });
    const withDss = addRevocationData(signedByCarl, [{ name: 'carl.ocsp', bytes: ocsp }]).bytes;
    const report = await verifyPdf(withDss, { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.status).toBe('revoked');
    expect(report.signatures[0]?.detail).toMatch(
      /^the certificate was revoked on 2018-01-02T12:00:00Z \(per OCSP response of /,
    );
  });

  it('a PDF without a DSS verifies exactly as before: revocation not checked, no revocation field', async () => {
    const report = await verifyPdf(signed, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    for (const s of report.signatures) {
      expect(s.status).toBe('valid');
      expect(s.isRevocationChecked).toBe(false);
      expect(s.detail).toBeUndefined();
      expect('revocation' in s).toBe(false);
    }
  });
});

describe('refusing revocation files', () => {
  it('refuses a CRL of an unrelated issuer, naming the file; nothing is returned', async () => {
    // Issued in the name of a certificate that is no issuer of any signer.
    const stranger = await makeCrl({ cert: pkijsCertificate(carl.certPem), key: issuer.key });
    const message = refusal(() =>
      addRevocationData(signed, [
        { name: 'issuing.crl', bytes: crl },
        { name: 'stranger.crl', bytes: stranger },
      ]),
    );
    expect(message).toContain('stranger.crl');
    expect(message).toMatch(/gælder ikke nogen underskrivers certifikat/);
    expect(message).toMatch(/concerns no signer's certificate/);
  });

  it("refuses a CRL of another CA bearing the issuer's name (another key)", async () => {
    const impostor = await makeCrl(await testIssuer(otherPki));
    const message = refusal(() =>
      addRevocationData(signed, [{ name: 'impostor.crl', bytes: impostor }]),
    );
    expect(message).toContain('impostor.crl');
    expect(message).toMatch(/does not verify with its issuer's key/);
  });

  it('refuses an OCSP response about a certificate of no signer', async () => {
    const ocsp = await makeOcspResponse(issuer, carl.certPem);
    const message = refusal(() => addRevocationData(signed, [{ name: 'carl.ocsp', bytes: ocsp }]));
    expect(message).toContain('carl.ocsp');
    expect(message).toMatch(/concerns no signer's certificate/);
  });

  it("refuses a CRL in the issuer's name whose signature does not verify with the issuer's key", async () => {
    const root = await testIssuer(pki, 'root');
    const forged = await makeCrl(
      { cert: issuer.cert, key: root.key },
      { revoked: [{ certPem: alice.certPem, at: revokedAt }] },
    );
    const message = refusal(() =>
      addRevocationData(signed, [{ name: 'forged.crl', bytes: forged }]),
    );
    expect(message).toContain('forged.crl');
    expect(message).toMatch(/does not verify with its issuer's key/);
  });

  it('refuses damaged and foreign files (not a CRL or OCSP response), naming the file', () => {
    const cases: [string, Buffer][] = [
      ['truncated.crl', crl.subarray(0, crl.length - 20)],
      ['empty.crl', Buffer.alloc(0)],
      ['notes.txt', Buffer.from('dette er ikke en CRL\n')],
      ['cert.pem', Buffer.from(alice.certPem)],
      ['minutes.pdf', signed],
    ];
    for (const [name, bytes] of cases) {
      const message = refusal(() => addRevocationData(signed, [{ name, bytes }]));
      expect(message).toContain(`${name} er hverken en CRL`);
      expect(message).toContain(`${name} is neither a CRL (DER or PEM) nor an OCSP response (DER)`);
    }
  });

  it('accepts a PEM CRL', () => {
    const pem = `-----BEGIN X509 CRL-----\n${crl.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END X509 CRL-----\n`;
    const result = addRevocationData(signed, [{ name: 'issuing.pem', bytes: Buffer.from(pem) }]);
    expect(result.files[0]?.kind).toBe('crl');
  });

  it('refuses a PDF without signatures', () => {
    const message = refusal(() =>
      addRevocationData(unsigned, [{ name: 'issuing.crl', bytes: crl }]),
    );
    expect(message).toMatch(/no signatures/);
  });
});
