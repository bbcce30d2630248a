/**
 * Typesetting of layout blocks into pages of positioned lines: line breaking (words, and inside
 * words that are wider than a line, such as long URLs or compounds), list indentation,
 * pagination with keep-with-next for headings and orphan control for paragraphs, table-of-contents
 * page numbers, tables (rows kept whole, borders, the header row repeated on each new page), and
 * the logical structure (H1-H6, P, L/LI/Lbl/LBody, Table/TR/TH/TD, TOC/TOCI, Link) each line belongs to.
 * A link (a span's address, or a table-of-contents entry's target) is its own Link element, so
 * the PDF can put the link's annotation beside its text in the structure tree (PDF/UA).
 *
 * Pure core: text widths come from the `measure` function the caller supplies (the PDF writer
 * measures with the embedded font), so the same code is tested without a PDF library.
 *
 * Width model: a line is drawn as a few segments (one per style), each segment a string of
 * words separated by single spaces, positioned at the sum of the measured widths of the words
 * and spaces before it. `measure` must therefore be additive over words and spaces (true for
 * the embedded font, which has no kerning pairs with the space; the bounding-box test proves
 * that no line overflows).
 */
import type { LayoutBlock, LayoutList, LayoutTable, Span } from './layoutMinutes';

export type FontKey = 'regular' | 'bold' | 'italic' | 'boldItalic';
/** Width of `text` in `font` at size 1 (in points per point of font size). */
export type Measure = (text: string, font: FontKey) => number;

export type StructType =
  | 'H1'
  | 'H2'
  | 'H3'
  | 'H4'
  | 'H5'
  | 'H6'
  | 'P'
  | 'L'
  | 'LI'
  | 'Lbl'
  | 'LBody'
  | 'TOC'
  | 'TOCI'
  | 'Table'
  | 'TR'
  | 'TH'
  | 'TD'
  | 'Figure'
  | 'Link'
  | 'Span'
  | 'Div';
/**
 * A node of the logical structure; `parent` is -1 for children of the document root. A
 * Figure carries its alternate text; a passage in another language (a Span, or a Link) its
 * language; a TH the scope of its heading (a header row's cells head their columns).
 */
export type StructNode = {
  type: StructType;
  parent: number;
  alt?: string;
  lang?: string;
  scope?: 'Column';
};

export type PlacedSegment = {
  x: number;
  /** Drawn width in points (of the text without a trailing space). */
  width: number;
  text: string;
  font: FontKey;
  size: number;
  /**
   * The structure node whose content this is (a leaf: H*, P, Lbl, LBody, or a Link inside one);
   * -1 for an artifact (a table's header row repeated on a new page).
   */
  struct: number;
  underline?: boolean;
  /** An external address (http, https, mailto). */
  link?: string;
  /** An anchor inside the document (a table-of-contents entry's item heading). */
  goTo?: string;
};
/** One line of text; `top` is the top of the line box measured from the top of the page. */
export type PlacedLine = { top: number; size: number; segments: PlacedSegment[] };
/** A rule (signature lines, table borders), drawn as an artifact; from (x1, y) to (x2, y2 ?? y). */
export type PlacedRule = { x1: number; x2: number; y: number; y2?: number };
/** An image fitted into a box (left-aligned, proportions kept), content of the Figure `struct`. */
export type PlacedImage = {
  x: number;
  top: number;
  maxWidth: number;
  height: number;
  mediaType: 'image/png' | 'image/jpeg';
  dataBase64: string;
  struct: number;
};
export type TypesetPage = { lines: PlacedLine[]; rules: PlacedRule[]; images: PlacedImage[] };

export type PageGeometry = {
  width: number;
  height: number;
  marginTop: number;
  marginBottom: number;
  marginLeft: number;
  marginRight: number;
};

/** A4 with 25 mm left, 20 mm right, 25 mm top and 22 mm bottom margins (points). */
export const a4Geometry: PageGeometry = {
  width: 595.28,
  height: 841.89,
  marginTop: 70.87,
  marginBottom: 62.36,
  marginLeft: 70.87,
  marginRight: 56.69,
};

export type Typeset = {
  pages: TypesetPage[];
  structure: StructNode[];
  /** Page index (0-based) of each anchored heading. */
  anchors: Map<string, number>;
  /** Where each anchored heading begins: its page index and the top of its first line. */
  destinations: Map<string, { page: number; top: number }>;
};

/** How a run of text is set: its font size, base font and line height (points). */
type TextStyle = { size: number; font: FontKey; lineHeight: number };
/** Where a run of text is set: the left edge of its lines and the width they may take (points). */
type TextBox = { x: number; width: number };
/** A block's text style and the room above and below it. */
type BlockStyle = TextStyle & { before: number; after: number };

