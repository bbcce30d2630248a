/**
 * The PDF export end to end: real files checked with independent tools (pdf-audit, i.e.
 * poppler-utils and qpdf; pdftotext; pdfinfo; pdfdetach).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { generateMeeting } from '../support/generateMeeting';
import { confidentialMarkers, markClosedItem } from '../support/htmlEditionLibrary';
import { a4Geometry } from '../../common/export/typeset';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { writeMinutesPdf, type PdfProgress } from '../../main/node/pdf/writePdf';
import { describeError, type DomainError } from '../../common/contract/result';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const pdfAudit = path.resolve(repoRoot, '../shared/tools/pdf-audit');
const fixturePath = path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json');

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs pdf-audit; returns its output and exit code (1 when a check fails). */
async function audit(file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(pdfAudit, [file, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

const archivalChecks = [
  '--a4',
  '--pdfa',
  '--fonts-embedded',
  '--tagged',
  '--lang',
  'da',
  '--attachment',
  'meeting.json',
];

async function pdftotext(file: string, extra: string[] = []): Promise<string> {
  const { stdout } = await run('pdftotext', [...extra, file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

async function attachedJson(file: string): Promise<string> {
  const out = path.join(dir, `${path.basename(file)}.meeting.json`);
  await run('pdfdetach', ['-savefile', 'meeting.json', '-o', out, file]);
  return readFileSync(out, 'utf8');
}

function fixture(): ReferatDocument {
  return parseReferatDocument(readFileSync(fixturePath, 'utf8'));
}

describe('the model document (Gentofte, 12 December 2017)', () => {
  it('passes pdf-audit: A4, PDF/A-3b, embedded fonts, real tags, da, meeting.json, the model structure in order', async () => {
    const file = path.join(dir, 'gentofte-full.pdf');
    const progress: PdfProgress[] = [];
    const result = await writeMinutesPdf(fixture(), {
      edition: 'full',
      out: file,
      onProgress: (p) => progress.push(p),
    });
    expect(result.pages).toBeGreaterThanOrEqual(3);
    expect(progress.filter((p) => p.phase === 'write').map((p) => p.page)).toEqual(
      Array.from({ length: result.pages }, (_, index) => index + 1),
    );
    const { code, output } = await audit(file, [
      ...archivalChecks,
      '--in-order',
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      'Sags ID: EMN-2017-05812',
      'Resumé',
      'Velkomst v/ Formand Marie-Louise Andreassen',
      'Kristine Kryger (formand)',
      'Tidligere beslutninger:',
      'Beslutninger:',
      'Ad Projektafrunding',
      'Ad Læringssporet og status på udvalgets 4 leverancer',
      'Ad Medlemmernes input og feedback til leverancerne',
      'Ad Afrunding',
      'Bilag',
      '1. Læringsopsamling og politisk model - Innovationsudvalget (2107443 - EMN-2017-05812)',
    ]);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
  });

  it('writes the metadata, a real structure tree and the edition JSON as an associated source file', async () => {
    const file = path.join(dir, 'gentofte-meta.pdf');
    await writeMinutesPdf(fixture(), { edition: 'full', out: file });
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(
      /^Title:\s+\(Åben\) 5\. møde i Opgaveudvalget om Innovation den 12\. december 2017$/m,
    );
    expect(info).toMatch(/^Keywords:\s+EMN-2017-05812$/m);
    expect(info).toMatch(/^Author:\s+.*Opgaveudvalget om Innovation/m);
    expect(info).toMatch(/^Subject:\s+Beslutningsprotokol, fuld udgave$/m);
    const { stdout: struct } = await run('pdfinfo', ['-struct', file]);
    for (const tag of [
      'Document',
      'H1',
      'H2',
      'H3',
      'P',
      'L',
      'LI',
      'Lbl',
      'LBody',
      'TOC',
      'TOCI',
    ]) {
      expect(struct, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
    const { stdout: meta } = await run('pdfinfo', ['-meta', file]);
    expect(meta).toContain('<pdfaid:part>3</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toMatch(/\/AFRelationship \/Source/);
    expect(raw).toMatch(/\/AF \[\d+ 0 R\]/);
    expect(raw).toMatch(/\/Subtype \/application#2Fjson/);
    const json = JSON.parse(await attachedJson(file)) as ReferatDocument;
    expect(json.format).toBe('referat/2');
    expect(json.meeting.caseId).toBe('EMN-2017-05812');
  });

  it('is deterministic: the same document and edition give identical bytes', async () => {
    const a = path.join(dir, 'same-a.pdf');
    const b = path.join(dir, 'same-b.pdf');
    await writeMinutesPdf(fixture(), { edition: 'public', out: a });
    await writeMinutesPdf(fixture(), { edition: 'public', out: b });
    const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(hash(a)).toBe(hash(b));
  });
});

describe('generated meetings', () => {
  it('a fagudvalg meeting with open and closed items, votes and dissents passes pdf-audit', async () => {
    const doc = generateMeeting({
      items: 5,
      pagesPerItem: 1,
      template: 'fagudvalg',
      closedEvery: 2,
    });
    const file = path.join(dir, 'fagudvalg.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: file });
    const { code, output } = await audit(file, [
      ...archivalChecks,
      '--in-order',
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      'Sags ID: EMN-2017-05812',
      // The fagudvalg profile puts attendance compactly on page 1.
      'Deltagere',
      'Til stede: Kristine Kryger (C, formand),',
      'Indholdsfortegnelse',
      'Åbne punkter',
      'Lukkede punkter',
      '1. Projektafrunding',
      'Resumé',
      'Indstilling',
      'Sagsfremstilling',
      'Økonomi',
      'Beslutning',
      'Indstillingen blev vedtaget.',
      'Protokoltilførsel fra Katja S. Johansen (Ø):',
      '2. Læringssporet og status på udvalgets leverancer (lukket punkt)',
      '5. Medlemmernes input og feedback',
      '--contains',
      'Side 1 af',
    ]);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
  });

  it('the public edition lacks every confidential marker (text and meeting.json) and shows the public title and decision', async () => {
    // The fagudvalg template prints every field of an item, so every marker is visible in the full edition.
    const doc = generateMeeting({
      items: 3,
      pagesPerItem: 0.3,
      closedEvery: 0,
      template: 'fagudvalg',
    });
    markClosedItem(doc);
    const closedItem = doc.agendaItems[1];
    if (closedItem) closedItem.caseId = 'EMN-2017-09999';
    const member = doc.participants[2];
    if (member) member.partialPresence = 'MARKER-PARTIAL';
    const markers = confidentialMarkers;

    const fullFile = path.join(dir, 'markers-full.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: fullFile });
    const fullText = (await pdftotext(fullFile)).replace(/\s+/g, ' ');
    for (const marker of [...markers, 'MARKER-PARTIAL'])
      expect(fullText, `full edition shows ${marker}`).toContain(marker);

    const file = path.join(dir, 'markers-public.pdf');
    const result = await writeMinutesPdf(doc, { edition: 'public', out: file });
    expect(result.warnings).toEqual([]);
    const { code, output } = await audit(file, [
      ...archivalChecks,
      ...markers.flatMap((marker) => ['--lacks', marker]),
      '--contains',
      '2. Lukket punkt: Ejendomssag (lukket punkt)',
      '--contains',
      'Udvalget godkendte købet af ejendommen.',
      '--contains',
      'Lukkede punkter',
      // Partial presence stays public: readers need it to judge who took part.
      '--contains',
      'MARKER-PARTIAL',
    ]);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
    const json = await attachedJson(file);
    for (const marker of markers)
      expect(json, `meeting.json lacks ${marker}`).not.toContain(marker);
    expect(json).toContain('Udvalget godkendte købet af ejendommen.');
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/^Subject:\s+Beslutningsprotokol, offentlig udgave$/m);
  });

  it('a closed item without a public decision says so in the public edition', async () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2, closedEvery: 2 });
    const closed = doc.agendaItems[1];
    if (!closed) throw new Error('no second item');
    delete closed.bodies.publicDecision;
    const file = path.join(dir, 'no-public-decision.pdf');
    await writeMinutesPdf(doc, { edition: 'public', out: file });
    const text = (await pdftotext(file)).replace(/\s+/g, ' ');
    expect(text).toContain('Ad Lukket sag 2 Beslutningen er ikke offentlig.');
  });

  it('draws combining marks (pdfkit positions those glyphs) inside valid marked content', async () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    doc.meeting.bodies.summary = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Caf' },
          { type: 'text', text: 'e\u0301 og A\u030Arhus', bold: true },
          { type: 'text', text: ' efter.' },
        ],
      },
    ];
    const file = path.join(dir, 'combining.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: file });
    const { code, output } = await audit(file, [...archivalChecks, '--contains', 'efter.']);
    expect(output).toContain('0 failed');
    expect(code).toBe(0);
    const text = (await pdftotext(file)).normalize('NFC');
    expect(text).toContain('Café og Århus efter.');
  });

  it('pdftotext gets æ ø å Æ Ø Å back', async () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    doc.meeting.bodies.summary = [
      {
        type: 'paragraph',
        children: [{ type: 'text', text: 'Bogstaverne æ ø å Æ Ø Å i Blåbærgrød og ÆBLEØ ÅRHUS.' }],
      },
    ];
    const file = path.join(dir, 'letters.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: file });
    const text = await pdftotext(file);
    expect(text).toContain('Bogstaverne æ ø å Æ Ø Å i Blåbærgrød og ÆBLEØ ÅRHUS.');
    expect(text).toContain('Opgaveudvalget om Innovation');
  });

  it('the English PDF printed the Danish word "Forbehold" on the signature page: its text and metadata are English', async () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2, closedEvery: 2 });
    const closed = doc.agendaItems[1];
    if (!closed) throw new Error('no second item');
    closed.publicTitle = '';
    const file = path.join(dir, 'english.pdf');
    await writeMinutesPdf(doc, {
      edition: 'public',
      out: file,
      lang: 'en',
      isWithSignaturePage: true,
    });
    const text = await pdftotext(file);
    expect(text).toContain('Signature page');
    expect(text).toContain('Reservation:');
    expect(text).toContain('Re Closed item');
    expect(text).not.toMatch(/Forbehold|Underskriftsblad|Lukket punkt|Side \d+ af/);
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toContain('/Desc (The minutes in the referat/2 format \\(this edition\\))');
    const { stdout: info } = await run('pdfinfo', [file]);
    expect(info).toMatch(/^Subject:\s+Minutes, public edition$/m);
  });

  it('a CPR number blocks the public export, listing every place, and writes no file', async () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2 });
    const item = doc.agendaItems[1];
    if (!item) throw new Error('no second item');
    item.bodies.decision = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Borgeren med CPR ' },
          { type: 'text', text: '010203-1234', bold: true },
        ],
      },
    ];
    doc.meeting.bodies.summary = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Henvendelse fra 2902001234.' }] },
    ];
    const file = path.join(dir, 'cpr-public.pdf');
    const failure = await writeMinutesPdf(doc, { edition: 'public', out: file }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isDomainError(failure)).toBe(true);
    const message = describeError(failure as DomainError);
    expect((failure as { code: string }).code).toBe('personal_data');
    expect(message).toContain('Punkt 2 · Beslutning: CPR-nummer 010203-XXXX');
    expect(message).toContain('Mødet · Resumé: CPR-nummer 290200-XXXX');
    expect(message).not.toContain('1234');
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('cpr-public'))).toEqual([]);
    // The full edition is internal: it is written.
    await writeMinutesPdf(doc, { edition: 'full', out: path.join(dir, 'cpr-full.pdf') });
  });
});

