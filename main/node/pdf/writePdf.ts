/**
 * Writes the minutes as an archival, accessible PDF with pdfkit:
 * - A4, fonts embedded (subsets of DejaVu Sans from resources/fonts), running header
 *   (committee, date) and footer "Side N af M" marked as pagination artifacts;
 * - PDF/A-3b: pdfkit's `subset: 'PDF/A-3b'` writes the XMP identification and an sRGB output
 *   intent with its bundled ICC profile; the XMP packet is rewritten here with XML escaping
 *   (pdfkit inserts titles unescaped, so "Børn & Unge" would break the packet);
 * - tagged with a real structure tree (Document > H1-H6, P, L/LI/Lbl/LBody, TOC/TOCI, Link), Lang
 *   da-DK;
 * - PDF/UA-1 as well: `pdfuaid:part` 1 in the XMP (with its PDF/A extension schema), the title
 *   shown instead of the file name (DisplayDocTitle), tab order following the structure (/Tabs /S)
 *   on every page, one bookmark per agenda item, and the table of contents as real links: each
 *   entry a Link element holding its text and its Link annotation (/StructParent), which goes to
 *   the named destination of the item's heading;
 * - the edition's `referat/2` JSON embedded as the associated file `meeting.json`
 *   (AFRelationship /Source, listed in the catalog's /AF);
 * - deterministic: CreationDate is the meeting's start (Copenhagen time), the file /ID is
 *   derived from the embedded JSON, so the same document and edition give identical bytes.
 *
 * For signing: the file has a classic cross-reference table, no object streams, no
 * AcroForm and no encryption, so signatures can be appended as incremental updates.
 *
 * Layout happens before any page is written (typeset.ts), so the page count is known and pages
 * are streamed out one by one instead of being buffered.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, type Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { DomainError } from '../../../common/contract/result';
import { copenhagenOffsetMinutes, formatDanishDate } from '../../../common/domain/danishDates';
import type { Edition } from '../../../common/export/editions';
import type { PersonalDataFinding, PersonalDataReport } from '../../../common/export/personalData';
import {
  agendaRequest,
  layoutPreparedEdition,
  minutesRequest,
  prepareRequestedEdition,
  type AgendaChoice,
  type EditionLayout,
  type EditionLayoutRequest,
  type EditionOptions,
} from '../../../common/export/editionLayout';
import type { Correction, LayoutBlock } from '../../../common/export/layoutMinutes';
import { minutesLabels } from '../../../common/wording/minutes';
import { a4Geometry, typeset, type FontKey, type Typeset } from '../../../common/export/typeset';
import type { ReferatDocument } from '../../../common/format/referat1';
import { serializeReferatDocument } from '../../../common/format/referatJson';
import { fontPaths } from './fonts';
import type { Lang } from '../../../common/domain/lang';

/** Progress of an export: layout first, then one event per written page. */
export type PdfProgress = { phase: 'layout' | 'write'; page: number; pages: number };

/** Where a PDF goes and what is reported while it is written (minutes and agenda alike). */
export type PdfOutput = {
  /** A file path (written to a temporary file and renamed when complete) or a writable stream. */
  out: string | Writable;
  onProgress?: (progress: PdfProgress) => void;
  /** Filled with the CPU milliseconds of each phase (for the benchmark). */
  timings?: Record<string, number>;
};

export type WriteMinutesOptions = PdfOutput &
  EditionOptions & {
    corrections?: readonly Correction[];
    /**
     * Set when `doc` is already the edition's document, built and checked by prepareEdition (the
     * export store does so before it starts the worker): this is its check, and neither the
     * edition nor the check is made again.
     */
    preparedReport?: PersonalDataReport;
    /**
     * The signature page (underskriftsblad). Default: on for every meeting past draft, since
     * approved minutes are signed by every member present (Kommunestyrelsesloven § 13).
     */
    isWithSignaturePage?: boolean;
  };

/** Options of {@link writeAgendaPdf}: the agenda asked for, its edition and language. */
export type WriteAgendaOptions = PdfOutput & EditionOptions & AgendaChoice;

export type WriteMinutesResult = {
  pages: number;
  bytes: number;
  /** Personal-data warnings of a public export (citizen members named in the text). */
  warnings: PersonalDataFinding[];
};

/** The structure, drawing and output interface of pdfkit 0.20 that its type package does not describe. */
type TaggedDoc = Omit<PDFKit.PDFDocument, 'getStructTreeRoot' | 'ref'> & {
  markContent(tag: string, options?: Record<string, unknown>): TaggedDoc;
  endMarkedContent(): TaggedDoc;
  getStructTreeRoot(): PdfRef;
  getStructParentTree(): { get(key: number): unknown[]; add(key: number, value: unknown): void };
  createStructParentTreeNextKey(): number;
  addNamedDestination(name: string, ...args: unknown[]): void;
  ref(data?: unknown): PdfRef;
  addNamedEmbeddedFile(name: string, ref: PdfRef): void;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo: () => void;
  _id: Uint8Array;
  _root: PdfRef;
  /** Writes one piece of the file: a string (pdfkit adds a newline) or bytes. */
  _write(data: string | Uint8Array): void;
  _offset: number;
  /** pdfkit's drawing of one positioned line of text (what `text()` calls after its option handling). */
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  info: Record<string, unknown>;
};

