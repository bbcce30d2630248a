/**
 * Writes the minutes as an archival, accessible PDF with pdfkit:
 * - A4, fonts embedded (subsets of DejaVu Sans from resources/fonts), running header
 *   (committee, date) and footer "Side N af M" marked as pagination artifacts;
 * - PDF/A-3b: pdfkit's `subset: 'PDF/A-3b'` writes the XMP identification and an sRGB output
 *   intent with its bundled ICC profile; the XMP packet is rewritten here with XML escaping
 *   (pdfkit inserts titles unescaped, so "Børn & Unge" would break the packet);
 * - tagged with a real structure tree (Document > H1-H6, P, L/LI/Lbl/LBody, TOC/TOCI), Lang da-DK;
 * - the edition's `referat/1` JSON embedded as the associated file `meeting.json`
 *   (AFRelationship /Source, listed in the catalog's /AF);
 * - deterministic: CreationDate is the meeting's start (Copenhagen time), the file /ID is
 *   derived from the embedded JSON, so the same document and edition give identical bytes.
 *
 * For signing (issue 5): the file has a classic cross-reference table, no object streams, no
 * AcroForm and no encryption, so signatures can be appended as incremental updates.
 *
 * Layout happens before any page is written (typeset.ts), so the page count is known and pages
 * are streamed out one by one instead of being buffered.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { DomainError } from '../../common/contract/result';
import { copenhagenOffsetMinutes, formatDanishDate } from '../../common/domain/danishDates';
import { buildEdition, type Edition } from '../../common/export/editions';
import { assertNoCprNumbers, checkPersonalData, type PersonalDataFinding } from '../../common/export/personalData';
import { layoutMinutes, minutesTitle, type Correction, type LayoutBlock } from '../../common/export/layoutMinutes';
import { a4Geometry, typeset, type FontKey, type Typeset } from '../../common/export/typeset';
import type { ReferatDocument } from '../../common/format/referat1';
import { serializeReferatDocument } from '../../common/format/referatJson';
import { fontPaths } from './fonts';

/** Progress of an export: layout first, then one event per written page. */
export type PdfProgress = { phase: 'layout' | 'write'; page: number; pages: number };

export type WriteMinutesOptions = {
  edition: Edition;
  /** A file path (written to a temporary file and renamed when complete) or a writable stream. */
  out: string | Writable;
  lang?: 'da' | 'en';
  corrections?: readonly Correction[];
  /**
   * The signature page (underskriftsblad). Default: on for every meeting past draft, since
   * approved minutes are signed by every member present (Kommunestyrelsesloven § 13).
   */
  isWithSignaturePage?: boolean;
  onProgress?: (progress: PdfProgress) => void;
  /** Filled with the CPU milliseconds of each phase (for the benchmark). */
  timings?: Record<string, number>;
};

export type WriteMinutesResult = {
  pages: number;
  bytes: number;
  /** Personal-data warnings of a public export (citizen members named in the text). */
  warnings: PersonalDataFinding[];
};

/** The structure and drawing interface of pdfkit 0.20 that its type package does not describe. */
type StructElement = { add(child: unknown): StructElement; end(): void };
type TaggedDoc = PDFKit.PDFDocument & {
  struct(type: string): StructElement;
  addStructure(element: StructElement): TaggedDoc;
  markStructureContent(tag: string): unknown;
  markContent(tag: string, options?: Record<string, unknown>): TaggedDoc;
  endMarkedContent(): TaggedDoc;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo: () => void;
  _id: Uint8Array;
  addContent(data: string): TaggedDoc;
  /** pdfkit's drawing of one positioned line of text (what `text()` calls after its option handling). */
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  info: Record<string, unknown>;
};

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
function fontSelector(pdf: PDFKit.PDFDocument, paths: Record<FontKey, string>): (key: FontKey) => PDFKit.PDFDocument {
  const parsedAtStart = new Map(parsedFonts);
  return (key) => {
    const parsed = parsedAtStart.get(key);
    if (parsed !== undefined) return pdf.font(parsed as string, `Referat-${key}`);
    pdf.font(paths[key]);
    if (!parsedFonts.has(key)) parsedFonts.set(key, (pdf as unknown as { _font: { font: unknown } })._font.font);
    return pdf;
  };
}

