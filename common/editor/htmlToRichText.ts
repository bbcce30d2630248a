/**
 * Pasted HTML (Word, LibreOffice, web pages) → `RichText`, without a DOM.
 *
 * Keeps the structure a secretary means to paste: paragraphs, headings, nested lists (Word's
 * `mso-list` paragraphs become real nested lists), tables (the header row from `th` cells or
 * `thead`; merged cells simplified: the text in the first cell of the span, the others empty;
 * a table inside a cell flattened to its text), bold/italic/underline (by tag or by inline
 * style), line breaks and links with safe addresses. What was simplified is reported
 * ({@link pastedHtmlWithNotes}). Drops everything else: styles, classes,
 * scripts, iframes, images, comments, Office namespaces (`o:p`, `v:*`, `w:*`), hidden text,
 * event handlers, and tracked changes (deleted text is dropped, inserted text kept).
 *
 * Only the output structure is produced, never HTML, so nothing of the input can reach the
 * page unescaped. Pure core: a small tolerant tokenizer instead of DOMParser.
 */
import {
  maxListDepth,
  maxTableColumns,
  maxTableRows,
  safeUrlSchema,
  tablesWithinLimits,
  type Block,
  type Inline,
  type List,
  type ListItem,
  type Paragraph,
  type RichText,
  type TableCell,
} from '../domain/richText';
import { blockAsParagraphs, normalizeRichText } from './lexicalState';

/** Larger pastes are refused (the caller falls back to plain text). */
export const maxPasteHtmlLength = 20 * 1024 * 1024;
/** Deeper element nesting is flattened to its text (hostile input guard). */
const maxElementDepth = 256;

// ---------------------------------------------------------------------------------------
// Tokenizer and tree
// ---------------------------------------------------------------------------------------

type ElementNode = {
  kind: 'element';
  name: string;
  attrs: Record<string, string>;
  children: TreeNode[];
};
type TextNode = { kind: 'text'; text: string };
/** Word's conditional comments: `<!--[if !supportLists]-->` ... `<!--[endif]-->`. */
type MarkerNode = { kind: 'condition'; isStart: boolean; condition: string };
type TreeNode = ElementNode | TextNode | MarkerNode;

const voidElements = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);
/** Elements whose content is raw text up to their closing tag. */
const rawTextElements = new Set([
  'script',
  'style',
  'xml',
  'title',
  'textarea',
  'noscript',
  'template',
  'iframe',
  'noembed',
  'noframes',
]);

const namedEntities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  shy: '',
  aelig: 'æ',
  AElig: 'Æ',
  oslash: 'ø',
  Oslash: 'Ø',
  aring: 'å',
  Aring: 'Å',
  auml: 'ä',
  Auml: 'Ä',
  ouml: 'ö',
  Ouml: 'Ö',
  uuml: 'ü',
  Uuml: 'Ü',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  aacute: 'á',
  oacute: 'ó',
  iacute: 'í',
  uacute: 'ú',
  ccedil: 'ç',
  szlig: 'ß',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bdquo: '„',
  sbquo: '‚',
  bull: '•',
  middot: '·',
  sect: '§',
  para: '¶',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  deg: '°',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  times: '×',
  divide: '÷',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
};

/** Decodes character references; unknown ones are kept as written. */
export function decodeEntities(text: string): string {
  return text.replace(
    /&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const code =
          body[1] === 'x' || body[1] === 'X'
            ? parseInt(body.slice(2), 16)
            : parseInt(body.slice(1), 10);
        if (
          !Number.isFinite(code) ||
          code === 0 ||
          code > 0x10ffff ||
          (code >= 0xd800 && code <= 0xdfff)
        )
          return '\ufffd';
        return String.fromCodePoint(code);
      }
      return namedEntities[body] ?? whole;
    },
  );
}

function parseAttributes(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const pattern = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source)) !== null) {
    const name = (match[1] ?? '').toLowerCase();
    if (!name || name in attrs) continue;
    attrs[name] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attrs;
}

const closeTagPattern = /<\/\s*([A-Za-z][^\s>/]*)[^>]*>/y;
const openTagPattern = /<([A-Za-z][^\s>/]*)/y;

