/**
 * PAdES signing end to end: a pdfkit PDF/A-3b signed by 1, 3 and 7 members with certificates made
 * at run time, checked by independent tools (pdfsig, qpdf, openssl cms, pdf-audit) and by a
 * strict comparison of every revision with the one before it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { signPdf, verifyPdf, WRONG_PASSWORD_MESSAGE } from '../../main/node/signing/index';
import {
  byteRangeContent,
  embedSignature,
  prepareSignature,
} from '../../main/node/signing/pdfIncremental';
import { createTestPki, type KeyKind, type TestMember, type TestPki } from '../helpers/testPki';
import { makeSamplePdf } from './samplePdf';

/** The team's independent PDF checker, beside the repository. */
const PDF_AUDIT = path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit');

let pki: TestPki;
let members: TestMember[];
let work: string;
let unsigned: Buffer;
/** The sample signed by members[0..n-1] in turn, and every intermediate file. */
let revisions: Buffer[];

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'latin1' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function save(name: string, bytes: Buffer): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

function signAs(
  pdf: Buffer,
  member: TestMember,
  extra: Partial<Parameters<typeof signPdf>[1]> = {},
): Buffer {
  return signPdf(pdf, {
    p12: member.p12,
    password: member.password,
    reason: 'Referatet godkendt',
    location: 'Gentofte Rådhus',
    ...extra,
  });
}

