/**
 * The minutes PDF and the agenda (dagsorden) PDF are accessible (PDF/UA-1) as well as archival: each structural point of PDF/UA
 * read from the file with qpdf's JSON output (an independent parser), for the model document and
 * generated meetings in both editions: identification and title in the XMP, DisplayDocTitle,
 * language, tab order, running headers and footers as artifacts, only standard structure types,
 * one bookmark per agenda item, and a table of contents whose every entry is a working link to
 * the page of its item's heading (a Link annotation inside a Link structure element).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEdition } from '../../common/export/editions';
import { minutesTitle } from '../../common/export/layoutMinutes';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { writeAgendaPdf, writeBlocksPdf, writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { agendaTitle, prepareAgenda } from '../../common/export/layoutAgenda';
import { itemHeading } from '../../common/wording/minutes';
import { nameTree, numberTree, pdfText, readQpdf, type QpdfFile } from '../helpers/qpdfJson';
import { generateMeeting } from '../support/generateMeeting';
import { markedMeeting } from '../support/htmlEditionLibrary';
import { tableMeeting } from '../support/tableMeeting';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const pdfAudit = path.resolve(repoRoot, '../shared/tools/pdf-audit');
const modelDocument = parseReferatDocument(
  readFileSync(path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
);

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'referat-pdfua-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Standard structure types of PDF 1.7 (ISO 32000-1, 14.8.4) that PDF/UA-1 accepts. */
const standardTypes = new Set([
  'Document',
  'Part',
  'Art',
  'Sect',
  'Div',
  'BlockQuote',
  'Caption',
  'TOC',
  'TOCI',
  'Index',
  'NonStruct',
  'Private',
  'P',
  'H',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'TR',
  'TH',
  'TD',
  'THead',
  'TBody',
  'TFoot',
  'Span',
  'Quote',
  'Note',
  'Reference',
  'BibEntry',
  'Code',
  'Link',
  'Annot',
  'Ruby',
  'Warichu',
  'Figure',
  'Formula',
  'Form',
]);

type StructElement = { ref: string; type: string; data: Record<string, unknown> };

/** Every structure element below the root, in tree order. */
function structElements(file: QpdfFile): StructElement[] {
  const root = file.dict(file.root['/StructTreeRoot']);
  const out: StructElement[] = [];
  const walk = (kids: unknown) => {
    const list = Array.isArray(kids) ? kids : kids === undefined ? [] : [kids];
    for (const kid of list) {
      if (typeof kid !== 'string' || !/ \d+ R$/.test(kid)) continue;
      const data = file.dict(kid);
      if (data['/Type'] === '/OBJR' || data['/Type'] === '/MCR') continue;
      if (typeof data['/S'] !== 'string') continue;
      out.push({ ref: kid, type: String(data['/S']).slice(1), data });
      walk(data['/K']);
    }
  };
  walk(root['/K']);
  return out;
}

/** The text of one page (pdftotext, an independent extractor), white space folded. */
function pageText(file: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), file, '-'], {
    encoding: 'utf8',
  }).replace(/\s+/g, ' ');
}

/** The page index (0-based) a destination (a named one, or an explicit array) goes to. */
function destinationPage(file: QpdfFile, dests: Map<string, unknown>, dest: unknown): number {
  let target = file.resolve(dest);
  if (typeof target === 'string' && !target.startsWith('/')) target = dests.get(pdfText(target));
  target = file.resolve(target);
  const array = Array.isArray(target) ? target : (file.dict(target)['/D'] as unknown[]);
  return file.pages.indexOf(String(array?.[0]));
}