/** pdfkit internals this writer relies on (checked at the start of each export). */
const requiredInternals = [
  '_fragment',
  '_write',
  'getStructTreeRoot',
  'getStructParentTree',
  'createStructParentTreeNextKey',
  'addNamedDestination',
  'addNamedEmbeddedFile',
  'ref',
] as const;

const headerSize = 8;

/**
 * Parsed fonts (fontkit objects from pdfkit) kept for the life of the process: parsing DejaVu's
 * layout tables costs more than typesetting a hundred pages, and every export would repeat it.
 * Each document still makes its own subset.
 */
const parsedFonts = new Map<FontKey, unknown>();

/** Drops the parsed fonts (the benchmark measures a first export). */
export function forgetParsedFonts(): void {
  parsedFonts.clear();
}

/**
 * A font selector for one document. pdfkit caches a font under its source: a path the first
 * time a process uses the font, afterwards the parsed object under a family name. One document
 * keeps one key per font; mixing them would make pdfkit re-open the font on every switch.
 */
function fontSelector(
  pdf: PDFKit.PDFDocument,
  paths: Record<FontKey, string>,
): (key: FontKey) => PDFKit.PDFDocument {
  const parsedAtStart = new Map(parsedFonts);
  return (key) => {
    const parsed = parsedAtStart.get(key);
    if (parsed !== undefined) return pdf.font(parsed as string, `Referat-${key}`);
    pdf.font(paths[key]);
    if (!parsedFonts.has(key))
      parsedFonts.set(key, (pdf as unknown as { _font: { font: unknown } })._font.font);
    return pdf;
  };
}

/** The parts of a pdfkit 0.20 embedded font that the text emitter uses. */
type EmbeddedFont = {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(
    text: string,
  ): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
};

const formatNumber = (value: number): string => String(Math.round(value * 1000) / 1000);

/**
 * Collects a page's content operators in one string and writes it to the page's content
 * stream in one piece (pdfkit's `addContent` converts and stores every operator separately,
 * which costs more than making them). Text is shown in one text object per page; marked-content
 * sequences of the structure tree nest inside it.
 *
 * pdfkit's `text()` shapes, measures and re-encodes every string each time it is drawn; here each
 * "word " piece is shaped and encoded once per font (which also registers its glyphs in the font
 * subset and in the ToUnicode map, exactly as pdfkit's own drawing does) and its TJ operand is
 * reused. Text that needs glyph offsets (combining marks) has no operand: pdfkit's `_fragment`
 * draws it.
 */
class PageContent {
  /** Per font id: the TJ operand of each piece ending in a space ("word "). */
  private readonly spaced = new Map<string, Map<string, string | null>>();
  /** Per font id: the operand of each last piece of a text, keyed without its trailing space. */
  private readonly final = new Map<string, Map<string, string | null>>();
  private content = '';
  private isTextOpen = false;
  private currentFont = '';
  constructor(private readonly pdf: TaggedDoc) {}

  /** Appends operators (pdfkit's `addContent` separates them by a newline as well). */
  add(operators: string): void {
    this.content += `${operators}\n`;
  }

  /**
   * The TJ operand of `text` followed by one space (shown, but invisible: the last word is then
   * the same shaped "word " piece the typesetter measured), or null when it needs glyph offsets.
   */
  operand(font: EmbeddedFont, text: string): string | null {
    const spaced = cacheOf(this.spaced, font.id);
    let out = '';
    let start = 0;
    const length = text.length;
    for (let index = 0; index < length; index++) {
      if (text.charCodeAt(index) !== 32) continue;
      const piece = text.slice(start, index + 1);
      start = index + 1;
      let operand = spaced.get(piece);
      if (operand === undefined) {
        operand = encodePiece(font, piece);
        spaced.set(piece, operand);
      }
      if (operand === null) return null;
      out += operand;
    }
    if (start < length) {
      const final = cacheOf(this.final, font.id);
      const piece = start === 0 ? text : text.slice(start);
      let operand = final.get(piece);
      if (operand === undefined) {
        operand = encodePiece(font, `${piece} `);
        final.set(piece, operand);
      }
      if (operand === null) return null;
      out += operand;
    }
    return out;
  }

