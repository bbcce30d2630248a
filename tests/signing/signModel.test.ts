/**
 * The real exporter's PDF (main/node/pdf/writePdf.ts) for the model meeting, signed in turn by
 * every participant recorded as present, checked with pdfsig, pdf-audit and verifyPdf.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { PdfDocument } from '../../main/node/signing/pdfIncremental';
import { signPdf, verifyPdf } from '../../main/node/signing/index';
import { createTestPki, type TestPki } from '../helpers/testPki';

const fixture = path.resolve(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json');
let pki: TestPki;
let work: string;
let exported: Buffer;
let present: string[];

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'referat-signmodel-'));
  pki = createTestPki();
  const doc = parseReferatDocument(readFileSync(fixture, 'utf8'));
  present = doc.participants.filter((p) => p.attendance === 'present').map((p) => p.name);
  const file = path.join(work, 'minutes.pdf');
  await writeMinutesPdf(doc, { edition: 'full', out: file, isWithSignaturePage: true });
  exported = readFileSync(file);
});

afterAll(() => {
  pki?.dispose();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('signing the exported model meeting', () => {
  it('every member present signs in turn; pdfsig, pdf-audit and verifyPdf accept every signature', async () => {
    expect(present.length).toBeGreaterThan(0);
    let pdf = exported;
    for (const name of present) {
      const member = pki.makeMember(name);
      pdf = signPdf(pdf, {
        p12: member.p12,
        password: member.password,
        reason: 'Referatet er godkendt',
        location: 'Gentofte Rådhus',
      });
    }
    const file = path.join(work, 'signed.pdf');
    writeFileSync(file, pdf);
    const audit = execFileSync(
      path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit'),
      [
        file,
        '--pdfa',
        '--tagged',
        '--lang',
        'da',
        '--attachment',
        'meeting.json',
        '--signatures',
        String(present.length),
        '--signature-valid',
      ],
      { encoding: 'utf8' },
    );
    expect(audit).toContain('0 failed');
    const report = await verifyPdf(pdf, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => [s.signer, s.status])).toEqual(
      present.map((name) => [name, 'valid']),
    );
    expect(report.isAllValid).toBe(true);
  });

  it('finds every page as qpdf does (the widget goes on the last page by default)', () => {
    const pages = execFileSync('qpdf', ['--show-pages', path.join(work, 'minutes.pdf')], {
      encoding: 'utf8',
    })
      .split('\n')
      .map((line) => /^page (\d+): (\d+) 0 R/.exec(line))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Number(m[2]));
    const doc = new PdfDocument(exported);
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.map((_, i) => doc.page(i).ref.num)).toEqual(pages);
    expect(doc.page().ref.num).toBe(pages[pages.length - 1]);
    expect(() => doc.page(pages.length)).toThrow(/no page/);
  });
});