/** Parses HTML into a forgiving tree (unclosed elements close at their parent's end). */
function parseTree(html: string): ElementNode {
  const root: ElementNode = { kind: 'element', name: '#root', attrs: {}, children: [] };
  const stack: ElementNode[] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  const closeTo = (name: string) => {
    for (let i = stack.length - 1; i > 0; i--) {
      if (stack[i]?.name === name) {
        stack.length = i;
        return;
      }
    }
  };
  let i = 0;
  const length = html.length;
  while (i < length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      top().children.push({ kind: 'text', text: decodeEntities(html.slice(i)) });
      break;
    }
    if (lt > i) top().children.push({ kind: 'text', text: decodeEntities(html.slice(i, lt)) });
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      const body = html.slice(i + 4, end < 0 ? length : end);
      pushCondition(top(), body);
      i = end < 0 ? length : end + 3;
      continue;
    }
    if (html.startsWith('<![', i)) {
      // Word's downlevel-revealed conditionals: <![if !supportLists]> ... <![endif]>.
      const end = html.indexOf('>', i);
      pushCondition(top(), html.slice(i + 2, end < 0 ? length : end));
      i = end < 0 ? length : end + 1;
      continue;
    }
    if (html.startsWith('<!', i) || html.startsWith('<?', i)) {
      const end = html.indexOf('>', i);
      i = end < 0 ? length : end + 1;
      continue;
    }
    closeTagPattern.lastIndex = i;
    const close = closeTagPattern.exec(html);
    if (close) {
      closeTo((close[1] ?? '').toLowerCase());
      i += close[0].length;
      continue;
    }
    openTagPattern.lastIndex = i;
    const open = openTagPattern.exec(html);
    if (!open) {
      top().children.push({ kind: 'text', text: '<' });
      i += 1;
      continue;
    }
    const end = findTagEnd(html, i + open[0].length);
    const inner = html.slice(i + open[0].length, end);
    const isSelfClosing = inner.trimEnd().endsWith('/');
    const name = (open[1] ?? '').toLowerCase();
    const element: ElementNode = {
      kind: 'element',
      name,
      attrs: parseAttributes(inner),
      children: [],
    };
    i = end + 1;
    if (rawTextElements.has(name)) {
      const closing = new RegExp(`</${name.replace(/[^a-z0-9]/g, '')}`, 'ig');
      closing.lastIndex = i;
      const closeIndex = closing.exec(html)?.index ?? -1;
      i = closeIndex < 0 ? length : html.indexOf('>', closeIndex) + 1 || length;
      // Raw text content (scripts, styles, Office XML) is never kept; the element marks its place.
      top().children.push(element);
      continue;
    }
    if (stack.length >= maxElementDepth - 1 && !voidElements.has(name) && !isSelfClosing) {
      // Deeper than the tree goes: the tag is ignored and its text stays in the deepest open
      // element as words. (Kept as an element, a list item's text landed directly in a <ul>,
      // where no text is read: 1,000-level lists lost everything below level 128.)
      const current = top();
      if (current.name === 'ul' || current.name === 'ol') {
        const holder: ElementNode = { kind: 'element', name: 'li', attrs: {}, children: [] };
        current.children.push(holder);
        stack.push(holder);
      } else current.children.push({ kind: 'text', text: ' ' });
      continue;
    }
    // Implied end tags that Word and hand-written HTML rely on.
    if (name === 'p' || /^h[1-6]$/.test(name)) closeIfOpen(stack, ['p']);
    if (name === 'li') closeListItem(stack);
    if (name === 'td' || name === 'th') closeUpTo(stack, ['td', 'th'], ['tr', 'table']);
    if (name === 'tr') closeUpTo(stack, ['tr'], ['table', 'thead', 'tbody', 'tfoot']);
    if (name === 'thead' || name === 'tbody' || name === 'tfoot')
      closeUpTo(stack, ['thead', 'tbody', 'tfoot'], ['table']);
    top().children.push(element);
    if (!voidElements.has(name) && !isSelfClosing && stack.length < maxElementDepth)
      stack.push(element);
  }
  return root;
}