  /** Shows an operand (from {@link operand}) in `font` with its line box's top at `top`. */
  show(font: EmbeddedFont, size: number, operand: string, x: number, top: number): void {
    const page = this.pdf.page as unknown as { height: number; fonts: Record<string, unknown> };
    if (!this.isTextOpen) {
      // Unflipped user space (pdfkit flips each page: origin top left).
      this.add(`q 1 0 0 -1 0 ${formatNumber(page.height)} cm BT`);
      this.isTextOpen = true;
      this.currentFont = '';
    }
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const baseline = page.height - top - (font.ascender / 1000) * size;
    const fontOperator = `/${font.id} ${formatNumber(size)} Tf`;
    if (fontOperator !== this.currentFont) {
      this.currentFont = fontOperator;
      this.content += `${fontOperator} `;
    }
    this.add(`1 0 0 1 ${formatNumber(x)} ${formatNumber(baseline)} Tm [${operand}] TJ`);
  }

  /**
   * Closes the text object and writes what was collected to the page: before pdfkit draws
   * anything itself, and at the end of a page. Open marked content must be ended first.
   */
  flush(): void {
    if (this.isTextOpen) {
      this.add('ET Q');
      this.isTextOpen = false;
    }
    if (this.content === '') return;
    (this.pdf.page as unknown as { write(chunk: Uint8Array): void }).write(
      Buffer.from(this.content, 'latin1'),
    );
    this.content = '';
  }
}

function cacheOf(
  caches: Map<string, Map<string, string | null>>,
  fontId: string,
): Map<string, string | null> {
  let cache = caches.get(fontId);
  if (!cache) {
    cache = new Map();
    caches.set(fontId, cache);
  }
  return cache;
}

function encodePiece(font: EmbeddedFont, piece: string): string | null {
  const [glyphs, positions] = font.encode(piece);
  let out = '';
  let run = '';
  for (let index = 0; index < glyphs.length; index++) {
    const position = positions[index];
    if (!position) return null;
    if (position.xOffset || position.yOffset) return null;
    run += glyphs[index] ?? '';
    const adjustment = position.xAdvance - position.advanceWidth;
    if (adjustment !== 0) {
      out += `<${run}> ${formatNumber(-adjustment)} `;
      run = '';
    }
  }
  if (run !== '') out += `<${run}> `;
  return out;
}

/** pdfkit 0.20's object reference (what `PDFDocument.ref` returns). */
type PdfRef = { data: Record<string, unknown>; end(chunk?: Uint8Array): void };
type PdfPage = { dictionary: PdfRef; structParentTreeKey: number; annotations: PdfRef[] };

/**
 * The logical structure tree, written straight as pdfkit references: one dictionary per node
 * of the typeset structure under a `Document` element, marked content referenced by MCID (an
 * integer when on the element's `Pg` page, an MCR dictionary otherwise) and registered in the
 * page's entry of pdfkit's parent tree. Kids are listed in reading order: a child joins its
 * parent when its first content is drawn (elements without content at the end).
 * pdfkit's own `struct()` elements cost an object, a closure and a bookkeeping pass per node and
 * per piece of content; this keeps the same PDF objects at a fraction of that.
 */
class StructureTree {
  private readonly refs: PdfRef[] = [];
  private readonly kids: unknown[][] = [];
  private readonly pageOf: (PdfRef | undefined)[] = [];
  private readonly isStarted: Uint8Array;
  private readonly documentKids: unknown[] = [];
  private readonly documentRef: PdfRef;
  private page: PdfPage | undefined;
  private pageParents: unknown[] = [];

  constructor(
    private readonly pdf: TaggedDoc,
    private readonly nodes: Typeset['structure'],
  ) {
    const root = pdf.getStructTreeRoot();
    this.documentRef = pdf.ref({ S: 'Document', P: root, K: this.documentKids });
    root.data.K = [this.documentRef];
    for (const node of nodes) {
      const kids: unknown[] = [];
      this.kids.push(kids);
      this.refs.push(
        pdf.ref({
          S: node.type,
          P: node.parent < 0 ? this.documentRef : this.refs[node.parent],
          K: kids,
          // A figure's alternate text (PDF/UA: every Figure has Alt).
          ...(node.alt === undefined ? {} : { Alt: new String(node.alt) }),
          // A passage in another language than the document's (PDF/UA: language changes).
          ...(node.lang === undefined ? {} : { Lang: new String(node.lang) }),
          // A header cell names what it heads (PDF/UA: TH has a Scope).
          ...(node.scope === undefined ? {} : { A: { O: 'Table', Scope: node.scope } }),
        }),
      );
      this.pageOf.push(undefined);
    }
    this.isStarted = new Uint8Array(nodes.length);
  }

