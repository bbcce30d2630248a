import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEdition } from '../../common/export/editions';
import { generateMeeting } from '../support/generateMeeting';
import { layoutBlockText } from '../support/layoutText';
import { layoutMinutes, minutesTitle, type LayoutBlock } from '../../common/export/layoutMinutes';
import { a4Geometry, typeset, type Measure } from '../../common/export/typeset';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';

const fixture = (): ReferatDocument =>
  parseReferatDocument(
    readFileSync(
      path.join(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    ),
  );

const textOf = layoutBlockText;

const headings = (blocks: readonly LayoutBlock[]) =>
  blocks.flatMap((block) => (block.kind === 'heading' ? [`H${block.level} ${textOf(block)}`] : []));

/** A monospaced stand-in font: every character is 0.55 em wide (bold 0.6). */
const monospace: Measure = (text, font) =>
  text.length * (font === 'bold' || font === 'boldItalic' ? 0.6 : 0.55);

describe('layoutMinutes', () => {
  it('lays out the model document in its order: header, Sags ID, TOC, Resumé, Tidligere beslutninger, Ad-sections, members, Bilag', () => {
    const blocks = layoutMinutes(fixture());
    expect(minutesTitle(fixture())).toBe(
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
    );
    expect(textOf(blocks[0] as LayoutBlock)).toBe(
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
    );
    expect(textOf(blocks[1] as LayoutBlock)).toBe('Sags ID: EMN-2017-05812');
    expect(headings(blocks)).toEqual([
      'H1 (Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      'H2 Indholdsfortegnelse',
      'H3 Åbne punkter',
      'H2 Resumé',
      'H2 Tidligere beslutninger:',
      'H2 Beslutninger:',
      'H3 Ad Projektafrunding',
      'H3 Ad Læringssporet og status på udvalgets 4 leverancer',
      'H3 Ad Medlemmernes input og feedback til leverancerne',
      'H4 Opsamling på feedback vedr. den politiske model',
      'H4 Opsamling på input til Idekatalog over samskabelsesmuligheder',
      'H5 Selektering/sæt holdet:',
      'H5 Fremdrift:',
      'H5 Klart mål',
      'H5 Gevinstrealisering',
      'H5 Mindset',
      'H3 Ad Afrunding',
      'H2 Deltagere',
      'H2 Bilag',
    ]);
    const all = blocks.map(textOf);
    expect(all).toContain(
      '• Kristine Kryger (formand)\n• Michael Fenger (næstformand)\n• Marianne Zangenberg\n• Andreas Weidinger\n• Katja S. Johansen',
    );
    expect(all.at(-1)).toBe(
      '1. Læringsopsamling og politisk model - Innovationsudvalget (2107443 - EMN-2017-05812)',
    );
    const summary = blocks.find((block) => block.kind === 'list');
    expect(
      summary?.kind === 'list' &&
        summary.items[6]?.sublist?.items.map((item) => item.spans[0]?.text),
    ).toEqual([
      'Kristine Kryger (formand)',
      'Michael Fenger (næstformand)',
      'Marianne Zangenberg',
      'Andreas Weidinger',
      'Katja S. Johansen',
    ]);
  });

  it('splits the table of contents into open and closed items and marks closed items', () => {
    const doc = generateMeeting({
      items: 4,
      pagesPerItem: 0.2,
      closedEvery: 2,
      template: 'fagudvalg',
    });
    const blocks = layoutMinutes(doc);
    const toc = blocks.slice(0, 20).map((block) => `${block.kind} ${textOf(block)}`);
    expect(toc).toEqual(
      expect.arrayContaining([
        'heading Åbne punkter',
        'tocEntry 1. Projektafrunding',
        'tocEntry 3. Budgetopfølgning for ældreområdet',
        'heading Lukkede punkter',
        'tocEntry 2. Læringssporet og status på udvalgets leverancer',
        'tocEntry 4. Høring om trafikplan for Øresundsvej',
      ]),
    );
    expect(toc.indexOf('heading Lukkede punkter')).toBeGreaterThan(
      toc.indexOf('tocEntry 3. Budgetopfølgning for ældreområdet'),
    );
    expect(headings(blocks)).toContain(
      'H2 2. Læringssporet og status på udvalgets leverancer (lukket punkt)',
    );
    expect(headings(blocks).filter((heading) => heading.startsWith('H3 '))).toEqual(
      expect.arrayContaining([
        'H3 Resumé',
        'H3 Indstilling',
        'H3 Sagsfremstilling',
        'H3 Økonomi',
        'H3 Beslutning',
        'H3 Bilag',
      ]),
    );
  });

  it('has no table of contents for a single item', () => {
    const blocks = layoutMinutes(generateMeeting({ items: 1, pagesPerItem: 0.2 }));
    expect(headings(blocks)).not.toContain('H2 Indholdsfortegnelse');
  });

  it('writes votes and dissents as text with names, counts and outcome', () => {
    const all = layoutMinutes(generateMeeting({ items: 1, pagesPerItem: 0.2 }))
      .map(textOf)
      .join('\n');
    // The PDF and DOCX once wrote "For stemte 3: … Undlod at stemme 1: …" and the dissent
    // without the party: the same sentence as the editor now, members written canonically.
    expect(all).toContain(
      'Et flertal bestående af Kristine Kryger (C, formand), Michael Fenger (C, næstformand) og Andreas Weidinger (V) stemte for. Katja S. Johansen (Ø) stemte imod. Marianne Zangenberg (A) undlod at stemme. Indstillingen blev vedtaget.',
    );
    expect(all).toContain(
      'Protokoltilførsel fra Katja S. Johansen (Ø): Ø kan ikke tiltræde indstillingen, da finansieringen er uafklaret.',
    );
    expect(all).not.toContain('For stemte');
  });

  it('public edition: a closed item without a public decision says the decision is not public', () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2, closedEvery: 2 });
    delete doc.agendaItems[1]?.bodies.publicDecision;
    const blocks = layoutMinutes(buildEdition(doc, 'public'), { edition: 'public' });
    const index = blocks.findIndex((block) => textOf(block) === 'Ad Lukket sag 2');
    expect(index).toBeGreaterThan(0);
    expect(textOf(blocks[index + 1] as LayoutBlock)).toBe('Beslutningen er ikke offentlig.');
  });

  it('adds corrections as additions and a signature page for every participant present', () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    const blocks = layoutMinutes(doc, {
      corrections: [
        {
          date: '2017-12-20',
          author: 'Udvalgssekretær',
          reason: 'Stavefejl',
          text: 'Der skulle stå Åløkkeskolen.',
        },
      ],
      isWithSignaturePage: true,
    });
    const all = blocks.map(textOf);
    expect(all).toContain('Rettelser');
    expect(all).toContain('Rettelse 20. december 2017 ved Udvalgssekretær. Begrundelse: Stavefejl');
    expect(blocks.some((block) => block.kind === 'pageBreak')).toBe(true);
    expect(all).toContain('Underskriftsblad');
    const signers = blocks.flatMap((block) => (block.kind === 'signature' ? [block.name] : []));
    expect(signers).toEqual([
      'Kristine Kryger (C, formand)',
      'Michael Fenger (C, næstformand)',
      'Marianne Zangenberg (A)',
      'Andreas Weidinger (V)',
      'Katja S. Johansen (Ø)',
      'Søren Ågård',
    ]);
  });

  it('the English PDF printed the Danish word "Forbehold" on the signature page: every export string follows the language', () => {
    const doc = generateMeeting({
      items: 3,
      pagesPerItem: 0.2,
      closedEvery: 2,
      template: 'fagudvalg',
    });
    const closed = doc.agendaItems.find((item) => item.isClosed);
    if (!closed) throw new Error('no closed item');
    closed.publicTitle = '';
    const printed = (lang: 'da' | 'en', edition: 'full' | 'public') =>
      typeset(
        layoutMinutes(buildEdition(doc, edition, lang), {
          lang,
          edition,
          isWithSignaturePage: true,
        }),
        monospace,
      )
        .pages.flatMap((page) =>
          page.lines.map((line) => line.segments.map((segment) => segment.text).join('')),
        )
        .join('\n');
    for (const edition of ['full', 'public'] as const) {
      const english = printed('en', edition);
      expect(english).toContain('Reservation:');
      expect(english).not.toMatch(
        /Forbehold|Underskriftsblad|Lukket punkt|Sags ID|Deltagere|Indholdsfortegnelse/,
      );
      expect(printed('da', edition)).toContain('Forbehold:');
    }
    expect(printed('en', 'public')).toContain('Closed item');
  });

  it('speaks English when asked', () => {
    const blocks = layoutMinutes(fixture(), { lang: 'en' });
    expect(textOf(blocks[0] as LayoutBlock)).toBe(
      '(Open) Meeting no. 5 of Opgaveudvalget om Innovation, 12 December 2017',
    );
    expect(headings(blocks)).toContain('H3 Re Projektafrunding');
  });
});