const bodySize = 10;
const headingStyles: Record<1 | 2 | 3 | 4 | 5 | 6, BlockStyle> = {
  1: { size: 15, lineHeight: 19, before: 0, after: 8, font: 'bold' },
  2: { size: 12.5, lineHeight: 16, before: 14, after: 5, font: 'bold' },
  3: { size: 11, lineHeight: 14.5, before: 10, after: 4, font: 'bold' },
  4: { size: 10.5, lineHeight: 14, before: 8, after: 3, font: 'bold' },
  5: { size: 10, lineHeight: 13.5, before: 6, after: 2, font: 'bold' },
  6: { size: 10, lineHeight: 13.5, before: 6, after: 2, font: 'boldItalic' },
};
const paragraphStyle: BlockStyle = {
  size: bodySize,
  lineHeight: 14,
  before: 0,
  after: 6,
  font: 'regular',
};
const paragraphVariantStyles: Record<'body' | 'meta' | 'note' | 'title', TextStyle> = {
  body: paragraphStyle,
  meta: paragraphStyle,
  note: { ...paragraphStyle, font: 'italic' },
  /** The document title above the title line ("Referat", "Beslutningsprotokol"). */
  title: { size: 17, font: 'regular', lineHeight: 22 },
};
const listIndent = 18;
const labelGap = 6;
const tocNumberWidth = 36;
const tableSize = 9.5;
const tableLineHeight = 13;
const cellStyle: TextStyle = { size: tableSize, font: 'regular', lineHeight: tableLineHeight };
const headerCellStyle: TextStyle = { ...cellStyle, font: 'bold' };
const cellPaddingX = 4;
const cellPaddingY = 3;

/** A line before pagination: x positions are final, the vertical position is not. */
type DraftLine = { size: number; height: number; segments: PlacedSegment[] };
type Unit = {
  lines: DraftLine[];
  before: number;
  after: number;
  isKeepWithNext: boolean;
  isKeepTogether: boolean;
  isPageBreak: boolean;
  anchor?: string;
  rules?: { x1: number; x2: number; dy: number; dy2?: number }[];
  /** A table row after the header row: the header row's copy to draw first on a new page. */
  repeatHeader?: {
    lines: DraftLine[];
    rules: { x1: number; x2: number; dy: number; dy2?: number }[];
  };
  image?: Omit<PlacedImage, 'top'>;
  /** TOC entries: the anchor whose page number goes into the last segment. */
  pageOf?: string;
};