/** The parts of a pdfkit 0.20 embedded font that the text emitter uses. */
type EmbeddedFont = {
  id: string;
  ascender: number;
  ref(): unknown;
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]];
};

const formatNumber = (value: number): string => String(Math.round(value * 1000) / 1000);

/**
 * Writes positioned text straight into the page's content stream. pdfkit's `text()` shapes,
 * measures and re-encodes every string each time it is drawn; here each "word " piece is shaped
 * and encoded once per font (which also registers its glyphs in the font subset and in the
 * ToUnicode map, exactly as pdfkit's own drawing does) and its TJ operand is reused. Text that
 * needs glyph offsets (combining marks) falls back to pdfkit's `_fragment`.
 */
class TextEmitter {
  private readonly pieces = new Map<string, Map<string, string | null>>();
  constructor(private readonly pdf: TaggedDoc) {}

  /** The TJ operand of `text` (split after spaces like pdfkit), or null when it needs offsets. */
  private operand(font: EmbeddedFont, text: string): string | null {
    let cache = this.pieces.get(font.id);
    if (!cache) {
      cache = new Map();
      this.pieces.set(font.id, cache);
    }
    let out = '';
    let start = 0;
    for (let index = 0; index <= text.length; index++) {
      if (index < text.length && text.charCodeAt(index) !== 32) continue;
      const end = index < text.length ? index + 1 : index;
      if (end === start) break;
      const piece = text.slice(start, end);
      start = end;
      let operand = cache.get(piece);
      if (operand === undefined) {
        operand = encodePiece(font, piece);
        cache.set(piece, operand);
      }
      if (operand === null) return null;
      out += operand;
    }
    return out;
  }

  private isOpen = false;
  private currentFont = '';

  /**
   * The operators that show `text` in `font` with its line box's top at `top`, for use inside
   * the text object opened by {@link open}; null when pdfkit must draw it instead.
   */
  show(font: EmbeddedFont, size: number, text: string, x: number, top: number): string | null {
    const operand = this.operand(font, text);
    if (operand === null) return null;
    const page = this.page();
    if (page.fonts[font.id] == null) page.fonts[font.id] = font.ref();
    const baseline = page.height - top - (font.ascender / 1000) * size;
    const fontOperator = `/${font.id} ${formatNumber(size)} Tf`;
    const switchFont = fontOperator === this.currentFont ? '' : `${fontOperator} `;
    this.currentFont = fontOperator;
    return `${switchFont}1 0 0 1 ${formatNumber(x)} ${formatNumber(baseline)} Tm [${operand}] TJ`;
  }

  /**
   * Opens a text object in unflipped user space (pdfkit flips each page: origin top left),
   * unless one is open. One text object serves a whole page; marked-content sequences of the
   * structure tree nest inside it.
   */
  open(): void {
    if (this.isOpen) return;
    this.pdf.addContent(`q 1 0 0 -1 0 ${formatNumber(this.page().height)} cm BT`);
    this.isOpen = true;
    this.currentFont = '';
  }

  /** Closes the text object (before drawing anything else, and at the end of a page). */
  close(): void {
    if (!this.isOpen) return;
    this.pdf.addContent('ET Q');
    this.isOpen = false;
  }