  /** The marked-content operator that begins content of `node` on the current page. */
  begin(node: number): string {
    const page = this.pdf.page as unknown as PdfPage;
    if (page !== this.page) {
      this.page = page;
      this.pageParents = this.pdf.getStructParentTree().get(page.structParentTreeKey);
    }
    const ref = this.refs[node] as PdfRef;
    const mcid = this.pageParents.length;
    this.pageParents.push(ref);
    this.start(node);
    const pageRef = page.dictionary;
    let pg = this.pageOf[node];
    if (pg === undefined) {
      pg = pageRef;
      this.pageOf[node] = pageRef;
      ref.data.Pg = pageRef;
    }
    (this.kids[node] as unknown[]).push(
      pg === pageRef ? mcid : { Type: 'MCR', Pg: pageRef, MCID: mcid },
    );
    return `/${this.nodes[node]?.type ?? 'P'} <</MCID ${mcid}>> BDC`;
  }

  /**
   * Puts the annotation just made on the current page (a link) into the structure: an object
   * reference among `node`'s kids, and `node` as the annotation's entry in the parent tree.
   * `key` is the annotation's /StructParent, taken before the annotation was written.
   */
  annotation(node: number, key: number): void {
    const page = this.pdf.page as unknown as PdfPage;
    const annotation = page.annotations[page.annotations.length - 1];
    const ref = this.refs[node];
    if (!annotation || !ref) return;
    this.pdf.getStructParentTree().add(key, ref);
    this.start(node);
    (this.kids[node] as unknown[]).push({ Type: 'OBJR', Obj: annotation, Pg: page.dictionary });
  }

  private start(node: number): void {
    if (this.isStarted[node] === 1) return;
    this.isStarted[node] = 1;
    const parent = this.nodes[node]?.parent ?? -1;
    if (parent < 0) this.documentKids.push(this.refs[node]);
    else {
      this.start(parent);
      this.kids[parent]?.push(this.refs[node]);
    }
  }

  /** Writes every element (after the last page). */
  end(): void {
    for (let node = 0; node < this.nodes.length; node++) this.start(node);
    for (const ref of this.refs) ref.end();
    this.documentRef.end();
  }
}

/** Exports `doc` (the full document; the edition is derived here) as a PDF. */
export async function writeMinutesPdf(
  doc: ReferatDocument,
  options: WriteMinutesOptions,
): Promise<WriteMinutesResult> {
  return writeEditionPdf(doc, minutesRequest(options), options);
}

/**
 * Exports the agenda (dagsorden) or the tillægsdagsorden of `doc` (the meeting's full document;
 * the agenda and its edition are derived here) as a PDF/A-3b and PDF/UA-1, as the minutes are.
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export async function writeAgendaPdf(
  doc: ReferatDocument,
  options: WriteAgendaOptions,
): Promise<WriteMinutesResult> {
  return writeEditionPdf(doc, agendaRequest(options), options);
}

/**
 * Exports the requested document of `doc` (the meeting's full document, or with
 * `preparedReport` the edition's) as a PDF: the steps of every PDF export. The edition is
 * checked before anything is written (a CPR number in a public edition blocks the export), then
 * come its JSON, its layout and the pages. The minutes get the signature page unless the request
 * says otherwise once the meeting is past draft (see WriteMinutesOptions.isWithSignaturePage).
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export async function writeEditionPdf(
  doc: ReferatDocument,
  request: EditionLayoutRequest,
  options: PdfOutput & { preparedReport?: PersonalDataReport },
): Promise<WriteMinutesResult> {
  const clock = phaseClock(options.timings);
  const prepared = options.preparedReport
    ? { edition: request.edition, document: doc, report: options.preparedReport }
    : prepareRequestedEdition(doc, request);
  const json = serializeReferatDocument(prepared.document);
  clock('json');
  const isWithSignaturePage =
    request.isWithSignaturePage ?? (!request.agenda && doc.meeting.status !== 'draft');
  const layout = layoutPreparedEdition(prepared, { ...request, isWithSignaturePage });
  clock('layoutModel');
  options.onProgress?.({ phase: 'layout', page: 0, pages: 0 });
  const written = await writeBlocksPdf(layout.blocks, {
    ...(options.timings ? { timings: options.timings } : {}),
    out: options.out,
    lang: request.lang,
    json,
    meta: describe(layout, request),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...written, warnings: prepared.report.warnings };
}

/**
 * The PDF of the requested document in memory, with what the export reports (for standard
 * output, or for its SHA-256 before it is handed over).
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export async function editionPdfFile(
  doc: ReferatDocument,
  request: EditionLayoutRequest,
): Promise<WriteMinutesResult & { file: Buffer }> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const result = await writeEditionPdf(doc, request, { out: sink });
  return { ...result, file: Buffer.concat(chunks) };
}

/** What the writer prints and records besides the blocks (title, header, footer, metadata). */
export type PdfMeta = {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  headerLeft: string;
  headerRight: string;
  /** The edition named on every page ("Offentlig udgave"); empty for the full edition. */
  editionLabel: string;
  creationDate: Date;
  pageLabel: (page: number, pages: number) => string;
};