/** Typesets blocks onto pages. */
export function typeset(
  blocks: readonly LayoutBlock[],
  measure: Measure,
  geometry: PageGeometry = a4Geometry,
): Typeset {
  const caches: Record<FontKey, Map<string, number>> = {
    regular: new Map(),
    bold: new Map(),
    italic: new Map(),
    boldItalic: new Map(),
  };
  const width = (text: string, font: FontKey): number => {
    const cache = caches[font];
    let value = cache.get(text);
    if (value === undefined) {
      value = measure(text, font);
      cache.set(text, value);
    }
    return value;
  };
  const structure: StructNode[] = [];
  const node = (type: StructType, parent: number, lang?: string): number => {
    structure.push(lang === undefined ? { type, parent } : { type, parent, lang });
    return structure.length - 1;
  };
  const breaker = new LineBreaker(width, node);
  const left = geometry.marginLeft;
  const contentWidth = geometry.width - geometry.marginLeft - geometry.marginRight;
  /** The whole text width of the page. */
  const textBox: TextBox = { x: left, width: contentWidth };
  /** A table-of-contents entry's text: the page number stands right of it. */
  const tocBox: TextBox = { x: left, width: contentWidth - tocNumberWidth };
  const units: Unit[] = [];

  const unit = (partial: Partial<Unit> & { lines: DraftLine[] }): Unit => ({
    before: 0,
    after: 0,
    isKeepWithNext: false,
    isKeepTogether: false,
    isPageBreak: false,
    ...partial,
  });

  const addList = (list: LayoutList, parent: number, depth: number) => {
    const listNode = node('L', parent);
    const size = bodySize;
    const labelWidth = Math.max(
      ...list.items.map((item) => width(item.label, 'regular') * size),
      0,
    );
    const indent = left + depth * listIndent;
    const bodyX = indent + Math.max(labelWidth + labelGap, list.ordered ? 16 : 12);
    const bodyBox: TextBox = { x: bodyX, width: left + contentWidth - bodyX };
    list.items.forEach((item, index) => {
      const li = node('LI', listNode);
      const lbl = node('Lbl', li);
      const body = node('LBody', li);
      const lines = breaker.breakLines(item.spans, paragraphStyle, bodyBox, body);
      const labelX = bodyX - labelGap - width(item.label, 'regular') * size;
      const labelSegment: PlacedSegment = {
        x: labelX,
        width: width(item.label, 'regular') * size,
        text: item.label,
        font: 'regular',
        size,
        struct: lbl,
      };
      if (lines.length === 0) lines.push({ size, height: paragraphStyle.lineHeight, segments: [] });
      lines[0]?.segments.unshift(labelSegment);
      const isLast = index === list.items.length - 1 && !item.sublist;
      units.push(unit({ lines, after: isLast && depth === 0 ? paragraphStyle.after : 2 }));
      if (item.sublist) addList(item.sublist, body, depth + 1);
    });
  };

  /**
   * Column widths over the text width, as a browser lays out a table: every column gets at
   * least its longest word, the room left is shared in proportion to how much more each
   * column's longest paragraph needs; when everything fits, the columns grow in proportion.
   */
  const columnWidths = (table: LayoutTable, columns: number): number[] => {
    const padding = 2 * cellPaddingX;
    const least = new Array<number>(columns).fill(padding + 12);
    const natural = new Array<number>(columns).fill(padding + 12);
    table.rows.forEach((row, rowIndex) => {
      const font: FontKey = table.headerRow && rowIndex === 0 ? 'bold' : 'regular';
      row.forEach((paragraphs, column) => {
        for (const spans of paragraphs) {
          let line = 0;
          for (const span of spans) {
            for (const word of span.text.split(/\s+/)) {
              if (word === '') continue;
              const wordWidth = width(word, fontOf(span, font)) * tableSize;
              least[column] = Math.max(
                least[column] ?? 0,
                Math.min(wordWidth, contentWidth) + padding,
              );
              line += wordWidth + width(' ', font) * tableSize;
            }
          }
          natural[column] = Math.max(natural[column] ?? 0, Math.min(line, contentWidth) + padding);
        }
      });
    });
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const leastTotal = sum(least);
    const naturalTotal = sum(natural);
    if (naturalTotal <= contentWidth)
      return natural.map((value) => (value * contentWidth) / naturalTotal);
    if (leastTotal >= contentWidth)
      return least.map((value) => (value * contentWidth) / leastTotal);
    const share = (contentWidth - leastTotal) / (naturalTotal - leastTotal);
    return least.map((value, column) => value + ((natural[column] ?? value) - value) * share);
  };

  /**
   * A table: columns sized to their content over the text width, each row one unit kept on
   * one page (a row taller than a page in pieces that are), borders as rules, the header row in
   * bold. On a page a table continues on, its header row is drawn again (as an artifact: it is
   * read once).
   */
  const addTable = (table: LayoutTable) => {
    const columns = Math.max(1, ...table.rows.map((row) => row.length));
    const widths = columnWidths(table, columns);
    let nextStart = left;
    const starts = widths.map((columnWidth) => {
      const start = nextStart;
      nextStart += columnWidth;
      return start;
    });
    const tableNode = node('Table', -1);
    const pageHeight = geometry.height - geometry.marginTop - geometry.marginBottom;
    let header: Unit['repeatHeader'];
    table.rows.forEach((row, rowIndex) => {
      const isHeader = table.headerRow && rowIndex === 0;
      const tr = node('TR', tableNode);
      const cells = row.map((paragraphs, column) => {
        const cellNode = node(isHeader ? 'TH' : 'TD', tr);
        if (isHeader) (structure[cellNode] as StructNode).scope = 'Column';
        const box: TextBox = {
          x: (starts[column] ?? left) + cellPaddingX,
          width: (widths[column] ?? contentWidth / columns) - 2 * cellPaddingX,
        };
        const lines: DraftLine[] = [];
        for (const spans of paragraphs) {
          const p = node('P', cellNode);
          const broken = breaker.breakLines(spans, isHeader ? headerCellStyle : cellStyle, box, p);
          // An empty paragraph takes a line but is no element of the structure.
          if (broken.length === 0) {
            if (structure.length - 1 === p) structure.pop();
            broken.push({ size: tableSize, height: tableLineHeight, segments: [] });
          }
          lines.push(...broken);
        }
        return lines;
      });
      const count = Math.max(1, ...cells.map((lines) => lines.length));
      // A row taller than a page (a long text in a cell) is cut into pieces that fit below
      // the repeated header row, each piece with borders of its own.
      const headerHeight = header
        ? header.lines.reduce((total, line) => total + line.height, 0)
        : 0;
      const perPiece = Math.max(
        1,
        Math.floor((pageHeight - headerHeight - 2 * cellPaddingY) / tableLineHeight),
      );
      const isLast = rowIndex === table.rows.length - 1;
      for (let from = 0; from < count; from += perPiece) {
        const to = Math.min(count, from + perPiece);
        const lines: DraftLine[] = [{ size: tableSize, height: cellPaddingY, segments: [] }];
        for (let line = from; line < to; line++) {
          lines.push({
            size: tableSize,
            height: tableLineHeight,
            segments: cells.flatMap((cell) => cell[line]?.segments ?? []),
          });
        }
        lines.push({ size: tableSize, height: cellPaddingY, segments: [] });
        const pieceHeight = 2 * cellPaddingY + (to - from) * tableLineHeight;
        const rules: NonNullable<Unit['rules']> = [
          { x1: left, x2: left + contentWidth, dy: 0 },
          { x1: left, x2: left + contentWidth, dy: pieceHeight },
        ];
        for (const x of [...starts, left + contentWidth])
          rules.push({ x1: x, x2: x, dy: 0, dy2: pieceHeight });
        const isLastPiece = to === count;
        units.push(
          unit({
            lines,
            before: rowIndex === 0 && from === 0 ? 2 : 0,
            after: isLast && isLastPiece ? paragraphStyle.after + 2 : 0,
            // The header row stays with the first row under it.
            isKeepWithNext: isHeader && !isLast,
            isKeepTogether: true,
            rules,
            ...(header ? { repeatHeader: header } : {}),
          }),
        );
        if (isHeader && from === 0) {
          header = {
            lines: lines.map((line) => ({
              ...line,
              // No link annotation on the copy: the row's own link is the one in the structure.
              segments: line.segments.map(({ link: _link, goTo: _goTo, ...segment }) => ({
                ...segment,
                struct: -1,
              })),
            })),
            rules,
          };
        }
      }
    });
  };

  /** The label of the room for a reservation ("Forbehold:"), in italics over the text width. */
  const reservationLines = (signature: SignatureBlock, struct: number): DraftLine[] =>
    breaker.breakLines(
      [{ text: signature.reservation, italic: true }],
      paragraphStyle,
      textBox,
      struct,
    );

  /**
   * Two signatures per row (a 31-member council on one page): a line to sign on and the name
   * under it, in two columns; one shared room for reservations after the last row.
   */
  const pendingSignatures: SignatureBlock[] = [];
  const flushSignatureColumns = () => {
    const gap = 20;
    const columnWidth = (contentWidth - gap) / 2;
    const signatureSize = 9;
    const nameStyle: TextStyle = { size: signatureSize, font: 'regular', lineHeight: 11 };
    for (let at = 0; at < pendingSignatures.length; at += 2) {
      const row = pendingSignatures.slice(at, at + 2);
      const columns = row.map((signer, column) => {
        const box: TextBox = { x: left + column * (columnWidth + gap), width: columnWidth };
        const lines = breaker.breakLines(signerSpans(signer), nameStyle, box, node('P', -1));
        return { x: box.x, lines };
      });
      const nameLines = Math.max(...columns.map((column) => column.lines.length), 1);
      const merged: DraftLine[] = [];
      for (let line = 0; line < nameLines; line++)
        merged.push({
          size: signatureSize,
          height: nameStyle.lineHeight,
          segments: columns.flatMap((column) => column.lines[line]?.segments ?? []),
        });
      units.push(
        unit({
          lines: [{ size: signatureSize, height: 20, segments: [] }, ...merged],
          before: 0,
          after: 3,
          isKeepTogether: true,
          rules: columns.map((column) => ({ x1: column.x, x2: column.x + columnWidth, dy: 19 })),
        }),
      );
    }
    const last = pendingSignatures[pendingSignatures.length - 1];
    if (last) {
      const reservation = reservationLines(last, node('P', -1));
      units.push(
        unit({
          lines: [...reservation, { size: bodySize, height: 22, segments: [] }],
          before: 8,
          isKeepTogether: true,
          rules: [
            { x1: left + 60, x2: left + contentWidth, dy: 11 },
            { x1: left, x2: left + contentWidth, dy: 11 + 22 },
          ],
        }),
      );
    }
    pendingSignatures.length = 0;
  };

  let currentToc = -1;
  blocks.forEach((block, blockIndex) => {
    switch (block.kind) {
      case 'heading': {
        const style = headingStyles[block.level];
        const id = node(`H${block.level}`, -1);
        const lines = breaker.breakLines(block.spans, style, textBox, id);
        units.push(
          unit({
            lines,
            before: style.before,
            after: style.after,
            isKeepWithNext: true,
            ...(block.anchor ? { anchor: block.anchor } : {}),
          }),
        );
        break;
      }
      case 'paragraph': {
        const id = node('P', -1);
        const style = paragraphVariantStyles[block.variant ?? 'body'];
        const lines = breaker.breakLines(block.spans, style, textBox, id);
        if (lines.length === 0)
          lines.push({ size: bodySize, height: paragraphStyle.lineHeight, segments: [] });
        units.push(unit({ lines, after: paragraphStyle.after }));
        break;
      }
      case 'list':
        addList(block, -1, 0);
        break;
      case 'table':
        addTable(block);
        break;
      case 'tocEntry': {
        // Consecutive entries share one TOC; each entry is a TOCI holding one Link (its text
        // and its page number), which points at the item's heading.
        const previous = blockIndex > 0 ? blocks[blockIndex - 1] : undefined;
        const tocParent =
          previous?.kind === 'tocEntry' && currentToc >= 0 ? currentToc : node('TOC', -1);
        currentToc = tocParent;
        const id = node('TOCI', tocParent);
        const link = node('Link', id);
        const lines = breaker.breakLines(block.spans, paragraphStyle, tocBox, link);
        const last = lines[lines.length - 1];
        last?.segments.push({
          x: left + contentWidth,
          width: 0,
          text: '',
          font: 'regular',
          size: bodySize,
          struct: link,
        });
        for (const line of lines) for (const segment of line.segments) segment.goTo = block.target;
        units.push(unit({ lines, after: 2, pageOf: block.target }));
        break;
      }
      case 'signature': {
        if (block.columns === 2) {
          pendingSignatures.push(block);
          const next = blocks[blockIndex + 1];
          if (next?.kind !== 'signature' || next.columns !== 2) flushSignatureColumns();
          break;
        }
        const id = node('P', -1);
        const lineWidth = Math.min(260, contentWidth);
        const nameBox: TextBox = { x: left, width: lineWidth };
        const name = breaker.breakLines(signerSpans(block), paragraphStyle, nameBox, id);
        const reservation = reservationLines(block, id);
        const blank: DraftLine = { size: bodySize, height: 34, segments: [] };
        units.push(
          unit({
            lines: [blank, ...name, { ...blank, height: 26 }, ...reservation],
            before: 8,
            after: 10,
            isKeepTogether: true,
            rules: [
              { x1: left, x2: left + lineWidth, dy: 32 },
              { x1: left + 60, x2: left + contentWidth, dy: 32 + 14 * name.length + 26 + 11 },
            ],
          }),
        );
        break;
      }
      case 'image': {
        const id = node('Figure', -1);
        const figure = structure[id];
        if (figure) figure.alt = block.altText;
        units.push(
          unit({
            lines: [{ size: bodySize, height: block.height, segments: [] }],
            after: 8,
            image: {
              x: left,
              maxWidth: contentWidth,
              height: block.height,
              mediaType: block.mediaType,
              dataBase64: block.dataBase64,
              struct: id,
            },
          }),
        );
        break;
      }
      case 'pageBreak':
        units.push(unit({ lines: [], isPageBreak: true }));
        break;
    }
  });

  return paginate(units, structure, geometry, width);
}