/** pdfsig's verdicts, one per signature. */
function pdfsig(file: string): {
  valid: number;
  total: number;
  isWholeDocument: boolean;
  out: string;
} {
  const { out } = run('pdfsig', [file]);
  return {
    total: (out.match(/^Signature #\d+/gm) ?? []).length,
    valid: (out.match(/Signature Validation: Signature is Valid/g) ?? []).length,
    isWholeDocument: out.includes('Total document signed'),
    out,
  };
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-signing-'));
  pki = createTestPki();
  // Member 4 signs with RSASSA-PSS padding; member 6 has a legacy SHA1-3DES PKCS#12 file.
  const kinds: KeyKind[] = ['rsa', 'ec', 'rsa', 'rsa', 'ec', 'rsa', 'rsa'];
  members = kinds.map((key, i) =>
    pki.makeMember(`Medlem ${i + 1} Søren Ærø`, {
      key,
      // The signatures claim December 2017: the certificates must be valid then.
      notBefore: '20170101000000Z',
      ...(i === 5 ? { p12Format: 'legacy-3des' as const } : {}),
    }),
  );
  unsigned = await makeSamplePdf(3);
  revisions = [unsigned];
  let current = unsigned;
  const start = Date.UTC(2017, 11, 13, 9);
  members.forEach((member, i) => {
    current = signAs(current, member, {
      date: new Date(start + i * 60_000),
      ...(i === 3 ? { rsaPadding: 'pss' as const } : {}),
    });
    revisions.push(current);
  });
});

afterAll(() => {
  pki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('signing a PDF/A-3b', () => {
  it('the unsigned sample passes pdf-audit (so later failures are the signature’s fault)', () => {
    const file = save('unsigned.pdf', unsigned);
    const { code, out } = run(PDF_AUDIT, [
      file,
      '--pdfa',
      '--tagged',
      '--attachment',
      'meeting.json',
    ]);
    expect(out).toContain('0 failed');
    expect(code).toBe(0);
  });

  for (const n of [1, 3, 7]) {
    it(`${n} signature(s): pdfsig valid and whole file covered, pdf-audit with qpdf --check clean`, async () => {
      const file = save(`signed-${n}.pdf`, revisions[n] as Buffer);
      const sig = pdfsig(file);
      expect(sig.total).toBe(n);
      expect(sig.valid, sig.out).toBe(n);
      expect(sig.isWholeDocument).toBe(true);
      expect(sig.out).toContain('Signature Type: ETSI.CAdES.detached');
      const audit = run(PDF_AUDIT, [
        file,
        '--pdfa',
        '--tagged',
        '--attachment',
        'meeting.json',
        '--signatures',
        String(n),
        '--signature-valid',
      ]);
      expect(audit.out).toContain('ok   qpdf --check: no errors, no warnings');
      expect(audit.out).toContain(`pdf-audit: 6 checks, 0 failed`);
      expect(audit.code).toBe(0);

      const report = await verifyPdf(revisions[n] as Buffer, {
        trustedRoots: [pki.rootPem],
      });
      expect(report.signatures.map((s) => s.status)).toEqual(Array(n).fill('valid'));
      expect(report.signatures.map((s) => s.coversWholeFile)).toEqual([
        ...Array(n - 1).fill(false),
        true,
      ]);
      expect(report.signatures.map((s) => s.signer)).toEqual(
        members.slice(0, n).map((m) => m.name),
      );
      expect(report.signatures[0]?.signedAt?.toISOString()).toBe('2017-12-13T09:00:00.000Z');
      expect(report.signatures[0]?.reason).toBe('Referatet godkendt');
      expect(report.signatures[0]?.location).toBe('Gentofte Rådhus');
      expect(report.isAllValid).toBe(true);
    });
  }

  it('each signature is a CAdES detached CMS that openssl verifies, with exactly the PAdES B-B attributes', async () => {
    const pdf = revisions[7] as Buffer;
    const report = await verifyPdf(pdf, {});
    // Seven signatures were made: the loop below must check each of them.
    expect(report.signatures).toHaveLength(7);
    for (const sig of report.signatures) {
      const [a, b, c, d] = sig.byteRange as [number, number, number, number];
      const cms = Buffer.from(pdf.toString('latin1', b + 1, c - 1), 'hex');
      const der = save('sig.der', cms);
      const content = save(
        'content.bin',
        Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
      );
      const printed = execFileSync(
        'openssl',
        ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', der],
        { encoding: 'latin1' },
      );
      expect(printed).toContain('object: contentType (1.2.840.113549.1.9.3)');
      expect(printed).toContain('object: messageDigest (1.2.840.113549.1.9.4)');
      expect(printed).toMatch(
        /object: (id-smime-aa-signingCertificateV2|signingCertificateV2) \(1\.2\.840\.113549\.1\.9\.16\.2\.47\)/,
      );
      expect(printed).not.toContain('signingTime');
      expect(printed).toContain('eContent: <ABSENT>');
      expect(printed).toMatch(/algorithm: sha256 \(2\.16\.840\.1\.101\.3\.4\.2\.1\)/);
      const verified = run('openssl', [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        der,
        '-content',
        content,
        '-CAfile',
        pki.rootPath,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ]);
      expect(verified.out).toContain('Verification successful');
    }
  });

  it('every revision keeps every earlier object, key and value (strict revision comparison)', () => {
    const original = revisions[0] as Buffer;
    const originalId = /\/ID\s*\[\s*(<[0-9a-fA-F]+>)/.exec(
      original.toString('latin1', original.length - 400),
    )?.[1];
    expect(originalId).toBeDefined();
    for (let k = 1; k < revisions.length; k++) {
      const before = revisions[k - 1] as Buffer;
      const after = revisions[k] as Buffer;
      // The update is appended: the earlier file is a byte-exact prefix.
      expect(after.subarray(0, before.length).equals(before)).toBe(true);
      const update = after.toString('latin1', before.length);

      // Trailer: /Size = highest object number + 1, /Prev = previous startxref, /ID keeps the first part.
      const prevStartxref = Number(
        /startxref\s+(\d+)\s+%%EOF\s*$/.exec(before.toString('latin1', before.length - 64))?.[1],
      );
      const trailer = /trailer\s*<<(.*?)>>\s*startxref\s+(\d+)\s+%%EOF\n$/s.exec(update);
      expect(trailer).not.toBeNull();
      const [, trailerBody, startxref] = trailer as unknown as [string, string, string];
      expect(trailerBody).toContain(`/Prev ${prevStartxref}`);
      const ids = /\/ID \[(<[0-9A-Fa-f]+>) (<[0-9A-Fa-f]+>)\]/.exec(trailerBody);
      expect(ids?.[1]).toBe(originalId);
      expect(ids?.[2]).not.toBe(originalId);
      const objectNumbers = [...update.matchAll(/^(\d+) 0 obj$/gm)].map((m) => Number(m[1]));
      const beforeSize = Number(
        /\/Size (\d+)/.exec(before.toString('latin1', before.length - 600))?.[1],
      );
      const maxObject = Math.max(beforeSize - 1, ...objectNumbers);
      expect(trailerBody).toContain(`/Size ${maxObject + 1}`);
      // startxref points exactly at the "xref" keyword of this update.
      expect(after.toString('latin1', Number(startxref), Number(startxref) + 5)).toBe('xref\n');
      // Each xref entry points exactly at its "n 0 obj".
      const xref = update.slice(update.lastIndexOf('\nxref\n') + 1);
      let entries = 0;
      for (const m of xref.matchAll(/^(\d+) (\d+)\n((?:\d{10} \d{5} n\r\n)+)/gm)) {
        const first = Number(m[1]);
        (m[3] as string)
          .split('\r\n')
          .filter(Boolean)
          .forEach((line, i) => {
            const offset = Number(line.slice(0, 10));
            expect(after.toString('latin1', offset, offset + 20)).toMatch(
              new RegExp(`^${first + i} 0 obj\\n`),
            );
            entries++;
          });
      }
      expect(entries).toBe(objectNumbers.length);

      // Object by object with qpdf (an independent parser): nothing lost, only permitted additions.
      const older = qpdfObjects(save(`rev-${k - 1}.pdf`, before));
      const newer = qpdfObjects(save(`rev-${k}.pdf`, after));
      for (const [key, oldObj] of Object.entries(older.objects)) {
        const newObj = newer.objects[key];
        expect(newObj, `${key} kept`).toBeDefined();
        assertPreserved(oldObj, newObj, key);
      }
      // The update holds only what a signature needs.
      const kinds = objectNumbers.map((num) => {
        const value = (newer.objects[`obj:${num} 0 R`] as { value?: unknown }).value;
        if (Array.isArray(value)) return 'array';
        const dict = value as Record<string, unknown>;
        if (dict['/Type'] === '/Sig') return 'sig';
        if (dict['/Subtype'] === '/Widget' && dict['/FT'] === '/Sig') return 'widget';
        if (dict['/Type'] === '/Catalog') return 'catalog';
        if (dict['/Type'] === '/Page') return 'page';
        if ('/Fields' in dict) return 'acroform';
        return `unexpected ${JSON.stringify(dict).slice(0, 80)}`;
      });
      expect(kinds.sort()).toEqual(
        k === 1
          ? ['acroform', 'catalog', 'page', 'sig', 'widget']
          : ['acroform', 'page', 'sig', 'widget'],
      );
      const catalogKey = `obj:${newer.trailer['/Root'] as string}`;
      const catalog = (newer.objects[catalogKey] as { value: Record<string, unknown> }).value;
      for (const entry of [
        '/OutputIntents',
        '/Metadata',
        '/StructTreeRoot',
        '/MarkInfo',
        '/Lang',
        '/Names',
        '/AF',
      ]) {
        expect(catalog[entry], `catalog ${entry}`).toBeDefined();
      }
      const form = resolveQpdf(newer.objects, catalog['/AcroForm']) as Record<string, unknown>;
      expect(form['/SigFlags']).toBe(3);
      expect((resolveQpdf(newer.objects, form['/Fields']) as unknown[]).length).toBe(k);
    }
  });

  it('flipping one byte inside the signed range is reported by verifyPdf and pdfsig', async () => {
    const pdf = Buffer.from(revisions[3] as Buffer);
    const at = pdf.indexOf('Opgaveudvalget', 0, 'latin1');
    const producerAt = at >= 0 ? at : pdf.indexOf('PDFKit', 0, 'latin1');
    expect(producerAt).toBeGreaterThan(0);
    pdf[producerAt] = (pdf[producerAt] as number) ^ 0x01;
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => s.status)).toEqual(['modified', 'modified', 'modified']);
    expect(report.isAllValid).toBe(false);
    const sig = pdfsig(save('flipped.pdf', pdf));
    expect(sig.total).toBe(3);
    expect(sig.valid).toBe(0);
    expect(sig.out).toMatch(/Digest Mismatch/i);
  });

  it('a byte flipped in the last update only breaks the last signature', async () => {
    const pdf = Buffer.from(revisions[3] as Buffer);
    const lastSigAt = pdf.lastIndexOf('/Reason (', pdf.length, 'latin1') + '/Reason ('.length;
    pdf[lastSigAt] = (pdf[lastSigAt] as number) ^ 0x01;
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => s.status)).toEqual(['valid', 'valid', 'modified']);
  });

  it('bytes appended after the last signature: still valid signatures, but not covering the file', async () => {
    const pdf = Buffer.concat([revisions[1] as Buffer, Buffer.from('% appended\n')]);
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.status).toBe('valid');
    expect(report.signatures[0]?.coversWholeFile).toBe(false);
    expect(report.isAllValid).toBe(false);
  });

  it('a signature whose CMS is damaged is invalid', async () => {
    const pdf = Buffer.from(revisions[1] as Buffer);
    const sig = (await verifyPdf(pdf, {})).signatures[0];
    const [, b] = sig?.byteRange as [number, number];
    // The CMS is SEQUENCE (30 82 LL LL): its last bytes are the signature value (no unsigned
    // attributes follow), so flipping the 5th-last byte damages exactly the signature.
    const header = Buffer.from(pdf.toString('latin1', b + 1, b + 9), 'hex');
    expect([header[0], header[1]]).toEqual([0x30, 0x82]);
    const derLength = 4 + header.readUInt16BE(2);
    const at = b + 1 + (derLength - 5) * 2;
    pdf.write(pdf.toString('latin1', at, at + 1) === 'F' ? 'E' : 'F', at, 'latin1');
    expect((await verifyPdf(pdf, { trustedRoots: [pki.rootPem] })).signatures[0]?.status).toBe(
      'invalid',
    );
  });

  it('an issuer that is not trusted is reported as unknown_issuer', async () => {
    const pdf = revisions[1] as Buffer;
    expect((await verifyPdf(pdf, {})).signatures[0]?.status).toBe('unknown_issuer');
    const other = createTestPki('referat-other-pki-');
    try {
      expect((await verifyPdf(pdf, { trustedRoots: [other.rootPem] })).signatures[0]?.status).toBe(
        'unknown_issuer',
      );
    } finally {
      other.dispose();
    }
    // No root configured: nothing is trusted (there is no built-in list).
    expect((await verifyPdf(pdf)).signatures[0]?.status).toBe('unknown_issuer');
    expect((await verifyPdf(pdf, { trustedRoots: [pki.rootPem] })).signatures[0]?.status).toBe(
      'valid',
    );
  });

  it('a certificate expired at the signing time is expired; one that expired since is valid with a note', async () => {
    const expired = pki.makeMember('Udløbet Medlem', {
      notBefore: '20200101000000Z',
      notAfter: '20210101000000Z',
    });
    const late = signAs(unsigned, expired, { date: new Date(Date.UTC(2022, 5, 1)) });
    const report = await verifyPdf(late, { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.status).toBe('expired');
    expect(report.isAllValid).toBe(false);
    // Signed (so the signature claims) while valid: valid then, expired now, both reported.
    const pdf = signAs(unsigned, expired, { date: new Date(Date.UTC(2020, 5, 1)) });
    const since = (await verifyPdf(pdf, { trustedRoots: [pki.rootPem] })).signatures[0];
    expect(since).toMatchObject({
      status: 'valid',
      isCertificateValidAtSigning: true,
      isCertificateValidNow: false,
    });
    expect(since?.detail).toMatch(
      /valid when signed \(2020-06-01\); the certificate has expired now/,
    );
    const then = await verifyPdf(pdf, {
      trustedRoots: [pki.rootPem],
      at: new Date(Date.UTC(2020, 5, 2)),
    });
    expect(then.signatures[0]).toMatchObject({ status: 'valid', isCertificateValidNow: true });
  });

  it('a wrong password is a clear invalid_input error that does not echo the password', () => {
    const member = members[0] as TestMember;
    const wrong = `${member.password}x`;
    let caught: unknown;
    try {
      signAs(unsigned, { ...member, password: wrong });
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught)).toBe(true);
    expect((caught as Error).message).toBe(WRONG_PASSWORD_MESSAGE);
    expect((caught as Error).message).not.toContain(wrong);
    expect((caught as { code: string }).code).toBe('invalid_input');
    // Legacy 3DES files are checked the same way.
    expect(() => signAs(unsigned, { ...(members[5] as TestMember), password: 'nope' })).toThrow(
      WRONG_PASSWORD_MESSAGE,
    );
  });

  it('rejects bad input with a message naming the problem', async () => {
    const member = members[0] as TestMember;
    expect(() => signAs(Buffer.from('hello'), member)).toThrow(/PDF/);
    expect(() => signAs(unsigned, member, { reason: '' })).toThrow(/reason: must not be empty/);
    expect(() => signAs(unsigned, { ...member, p12: Buffer.from('not a p12') })).toThrow(
      /certificate file cannot be read/,
    );
    await expect(verifyPdf(Buffer.from('%PDF-1.7\nnothing here at all\n'))).rejects.toThrow(
      /PDF cannot be read/,
    );
  });

  it('reads a legacy PKCS#12 (certificates RC2-40, key 3DES, as OpenSSL 1.x and older Windows export)', async () => {
    const member = pki.makeMember('Gammel Eksport', { p12Format: 'legacy-rc2' });
    const pdf = signAs(unsigned, member);
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => [s.signer, s.status])).toEqual([
      ['Gammel Eksport', 'valid'],
    ]);
    // The chain came out of the RC2-encrypted bag: the CMS carries all three certificates.
    const [, b, c] = report.signatures[0]?.byteRange as [number, number, number];
    const der = save('rc2.der', Buffer.from(pdf.toString('latin1', b + 1, c - 1), 'hex'));
    const certs = execFileSync(
      'openssl',
      ['pkcs7', '-inform', 'DER', '-in', der, '-print_certs', '-noout'],
      {
        encoding: 'utf8',
      },
    );
    expect(certs.match(/^subject=/gm)).toHaveLength(3);
    expect(() => signAs(unsigned, { ...member, password: 'forkert' })).toThrow(
      WRONG_PASSWORD_MESSAGE,
    );
  });

  it('signs with an RSA-PSS key (openssl and verifyPdf accept it; poppler 22 does not support such keys)', async () => {
    const member = pki.makeMember('PSS Medlem', { key: 'rsa-pss' });
    const pdf = signAs(unsigned, member);
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures[0]?.status).toBe('valid');
    const [a, b, c, d] = report.signatures[0]?.byteRange as [number, number, number, number];
    const der = save('pss.der', Buffer.from(pdf.toString('latin1', b + 1, c - 1), 'hex'));
    const content = save(
      'pss.bin',
      Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
    );
    const verified = run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      der,
      '-content',
      content,
      '-CAfile',
      pki.rootPath,
      '-purpose',
      'any',
      '-out',
      '/dev/null',
    ]);
    expect(verified.out).toContain('Verification successful');
  });

  it('verifies a CMS made by another implementation (openssl cms), and pdfsig agrees', async () => {
    const member = members[1] as TestMember;
    const keyPem = path.join(work, 'foreign-key.pem');
    execFileSync(
      'openssl',
      ['pkcs12', '-in', member.p12Path, '-nodes', '-out', keyPem, '-passin', 'env:P12PASS'],
      {
        env: { ...process.env, P12PASS: member.password },
        stdio: ['ignore', 'ignore', 'ignore'],
      },
    );
    const prepared = prepareSignature(unsigned, {
      contentsSize: 8192,
      date: new Date(),
      reason: 'Fremmed',
    });
    const content = save(
      'foreign.bin',
      Buffer.concat(byteRangeContent(prepared.bytes, prepared.byteRange)),
    );
    const der = path.join(work, 'foreign.der');
    // OpenSSL's own choices: signing-time and SMIMECapabilities attributes, its DER ordering.
    execFileSync('openssl', [
      'cms',
      '-sign',
      '-binary',
      '-in',
      content,
      '-signer',
      keyPem,
      '-outform',
      'DER',
      '-out',
      der,
      '-md',
      'sha256',
      '-certfile',
      save('foreign-chain.pem', Buffer.from(pki.intermediatePem)),
    ]);
    rmSync(keyPem);
    const signed = embedSignature(prepared, readFileSync(der));
    const report = await verifyPdf(signed, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => [s.signer, s.status, s.coversWholeFile])).toEqual([
      [member.name, 'valid', true],
    ]);
    const sig = pdfsig(save('foreign.pdf', signed));
    expect([sig.total, sig.valid]).toEqual([1, 1]);
    // And a foreign CMS over other bytes is caught.
    const other = embedSignature(
      prepareSignature(revisions[1] as Buffer, { contentsSize: 8192, date: new Date() }),
      readFileSync(der),
    );
    expect((await verifyPdf(other, {})).signatures[1]?.status).toBe('modified');
  });

  it('reads a cross-reference table with non-standard 19-byte entries (the tokenizing fallback)', async () => {
    const text = unsigned.toString('latin1');
    const xrefAt = text.lastIndexOf('\nxref\n') + 1;
    const trailerAt = text.indexOf('trailer', xrefAt);
    const table = text.slice(xrefAt, trailerAt).replace(/ (n|f) \n/g, ' $1\n');
    expect(table.length).toBeLessThan(trailerAt - xrefAt);
    // startxref points at "xref", which does not move; only the trailer shifts.
    const odd = Buffer.from(text.slice(0, xrefAt) + table + text.slice(trailerAt), 'latin1');
    const signed = signAs(odd, members[0] as TestMember);
    const report = await verifyPdf(signed, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    const sig = pdfsig(save('odd-xref-signed.pdf', signed));
    expect([sig.total, sig.valid, sig.isWholeDocument]).toEqual([1, 1, true]);
  });

  it('signs files with cross-reference streams and object streams (as qpdf rewrites them)', async () => {
    const source = save('unsigned.pdf', unsigned);
    const streams = path.join(work, 'xrefstream.pdf');
    execFileSync('qpdf', ['--object-streams=generate', source, streams]);
    let pdf: Buffer = readFileSync(streams);
    expect(pdf.toString('latin1')).toContain('/Type /XRef');
    pdf = signAs(pdf, members[0] as TestMember);
    pdf = signAs(pdf, members[1] as TestMember);
    const file = save('xrefstream-signed.pdf', pdf);
    const sig = pdfsig(file);
    expect([sig.total, sig.valid, sig.isWholeDocument]).toEqual([2, 2, true]);
    const check = run('qpdf', ['--check', file]);
    expect(check.out).not.toMatch(/WARNING/);
    expect(check.code).toBe(0);
    expect((await verifyPdf(pdf, { trustedRoots: [pki.rootPem] })).isAllValid).toBe(true);
  });
});