function findTagEnd(html: string, from: number): number {
  let quote: string | null = null;
  for (let j = from; j < html.length; j++) {
    const c = html[j];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return j;
  }
  return html.length;
}

function closeIfOpen(stack: ElementNode[], names: string[]): void {
  const current = stack[stack.length - 1];
  if (current && names.includes(current.name) && stack.length > 1) stack.pop();
}

function closeListItem(stack: ElementNode[]): void {
  for (let i = stack.length - 1; i > 0; i--) {
    const name = stack[i]?.name;
    if (name === 'ul' || name === 'ol') return;
    if (name === 'li') {
      stack.length = i;
      return;
    }
  }
}

/**
 * Closes the innermost open element named in `names` unless an element named in `within` is
 * nearer (a new cell ends the cell before it, but not a cell of an outer table).
 */
function closeUpTo(stack: ElementNode[], names: string[], within: string[]): void {
  for (let i = stack.length - 1; i > 0; i--) {
    const name = stack[i]?.name ?? '';
    if (within.includes(name)) return;
    if (names.includes(name)) {
      stack.length = i;
      return;
    }
  }
}

function pushCondition(parent: ElementNode, body: string): void {
  const text = body.trim();
  const start = /^\[if\s+([^\]]*)\]/i.exec(text);
  if (start)
    parent.children.push({ kind: 'condition', isStart: true, condition: (start[1] ?? '').trim() });
  else if (/^\[endif\]/i.test(text) || /<!\[endif\]$/i.test(text)) {
    parent.children.push({ kind: 'condition', isStart: false, condition: '' });
  }
}

// ---------------------------------------------------------------------------------------
// Tree → RichText
// ---------------------------------------------------------------------------------------

/** Elements dropped with everything inside them. */
const droppedElements = new Set([
  // Raw-text content is never text of the document (scripts, styles, Word's XML islands).
  ...rawTextElements,
  'head',
  'meta',
  'link',
  'img',
  'picture',
  'svg',
  'math',
  'object',
  'embed',
  'video',
  'audio',
  'canvas',
  'del',
  'button',
  'input',
  'select',
  'option',
  'map',
  'frame',
  'frameset',
  'applet',
  'base',
]);
const blockElements = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'aside',
  'nav',
  'blockquote',
  'pre',
  'address',
  'center',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'td',
  'th',
  'caption',
  'dl',
  'dt',
  'dd',
  'figure',
  'figcaption',
  'body',
  'html',
  'form',
  'fieldset',
  'legend',
  'details',
  'summary',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
]);

type Format = {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  url: string | null;
  isPre: boolean;
};

function styleOf(element: ElementNode): Map<string, string> {
  const style = new Map<string, string>();
  for (const declaration of (element.attrs.style ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon < 0) continue;
    style.set(
      declaration.slice(0, colon).trim().toLowerCase(),
      declaration
        .slice(colon + 1)
        .trim()
        .toLowerCase(),
    );
  }
  return style;
}

function isHidden(element: ElementNode, style: Map<string, string>): boolean {
  return (
    style.get('display') === 'none' ||
    style.get('mso-hide') === 'all' ||
    style.get('visibility') === 'hidden' ||
    element.attrs.hidden !== undefined ||
    /(^|\s)msoDel(\s|$)/i.test(element.attrs.class ?? '')
  );
}

function formatOf(element: ElementNode, style: Map<string, string>, parent: Format): Format {
  const format = { ...parent };
  switch (element.name) {
    case 'b':
    case 'strong':
      format.bold = true;
      break;
    case 'i':
    case 'em':
    case 'cite':
    case 'dfn':
      format.italic = true;
      break;
    case 'u':
      format.underline = true;
      break;
    case 'pre':
      format.isPre = true;
      break;
    case 'a': {
      const href = (element.attrs.href ?? '').trim();
      format.url = safeUrlSchema.safeParse(href).success ? href : null;
      break;
    }
  }
  const weight = style.get('font-weight');
  if (weight !== undefined) {
    if (/^(bold|bolder|[6-9]00)$/.test(weight)) format.bold = true;
    else if (/^(normal|lighter|[1-5]00)$/.test(weight)) format.bold = false;
  }
  const fontStyle = style.get('font-style');
  if (fontStyle !== undefined) format.italic = /italic|oblique/.test(fontStyle);
  const decoration = style.get('text-decoration') ?? style.get('text-decoration-line');
  if (decoration !== undefined) {
    if (decoration.includes('underline')) format.underline = true;
    else if (decoration.includes('none')) format.underline = false;
  }
  return format;
}