type SignatureBlock = Extract<LayoutBlock, { kind: 'signature' }>;

/** The name under a signature line, with its detail ("(formand)") after a space. */
function signerSpans(signature: SignatureBlock): Span[] {
  return [
    { text: signature.name },
    { text: signature.detail === '' ? '' : ` ${signature.detail}` },
  ];
}

function fontOf(span: Span, base: FontKey): FontKey {
  const bold = span.bold === true || base === 'bold' || base === 'boldItalic';
  const italic = span.italic === true || base === 'italic' || base === 'boldItalic';
  return bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';
}

/** A BCP 47 language tag as far as PDF and HTML need it ("en", "en-GB", "de-CH-1996"). */
export function isLanguageTag(tag: string): boolean {
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag);
}

/** Breaking white space: space, tab, CR, LF. A no-break space (U+00A0) stays inside its word. */
function isBreakingSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

/** Two pieces can share a segment: same font, underline and link. */
function sameStyle(a: Span, aFont: FontKey, b: Span, bFont: FontKey): boolean {
  if (a === b) return aFont === bFont;
  return (
    aFont === bFont &&
    (a.underline ?? false) === (b.underline ?? false) &&
    (a.link ?? '') === (b.link ?? '') &&
    (a.lang ?? '') === (b.lang ?? '')
  );
}