/** The PDF's subject: the document, then its edition ("Dagsorden, offentlig udgave"). */
const minutesSubjects: Record<Lang, string> = { da: 'Beslutningsprotokol', en: 'Minutes' };
const editionSubjects: Record<Lang, Record<Edition, string>> = {
  da: { full: 'fuld udgave', public: 'offentlig udgave' },
  en: { full: 'full edition', public: 'public edition' },
};

function describe(layout: EditionLayout, { edition, lang, agenda }: EditionLayoutRequest): PdfMeta {
  const doc = layout.document;
  const date = formatDanishDate(doc.meeting.date, { language: lang });
  const caseIds = [doc.meeting.caseId, ...doc.agendaItems.map((item) => item.caseId)].filter(
    (id) => id.trim() !== '',
  );
  const l = minutesLabels[lang];
  const documentName = agenda
    ? agenda.kind === 'agenda'
      ? l.agenda
      : l.supplementaryAgenda
    : minutesSubjects[lang];
  return {
    title: layout.title,
    author:
      doc.committee.organisation.trim() === ''
        ? doc.committee.name
        : `${doc.committee.organisation}, ${doc.committee.name}`,
    subject: `${documentName}, ${editionSubjects[lang][edition]}`,
    keywords: [...new Set(caseIds)].join(', '),
    headerLeft: doc.committee.name,
    headerRight: date,
    editionLabel: layout.editionLabel,
    creationDate: meetingInstant(doc.meeting.date, doc.meeting.startTime),
    pageLabel:
      lang === 'da'
        ? (page, pages) => `Side ${page} af ${pages}`
        : (page, pages) => `Page ${page} of ${pages}`,
  };
}

/** The meeting's start as an instant (Copenhagen local time; noon when no start time is recorded). */
function meetingInstant(date: string, time: string | null): Date {
  const [year, month, day] = date.split('-').map(Number);
  const [hour, minute] = (time ?? '12:00').split(':').map(Number);
  const asUtc = Date.UTC(year ?? 2000, (month ?? 1) - 1, day ?? 1, hour ?? 12, minute ?? 0);
  return new Date(asUtc - copenhagenOffsetMinutes(asUtc) * 60_000);
}

type BlocksPdfOptions = {
  out: string | Writable;
  lang: Lang;
  json: string;
  meta: PdfMeta;
  onProgress?: (progress: PdfProgress) => void;
  timings?: Record<string, number>;
};

/** Adds the CPU time since the previous call to `timings[phase]`. */
function phaseClock(timings: Record<string, number> | undefined): (phase: string) => void {
  if (!timings) return () => {};
  let last = process.cpuUsage();
  return (phase) => {
    const used = process.cpuUsage(last);
    timings[phase] = (timings[phase] ?? 0) + (used.user + used.system) / 1000;
    last = process.cpuUsage();
  };
}