/** A Word list paragraph before grouping: its level, list id and marker text. */
type WordListParagraph = {
  kind: 'wordItem';
  level: number;
  listId: string;
  marker: string;
  children: Inline[];
};
type Pending = Block | WordListParagraph;

/** What a paste simplified, so the editor can say so. */
export type PasteNote = 'mergedCells' | 'nestedTable' | 'largeTable';

class Collector {
  readonly out: Pending[] = [];
  private inlines: Inline[] = [];

  constructor(readonly notes: Set<PasteNote> = new Set()) {}

  addInline(inline: Inline): void {
    this.inlines.push(inline);
  }

  /** Ends the current implicit paragraph (text between blocks). */
  flush(): void {
    const children = trimInlines(this.inlines);
    this.inlines = [];
    if (children.length > 0) this.out.push({ type: 'paragraph', children });
  }

  takeInlines(): Inline[] {
    const children = trimInlines(this.inlines);
    this.inlines = [];
    return children;
  }

  push(block: Pending): void {
    this.flush();
    this.out.push(block);
  }
}

/** Marks a Word list marker inside the inline stream until the paragraph is complete. */
const markerDelimiter = '\ue000';

function addText(collector: Collector, raw: string, format: Format): void {
  const clean = raw.replaceAll(markerDelimiter, '');
  const text = format.isPre
    ? clean.replace(/\r\n?/g, '\n')
    : clean.replace(/[ \t\r\n\f\u00a0]+/g, ' ');
  if (text === '') return;
  const run = {
    type: 'text' as const,
    text,
    bold: format.bold,
    italic: format.italic,
    underline: format.underline,
  };
  if (format.url) collector.addInline({ type: 'link', url: format.url, children: [run] });
  else collector.addInline(run);
}

function walkChildren(
  children: readonly TreeNode[],
  format: Format,
  collector: Collector,
  depth: number,
): void {
  let skipping = 0;
  let marker = '';
  for (const child of children) {
    if (child.kind === 'condition') {
      if (child.isStart) {
        skipping += 1;
        marker = '';
      } else if (skipping > 0) {
        skipping -= 1;
        if (skipping === 0 && marker)
          collector.addInline({ type: 'text', text: `\ue000marker:${marker}\ue000` });
      }
      continue;
    }
    if (skipping > 0) {
      // Word's list marker ("1.", "·", "o") inside <!--[if !supportLists]-->: kept aside, not as text.
      marker += textOf(child);
      continue;
    }
    if (child.kind === 'text') addText(collector, child.text, format);
    else walkElement(child, format, collector, depth + 1);
  }
}

function textOf(node: TreeNode): string {
  if (node.kind === 'text') return node.text;
  if (node.kind === 'condition') return '';
  return node.children.map(textOf).join('');
}

