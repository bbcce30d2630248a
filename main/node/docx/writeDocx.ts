/**
 * The minutes as a Word document (DOCX, the `docx` package) for colleagues who work in Word.
 *
 * The content is the same as the PDF's: the edition is filtered by `buildEdition` (the public
 * edition drops closed text and appendices) and laid out by `layoutMinutes`, so headings,
 * the table of contents, votes and dissents as text, attendance and the Bilag list read exactly
 * as in the PDF. Word specifics: real Word headings (navigation pane), real Word lists (bullets
 * and numbers, nested, each list restarting at its own start), bold/italic/underline runs,
 * web and mail links as hyperlinks (internal `referat://` links stay plain text), table of
 * contents lines linking to bookmarks on the item headings, "Side N af M" in the footer.
 *
 * A public edition is refused when it would publish a CPR number, as for the PDF.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  AlignmentType,
  Bookmark,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  InternalHyperlink,
  LevelFormat,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type ParagraphChild,
} from 'docx';
import { formatDanishDate } from '../../../common/domain/danishDates';
import { referatUrlPattern } from '../../../common/domain/richText';
import {
  agendaRequest,
  layoutEdition,
  minutesRequest,
  type AgendaChoice,
  type EditionLayout,
  type EditionLayoutRequest,
  type EditionOptions,
} from '../../../common/export/editionLayout';
import type {
  Correction,
  LayoutBlock,
  LayoutList,
  LayoutTable,
  Span,
} from '../../../common/export/layoutMinutes';
import type { ReferatDocument } from '../../../common/format/referat1';
import { DomainError } from '../../../common/contract/result';
import { writeFileAtomically } from '../services/atomicFile';

export type WriteDocxOptions = EditionOptions & {
  /** Corrections after approval ("Rettelser"); pass them for the full edition only. */
  corrections?: readonly Correction[];
};

const headingLevels = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

const bulletSymbols = ['•', '◦', '▪'];
const maxLevels = 9;

/**
 * The DOCX bytes of the document's edition.
 * @throws DomainError personal_data (public edition with a CPR number)
 */
export async function minutesDocx(
  doc: ReferatDocument,
  options: WriteDocxOptions,
): Promise<Buffer> {
  return editionDocx(doc, minutesRequest(options));
}

/**
 * The DOCX bytes of the agenda (dagsorden) or tillægsdagsorden of `doc` (the meeting's full
 * document; the agenda and its edition are derived here), from the same layout as its PDF.
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export async function agendaDocx(
  doc: ReferatDocument,
  options: EditionOptions & AgendaChoice,
): Promise<Buffer> {
  return editionDocx(doc, agendaRequest(options));
}

/**
 * The DOCX bytes of the requested document of `doc` (the meeting's full document) in its edition.
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export async function editionDocx(
  doc: ReferatDocument,
  request: EditionLayoutRequest,
): Promise<Buffer> {
  return docxOfLayout(layoutEdition(doc, request), request);
}

async function docxOfLayout(
  { document: doc, blocks, title, editionLabel }: EditionLayout,
  { edition, lang }: EditionLayoutRequest,
): Promise<Buffer> {
  const builder = new DocxBuilder();
  const children = blocks.flatMap((block) => builder.block(block));
  const date = formatDanishDate(doc.meeting.date, { language: lang });
  const document = new Document({
    creator: 'Referat',
    title,
    description: `${doc.committee.name}, ${date}${edition === 'public' ? (lang === 'da' ? ' (offentlig udgave)' : ' (public edition)') : ''}`,
    numbering: { config: builder.numberingConfig() },
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    sections: [
      {
        properties: { page: { size: { width: 11906, height: 16838 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({
                children: [new TextRun({ text: `${doc.committee.name} · ${date}`, size: 18 })],
              }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    children: [
                      // The public edition names itself on every page, as in the PDF.
                      edition === 'public' ? `${editionLabel} · ` : '',
                      lang === 'da' ? 'Side ' : 'Page ',
                      PageNumber.CURRENT,
                      lang === 'da' ? ' af ' : ' of ',
                      PageNumber.TOTAL_PAGES,
                    ],
                    size: 18,
                  }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}

/**
 * Writes the DOCX to `out` atomically (a temporary file beside it, then a rename).
 * @throws DomainError personal_data, invalid_input (no such folder)
 */