/**
 * A list of text pieces in parallel arrays (text, span, font, width, and the piece's place in
 * its span's text, or -1 when it is not a plain slice of it). A 300-page document has some
 * 200 000 words; an object per word and per space made the garbage collector the largest cost
 * of typesetting. The arrays are reused from line to line and block to block.
 */
class Pieces {
  text: string[] = [];
  span: Span[] = [];
  font: FontKey[] = [];
  width: number[] = [];
  start: number[] = [];
  end: number[] = [];
  count = 0;

  push(text: string, span: Span, font: FontKey, width: number, start: number, end: number): void {
    const at = this.count++;
    this.text[at] = text;
    this.span[at] = span;
    this.font[at] = font;
    this.width[at] = width;
    this.start[at] = start;
    this.end[at] = end;
  }

  /** Drops the references (spans and texts) once a block is done; keeps the arrays. */
  clear(): void {
    for (let at = 0; at < this.count; at++) {
      this.text[at] = '';
      this.span[at] = noSpan;
    }
    this.count = 0;
  }
}

const noSpan: Span = { text: '' };

/**
 * Breaks spans into lines no wider than `maxWidth`, starting at `x`. Runs of white space become
 * one space; a newline inside a text forces a line break; a word wider than a line is broken
 * between characters. A word may run across spans ("**fed**tekst"): it is kept together.
 *
 * One breaker serves a whole typesetting run; its state lives in fields and reused arrays.
 */