function walkElement(
  element: ElementNode,
  parent: Format,
  collector: Collector,
  depth: number,
): void {
  const name = element.name;
  if (droppedElements.has(name) || name.includes(':')) {
    // Office namespaces (o:p, v:shape, w:sdt ...) carry layout, not text the minutes need —
    // except w:sdt content controls, whose text is the document's.
    if (name === 'w:sdt' || name === 'w:sdtpr')
      walkChildren(element.children, parent, collector, depth);
    return;
  }
  const style = styleOf(element);
  if (style.get('mso-list') === 'ignore') {
    // Word's list marker without a conditional comment around it.
    collector.addInline({ type: 'text', text: `\ue000marker:${textOf(element).trim()}\ue000` });
    return;
  }
  if (isHidden(element, style)) return;
  const format = formatOf(element, style, parent);
  if (depth > maxElementDepth) {
    addText(collector, textOf(element), format);
    return;
  }
  if (name === 'br') {
    collector.addInline({
      type: 'text',
      text: '\n',
      bold: format.bold,
      italic: format.italic,
      underline: format.underline,
    });
    return;
  }
  const heading = /^h([1-6])$/.exec(name);
  if (heading) {
    collector.flush();
    walkChildren(element.children, format, collector, depth);
    const children = stripMarkers(collector.takeInlines());
    const level = Math.min(3, Number(heading[1])) as 1 | 2 | 3;
    if (children.length > 0) collector.push({ type: 'heading', level, children });
    return;
  }
  if (name === 'table') {
    collector.flush();
    for (const block of tableFromElement(element, format, depth, collector.notes))
      collector.push(block);
    return;
  }
  if (name === 'ul' || name === 'ol') {
    collector.flush();
    const list = listFromElement(element, format, depth);
    if (list) collector.push(list);
    return;
  }
  if (name === 'p' || (name === 'div' && style.has('mso-list'))) {
    collector.flush();
    walkChildren(element.children, format, collector, depth);
    const inlines = collector.takeInlines();
    const wordList = /level(\d+)/.exec(style.get('mso-list') ?? '');
    if (wordList) {
      const listId = /^(l\d+)/.exec(style.get('mso-list') ?? '')?.[1] ?? 'l';
      collector.push({
        kind: 'wordItem',
        level: Math.min(maxListDepth, Math.max(1, Number(wordList[1]))),
        listId,
        marker: markerOf(inlines),
        children: stripMarkers(inlines),
      });
      return;
    }
    const children = stripMarkers(inlines);
    if (children.length > 0) collector.push({ type: 'paragraph', children });
    return;
  }
  if (blockElements.has(name)) {
    collector.flush();
    walkChildren(element.children, format, collector, depth);
    collector.flush();
    return;
  }
  walkChildren(element.children, format, collector, depth);
}

function markerOf(inlines: readonly Inline[]): string {
  for (const inline of inlines) {
    if (inline.type === 'text') {
      const match = /\ue000marker:([^\ue000]*)\ue000/.exec(inline.text);
      if (match) return (match[1] ?? '').trim();
    }
  }
  return '';
}

function stripMarkers(inlines: readonly Inline[]): Inline[] {
  return trimInlines(
    inlines.map((inline) =>
      inline.type === 'text'
        ? { ...inline, text: inline.text.replace(/\ue000marker:[^\ue000]*\ue000/g, '') }
        : inline,
    ),
  );
}

/** A table cell as the tree has it: its element, the section it is in, its spans. */
type SourceCell = { element: ElementNode; colSpan: number; rowSpan: number };
/** A row: its cells, whether it is in `thead`, whether Word marks it as a repeated heading row. */
type SourceRow = { cells: SourceCell[]; isHead: boolean; isWordHeading: boolean };

function spanOf(value: string | undefined, max: number): number {
  const number = Number.parseInt(value ?? '', 10);
  // rowspan="0" means "to the end of the section" in HTML; read it as "to the end".
  if (number === 0) return max;
  return Number.isFinite(number) && number > 1 ? Math.min(number, max) : 1;
}

/**
 * The rows of a table element in order (through thead, tbody, tfoot), hidden rows left out,
 * and Word's conditional rows too (`<![if !supportMisalignedColumns]>`: an empty row of zero
 * height that only sets column widths).
 */
function sourceRows(table: ElementNode): SourceRow[] {
  const rows: SourceRow[] = [];
  const visit = (element: ElementNode, isHead: boolean) => {
    let skipping = 0;
    for (const child of element.children) {
      if (child.kind === 'condition') {
        if (child.isStart) skipping += 1;
        else if (skipping > 0) skipping -= 1;
        continue;
      }
      if (child.kind !== 'element' || skipping > 0) continue;
      if (isHidden(child, styleOf(child))) continue;
      if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
        visit(child, child.name === 'thead');
      } else if (child.name === 'tr') {
        const cells: SourceCell[] = [];
        for (const cell of child.children) {
          if (cell.kind !== 'element' || (cell.name !== 'td' && cell.name !== 'th')) continue;
          if (isHidden(cell, styleOf(cell))) continue;
          cells.push({
            element: cell,
            colSpan: spanOf(cell.attrs.colspan, maxTableColumns),
            rowSpan: spanOf(cell.attrs.rowspan, maxTableRows),
          });
        }
        // Word marks the last of the rows it repeats as heading rows "lastfirstrow".
        const isWordHeading = /mso-yfti-lastfirstrow\s*:\s*yes/i.test(child.attrs.style ?? '');
        if (cells.length > 0) rows.push({ cells, isHead, isWordHeading });
      }
    }
  };
  visit(table, false);
  return rows;
}