  private page(): { height: number; fonts: Record<string, unknown> } {
    return (this.pdf as unknown as { page: { height: number; fonts: Record<string, unknown> } }).page;
  }
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

/** Exports `doc` (the full document; the edition is derived here) as a PDF. */
export async function writeMinutesPdf(doc: ReferatDocument, options: WriteMinutesOptions): Promise<WriteMinutesResult> {
  const lang = options.lang ?? 'da';
  const clock = phaseClock(options.timings);
  const edition = buildEdition(doc, options.edition, lang);
  // A public edition is checked before anything is written: a CPR number blocks the export.
  const report = options.edition === 'public' ? checkPersonalData(edition) : { errors: [], warnings: [] };
  assertNoCprNumbers(report);
  const json = serializeReferatDocument(edition);
  clock('json');
  const blocks = layoutMinutes(edition, {
    lang,
    edition: options.edition,
    ...(options.corrections ? { corrections: options.corrections } : {}),
    ...((options.isWithSignaturePage ?? doc.meeting.status !== 'draft') ? { isWithSignaturePage: true } : {}),
  });
  clock('layoutModel');
  options.onProgress?.({ phase: 'layout', page: 0, pages: 0 });
  const written = await writeBlocksPdf(blocks, {
    ...(options.timings ? { timings: options.timings } : {}),
    out: options.out,
    lang,
    json,
    meta: describe(edition, options.edition, lang),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  return { ...written, warnings: report.warnings };
}

type PdfMeta = {
  title: string;
  author: string;
  subject: string;
  keywords: string;
  headerLeft: string;
  headerRight: string;
  creationDate: Date;
  pageLabel: (page: number, pages: number) => string;
};

function describe(doc: ReferatDocument, edition: Edition, lang: 'da' | 'en'): PdfMeta {
  const date = formatDanishDate(doc.meeting.date, { language: lang });
  const caseIds = [doc.meeting.caseId, ...doc.agendaItems.map((item) => item.caseId)].filter((id) => id.trim() !== '');
  const subject =
    lang === 'da'
      ? `Beslutningsprotokol, ${edition === 'public' ? 'offentlig udgave' : 'fuld udgave'}`
      : `Minutes, ${edition === 'public' ? 'public edition' : 'full edition'}`;
  return {
    title: minutesTitle(doc, lang),
    author: doc.committee.organisation.trim() === '' ? doc.committee.name : `${doc.committee.organisation}, ${doc.committee.name}`,
    subject,
    keywords: [...new Set(caseIds)].join(', '),
    headerLeft: doc.committee.name,
    headerRight: date,
    creationDate: meetingInstant(doc.meeting.date, doc.meeting.startTime),
    pageLabel: lang === 'da' ? (page, pages) => `Side ${page} af ${pages}` : (page, pages) => `Page ${page} of ${pages}`,
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
  lang: 'da' | 'en';
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
  const pdf = new PDFDocument({
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
  }) as TaggedDoc;
  // Fonts are selected by path, pdfkit's cache key: a registered name that resolves to the
  // document's default font is never cached by pdfkit 0.20 and would be re-read on every switch.
  const useFont = fontSelector(pdf, fonts);
  if (typeof pdf._fragment !== 'function') throw new Error('pdfkit 0.20 (with PDFDocument._fragment) is required');
  rewriteXmpInfo(pdf, meta);
  pdf._id = new Uint8Array(createHash('sha256').update(options.json).digest().subarray(0, 16));

  // pdfkit shapes text in pieces that end after a space ("word ") and caches each piece, so
  // words are measured in that form: drawing then reuses the shaped pieces instead of shaping
  // every word twice. DejaVu has no kerning with the space, so "word " = "word" + " ".
  const raw = (text: string, font: FontKey): number => useFont(font).fontSize(1).widthOfString(text);
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
  try {
    drawPages(pdf, layout, meta, useFont, options.onProgress);
    clock('draw');
    pdf.file(Buffer.from(options.json, 'utf8'), {
      name: 'meeting.json',
      type: 'application/json',
      relationship: 'Source',
      description: 'The minutes in the referat/1 format (this edition)',
      creationDate: meta.creationDate,
      modifiedDate: meta.creationDate,
    } as PDFKit.Mixins.PDFAttachmentOptions);
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
  onProgress?: (progress: PdfProgress) => void,
): void {
  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const elements: StructElement[] = [];
  for (const node of layout.structure) {
    const element = pdf.struct(node.type);
    elements.push(element);
    const parent = node.parent < 0 ? root : elements[node.parent];
    parent?.add(element);
  }
  const total = layout.pages.length;
  const { width, height, marginLeft, marginRight } = a4Geometry;
  const emitter = new TextEmitter(pdf);
  const fontOf = (key: FontKey, size: number) => (useFont(key).fontSize(size) as unknown as { _font: EmbeddedFont })._font;
  // Text is shown with a trailing space: invisible, and it makes the last word the same shaped
  // "word " piece the typesetter measured.
  const showAll = (items: { key: FontKey; size: number; text: string; x: number; top: number }[]): boolean => {
    emitter.open();
    const shown = items.map((item) => emitter.show(fontOf(item.key, item.size), item.size, `${item.text} `, item.x, item.top));
    if (shown.some((operators) => operators === null)) {
      emitter.close();
      return false;
    }
    for (const operators of shown) pdf.addContent(operators ?? '');
    emitter.close();
    return true;
  };

  layout.pages.forEach((page, index) => {
    pdf.addPage({ size: 'A4', margin: 0 });
    // Running header and footer are artifacts: not part of the reading order.
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.fillColor('#444444');
    const headerWidth = (text: string) => useFont('regular').fontSize(headerSize).widthOfString(text);
    const label = meta.pageLabel(index + 1, total);
    const pagination = [
      { key: 'regular' as const, size: headerSize, text: meta.headerLeft, x: marginLeft, top: 34 },
      { key: 'regular' as const, size: headerSize, text: meta.headerRight, x: width - marginRight - headerWidth(meta.headerRight), top: 34 },
      { key: 'regular' as const, size: headerSize, text: label, x: width - marginRight - headerWidth(label), top: height - 40 },
    ];
    if (!showAll(pagination)) {
      for (const item of pagination) useFont(item.key).fontSize(item.size).text(item.text, item.x, item.top, { lineBreak: false });
    }
    pdf.moveTo(marginLeft, 46).lineTo(width - marginRight, 46).lineWidth(0.5).strokeColor('#999999').stroke();
    for (const rule of page.rules) {
      pdf.moveTo(rule.x1, rule.y).lineTo(rule.x2, rule.y).lineWidth(0.6).strokeColor('#000000').stroke();
    }
    pdf.endMarkedContent();
    pdf.fillColor('#000000');

    const underlines: Underline[] = [];
    for (const line of page.lines) drawLine(pdf, line, layout, elements, emitter, fontOf, useFont, underlines);
    emitter.close();
    if (underlines.length > 0) {
      pdf.markContent('Artifact', { type: 'Layout' });
      for (const { x1, x2, y } of underlines) pdf.moveTo(x1, y).lineTo(x2, y).lineWidth(0.5).strokeColor('#000000').stroke();
      pdf.endMarkedContent();
    }
    onProgress?.({ phase: 'write', page: index + 1, pages: total });
  });
}

type Underline = { x1: number; x2: number; y: number };

/**
 * Draws one line into the page's text object: a marked-content sequence per structure element
 * (a list item's label and body are two). Underlines are collected for the page (drawn as
 * artifacts after the text object); links become annotations.
 */
function drawLine(
  pdf: TaggedDoc,
  line: Typeset['pages'][number]['lines'][number],
  layout: Typeset,
  elements: StructElement[],
  emitter: TextEmitter,
  fontOf: (key: FontKey, size: number) => EmbeddedFont,
  useFont: (key: FontKey) => PDFKit.PDFDocument,
  underlines: Underline[],
): void {
  let open = -1;
  const lineHeight = line.size * 1.17;
  for (const segment of line.segments) {
    if (segment.text === '') continue;
    // Shown with a trailing space: invisible, and the last word is then the same shaped
    // "word " piece the typesetter measured.
    emitter.open();
    const operators = emitter.show(fontOf(segment.font, segment.size), segment.size, `${segment.text} `, segment.x, line.top);
    if (operators === null) {
      // Glyphs with offsets (combining marks): pdfkit positions them itself, outside our text
      // object; a marked-content sequence begun inside a text object must end inside it.
      if (open >= 0) pdf.endMarkedContent();
      open = -1;
      emitter.close();
      useFont(segment.font).fontSize(segment.size);
      elements[segment.struct]?.add(pdf.markStructureContent(layout.structure[segment.struct]?.type ?? 'P'));
      pdf._fragment(segment.text, segment.x, line.top, { textWidth: segment.width, wordCount: 1 });
      pdf.endMarkedContent();
    } else {
      if (segment.struct !== open) {
        if (open >= 0) pdf.endMarkedContent();
        elements[segment.struct]?.add(pdf.markStructureContent(layout.structure[segment.struct]?.type ?? 'P'));
        open = segment.struct;
      }
      pdf.addContent(operators);
    }
    if (segment.underline) underlines.push({ x1: segment.x, x2: segment.x + segment.width, y: line.top + lineHeight - 0.5 });
    if (segment.link) pdf.link(segment.x, line.top, segment.width, lineHeight, segment.link);
  }
  if (open >= 0) pdf.endMarkedContent();
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

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
      const reason = error.code === 'ENOENT' ? `the folder ${path.dirname(target)} does not exist` : error.message;
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