/** Typesets and writes layout blocks (exported for the benchmark and for tests of the writer alone). */
export async function writeBlocksPdf(
  blocks: readonly LayoutBlock[],
  options: BlocksPdfOptions,
): Promise<{ pages: number; bytes: number }> {
  const clock = phaseClock(options.timings);
  const fonts = fontPaths();
  const { meta } = options;
  const document = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-3b',
    tagged: true,
    lang: options.lang === 'da' ? 'da-DK' : 'en-GB',
    displayTitle: true,
    // No DejaVu default font here: the fonts are selected under their own family names below
    // (pdfkit would otherwise match the default by name and never cache the family). The
    // unused standard font pdfkit creates by default is never written to the file.
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords,
      Creator: 'Referat',
      Producer: 'Referat (pdfkit)',
      CreationDate: meta.creationDate,
    },
  });
  const pdf = document as unknown as TaggedDoc;
  // Fonts are selected by path, pdfkit's cache key: a registered name that resolves to the
  // document's default font is never cached by pdfkit 0.20 and would be re-read on every switch.
  const useFont = fontSelector(document, fonts);
  for (const name of requiredInternals) {
    if (typeof pdf[name] !== 'function')
      throw new Error(`pdfkit 0.20 (with PDFDocument.${name}) is required`);
  }
  batchOutput(pdf);
  rewriteXmpInfo(pdf, meta);
  const json = Buffer.from(options.json, 'utf8');
  pdf._id = new Uint8Array(createHash('sha256').update(json).digest().subarray(0, 16));

  // pdfkit shapes text in pieces that end after a space ("word ") and caches each piece, so
  // words are measured in that form: drawing then reuses the shaped pieces instead of shaping
  // every word twice. DejaVu has no kerning with the space, so "word " = "word" + " ".
  const raw = (text: string, font: FontKey): number =>
    useFont(font).fontSize(1).widthOfString(text);
  const measure = (text: string, font: FontKey): number =>
    text === ' ' || text.includes(' ') ? raw(text, font) : raw(`${text} `, font) - raw(' ', font);
  const layout = typeset(blocks, measure, a4Geometry);
  clock('typeset');

  const sink = await openSink(options.out);
  let bytes = 0;
  pdf.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
  });
  const done = new Promise<void>((resolve, reject) => {
    sink.stream.on('finish', resolve);
    sink.stream.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(sink.stream);
  // One bookmark per anchored heading (the agenda items), titled as the heading reads.
  const bookmarks = blocks.flatMap((block) =>
    block.kind === 'heading' && block.anchor !== undefined
      ? [{ anchor: block.anchor, title: block.spans.map((span) => span.text).join('') }]
      : [],
  );
  try {
    drawPages(pdf, layout, meta, useFont, bookmarks, options.onProgress);
    clock('draw');
    attachJson(pdf, json, {
      description:
        options.lang === 'da'
          ? 'Referatet i formatet referat/2 (denne udgave)'
          : 'The minutes in the referat/2 format (this edition)',
      date: meta.creationDate,
    });
    pdf.end();
    clock('finish');
    await done;
    await sink.commit();
  } catch (error) {
    done.catch(() => {});
    await sink.abort();
    throw error;
  }
  return { pages: layout.pages.length, bytes };
}

function drawPages(
  pdf: TaggedDoc,
  layout: Typeset,
  meta: PdfMeta,
  useFont: (key: FontKey) => PDFKit.PDFDocument,
  bookmarks: readonly Bookmark[],
  onProgress?: (progress: PdfProgress) => void,
): void {
  const tree = new StructureTree(pdf, layout.structure);
  const titles = new Map(bookmarks.map((bookmark) => [bookmark.anchor, bookmark.title]));
  let nextBookmark = 0;
  const total = layout.pages.length;
  const { width, height, marginLeft, marginRight } = a4Geometry;
  const content = new PageContent(pdf);
  // One embedded font per key for the whole document (pdfkit keeps one per family).
  const fonts = new Map<FontKey, EmbeddedFont>();
  const fontOf = (key: FontKey): EmbeddedFont => {
    let font = fonts.get(key);
    if (!font) {
      font = (useFont(key) as unknown as { _font: EmbeddedFont })._font;
      fonts.set(key, font);
    }
    return font;
  };
  const headerWidth = (text: string) => useFont('regular').fontSize(headerSize).widthOfString(text);

  layout.pages.forEach((page, index) => {
    pdf.addPage({ size: 'A4', margin: 0 });
    // Tab order follows the structure (PDF/UA): links are reached in reading order.
    (pdf.page as unknown as PdfPage).dictionary.data.Tabs = 'S';
    // The headings that begin on this page: a named destination (the table of contents links
    // there) and a bookmark going to the same place. Bookmarks come in document order.
    while (nextBookmark < bookmarks.length) {
      const bookmark = bookmarks[nextBookmark] as Bookmark;
      const destination = layout.destinations.get(bookmark.anchor);
      if (destination !== undefined && destination.page > index) break;
      nextBookmark++;
      if (destination === undefined) continue;
      pdf.addNamedDestination(bookmark.anchor, 'XYZ', 0, destination.top, null);
      const item = pdf.outline.addItem(bookmark.title) as unknown as {
        outlineData: Record<string, unknown>;
      };
      item.outlineData.Dest = new String(bookmark.anchor);
    }
    // Running header and footer are artifacts: not part of the reading order.
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.fillColor('#444444');
    const label = meta.pageLabel(index + 1, total);
    const pagination = [
      { text: meta.headerLeft, x: marginLeft, top: 34 },
      { text: meta.headerRight, x: width - marginRight - headerWidth(meta.headerRight), top: 34 },
      { text: label, x: width - marginRight - headerWidth(label), top: height - 40 },
      ...(meta.editionLabel === ''
        ? []
        : [{ text: meta.editionLabel, x: marginLeft, top: height - 40 }]),
    ];
    const font = fontOf('regular');
    const operands = pagination.map((item) => content.operand(font, item.text));
    if (operands.every((operand) => operand !== null)) {
      pagination.forEach((item, at) =>
        content.show(font, headerSize, operands[at] ?? '', item.x, item.top),
      );
      content.flush();
    } else {
      for (const item of pagination)
        useFont('regular')
          .fontSize(headerSize)
          .text(item.text, item.x, item.top, { lineBreak: false });
    }
    pdf
      .moveTo(marginLeft, 46)
      .lineTo(width - marginRight, 46)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    for (const rule of page.rules) {
      pdf
        .moveTo(rule.x1, rule.y)
        .lineTo(rule.x2, rule.y2 ?? rule.y)
        .lineWidth(0.6)
        .strokeColor('#000000')
        .stroke();
    }
    pdf.endMarkedContent();
    pdf.fillColor('#000000');

    const underlines: Underline[] = [];
    for (const line of page.lines)
      drawLine(pdf, line, tree, content, fontOf, useFont, underlines, titles);
    content.flush();
    for (const image of page.images) {
      // The logo is content of its Figure element (with its alternate text), not an artifact.
      pdf.addContent(tree.begin(image.struct));
      pdf.image(Buffer.from(image.dataBase64, 'base64'), image.x, image.top, {
        fit: [image.maxWidth, image.height],
      });
      pdf.addContent('EMC');
    }
    if (underlines.length > 0) {
      pdf.markContent('Artifact', { type: 'Layout' });
      for (const { x1, x2, y } of underlines)
        pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor('#000000').stroke();
      pdf.endMarkedContent();
    }
    onProgress?.({ phase: 'write', page: index + 1, pages: total });
  });
  tree.end();
}

type Underline = { x1: number; x2: number; y: number };
/** A table's header row drawn again on a page it continues on: read once, so an artifact. */
const repeatedArtifact = '/Artifact <</Type /Pagination>> BDC';
/** A bookmark: the anchor of an item's heading and the heading's text. */
type Bookmark = { anchor: string; title: string };

/**
 * Draws one line into the page's text object: a marked-content sequence per structure element
 * (a list item's label and body are two). Underlines are collected for the page (drawn as
 * artifacts after the text object); links become annotations.
 */
function drawLine(
  pdf: TaggedDoc,
  line: Typeset['pages'][number]['lines'][number],
  tree: StructureTree,
  content: PageContent,
  fontOf: (key: FontKey) => EmbeddedFont,
  useFont: (key: FontKey) => PDFKit.PDFDocument,
  underlines: Underline[],
  titles: ReadonlyMap<string, string>,
): void {
  // The element whose marked content is open; null for none (-1 is an artifact's).
  let open: number | null = null;
  const lineHeight = line.size * 1.17;
  for (const segment of line.segments) {
    if (segment.text === '') continue;
    const font = fontOf(segment.font);
    const operand = content.operand(font, segment.text);
    if (operand === null) {
      // Glyphs with offsets (combining marks): pdfkit positions them itself, outside our text
      // object; a marked-content sequence begun inside a text object must end inside it.
      if (open !== null) content.add('EMC');
      open = null;
      content.flush();
      content.add(segment.struct < 0 ? repeatedArtifact : tree.begin(segment.struct));
      content.flush();
      useFont(segment.font).fontSize(segment.size);
      pdf._fragment(segment.text, segment.x, line.top, { textWidth: segment.width, wordCount: 1 });
      content.add('EMC');
    } else {
      if (segment.struct !== open) {
        if (open !== null) content.add('EMC');
        content.add(segment.struct < 0 ? repeatedArtifact : tree.begin(segment.struct));
        open = segment.struct;
      }
      content.show(font, segment.size, operand, segment.x, line.top);
    }
    if (segment.underline)
      underlines.push({
        x1: segment.x,
        x2: segment.x + segment.width,
        y: line.top + lineHeight - 0.5,
      });
    if (segment.link !== undefined || segment.goTo !== undefined) {
      // A link annotation belongs to its Link element (PDF/UA): /StructParent names it, and the
      // element lists the annotation beside its text. /Contents describes where it leads.
      const key = pdf.createStructParentTreeNextKey();
      if (segment.goTo !== undefined) {
        const title = titles.get(segment.goTo) ?? segment.text;
        pdf.goTo(
          segment.x,
          line.top,
          segment.width,
          lineHeight,
          segment.goTo,
          annotationOptions(key, title),
        );
      } else if (segment.link !== undefined) {
        pdf.link(
          segment.x,
          line.top,
          segment.width,
          lineHeight,
          segment.link,
          annotationOptions(key, `${segment.text} (${segment.link})`),
        );
      }
      tree.annotation(segment.struct, key);
    }
  }
  if (open !== null) content.add('EMC');
}

/**
 * The entries a link annotation gets beside pdfkit's own: /StructParent and /Contents (a PDF
 * string: pdfkit writes a `String` object as a string and a primitive as a name).
 */
function annotationOptions(key: number, contents: string): PDFKit.Mixins.AnnotationOption {
  return {
    StructParent: key,
    Contents: new String(contents),
  } as unknown as PDFKit.Mixins.AnnotationOption;
}

/**
 * pdfkit pushes every piece of the file (an object header, a dictionary, a stream, "endobj")
 * to its stream separately, converting strings in JavaScript: tens of thousands of small
 * chunks for a tagged 300-page document. This collects them into chunks of 64 KiB, converted
 * natively; the bytes and pdfkit's offsets (cross-reference table) stay exactly the same.
 */
function batchOutput(pdf: TaggedDoc): void {
  const push = pdf.push.bind(pdf);
  let chunks: Uint8Array[] = [];
  let size = 0;
  const flush = () => {
    if (size === 0) return;
    const chunk = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
    chunks = [];
    size = 0;
    push(chunk);
  };
  pdf._write = (data: string | Uint8Array) => {
    const bytes = data instanceof Uint8Array ? data : Buffer.from(`${data}\n`, 'latin1');
    chunks.push(bytes);
    size += bytes.length;
    pdf._offset += bytes.length;
    if (size >= 65_536) flush();
  };
  // pdfkit ends its stream with push(null) after the trailer.
  pdf.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) flush();
    return push(chunk, encoding);
  };
}