/** The paragraphs of a pasted block inside a cell: lists, headings and tables as text. */
function cellParagraphs(pending: Pending, notes: Set<PasteNote>): Paragraph[] {
  if (isWordItem(pending)) {
    const marker =
      pending.marker === '' ? [] : [{ type: 'text' as const, text: `${pending.marker} ` }];
    return [{ type: 'paragraph', children: [...marker, ...pending.children] }];
  }
  // A table inside a cell: each of its rows one paragraph, the cells separated by " | ".
  if (pending.type === 'table') notes.add('nestedTable');
  return blockAsParagraphs(pending) ?? [];
}

/**
 * A pasted table as table blocks. The cells are laid on a grid as a browser does (a cell
 * spanning rows pushes the cells of the rows below to the right); a merged cell keeps its
 * text in its first grid cell and leaves the others empty. Columns past the model's limit join
 * the last cell; rows past it continue in another table. The header row is the first row when
 * it is in `thead`, all its cells are `th`, or Word repeats it as a heading row. A caption becomes a paragraph before the table.
 */
function tableFromElement(
  element: ElementNode,
  format: Format,
  depth: number,
  notes: Set<PasteNote>,
): Block[] {
  const before: Block[] = [];
  for (const child of element.children) {
    if (child.kind === 'element' && child.name === 'caption') {
      const collector = new Collector(notes);
      walkChildren(child.children, format, collector, depth + 1);
      const children = stripMarkers(collector.takeInlines());
      if (children.length > 0) before.push({ type: 'paragraph', children });
    }
  }
  const rows = sourceRows(element);
  if (rows.length === 0) return before;
  const grid: (TableCell | null)[][] = rows.map(() => []);
  rows.forEach((row, rowIndex) => {
    let column = 0;
    const gridRow = grid[rowIndex] as (TableCell | null)[];
    for (const cell of row.cells) {
      while (gridRow[column] !== undefined) column++;
      const collector = new Collector(notes);
      const style = styleOf(cell.element);
      walkChildren(
        cell.element.children,
        formatOf(cell.element, style, format),
        collector,
        depth + 1,
      );
      collector.flush();
      const paragraphs = groupWordLists(collector.out).flatMap((pending) =>
        cellParagraphs(pending, notes),
      );
      if (cell.colSpan > 1 || cell.rowSpan > 1) notes.add('mergedCells');
      const lastRow = Math.min(rows.length, rowIndex + cell.rowSpan);
      for (let r = rowIndex; r < lastRow; r++) {
        const target = grid[r] as (TableCell | null)[];
        for (let c = column; c < column + cell.colSpan; c++)
          target[c] = r === rowIndex && c === column ? { children: paragraphs } : null;
      }
      column += cell.colSpan;
    }
  });
  const width = Math.max(...grid.map((row) => row.length));
  if (width > maxTableColumns || rows.length > maxTableRows) notes.add('largeTable');
  const cells = grid.map((row) =>
    Array.from({ length: width }, (_, c): TableCell => ({ children: row[c]?.children ?? [] })),
  );
  const first = rows[0];
  // The model has one header row: the first, when it is in thead, all th, or among the rows
  // Word repeats as headings (those before its "lastfirstrow").
  const headerRow =
    first !== undefined &&
    (first.isHead ||
      first.cells.every((cell) => cell.element.name === 'th') ||
      rows.some((row) => row.isWordHeading));
  return [...before, ...tablesWithinLimits(cells, headerRow)];
}