describe('typeset', () => {
  const right = a4Geometry.width - a4Geometry.marginRight;
  const bottom = a4Geometry.height - a4Geometry.marginBottom;

  it('never places text beyond the right margin, breaking long words and URLs between characters', () => {
    const url = `https://example.dk/${'a'.repeat(280)}`;
    const word =
      'Kommunalbestyrelsesmedlemsudpegningsproceduregennemgangsrapporteringsskemaudfyldningsvejledning'.repeat(
        2,
      );
    const blocks: LayoutBlock[] = [
      { kind: 'heading', level: 1, spans: [{ text: `Overskrift ${word}` }] },
      {
        kind: 'paragraph',
        spans: [
          { text: 'Se ' },
          { text: url, link: url },
          { text: ` og ${word} ` },
          { text: word, bold: true },
        ],
      },
      {
        kind: 'paragraph',
        spans: [
          { text: 'Udvalget drøftede sagen grundigt og ' },
          { text: 'godkendte ', bold: true },
          { text: 'indstillingen. '.repeat(60) },
        ],
      },
      {
        kind: 'list',
        ordered: true,
        items: [
          {
            label: '1.',
            spans: [{ text: url }],
            sublist: {
              ordered: false,
              items: [{ label: '•', spans: [{ text: word, italic: true }] }],
            },
          },
        ],
      },
    ];
    const result = typeset(blocks, monospace);
    const all = result.pages.flatMap((page) => page.lines.flatMap((line) => line.segments));
    for (const segment of all) expect(segment.x + segment.width).toBeLessThanOrEqual(right + 1e-6);
    const joined = all.map((segment) => segment.text).join('');
    expect(joined.replace(/\s/g, '')).toContain(url);
    expect(joined.replace(/\s/g, '')).toContain(word + word);
  });

  it('keeps a heading with the first lines of what follows (never last on a page)', () => {
    const blocks: LayoutBlock[] = [];
    for (let i = 0; i < 120; i++) {
      blocks.push({ kind: 'heading', level: 3, spans: [{ text: `Ad punkt ${i}` }] });
      blocks.push({ kind: 'paragraph', spans: [{ text: 'ord '.repeat(20 + ((i * 37) % 90)) }] });
    }
    const result = typeset(blocks, monospace);
    expect(result.pages.length).toBeGreaterThan(5);
    const isHeading = (struct: number) => /^H\d$/.test(result.structure[struct]?.type ?? '');
    for (const page of result.pages) {
      const last = page.lines.at(-1);
      expect(last && isHeading(last.segments[0]?.struct ?? -1)).toBe(false);
      for (const line of page.lines) expect(line.top + line.size).toBeLessThanOrEqual(bottom);
    }
  });

  it('never leaves the first line of a paragraph alone at the bottom of a page', () => {
    const blocks: LayoutBlock[] = [];
    for (let i = 0; i < 80; i++)
      blocks.push({ kind: 'paragraph', spans: [{ text: 'ord '.repeat(15 + ((i * 53) % 70)) }] });
    const result = typeset(blocks, monospace);
    result.pages.forEach((page, index) => {
      if (index === result.pages.length - 1) return;
      const last = page.lines.at(-1);
      const before = page.lines.at(-2);
      const next = result.pages[index + 1]?.lines[0];
      // The last line of a page is either not a paragraph's first line, or its paragraph ends there.
      if (last && before && next && last.segments[0]?.struct !== before.segments[0]?.struct) {
        expect(next.segments[0]?.struct).not.toBe(last.segments[0]?.struct);
      }
    });
  });

  it('fills table-of-contents page numbers right-aligned at the margin', () => {
    const blocks: LayoutBlock[] = [
      { kind: 'tocEntry', target: 'a', spans: [{ text: '1. Første' }] },
      { kind: 'tocEntry', target: 'b', spans: [{ text: '2. Anden' }] },
      { kind: 'heading', level: 2, spans: [{ text: 'Første' }], anchor: 'a' },
      { kind: 'paragraph', spans: [{ text: 'ord '.repeat(2000) }] },
      { kind: 'heading', level: 2, spans: [{ text: 'Anden' }], anchor: 'b' },
    ];
    const result = typeset(blocks, monospace);
    expect(result.anchors.get('a')).toBe(0);
    const pageOfB = result.anchors.get('b') ?? -1;
    expect(pageOfB).toBeGreaterThan(0);
    const tocLines = result.pages[0]?.lines.slice(0, 2) ?? [];
    const numbers = tocLines.map((line) => line.segments.at(-1));
    expect(numbers.map((segment) => segment?.text)).toEqual(['1', String(pageOfB + 1)]);
    for (const segment of numbers)
      expect((segment?.x ?? 0) + (segment?.width ?? 0)).toBeCloseTo(right, 6);
    expect(result.structure.filter((node) => node.type === 'TOC')).toHaveLength(1);
    expect(result.structure.filter((node) => node.type === 'TOCI')).toHaveLength(2);
  });

  it('builds list structure L > LI > Lbl + LBody, nested lists inside LBody', () => {
    const result = typeset(
      [
        {
          kind: 'list',
          ordered: true,
          items: [
            {
              label: '1.',
              spans: [{ text: 'a' }],
              sublist: { ordered: false, items: [{ label: '•', spans: [{ text: 'b' }] }] },
            },
          ],
        },
      ],
      monospace,
    );
    expect(result.structure).toEqual([
      { type: 'L', parent: -1 },
      { type: 'LI', parent: 0 },
      { type: 'Lbl', parent: 1 },
      { type: 'LBody', parent: 1 },
      { type: 'L', parent: 3 },
      { type: 'LI', parent: 4 },
      { type: 'Lbl', parent: 5 },
      { type: 'LBody', parent: 5 },
    ]);
  });

  it('treats a no-break space as part of the word and a newline as a line break', () => {
    const result = typeset(
      [{ kind: 'paragraph', spans: [{ text: 'kl.\u00a018.40\nny linje' }] }],
      monospace,
    );
    const lines =
      result.pages[0]?.lines.map((line) => line.segments.map((segment) => segment.text).join('')) ??
      [];
    expect(lines).toEqual(['kl.\u00a018.40', 'ny linje']);
  });
});