export async function writeMinutesDocx(
  doc: ReferatDocument,
  options: WriteDocxOptions & { out: string },
): Promise<{ bytes: number }> {
  const bytes = await minutesDocx(doc, options);
  const target = path.resolve(options.out);
  if (!fs.existsSync(path.dirname(target)))
    throw new DomainError('invalid_input', `The folder ${path.dirname(target)} does not exist.`);
  writeFileAtomically(target, bytes);
  return { bytes: bytes.length };
}

/** Turns layout blocks into docx paragraphs, collecting the list definitions they use. */
class DocxBuilder {
  private readonly bookmarks = new Map<string, string>();
  private readonly orderedStarts = new Set<number>();
  private nextInstance = 1;

  block(block: LayoutBlock): (Paragraph | Table)[] {
    switch (block.kind) {
      case 'heading': {
        const runs = this.runs(block.spans);
        const children: ParagraphChild[] = block.anchor
          ? [new Bookmark({ id: this.bookmark(block.anchor), children: runs })]
          : runs;
        return [new Paragraph({ heading: headingLevels[block.level - 1], children })];
      }
      case 'paragraph':
        return [
          new Paragraph({
            children: this.runs(
              block.spans,
              block.variant === 'note'
                ? { italics: true }
                : block.variant === 'meta'
                  ? { color: '444444' }
                  : {},
            ),
            spacing: { after: 120 },
          }),
        ];
      case 'list':
        return this.list(block, 0);
      case 'table':
        // A paragraph after the table keeps two tables in a row from joining into one.
        return [this.table(block), new Paragraph({ children: [], spacing: { after: 120 } })];
      case 'tocEntry':
        return [
          new Paragraph({
            indent: { left: 360 },
            children: [
              new InternalHyperlink({
                anchor: this.bookmark(block.target),
                children: this.runs(block.spans),
              }),
            ],
          }),
        ];
      case 'signature':
        return [
          new Paragraph({ spacing: { before: 600 }, children: [new TextRun('_'.repeat(45))] }),
          new Paragraph({
            children: [
              new TextRun({ text: `${block.name}${block.detail ? ` ${block.detail}` : ''}` }),
            ],
          }),
        ];
      case 'image':
        return [
          new Paragraph({
            children: [
              new ImageRun({
                type: block.mediaType === 'image/png' ? 'png' : 'jpg',
                data: Buffer.from(block.dataBase64, 'base64'),
                transformation: imageSize(block),
                altText: { name: block.altText, description: block.altText, title: block.altText },
              }),
            ],
          }),
        ];
      case 'pageBreak':
        return [new Paragraph({ pageBreakBefore: true, children: [] })];
    }
  }

  /**
   * A Word table over the page's width with single borders (Word's default), its columns
   * sized to their text as the PDF's are (in characters here); the header row is marked as
   * such (`w:tblHeader`: Word repeats it on every page and screen readers use it) and set in
   * bold.
   */
  private table(table: LayoutTable): Table {
    const shares = columnShares(table);
    return new Table({
      width: { size: 5000, type: WidthType.PERCENTAGE },
      columnWidths: shares.map((share) => Math.round(share * textWidthTwips)),
      rows: table.rows.map((row, rowIndex) => {
        const isHeader = table.headerRow && rowIndex === 0;
        return new TableRow({
          tableHeader: isHeader,
          cantSplit: true,
          children: row.map(
            (cell, column) =>
              new TableCell({
                width: {
                  size: Math.round((shares[column] ?? 1 / shares.length) * 5000),
                  type: WidthType.PERCENTAGE,
                },
                children: (cell.length === 0 ? [[]] : cell).map(
                  (spans) =>
                    new Paragraph({
                      children: this.runs(
                        isHeader ? spans.map((span) => ({ ...span, bold: true })) : spans,
                      ),
                    }),
                ),
              }),
          ),
        });
      }),
    });
  }

  private list(list: LayoutList, depth: number): Paragraph[] {
    const level = Math.min(depth, maxLevels - 1);
    const start = list.ordered ? startOf(list) : 1;
    if (list.ordered) this.orderedStarts.add(start);
    const reference = list.ordered ? `ordered-${start}` : 'bullets';
    const instance = this.nextInstance++;
    const out: Paragraph[] = [];
    for (const item of list.items) {
      out.push(
        new Paragraph({
          numbering: { reference, level, instance },
          children: this.runs(item.spans),
        }),
      );
      if (item.sublist) out.push(...this.list(item.sublist, depth + 1));
    }
    return out;
  }