class LineBreaker {
  /** The pieces of the current line: words, and the spaces between them. */
  private readonly line = new Pieces();
  /** The word being collected: usually one fragment, more when a word spans several spans. */
  private readonly word = new Pieces();
  private wordWidth = 0;
  private used = 0;
  /** A space waiting before the next word (only after something on the line). */
  private hasSpace = false;
  private spaceSpan: Span = noSpan;
  private spaceFont: FontKey = 'regular';
  private spaceWidth = 0;
  private spaceStart = -1;
  private lines: DraftLine[] = [];
  private size = 0;
  private x = 0;
  private maxWidth = 0;
  private struct = 0;
  private lineHeight = 0;
  /**
   * The Link (or language Span) element of each such span of the current block (it may wrap
   * over lines).
   */
  private linkNodes = new Map<Span, number>();

  constructor(
    private readonly width: (text: string, font: FontKey) => number,
    private readonly node: (type: StructType, parent: number, lang?: string) => number,
  ) {}

  /** The lines of `spans` set in `style` inside `box`, their text content of `struct`. */
  breakLines(spans: readonly Span[], style: TextStyle, box: TextBox, struct: number): DraftLine[] {
    const { size, font: base } = style;
    this.lines = [];
    this.size = size;
    this.x = box.x;
    this.maxWidth = box.width;
    this.struct = struct;
    this.lineHeight = style.lineHeight;
    this.linkNodes = new Map();
    this.used = 0;
    this.hasSpace = false;
    this.wordWidth = 0;
    for (const span of spans) {
      const font = fontOf(span, base);
      const text = span.text;
      const length = text.length;
      let index = 0;
      while (index < length) {
        const start = index;
        if (isBreakingSpace(text.charCodeAt(index))) {
          let isNewline = false;
          while (index < length && isBreakingSpace(text.charCodeAt(index))) {
            const code = text.charCodeAt(index);
            if (code === 10 || code === 13) isNewline = true;
            index++;
          }
          this.endWord();
          if (isNewline) this.flush();
          else if (this.line.count > 0) {
            this.hasSpace = true;
            this.spaceSpan = span;
            this.spaceFont = font;
            this.spaceWidth = this.width(' ', font) * size;
            // A single space is a slice of the span's text; a collapsed run is not.
            this.spaceStart = index - start === 1 && text.charCodeAt(start) === 32 ? start : -1;
          }
          continue;
        }
        while (index < length && !isBreakingSpace(text.charCodeAt(index))) index++;
        const piece = start === 0 && index === length ? text : text.slice(start, index);
        const pieceWidth = this.width(piece, font) * size;
        this.word.push(piece, span, font, pieceWidth, start, index);
        this.wordWidth += pieceWidth;
      }
    }
    this.endWord();
    if (this.line.count > 0) this.flush();
    this.line.clear();
    this.word.clear();
    this.spaceSpan = noSpan;
    const lines = this.lines;
    this.lines = [];
    return lines;
  }

  private flush(): void {
    this.lines.push({ size: this.size, height: this.lineHeight, segments: this.segments() });
    this.line.count = 0;
    this.used = 0;
    this.hasSpace = false;
  }

  private pushSpace(): void {
    const start = this.spaceStart;
    this.line.push(
      ' ',
      this.spaceSpan,
      this.spaceFont,
      this.spaceWidth,
      start,
      start < 0 ? -1 : start + 1,
    );
  }

  private pushWord(): void {
    const word = this.word;
    for (let at = 0; at < word.count; at++) {
      this.line.push(
        word.text[at] ?? '',
        word.span[at] ?? noSpan,
        word.font[at] ?? 'regular',
        word.width[at] ?? 0,
        word.start[at] ?? -1,
        word.end[at] ?? -1,
      );
    }
  }