describe('typeset with hostile input', () => {
  it('breaks a 1 000 000-character word (the longest text run referat/1 accepts)', () => {
    // A quadratic breaker (re-reading the rest of the word for every line) runs for minutes
    // here and hits the test timeout; the windowed one takes a second or two.
    const word = 'ø'.repeat(1_000_000);
    const result = typeset([{ kind: 'paragraph', spans: [{ text: word }] }], monospace);
    const lines = result.pages.flatMap((page) => page.lines);
    expect(
      lines.map((line) => line.segments.map((segment) => segment.text).join('')).join(''),
    ).toBe(word);
  });
});

describe('typesetting tables', () => {
  const cell = (text: string) => (text === '' ? [] : [[{ text }]]);
  const table = (rows: number): LayoutBlock => ({
    kind: 'table',
    headerRow: true,
    rows: [
      ['Post', 'Beløb', 'Bemærkning'].map(cell),
      ...Array.from({ length: rows }, (_, index) =>
        [
          `Post ${index + 1}`,
          `${index * 1000} kr.`,
          index % 4 === 0 ? 'en lang bemærkning '.repeat(6) : '',
        ].map(cell),
      ),
    ],
  });

  it('keeps every cell inside its column, rows whole, the header row again on each page the table continues on', () => {
    const result = typeset([table(120)], monospace);
    expect(result.pages.length).toBeGreaterThan(2);
    const { width, marginLeft, marginRight } = a4Geometry;
    const verticals = (page: (typeof result.pages)[number]) =>
      [...new Set(page.rules.filter((rule) => rule.y2 !== undefined).map((rule) => rule.x1))].sort(
        (a, b) => a - b,
      );
    for (const page of result.pages) {
      const columns = verticals(page);
      expect(columns[0]).toBeCloseTo(marginLeft);
      expect(columns[columns.length - 1]).toBeCloseTo(width - marginRight);
      // Every segment lies between two column borders.
      for (const line of page.lines) {
        for (const segment of line.segments) {
          const start = columns.filter((x) => x <= segment.x).pop() ?? -1;
          const end = columns.find((x) => x > segment.x) ?? -1;
          expect(segment.x).toBeGreaterThan(start);
          expect(segment.x + segment.width).toBeLessThanOrEqual(end + 1e-6);
        }
      }
      // The page's first text is the header row: its own on page 1, an artifact copy after.
      const first = page.lines.find((line) => line.segments.length > 0)?.segments[0];
      expect(first?.text).toBe('Post');
      expect(first?.font).toBe('bold');
      if (page !== result.pages[0]) expect(first?.struct).toBe(-1);
    }
    // Each row's cells stay on one page: a row's "Post N" and its amount share the page.
    for (const page of result.pages) {
      const texts = page.lines.flatMap((line) => line.segments.map((segment) => segment.text));
      for (const text of texts) {
        const row = /^Post (\d+)$/.exec(text);
        if (row) expect(texts).toContain(`${(Number(row[1]) - 1) * 1000} kr.`);
      }
    }
    // The structure: one Table, 121 TR, three TH (scoped to their columns), the rest TD.
    const types = result.structure.map((node) => node.type);
    expect(types.filter((type) => type === 'Table')).toHaveLength(1);
    expect(types.filter((type) => type === 'TR')).toHaveLength(121);
    const headers = result.structure.filter((node) => node.type === 'TH');
    expect(headers).toHaveLength(3);
    expect(headers.every((node) => node.scope === 'Column')).toBe(true);
    expect(types.filter((type) => type === 'TD')).toHaveLength(360);
  });

  it('cuts a row taller than a page into pieces, each inside the page with its own borders', () => {
    const long = 'ord '.repeat(4000).trim();
    const result = typeset(
      [
        {
          kind: 'table',
          headerRow: true,
          rows: [
            [[[{ text: 'Emne' }]], [[{ text: 'Tekst' }]]],
            [[[{ text: 'Lang' }]], [[{ text: long }]]],
          ],
        },
      ],
      monospace,
    );
    expect(result.pages.length).toBeGreaterThan(2);
    const { height, marginTop, marginBottom } = a4Geometry;
    let words = 0;
    for (const page of result.pages) {
      for (const line of page.lines) {
        expect(line.top).toBeGreaterThanOrEqual(marginTop - 1e-6);
        expect(line.top).toBeLessThanOrEqual(height - marginBottom);
        for (const segment of line.segments)
          words += segment.text.split(' ').filter((w) => w === 'ord').length;
      }
      expect(page.rules.length).toBeGreaterThan(0);
      for (const rule of page.rules) {
        expect(rule.y).toBeGreaterThanOrEqual(marginTop - 1e-6);
        expect(rule.y2 ?? rule.y).toBeLessThanOrEqual(height - marginBottom + 1e-6);
      }
      // Every page after the first starts with the header row again.
      const first = page.lines.find((line) => line.segments.length > 0)?.segments[0];
      expect(first?.text).toBe('Emne');
    }
    expect(words).toBe(4000);
  });

  it('gives a column at least its longest word and the long text column the most room', () => {
    const result = typeset([table(4)], monospace);
    const page = result.pages[0];
    const columns = [
      ...new Set(page?.rules.filter((rule) => rule.y2 !== undefined).map((rule) => rule.x1)),
    ].sort((a, b) => a - b);
    const widths = columns.slice(1).map((x, index) => x - (columns[index] ?? 0));
    expect(widths).toHaveLength(3);
    expect(widths[2]).toBeGreaterThan(widths[0] ?? 0);
    expect(widths[2]).toBeGreaterThan(widths[1] ?? 0);
    // "Bemærkning" in bold fits its column without breaking.
    const header = page?.lines
      .find((line) => line.segments.length > 0)
      ?.segments.map((segment) => segment.text);
    expect(header).toEqual(['Post', 'Beløb', 'Bemærkning']);
  });
});