/**
 * Embeds the edition's JSON as `meeting.json`, the associated file (AFRelationship /Source,
 * listed in the catalog's /AF and the EmbeddedFiles name tree): the objects pdfkit's `file()`
 * writes, with the MD5 checksum computed by node:crypto instead of pdfkit's JavaScript MD5
 * (which costs more than typesetting 30 pages for a 2.5 MB file).
 */
function attachJson(
  pdf: TaggedDoc,
  data: Buffer,
  options: { description: string; date: Date },
): void {
  const name = 'meeting.json';
  const file = pdf.ref({
    Type: 'EmbeddedFile',
    Params: {
      CreationDate: options.date,
      ModDate: options.date,
      // pdfkit writes the checksum as hexadecimal text; kept for identical files.
      CheckSum: new String(createHash('md5').update(data).digest('hex')),
      Size: data.byteLength,
    },
    Subtype: 'application#2Fjson',
  });
  file.end(data);
  const fileSpec = pdf.ref({
    Type: 'Filespec',
    AFRelationship: 'Source',
    F: new String(name),
    EF: { F: file },
    UF: new String(name),
    Desc: new String(options.description),
  });
  fileSpec.end();
  pdf.addNamedEmbeddedFile(name, fileSpec);
  pdf._root.data.AF = [fileSpec];
}

