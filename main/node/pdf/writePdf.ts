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
  /** pdfkit's drawing of one positioned line of text (what `text()` calls after its option handling). */
  _fragment(text: string, x: number, y: number, options: Record<string, unknown>): void;
  info: Record<string, unknown>;
};

const headerSize = 8;

/** Exports `doc` (the full document; the edition is derived here) as a PDF. */
export async function writeMinutesPdf(doc: ReferatDocument, options: WriteMinutesOptions): Promise<WriteMinutesResult> {
  const lang = options.lang ?? 'da';
  const clock = phaseClock(options.timings);
  const edition = buildEdition(doc, options.edition);
  // A public edition is checked before anything is written: a CPR number blocks the export.
  const report = options.edition === 'public' ? checkPersonalData(edition) : { errors: [], warnings: [] };
  assertNoCprNumbers(report);
  const json = serializeReferatDocument(edition);
  clock('json');
  const blocks = layoutMinutes(edition, {
    lang,
    edition: options.edition,
    ...(options.corrections ? { corrections: options.corrections } : {}),
    ...(options.isWithSignaturePage ? { isWithSignaturePage: true } : {}),
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
    font: fonts.regular,
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
  const useFont = (key: FontKey) => pdf.font(fonts[key]);
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
  onProgress?: (progress: PdfProgress) => void): void {
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
  layout.pages.forEach((page, index) => {
    pdf.addPage({ size: 'A4', margin: 0 });
    // Running header and footer are artifacts: not part of the reading order.
    pdf.markContent('Artifact', { type: 'Pagination' });
    useFont('regular').fontSize(headerSize).fillColor('#444444');
    pdf.text(meta.headerLeft, marginLeft, 34, { lineBreak: false });
    const right = meta.headerRight;
    pdf.text(right, width - marginRight - pdf.widthOfString(right), 34, { lineBreak: false });
    pdf.moveTo(marginLeft, 46).lineTo(width - marginRight, 46).lineWidth(0.5).strokeColor('#999999').stroke();
    const label = meta.pageLabel(index + 1, total);
    pdf.text(label, width - marginRight - pdf.widthOfString(label), height - 40, { lineBreak: false });
    for (const rule of page.rules) {
      pdf.moveTo(rule.x1, rule.y).lineTo(rule.x2, rule.y).lineWidth(0.6).strokeColor('#000000').stroke();
    }
    pdf.endMarkedContent();
    pdf.fillColor('#000000');

    for (const line of page.lines) {
      let open = -1;
      for (const segment of line.segments) {
        if (segment.text === '') continue;
        if (segment.struct !== open) {
          if (open >= 0) pdf.endMarkedContent();
          const type = layout.structure[segment.struct]?.type ?? 'P';
          const content = pdf.markStructureContent(type);
          elements[segment.struct]?.add(content);
          open = segment.struct;
        }
        useFont(segment.font).fontSize(segment.size);
        // The typesetter has placed and measured the text: `_fragment` draws it without
        // text()'s option merging and two more measurements per call (a third of the time).
        const textOptions: Record<string, unknown> = { textWidth: segment.width, wordCount: 1 };
        if (segment.underline) textOptions.underline = true;
        if (segment.link) textOptions.link = segment.link;
        // A trailing space is invisible and lets pdfkit reuse the shaped "word " piece.
        const text = segment.underline || segment.link ? segment.text : `${segment.text} `;
        pdf._fragment(text, segment.x, line.top, textOptions);
      }
      if (open >= 0) pdf.endMarkedContent();
    }
    onProgress?.({ phase: 'write', page: index + 1, pages: total });
  });
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
    stream.once('error', reject);
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