// ---- qpdf JSON helpers --------------------------------------------------------------------------

type QpdfObjects = Record<string, unknown>;

function qpdfObjects(file: string): { objects: QpdfObjects; trailer: Record<string, unknown> } {
  const json = JSON.parse(
    execFileSync('qpdf', ['--json=2', '--json-key=qpdf', file], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    }),
  ) as {
    qpdf: [unknown, QpdfObjects];
  };
  const objects = json.qpdf[1];
  const trailer = (objects.trailer as { value: Record<string, unknown> }).value;
  delete objects.trailer;
  return { objects, trailer };
}

function resolveQpdf(objects: QpdfObjects, value: unknown): unknown {
  if (typeof value === 'string' && / \d+ R$/.test(value)) {
    const obj = objects[`obj:${value}`] as { value?: unknown } | undefined;
    return obj?.value;
  }
  return value;
}

/** Every key and value of the older object is in the newer one; arrays /Annots and /Fields only grow. */
function assertPreserved(oldObj: unknown, newObj: unknown, where: string): void {
  const o = oldObj as { value?: unknown; stream?: { dict: unknown } };
  const n = newObj as { value?: unknown; stream?: { dict: unknown } };
  if (o.stream) {
    expect(n.stream?.dict, where).toEqual(o.stream.dict);
    return;
  }
  if (Array.isArray(o.value)) {
    // A whole indirect array (an /Annots or /Fields object) may only grow at its end.
    expect((n.value as unknown[]).slice(0, o.value.length), where).toEqual(o.value);
    return;
  }
  if (o.value && typeof o.value === 'object') {
    const ov = o.value as Record<string, unknown>;
    const nv = n.value as Record<string, unknown>;
    for (const [key, value] of Object.entries(ov)) {
      if ((key === '/Annots' || key === '/Fields') && Array.isArray(value)) {
        expect((nv[key] as unknown[]).slice(0, value.length), `${where} ${key}`).toEqual(value);
      } else {
        expect(nv[key], `${where} ${key}`).toEqual(value);
      }
    }
    return;
  }
  expect(n.value, where).toEqual(o.value);
}