function escapeXml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * PDF/A accepts XMP properties outside its predefined schemas only when the packet describes
 * them: the description of `pdfuaid:part` (as ISO 14289-1 gives it).
 */
const pdfuaExtensionSchema = `<rdf:Description rdf:about=""
                xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
                xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
                xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
            <pdfaExtension:schemas>
                <rdf:Bag>
                    <rdf:li rdf:parseType="Resource">
                        <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
                        <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
                        <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
                        <pdfaSchema:property>
                            <rdf:Seq>
                                <rdf:li rdf:parseType="Resource">
                                    <pdfaProperty:name>part</pdfaProperty:name>
                                    <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
                                    <pdfaProperty:category>internal</pdfaProperty:category>
                                    <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
                                </rdf:li>
                            </rdf:Seq>
                        </pdfaSchema:property>
                    </rdf:li>
                </rdf:Bag>
            </pdfaExtension:schemas>
        </rdf:Description>`;

/** Replaces pdfkit's XMP document-info block with one whose values are XML-escaped. */
function rewriteXmpInfo(pdf: TaggedDoc, meta: PdfMeta): void {
  pdf._addInfo = function addEscapedInfo(this: TaggedDoc) {
    const created = meta.creationDate.toISOString().split('.')[0] + 'Z';
    this.appendXML(`
        <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
            <xmp:CreateDate>${created}</xmp:CreateDate>
            <xmp:CreatorTool>Referat</xmp:CreatorTool>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:format>application/pdf</dc:format>
            <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.title)}</rdf:li></rdf:Alt></dc:title>
            <dc:creator><rdf:Seq><rdf:li>${escapeXml(meta.author)}</rdf:li></rdf:Seq></dc:creator>
            <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(meta.subject)}</rdf:li></rdf:Alt></dc:description>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Producer>Referat (pdfkit)</pdf:Producer>
            <pdf:Keywords>${escapeXml(meta.keywords)}</pdf:Keywords>
        </rdf:Description>
        <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
            <pdfuaid:part>1</pdfuaid:part>
        </rdf:Description>
        ${pdfuaExtensionSchema}
        `);
  };
}

type Sink = { stream: Writable; commit(): Promise<void>; abort(): Promise<void> };

/** A file is written next to its target and renamed when complete: never half a PDF under the real name. */
async function openSink(out: string | Writable): Promise<Sink> {
  if (typeof out !== 'string') {
    return { stream: out, commit: async () => {}, abort: async () => {} };
  }
  const target = path.resolve(out);
  const temporary = `${target}.${process.pid}.${Date.now()}.part`;
  const stream = createWriteStream(temporary, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'ENOENT'
          ? `the folder ${path.dirname(target)} does not exist`
          : error.message;
      reject(new DomainError('invalid_input', `The PDF cannot be written to ${target}: ${reason}`));
    });
  });
  return {
    stream,
    commit: () => rename(temporary, target),
    abort: async () => {
      stream.destroy();
      await rm(temporary, { force: true });
    },
  };
}