/** Tokens of a content stream that matter here: marked content and text showing. */
function markedContentProblems(stream: string): string[] {
  const problems: string[] = [];
  const stack: string[] = [];
  let firstText: string | undefined;
  const tokens = stream.match(
    /\/[A-Za-z0-9]+\s*<<[^>]*>>\s*BDC|\/[A-Za-z0-9]+\s+BMC|\bEMC\b|\bTJ\b|\bTj\b/g,
  );
  for (const token of tokens ?? []) {
    if (token.endsWith('BDC') || token.endsWith('BMC')) stack.push(token);
    else if (token === 'EMC') {
      if (stack.pop() === undefined) problems.push('EMC without a begin');
    } else {
      const around = stack[stack.length - 1];
      if (around === undefined) problems.push('text outside marked content');
      else if (!around.startsWith('/Artifact') && !/\/MCID \d+/.test(around))
        problems.push(`text in marked content without MCID: ${around}`);
      firstText ??= around;
    }
  }
  if (stack.length > 0) problems.push('marked content left open');
  // The running header (committee, date) and footer ("Side N af M") come first on every page.
  if (!firstText?.startsWith('/Artifact'))
    problems.push(`first text is not an artifact: ${firstText}`);
  return problems;
}

/** The agenda item headings as the layout writes them (the bookmarks' titles). */
function itemHeadings(doc: ReferatDocument, edition: 'full' | 'public'): string[] {
  const shown = buildEdition(doc, edition);
  return shown.agendaItems.map((item) =>
    shown.meeting.template === 'opgaveudvalg'
      ? `Ad ${item.title}${item.isClosed && edition === 'full' ? ' (lukket punkt)' : ''}`
      : `${item.number}. ${item.title}${item.isClosed ? ' (lukket punkt)' : ''}`,
  );
}

/** The agenda's item headings: always "{nummer}. {titel}" per item, closed items marked. */
function agendaHeadings(shown: ReferatDocument): string[] {
  return shown.agendaItems.map(
    (item) =>
      `${itemHeading(shown.profile.itemHeading, item)}${item.isSupplementary ? ' (tillægsdagsorden)' : ''}${item.isClosed ? ' (lukket punkt)' : ''}`,
  );
}

type Case = {
  name: string;
  doc: ReferatDocument;
  edition: 'full' | 'public';
  document?: 'minutes' | 'agenda' | 'supplementary-agenda';
};

const minutesCases: Case[] = [
  { name: 'the model document, full edition', doc: modelDocument, edition: 'full' },
  { name: 'the model document, public edition', doc: modelDocument, edition: 'public' },
  {
    name: 'a generated fagudvalg meeting, public edition',
    doc: generateMeeting({ items: 14, template: 'fagudvalg', closedEvery: 4, seed: 7 }),
    edition: 'public',
  },
  {
    name: 'a generated opgaveudvalg meeting, full edition',
    doc: generateMeeting({ items: 9, template: 'opgaveudvalg', closedEvery: 3, seed: 11 }),
    edition: 'full',
  },
  {
    name: "a meeting with the profile's logo, public edition",
    doc: markedMeeting(modelDocument),
    edition: 'public',
  },
  {
    name: 'the model document with tables, full edition',
    doc: tableMeeting(modelDocument),
    edition: 'full',
  },
];

const cases: Case[] = [
  ...minutesCases,
  ...minutesCases.map((one): Case => ({
    ...one,
    name: `the agenda of ${one.name}`,
    document: 'agenda',
  })),
  {
    name: 'the tillægsdagsorden of a generated fagudvalg meeting, public edition',
    doc: (() => {
      const doc = generateMeeting({ items: 8, template: 'fagudvalg', closedEvery: 3, seed: 5 });
      for (const item of doc.agendaItems.slice(5)) item.isSupplementary = true;
      return doc;
    })(),
    edition: 'public',
    document: 'supplementary-agenda',
  },
];