  private endWord(): void {
    if (this.word.count === 0) return;
    const hasSpace = this.hasSpace && this.line.count > 0;
    const spaceWidth = hasSpace ? this.spaceWidth : 0;
    if (this.used + spaceWidth + this.wordWidth <= this.maxWidth) {
      if (hasSpace) this.pushSpace();
      this.pushWord();
      this.used += spaceWidth + this.wordWidth;
    } else if (this.wordWidth <= this.maxWidth) {
      this.flush();
      this.pushWord();
      this.used = this.wordWidth;
    } else {
      this.breakLongWord(spaceWidth);
    }
    this.hasSpace = false;
    this.word.count = 0;
    this.wordWidth = 0;
  }

  /**
   * A word wider than the line: fill the rest of the current line when a useful part fits,
   * then continue on new lines, breaking between characters.
   */
  private breakLongWord(spaceWidth: number): void {
    const { line, word, size, maxWidth } = this;
    if (line.count > 0 && maxWidth - this.used - spaceWidth < maxWidth * 0.3) this.flush();
    else if (this.hasSpace && line.count > 0) {
      this.pushSpace();
      this.used += spaceWidth;
    }
    for (let at = 0; at < word.count; at++) {
      const span = word.span[at] ?? noSpan;
      const font = word.font[at] ?? 'regular';
      let rest = word.text[at] ?? '';
      while (rest !== '') {
        const fitting = longestFittingPrefix(rest, font, size, maxWidth - this.used, this.width);
        if (fitting === 0) {
          if (line.count === 0) {
            // Not even one character fits on an empty line: place it anyway so the loop ends
            // (cannot happen with sane margins).
            const first = Array.from(rest)[0] ?? rest;
            line.push(first, span, font, this.width(first, font) * size, -1, -1);
            rest = rest.slice(first.length);
          }
          this.flush();
          continue;
        }
        const part = rest.slice(0, fitting);
        const partWidth = this.width(part, font) * size;
        line.push(part, span, font, partWidth, -1, -1);
        this.used += partWidth;
        rest = rest.slice(fitting);
        if (rest !== '') this.flush();
      }
    }
  }

  /** The current line's pieces as segments: one per run of pieces of the same style. */
  private segments(): PlacedSegment[] {
    const { line, size, struct } = this;
    const segments: PlacedSegment[] = [];
    let cursor = this.x;
    let first = 0;
    while (first < line.count) {
      const span = line.span[first] ?? noSpan;
      const font = line.font[first] ?? 'regular';
      let runWidth = 0 + (line.width[first] ?? 0);
      // A run of one span's text whose spaces were single spaces is a slice of that text.
      let isSlice = (line.start[first] ?? -1) >= 0;
      let next = first + 1;
      while (
        next < line.count &&
        sameStyle(span, font, line.span[next] ?? noSpan, line.font[next] ?? 'regular')
      ) {
        if (isSlice && (line.span[next] !== span || line.start[next] !== line.end[next - 1]))
          isSlice = false;
        runWidth += line.width[next] ?? 0;
        next++;
      }
      let text: string;
      if (next === first + 1) text = line.text[first] ?? '';
      else if (isSlice) text = span.text.slice(line.start[first], line.end[next - 1]);
      else {
        text = '';
        for (let at = first; at < next; at++) text += line.text[at] ?? '';
      }
      const segment: PlacedSegment = { x: cursor, width: runWidth, text, font, size, struct };
      if (span.underline) segment.underline = true;
      if (span.link) segment.link = span.link;
      // A link is its own Link element; a passage in another language a Span with its /Lang.
      const lang = span.lang !== undefined && isLanguageTag(span.lang) ? span.lang : undefined;
      if (span.link || lang !== undefined) {
        let own = this.linkNodes.get(span);
        if (own === undefined) {
          own = this.node(span.link ? 'Link' : 'Span', struct, lang);
          this.linkNodes.set(span, own);
        }
        segment.struct = own;
      }
      segments.push(segment);
      cursor += runWidth;
      first = next;
    }
    return segments;
  }
}

/** More characters than any line can hold (A4 at 10 pt holds about 200 of the narrowest glyph). */
const maxLineChars = 2048;