describe('bad targets', () => {
  it('names a missing folder clearly and leaves nothing behind', async () => {
    const out = path.join(dir, 'no-such-folder', 'x.pdf');
    const failure = await writeMinutesPdf(fixture(), { edition: 'full', out }).catch(
      (error: unknown) => error,
    );
    expect(isDomainError(failure) && failure.code).toBe('invalid_input');
    expect((failure as Error).message).toContain(
      `the folder ${path.join(dir, 'no-such-folder')} does not exist`,
    );
  });
});

describe('line breaking on paper', () => {
  it('no word box lies outside the margins, even for a 300-character URL and long compounds', async () => {
    const url = `https://www.gentofte.dk/${'borgerinddragelse/'.repeat(15)}${'x'.repeat(300 - 24 - 18 * 15)}`;
    expect(url.length).toBe(300);
    const compound =
      'Kommunalbestyrelsesmedlemsudpegningsproceduregennemgangsrapporteringsskemaudfyldningsvejledning';
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.title = `Høring om ${compound}`;
    item.bodies.decision = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Se materialet på ' },
          { type: 'link', url, children: [{ type: 'text', text: url }] },
          { type: 'text', text: ` og ${compound}${compound} samt ` },
          { type: 'text', text: 'uformindsket'.repeat(12), bold: true },
        ],
      },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Udvalget drøftede sagen grundigt og ' },
          { type: 'text', text: 'godkendte ', bold: true },
          { type: 'text', text: 'indstillingen om Øresundsvej. '.repeat(30), italic: true },
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [
          {
            children: [{ type: 'text', text: url }],
            sublist: {
              type: 'list',
              ordered: false,
              items: [
                {
                  children: [{ type: 'text', text: compound, italic: true }],
                  sublist: {
                    type: 'list',
                    ordered: true,
                    items: [{ children: [{ type: 'text', text: `${url} ${compound}` }] }],
                  },
                },
              ],
            },
          },
        ],
      },
    ];
    const file = path.join(dir, 'overflow.pdf');
    await writeMinutesPdf(doc, { edition: 'full', out: file });
    const html = await pdftotext(file, ['-bbox']);
    const words = [
      ...html.matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
      ),
    ];
    expect(words.length).toBeGreaterThan(100);
    const left = a4Geometry.marginLeft - 0.5;
    const right = a4Geometry.width - a4Geometry.marginRight + 0.5;
    const outside = words.filter((word) => Number(word[1]) < left || Number(word[3]) > right);
    expect(outside.map((word) => `${word[5]} ${word[1]}-${word[3]}`)).toEqual([]);
    // The long pieces really are there (broken across lines, not dropped).
    const text = (await pdftotext(file)).replace(/\s+/g, '');
    expect(text).toContain(url.replace(/\s+/g, ''));
    expect(text).toContain(compound + compound);
  });
});