describe('PDF/UA-1 structure read with qpdf', () => {
  for (const { name, doc, edition, document = 'minutes' } of cases) {
    it(`${name}: identification, title, language, tab order, artifacts, standard types, bookmarks and linked contents`, async () => {
      const out = path.join(dir, `${name.replace(/\W+/g, '-')}.pdf`);
      const isAgenda = document !== 'minutes';
      if (document !== 'minutes') await writeAgendaPdf(doc, { edition, out, kind: document });
      else await writeMinutesPdf(doc, { edition, out });
      const file = readQpdf(out);
      const shown =
        document !== 'minutes'
          ? prepareAgenda(doc, document, edition).document
          : buildEdition(doc, edition);
      // The shared checker agrees (archival and PDF/UA points, bookmarks).
      const items = String(shown.agendaItems.length);
      const audit = spawnSync(pdfAudit, [
        out,
        ...['--a4', '--pdfa', '--fonts-embedded', '--tagged', '--lang', 'da', '--pdfua'],
        ...['--bookmarks', items],
      ]);
      expect(audit.status, audit.stdout.toString()).toBe(0);
      const title = document !== 'minutes' ? agendaTitle(shown, document) : minutesTitle(shown);

      // XMP: PDF/UA-1 identification (its extension schema for PDF/A) and the title.
      const xmp = file.streamData(file.root['/Metadata']).toString('utf8');
      expect(xmp).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
      expect(xmp).toContain('<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>');
      const xmlTitle = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      expect(xmp).toMatch(
        new RegExp(
          `<dc:title>\\s*<rdf:Alt>\\s*<rdf:li xml:lang="x-default">${escapeRegExp(xmlTitle)}</rdf:li>`,
        ),
      );
      expect(pdfText(file.dict(file.resolve(file.root['/Metadata']))['/Subtype'])).toBe('/XML');

      // Catalog: title shown, marked, language.
      expect(file.dict(file.root['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
      expect(file.dict(file.root['/MarkInfo'])['/Marked']).toBe(true);
      expect(pdfText(file.root['/Lang'])).toBe('da-DK');

      // Every page: tab order by structure, all text tagged, header and footer as artifacts.
      for (const [index, page] of file.pages.entries()) {
        const data = file.dict(page);
        expect(data['/Tabs'], `page ${index + 1} /Tabs`).toBe('/S');
        const contents = Array.isArray(data['/Contents']) ? data['/Contents'] : [data['/Contents']];
        const stream = contents.map((part) => file.streamData(part).toString('latin1')).join('\n');
        expect(markedContentProblems(stream), `page ${index + 1}`).toEqual([]);
      }

      // Structure: only standard types (or role-mapped to one); figures have alternate text.
      const roleMap = file.dict(file.dict(file.root['/StructTreeRoot'])['/RoleMap']);
      const elements = structElements(file);
      expect(elements[0]?.type).toBe('Document');
      for (const element of elements) {
        const mapped = roleMap[`/${element.type}`];
        const type = typeof mapped === 'string' ? mapped.slice(1) : element.type;
        expect(standardTypes.has(type), `structure type ${element.type}`).toBe(true);
        if (type === 'Figure') expect(pdfText(element.data['/Alt'])).not.toBe('');
      }
      // The logo is a Figure with its alternate text (in every page's structure, not an artifact).
      const figures = elements.filter((element) => element.type === 'Figure');
      expect(figures.map((figure) => pdfText(figure.data['/Alt']))).toEqual(
        doc.profile.logo ? [doc.profile.logo.altText] : [],
      );

      // Bookmarks: one per agenda item, titled as its heading, going to the heading's page.
      const dests = nameTree(file, file.dict(file.root['/Names'])['/Dests']);
      const headings = isAgenda ? agendaHeadings(shown) : itemHeadings(doc, edition);
      const bookmarks: { title: string; page: number }[] = [];
      let outline = file.dict(file.root['/Outlines'])['/First'];
      while (outline !== undefined) {
        const data = file.dict(outline);
        bookmarks.push({
          title: pdfText(data['/Title']),
          page: destinationPage(file, dests, data['/Dest'] ?? data['/A']),
        });
        outline = data['/Next'];
      }
      expect(bookmarks.map((bookmark) => bookmark.title)).toEqual(headings);
      for (const bookmark of bookmarks) {
        expect(bookmark.page, bookmark.title).toBeGreaterThanOrEqual(0);
        expect(pageText(out, bookmark.page + 1)).toContain(bookmark.title.slice(0, 40));
      }

      // Table of contents: every entry (TOCI) holds a Link element with its annotation(s); each
      // annotation names that element through /StructParent and goes to the item's heading page,
      // the page the entry prints.
      const parentTree = numberTree(file, file.dict(file.root['/StructTreeRoot'])['/ParentTree']);
      const entries = elements.filter((element) => element.type === 'TOCI');
      expect(entries).toHaveLength(shown.agendaItems.length > 1 ? shown.agendaItems.length : 0);
      const linkedPages: number[] = [];
      for (const entry of entries) {
        const kids = [entry.data['/K']].flat();
        const link = kids
          .map((kid) => ({ ref: String(kid), data: file.dict(kid) }))
          .find((kid) => kid.data['/S'] === '/Link');
        expect(link, 'a Link element in the entry').toBeDefined();
        const objects = [link?.data['/K']]
          .flat()
          .map((kid) => file.dict(kid))
          .filter((kid) => kid['/Type'] === '/OBJR');
        expect(objects.length).toBeGreaterThan(0);
        const pages = new Set<number>();
        for (const object of objects) {
          const annotation = file.dict(object['/Obj']);
          expect(annotation['/Subtype']).toBe('/Link');
          expect(parentTree.get(Number(annotation['/StructParent']))).toBe(link?.ref);
          expect(pdfText(annotation['/Contents'])).not.toBe('');
          const action = file.dict(annotation['/A']);
          expect(action['/S']).toBe('/GoTo');
          pages.add(destinationPage(file, dests, action['/D']));
          // The annotation is listed on the page its element says.
          expect(file.dict(object['/Pg'])['/Annots']).toContain(String(object['/Obj']));
        }
        expect(pages.size).toBe(1);
        linkedPages.push([...pages][0] ?? -1);
      }
      if (entries.length > 0) {
        // In document order the TOC lists open items, then closed ones; the bookmarks list
        // items in agenda order. Each entry's destination is its item's heading page.
        const byTitle = new Map(bookmarks.map((bookmark) => [bookmark.title, bookmark.page]));
        const tocOrder = [
          ...shown.agendaItems.filter((item) => !item.isClosed),
          ...shown.agendaItems.filter((item) => item.isClosed),
        ];
        tocOrder.forEach((item, at) => {
          const heading = headings[shown.agendaItems.indexOf(item)] ?? '';
          expect(linkedPages[at], heading).toBe(byTitle.get(heading));
        });
        // The page numbers the contents print are the pages the links go to.
        const tocText = pageText(out, 1) + pageText(out, 2);
        tocOrder.forEach((item, at) => {
          const printed = new RegExp(
            `${escapeRegExp(`${item.number}. ${item.title}`)} (\\d+)(?: |$)`,
          ).exec(tocText);
          expect(Number(printed?.[1]), item.title).toBe((linkedPages[at] ?? -2) + 1);
        });
      }

      // Every Link annotation anywhere is in the structure tree.
      for (const page of file.pages) {
        const annots = file.resolve(file.dict(page)['/Annots']);
        for (const annot of Array.isArray(annots) ? annots : []) {
          const data = file.dict(annot);
          if (data['/Subtype'] !== '/Link') continue;
          const element = file.dict(parentTree.get(Number(data['/StructParent'])));
          expect(element['/S']).toBe('/Link');
        }
      }
    }, 120_000);
  }
});

describe('tables', () => {
  it('a table is Table > TR > TH/TD with the header cells scoped to their columns, the header row repeated as an artifact on the next page, the cells in reading order', async () => {
    const out = path.join(dir, 'tables.pdf');
    await writeMinutesPdf(tableMeeting(modelDocument, 60), { edition: 'full', out });
    const audit = spawnSync(pdfAudit, [
      out,
      ...['--a4', '--pdfa', '--fonts-embedded', '--tagged', '--lang', 'da', '--pdfua'],
    ]);
    expect(audit.status, audit.stdout.toString()).toBe(0);
    const file = readQpdf(out);
    const elements = structElements(file);
    const tables = elements.filter((element) => element.type === 'Table');
    // The grants table in the Resumé (2 x 2, no header) and the budget (1 + 60 rows x 4).
    expect(tables).toHaveLength(2);
    const kidsOf = (element: StructElement) =>
      [element.data['/K']]
        .flat()
        .filter((kid): kid is string => typeof kid === 'string' && / \d+ R$/.test(kid))
        .map((kid) => ({ ref: kid, data: file.dict(kid) }));
    const shape = tables.map((table) =>
      kidsOf(table).map((row) => {
        expect(row.data['/S']).toBe('/TR');
        return kidsOf({ ref: row.ref, type: 'TR', data: row.data }).map((cell) =>
          String(cell.data['/S']).slice(1),
        );
      }),
    );
    expect(shape[0]).toEqual([
      ['TD', 'TD'],
      ['TD', 'TD'],
    ]);
    expect(shape[1]).toHaveLength(61);
    expect(shape[1]?.[0]).toEqual(['TH', 'TH', 'TH', 'TH']);
    expect(shape[1]?.slice(1).every((row) => row.join() === 'TD,TD,TD,TD')).toBe(true);
    // Every TH says what it heads; only the header row's four cells are TH (the copies drawn
    // on the following pages are artifacts, not elements).
    const headers = elements.filter((element) => element.type === 'TH');
    expect(headers).toHaveLength(4);
    for (const header of headers) {
      const attributes = file.dict(header.data['/A']);
      expect(attributes['/O']).toBe('/Table');
      expect(attributes['/Scope']).toBe('/Column');
    }
    // The budget runs over several pages; each page it continues on starts with its header row.
    // -raw: the text in the order of the content stream (the layout mode guesses columns).
    const text = execFileSync('pdftotext', ['-raw', out, '-'], { encoding: 'utf8' });
    const pages = text.split('\f');
    const budgetPages = pages.filter((page) => /Budgetpost \d+/.test(page));
    expect(budgetPages.length).toBeGreaterThan(1);
    for (const page of budgetPages)
      expect(page.replace(/\s+/g, ' ')).toMatch(/Post 2024 \(kr\.\) 2025 \(kr\.\) Bemærkning/);
    // pdftotext (an independent extractor) reads the cells row by row, left to right.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Budgetpost 1 1250.000 1300.000 Overført fra sidste år');
    expect(flat).toContain('Budgetpost 60 75000.000 78000.000');
    expect(flat).toContain('Foreningen Æblehaven 25.000 kr. Øresunds Roklub 12.500 kr.');
    const numbers = [...flat.matchAll(/Budgetpost (\d+)/g)].map((match) => Number(match[1]));
    expect(numbers).toEqual(Array.from({ length: 60 }, (_, index) => index + 1));
  }, 120_000);
});

describe('language changes', () => {
  it('a passage marked as another language is a Span with its /Lang under its paragraph', async () => {
    const out = path.join(dir, 'language.pdf');
    await writeBlocksPdf(
      [
        { kind: 'heading', level: 1, spans: [{ text: 'Møde i Klimaudvalget' }] },
        {
          kind: 'paragraph',
          spans: [
            { text: 'Udvalget drøftede ' },
            { text: 'Sustainable Development Goals', lang: 'en-GB' },
            { text: ' og kommunens mål.' },
          ],
        },
      ],
      {
        out,
        lang: 'da',
        json: '{}',
        meta: {
          title: 'Møde i Klimaudvalget',
          author: 'Klimaudvalget',
          subject: 'Beslutningsprotokol',
          keywords: '',
          headerLeft: 'Klimaudvalget',
          headerRight: '1. marts 2024',
          editionLabel: '',
          creationDate: new Date('2024-03-01T12:00:00Z'),
          pageLabel: (page, pages) => `Side ${page} af ${pages}`,
        },
      },
    );
    const file = readQpdf(out);
    const elements = structElements(file);
    const spans = elements.filter((element) => element.type === 'Span');
    expect(spans.map((span) => pdfText(span.data['/Lang']))).toEqual(['en-GB']);
    const parent = file.dict(spans[0]?.data['/P']);
    expect(parent['/S']).toBe('/P');
    expect(typeof spans[0]?.data['/K'] === 'number' || Array.isArray(spans[0]?.data['/K'])).toBe(
      true,
    );
    expect(pdfText(file.root['/Lang'])).toBe('da-DK');
    const audit = spawnSync(pdfAudit, [out, '--pdfa', '--tagged', '--lang', 'da', '--pdfua']);
    expect(audit.status, audit.stdout.toString()).toBe(0);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