/** Length (in UTF-16 units, never splitting a surrogate pair) of the longest prefix of `text` that fits. */
function longestFittingPrefix(
  text: string,
  font: FontKey,
  size: number,
  available: number,
  width: (text: string, font: FontKey) => number,
): number {
  // Only the start of the text can fit on one line: looking at a window keeps breaking a
  // megabyte-long "word" linear instead of quadratic.
  const chars = Array.from(text.length > maxLineChars ? text.slice(0, maxLineChars) : text);
  let total = 0;
  let length = 0;
  let count = 0;
  for (const char of chars) {
    const next = total + width(char, font) * size;
    if (next > available) break;
    total = next;
    length += char.length;
    count++;
  }
  // Shaping can make a piece wider than the sum of its letters: shrink until it truly fits.
  while (count > 0 && width(text.slice(0, length), font) * size > available) {
    const last = chars[count - 1] ?? '';
    length -= last.length;
    count--;
  }
  return length;
}

function paginate(
  units: readonly Unit[],
  structure: StructNode[],
  geometry: PageGeometry,
  width: (text: string, font: FontKey) => number,
): Typeset {
  const pages: TypesetPage[] = [{ lines: [], rules: [], images: [] }];
  const anchors = new Map<string, number>();
  const destinations = new Map<string, { page: number; top: number }>();
  const tocLines: { line: PlacedLine; anchor: string }[] = [];
  const top = geometry.marginTop;
  const bottom = geometry.height - geometry.marginBottom;
  let y = top;
  let page = pages[0] as TypesetPage;
  const newPage = () => {
    page = { lines: [], rules: [], images: [] };
    pages.push(page);
    y = top;
  };
  const heightOf = (lines: readonly DraftLine[]) =>
    lines.reduce((sum, line) => sum + line.height, 0);

  units.forEach((current, index) => {
    if (current.isPageBreak) {
      if (y > top) newPage();
      return;
    }
    const before = y > top ? current.before : 0;
    const total = heightOf(current.lines);
    if (current.isKeepWithNext) {
      // The heading, its following headings, and the first two lines of the first non-heading unit.
      let needed = before + total + current.after;
      for (let k = index + 1; k < units.length; k++) {
        const next = units[k];
        if (!next || next.isPageBreak) break;
        if (next.isKeepWithNext) {
          needed += next.before + heightOf(next.lines) + next.after;
          continue;
        }
        needed += next.before + heightOf(next.lines.slice(0, Math.min(2, next.lines.length)));
        break;
      }
      if (y + needed > bottom && y > top) newPage();
    } else if (current.isKeepTogether) {
      if (y + before + total > bottom && y > top) {
        newPage();
        // A table continued on a new page shows its header row again.
        if (current.repeatHeader) {
          const headerTop = y;
          for (const line of current.repeatHeader.lines) {
            page.lines.push({ top: y, size: line.size, segments: line.segments });
            y += line.height;
          }
          for (const rule of current.repeatHeader.rules)
            page.rules.push({
              x1: rule.x1,
              x2: rule.x2,
              y: headerTop + rule.dy,
              ...(rule.dy2 === undefined ? {} : { y2: headerTop + rule.dy2 }),
            });
        }
      }
    } else {
      // Orphan control: never leave the first line of a longer block alone at the bottom.
      const first = current.lines[0]?.height ?? 0;
      const second = current.lines[1]?.height ?? 0;
      const needed = current.lines.length > 1 ? first + second : first;
      if (y + before + needed > bottom && y > top) newPage();
    }
    y += y > top ? current.before : 0;
    if (current.anchor !== undefined) {
      anchors.set(current.anchor, pages.length - 1);
      destinations.set(current.anchor, { page: pages.length - 1, top: y });
    }
    const unitTop = y;
    for (const line of current.lines) {
      if (y + line.height > bottom && y > top && !current.isKeepTogether) newPage();
      // The first line may still move to the next page (a line taller than the space left).
      if (current.anchor !== undefined && line === current.lines[0]) {
        anchors.set(current.anchor, pages.length - 1);
        destinations.set(current.anchor, { page: pages.length - 1, top: y });
      }
      const placed: PlacedLine = { top: y, size: line.size, segments: line.segments };
      page.lines.push(placed);
      y += line.height;
      if (current.pageOf !== undefined && line === current.lines[current.lines.length - 1]) {
        tocLines.push({ line: placed, anchor: current.pageOf });
      }
    }
    for (const rule of current.rules ?? [])
      page.rules.push({
        x1: rule.x1,
        x2: rule.x2,
        y: unitTop + rule.dy,
        ...(rule.dy2 === undefined ? {} : { y2: unitTop + rule.dy2 }),
      });
    if (current.image) page.images.push({ ...current.image, top: unitTop });
    y += current.after;
  });

  for (const { line, anchor } of tocLines) {
    const target = line.segments[line.segments.length - 1];
    const pageIndex = anchors.get(anchor);
    if (!target || pageIndex === undefined) continue;
    const text = String(pageIndex + 1);
    target.text = text;
    target.width = width(text, target.font) * target.size;
    target.x = target.x - target.width;
  }
  return { pages, structure, anchors, destinations };
}