/** A list element: each <li> becomes an item; a list directly inside a list nests under the item before. */
function listFromElement(element: ElementNode, format: Format, depth: number): List | null {
  const list: List = { type: 'list', ordered: element.name === 'ol', items: [] };
  const start = Number(element.attrs.start);
  if (list.ordered && Number.isInteger(start) && start >= 0 && start <= 100000 && start !== 1)
    list.start = start;
  for (const child of element.children) {
    if (child.kind !== 'element') continue;
    if (child.name === 'ul' || child.name === 'ol') {
      const sublist = listFromElement(child, format, depth + 1);
      if (!sublist) continue;
      const previous = list.items[list.items.length - 1];
      if (previous && !previous.sublist) previous.sublist = sublist;
      else list.items.push({ children: [], sublist });
      continue;
    }
    if (child.name === 'li') list.items.push(...itemsFromLi(child, format, depth + 1));
  }
  return list.items.length > 0 ? list : null;
}

const isWordItem = (pending: Pending): pending is WordListParagraph =>
  'kind' in pending && pending.kind === 'wordItem';

/** One <li>: its text (paragraphs inside joined by line breaks) and its nested list. */
function itemsFromLi(li: ElementNode, parent: Format, depth: number): ListItem[] {
  const style = styleOf(li);
  if (isHidden(li, style)) return [];
  const format = formatOf(li, style, parent);
  const collector = new Collector();
  walkChildren(li.children, format, collector, depth);
  collector.flush();
  const lines: Inline[][] = [];
  const sublists: List[] = [];
  for (const pending of collector.out) {
    if (isWordItem(pending)) lines.push(pending.children);
    else if (pending.type === 'paragraph' || pending.type === 'heading')
      lines.push(pending.children);
    else if (pending.type === 'list') sublists.push(pending);
  }
  const children: Inline[] = [];
  lines.forEach((line, index) => {
    if (index > 0) children.push({ type: 'text', text: '\n' });
    children.push(...line);
  });
  const item: ListItem = { children: stripMarkers(children) };
  const [first, ...rest] = sublists;
  if (first) item.sublist = first;
  return [item, ...rest.map((sublist) => ({ children: [], sublist }))];
}

/**
 * Whitespace as a browser renders it: no spaces at the start or end of a block or around a
 * line break, one space between words even across runs; empty runs and links dropped.
 */
function trimInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = inlines.map((inline) =>
    inline.type === 'text'
      ? { ...inline }
      : inline.type === 'link'
        ? { ...inline, children: inline.children.map((run) => ({ ...run })) }
        : inline,
  );
  // The text runs in reading order; null stands for a reference (content that is not text).
  const segments: ({ text: string } | null)[] = [];
  for (const inline of out) {
    if (inline.type === 'text') segments.push(inline);
    else if (inline.type === 'link') segments.push(...inline.children);
    else segments.push(null);
  }
  let hasContent = false;
  let endsWithSpace = true;
  for (const segment of segments) {
    if (segment === null) {
      hasContent = true;
      endsWithSpace = false;
      continue;
    }
    let text = segment.text.replace(/ *\n */g, '\n');
    if (endsWithSpace) text = text.replace(/^ +/, '');
    if (!hasContent) text = text.replace(/^[ \n]+/, '');
    segment.text = text;
    if (text !== '') {
      hasContent = true;
      endsWithSpace = /[ \n]$/.test(text);
    }
  }
  // A space before a line break in the next run, and whitespace at the very end.
  let isAtEnd = true;
  let nextStartsWithBreak = false;
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i];
    if (segment === null || segment === undefined) {
      isAtEnd = false;
      nextStartsWithBreak = false;
      continue;
    }
    if (isAtEnd) segment.text = segment.text.replace(/[ \n]+$/, '');
    else if (nextStartsWithBreak) segment.text = segment.text.replace(/ +$/, '');
    if (segment.text !== '') {
      isAtEnd = false;
      nextStartsWithBreak = segment.text.startsWith('\n');
    }
  }
  return out.filter((inline) => {
    if (inline.type === 'text') return inline.text !== '';
    if (inline.type === 'link') {
      inline.children = inline.children.filter((run) => run.text !== '');
      return inline.children.length > 0;
    }
    return true;
  });
}