  private runs(
    spans: readonly Span[],
    style: { italics?: boolean; color?: string } = {},
  ): ParagraphChild[] {
    return spans.map((span) => {
      const run = (extra: { style?: string } = {}) =>
        new TextRun({
          text: span.text,
          bold: span.bold,
          italics: span.italic || style.italics,
          underline: span.underline ? {} : undefined,
          color: style.color,
          ...extra,
        });
      if (span.link && !referatUrlPattern.test(span.link)) {
        return new ExternalHyperlink({ link: span.link, children: [run({ style: 'Hyperlink' })] });
      }
      return run();
    });
  }

  /** Word bookmark names: at most 40 characters, a letter first, letters/digits/underscore. */
  private bookmark(anchor: string): string {
    let name = this.bookmarks.get(anchor);
    if (!name) {
      name = `punkt_${this.bookmarks.size + 1}`;
      this.bookmarks.set(anchor, name);
    }
    return name;
  }

  numberingConfig(): { reference: string; levels: ILevelsOptions[] }[] {
    const indent = (level: number) => ({
      paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } },
    });
    const bullets = {
      reference: 'bullets',
      levels: Array.from({ length: maxLevels }, (_unused, level) => ({
        level,
        format: LevelFormat.BULLET,
        text: bulletSymbols[level % bulletSymbols.length] ?? '•',
        alignment: AlignmentType.LEFT,
        style: indent(level),
      })),
    };
    const ordered = [...this.orderedStarts].map((start) => ({
      reference: `ordered-${start}`,
      levels: Array.from({ length: maxLevels }, (_unused, level) => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        start,
        alignment: AlignmentType.LEFT,
        style: indent(level),
      })),
    }));
    return [bullets, ...ordered];
  }
}

/**
 * The logo's size in pixels (Word's unit for images): the layout's height in points, the
 * width from the image's own proportions (read from the PNG or JPEG header).
 */
function imageSize(block: Extract<LayoutBlock, { kind: 'image' }>): {
  width: number;
  height: number;
} {
  const height = Math.round((block.height * 96) / 72);
  const dimensions = imageDimensions(Buffer.from(block.dataBase64, 'base64'));
  if (!dimensions || dimensions.height === 0) return { width: height, height };
  return { width: Math.round((height * dimensions.width) / dimensions.height), height };
}

/** Width and height of a PNG (IHDR) or JPEG (first SOFn marker); null when unreadable. */
export function imageDimensions(bytes: Buffer): { width: number; height: number } | null {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length > 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return null;
      const marker = bytes[at + 1] ?? 0;
      const length = bytes.readUInt16BE(at + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
        return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      at += 2 + length;
    }
  }
  return null;
}

/** The first number of an ordered layout list (its labels are "N."). */
/** The text width of an A4 page with Word's default margins (2.54 cm), in twips. */
const textWidthTwips = 11906 - 2 * 1440;

/**
 * Each column's share of the table's width, from its text in characters: at least its longest
 * word, the rest shared by what each column's longest paragraph needs beyond that (the same
 * rule the PDF applies to measured widths).
 */
export function columnShares(table: LayoutTable): number[] {
  const columns = Math.max(1, ...table.rows.map((row) => row.length));
  const least = new Array<number>(columns).fill(3);
  const natural = new Array<number>(columns).fill(3);
  for (const row of table.rows) {
    row.forEach((paragraphs, column) => {
      for (const spans of paragraphs) {
        const text = spans.map((span) => span.text).join('');
        const longestWord = Math.max(0, ...text.split(/\s+/).map((word) => word.length));
        least[column] = Math.max(least[column] ?? 0, Math.min(longestWord, 60) + 3);
        natural[column] = Math.max(natural[column] ?? 0, Math.min(text.length, 62) + 3);
      }
    });
  }
  // About 62 characters of 11 pt text fit on the line, counted generously (LibreOffice sets
  // Calibri in a wider substitute), plus each cell's padding (about 3 characters).
  const room = 62 + 3 * columns;
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const leastTotal = sum(least);
  const naturalTotal = sum(natural);
  const widths =
    naturalTotal <= room || naturalTotal === leastTotal
      ? natural
      : leastTotal >= room
        ? least
        : least.map(
            (value, column) =>
              value +
              ((natural[column] ?? value) - value) *
                ((room - leastTotal) / (naturalTotal - leastTotal)),
          );
  const total = sum(widths);
  return widths.map((value) => value / total);
}

function startOf(list: LayoutList): number {
  const first = list.items[0]?.label ?? '1.';
  const number = Number.parseInt(first, 10);
  return Number.isFinite(number) && number >= 0 ? number : 1;
}