/** Lists nested deeper than the format allows keep their items one level up. */
function clampListDepth(list: List, depth: number): List {
  const items: ListItem[] = [];
  const flatten = (item: ListItem) => {
    items.push({ children: item.children });
    for (const child of item.sublist?.items ?? []) flatten(child);
  };
  for (const item of list.items) {
    if (!item.sublist) items.push(item);
    else if (depth >= maxListDepth) flatten(item);
    else items.push({ children: item.children, sublist: clampListDepth(item.sublist, depth + 1) });
  }
  return { ...list, items };
}

// ---------------------------------------------------------------------------------------
// Word list paragraphs → nested lists
// ---------------------------------------------------------------------------------------

/** "1." "a)" "iv." "(2)" are numbered markers; "·" "o" "§" "-" are bullets. */
function isOrderedMarker(marker: string): boolean {
  return /^\(?([0-9]{1,4}|[a-zA-Z]|[ivxlcdmIVXLCDM]{1,6})[.)]$/.test(marker.replace(/\s+/g, ''));
}

function startOf(marker: string): number | undefined {
  const match = /^\(?([0-9]{1,5})[.)]/.exec(marker.replace(/\s+/g, ''));
  return match ? Number(match[1]) : undefined;
}

function groupWordLists(pending: readonly Pending[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < pending.length) {
    const first = pending[i];
    if (!first || !isWordItem(first)) {
      if (first) blocks.push(first);
      i += 1;
      continue;
    }
    const run: WordListParagraph[] = [];
    while (i < pending.length) {
      const next = pending[i];
      if (!next || !isWordItem(next)) break;
      // A new top-level list id starts a new list.
      if (run.length > 0 && next.level === 1 && next.listId !== run[0]?.listId) break;
      run.push(next);
      i += 1;
    }
    blocks.push(buildNestedList(run));
  }
  return blocks;
}

function buildNestedList(paragraphs: readonly WordListParagraph[]): List {
  const base = Math.min(...paragraphs.map((p) => p.level));
  const newList = (p: WordListParagraph): List => {
    const list: List = { type: 'list', ordered: isOrderedMarker(p.marker), items: [] };
    const start = startOf(p.marker);
    if (list.ordered && start !== undefined && start !== 1) list.start = start;
    return list;
  };
  const firstParagraph = paragraphs[0];
  if (!firstParagraph) return { type: 'list', ordered: false, items: [] };
  const root = newList(firstParagraph);
  // stack[d] is the list at depth d (0 = root).
  const stack: List[] = [root];
  for (const p of paragraphs) {
    const depth = p.level - base;
    while (stack.length > depth + 1) stack.pop();
    while (stack.length < depth + 1) {
      const parentList = stack[stack.length - 1] ?? root;
      let parentItem = parentList.items[parentList.items.length - 1];
      if (!parentItem) {
        parentItem = { children: [] };
        parentList.items.push(parentItem);
      }
      if (!parentItem.sublist) parentItem.sublist = newList(p);
      stack.push(parentItem.sublist);
    }
    (stack[stack.length - 1] ?? root).items.push({ children: p.children });
  }
  return root;
}

/**
 * Converts pasted HTML to a body fragment. Throws only when the input is larger than
 * `maxPasteHtmlLength`; every other input gives some (possibly empty) result.
 */
export function pastedHtmlToRichText(html: string): RichText {
  return pastedHtmlWithNotes(html).content;
}

/**
 * {@link pastedHtmlToRichText} with what the conversion simplified: merged cells split
 * (`mergedCells`), a table inside a table flattened to text (`nestedTable`), a table larger
 * than the model allows split or narrowed (`largeTable`).
 */
export function pastedHtmlWithNotes(html: string): { content: RichText; notes: PasteNote[] } {
  if (html.length > maxPasteHtmlLength) {
    throw new Error(
      `The pasted HTML is ${html.length} characters; at most ${maxPasteHtmlLength} are accepted.`,
    );
  }
  const tree = parseTree(html);
  const collector = new Collector();
  const format: Format = { bold: false, italic: false, underline: false, url: null, isPre: false };
  walkChildren(tree.children, format, collector, 0);
  collector.flush();
  const blocks = groupWordLists(collector.out).map((block) =>
    block.type === 'list' ? clampListDepth(block, 1) : block,
  );
  return { content: normalizeRichText(blocks), notes: [...collector.notes] };
}
