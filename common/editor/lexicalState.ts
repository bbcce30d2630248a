/**
 * Conversion between the editor's serialized state (Lexical JSON, see lexicalJson.ts) and the
 * editor-independent `RichText` block structure that bodies are stored and exchanged in.
 *
 * Both directions are total: anything the editor can hold converts to valid `RichText`
 * (unknown nodes keep their text, unsafe links keep their text without the link, references
 * are never dropped), and every valid `RichText` converts to a state the editor accepts.
 * For a `RichText` in normal form (`normalizeRichText`), rich → lexical → rich is the identity.
 *
 * Pure core: no Lexical runtime, no DOM.
 */
import {
  dissentKindSchema,
  mapBlock,
  quotedDecisionSchema,
  safeUrlSchema,
  tablesWithinLimits,
  voteOutcomeSchema,
  type Block,
  type BlockMap,
  type Dissent,
  type QuotedDecision,
  type Inline,
  type Link,
  type List,
  type ListItem,
  type Paragraph,
  type RichText,
  type Table,
  type TableCell,
  type TextRun,
  type Vote,
  type VoteGroup,
} from '../domain/richText';
import { idSchema } from '../domain/model';
import {
  referatNodeTypes,
  textFormatBits,
  type SerializedDissentJson,
  type SerializedEditorStateJson,
  type SerializedHeadingJson,
  type SerializedInlineJson,
  type SerializedLinkJson,
  type SerializedListItemJson,
  type SerializedListJson,
  type SerializedNodeJson,
  type SerializedParagraphJson,
  type SerializedQuotedDecisionJson,
  type SerializedTableCellJson,
  type SerializedTableJson,
  type SerializedTableRowJson,
  type SerializedTextJson,
  type SerializedVoteJson,
} from './lexicalJson';

// ---------------------------------------------------------------------------------------
// Lexical JSON → RichText
// ---------------------------------------------------------------------------------------

/** Converts a serialized editor state to the block structure of a body. */
export function lexicalStateToRichText(state: SerializedEditorStateJson): RichText {
  const blocks: Block[] = [];
  for (const node of childrenOf(state.root)) pushBlocks(node, blocks);
  return normalizeRichText(blocks);
}

type Loose = { type?: unknown; children?: unknown; [key: string]: unknown };

function childrenOf(node: unknown): Loose[] {
  if (typeof node !== 'object' || node === null) return [];
  const children = (node as Loose).children;
  return Array.isArray(children)
    ? (children.filter((c) => typeof c === 'object' && c !== null) as Loose[])
    : [];
}

function pushBlocks(node: Loose, out: Block[]): void {
  switch (node.type) {
    case 'heading': {
      const tag = String((node as Partial<SerializedHeadingJson>).tag ?? 'h1');
      const number = Number(tag.slice(1));
      const level = (number >= 1 && number <= 3 ? number : 3) as 1 | 2 | 3;
      pushInlineBlock(childrenOf(node), out, (children) => ({ type: 'heading', level, children }));
      return;
    }
    case 'list':
      pushBlock(listFromJson(node), out);
      return;
    case referatNodeTypes.vote:
      pushBlock(voteFromJson(node), out);
      return;
    case referatNodeTypes.dissent:
      pushBlock(dissentFromJson(node), out);
      return;
    case referatNodeTypes.quotedDecision:
      pushBlock(quotedDecisionFromJson(node), out);
      return;
    case 'table':
      out.push(...tablesFromJson(node));
      return;
    case 'tablerow':
    case 'tablecell':
      // A stray row or cell outside a table: a one-row table.
      out.push(
        ...tablesFromJson({
          type: 'table',
          children: [node.type === 'tablerow' ? node : { type: 'tablerow', children: [node] }],
        }),
      );
      return;
    case 'listitem':
      // A stray list item outside a list: keep it as a one-item bullet list.
      pushBlock(listFromJson({ type: 'list', listType: 'bullet', children: [node] }), out);
      return;
    default:
      if (isInlineType(node.type)) {
        pushInlineBlock([node], out, (children) => ({ type: 'paragraph', children }));
        return;
      }
      // paragraph, quote, code and unknown elements: their content becomes a paragraph.
      pushInlineBlock(childrenOf(node), out, (children) => ({ type: 'paragraph', children }));
  }
}

/** Keeps a block read from the editor state; a node that held nothing readable gives none. */
function pushBlock(block: Block | null, out: Block[]): void {
  if (block) out.push(block);
}

function isInlineType(type: unknown): boolean {
  return (
    type === 'text' ||
    type === 'linebreak' ||
    type === 'tab' ||
    type === 'link' ||
    type === 'autolink' ||
    type === referatNodeTypes.appendixReference ||
    type === referatNodeTypes.participantReference
  );
}

/**
 * Emits a paragraph or heading. A block node found inside (a vote pasted into a paragraph)
 * splits the text block around it instead of being lost.
 */
function pushInlineBlock(
  children: Loose[],
  out: Block[],
  make: (inlines: Inline[]) => Block,
): void {
  let current: Inline[] = [];
  let hasEmitted = false;
  for (const child of children) {
    if (
      child.type === referatNodeTypes.vote ||
      child.type === referatNodeTypes.dissent ||
      child.type === referatNodeTypes.quotedDecision ||
      child.type === 'list' ||
      child.type === 'table'
    ) {
      if (current.length > 0) out.push(make(current));
      current = [];
      hasEmitted = true;
      pushBlocks(child, out);
    } else {
      current.push(...inlinesFromJson(child));
    }
  }
  if (current.length > 0 || !hasEmitted) out.push(make(current));
}

function runFromText(text: string, format: unknown): TextRun {
  const bits = typeof format === 'number' ? format : 0;
  const run: TextRun = { type: 'text', text };
  if (bits & textFormatBits.bold) run.bold = true;
  if (bits & textFormatBits.italic) run.italic = true;
  if (bits & textFormatBits.underline) run.underline = true;
  return run;
}

function inlinesFromJson(node: Loose): Inline[] {
  switch (node.type) {
    case 'text':
    case 'tab': {
      const text = typeof node.text === 'string' ? node.text : node.type === 'tab' ? '\t' : '';
      return [runFromText(text, node.format)];
    }
    case 'linebreak':
      return [{ type: 'text', text: '\n' }];
    case 'link':
    case 'autolink': {
      const inner = childrenOf(node).flatMap(inlinesFromJson);
      const url = typeof node.url === 'string' ? node.url.trim() : '';
      if (!safeUrlSchema.safeParse(url).success) return inner;
      // A link holds only text runs; a reference inside a link is kept beside it.
      const result: Inline[] = [];
      let runs: TextRun[] = [];
      const flush = () => {
        if (runs.length > 0) result.push({ type: 'link', url, children: runs });
        runs = [];
      };
      for (const inline of inner) {
        if (inline.type === 'text') runs.push(inline);
        else if (inline.type === 'link') runs.push(...inline.children);
        else {
          flush();
          result.push(inline);
        }
      }
      flush();
      return result;
    }
    case referatNodeTypes.appendixReference: {
      const id = node.appendixId;
      if (typeof id === 'string' && idSchema.safeParse(id).success)
        return [{ type: 'appendixRef', appendixId: id }];
      // Never silently dropped: a broken reference stays visible as text.
      return [{ type: 'text', text: 'Bilag ?' }];
    }
    case referatNodeTypes.participantReference: {
      const id = node.participantId;
      if (typeof id === 'string' && idSchema.safeParse(id).success) {
        return [{ type: 'participantRef', participantId: id }];
      }
      return [{ type: 'text', text: '?' }];
    }
    default: {
      if (typeof node.text === 'string') return [runFromText(node.text, node.format)];
      return childrenOf(node).flatMap(inlinesFromJson);
    }
  }
}

function listFromJson(node: Loose): List | null {
  const ordered = node.listType === 'number';
  const list: List = { type: 'list', ordered, items: [] };
  if (
    ordered &&
    typeof node.start === 'number' &&
    Number.isInteger(node.start) &&
    node.start !== 1
  ) {
    list.start = Math.min(100000, Math.max(0, node.start));
  }
  for (const item of childrenOf(node)) {
    const children = item.type === 'listitem' ? childrenOf(item) : [item];
    const nested = children.filter((c) => c.type === 'list');
    const inline = children.filter((c) => c.type !== 'list');
    const sublists = nested.map(listFromJson).filter((l): l is List => l !== null);
    if (inline.length === 0 && sublists.length > 0) {
      // Lexical nests a list inside its own list item right after the parent item.
      for (const sublist of sublists) {
        const previous = list.items[list.items.length - 1];
        if (previous && !previous.sublist) previous.sublist = sublist;
        else list.items.push({ children: [], sublist });
      }
      continue;
    }
    const listItem: ListItem = { children: inline.flatMap(inlinesFromJson) };
    const [first, ...rest] = sublists;
    if (first) listItem.sublist = first;
    list.items.push(listItem);
    for (const sublist of rest) list.items.push({ children: [], sublist });
  }
  return list.items.length > 0 ? list : null;
}

/**
 * The tables of a Lexical table node. Normally one; a table larger than the model allows is
 * fitted by {@link tablesWithinLimits}, so an editor table always converts to valid tables
 * without losing text. A block that a cell holds but a cell of the model cannot (a vote, a
 * dissent, a quoted decision) follows the table.
 */
function tablesFromJson(node: Loose): Block[] {
  const after: Block[] = [];
  const rows: TableCell[][] = [];
  let headerRow = false;
  childrenOf(node).forEach((row, rowIndex) => {
    const rowCells = row.type === 'tablerow' ? childrenOf(row) : [row];
    const cells: TableCell[] = [];
    for (const cellNode of rowCells) {
      const blocks: Block[] = [];
      for (const child of cellNode.type === 'tablecell' ? childrenOf(cellNode) : [cellNode])
        pushBlocks(child, blocks);
      const paragraphs: Paragraph[] = [];
      for (const block of blocks) {
        const flat = blockAsParagraphs(block);
        if (flat) paragraphs.push(...flat);
        else after.push(block);
      }
      cells.push({ children: paragraphs });
    }
    if (cells.length === 0) return;
    if (rowIndex === 0) {
      headerRow = rowCells.every(
        (cell) => typeof cell.headerState === 'number' && (cell.headerState & 1) === 1,
      );
    }
    rows.push(cells);
  });
  return [...tablesWithinLimits(rows, headerRow), ...after];
}

/**
 * A block as the paragraphs of a table cell: a heading becomes a paragraph, a list one
 * paragraph per item ("• " or "1. " kept in front), a table inside a table one paragraph per
 * row. Null for a block a cell cannot hold as text of its own (vote, dissent, quoted decision).
 */
export function blockAsParagraphs(block: Block): Paragraph[] | null {
  switch (block.type) {
    case 'paragraph':
      return [block];
    case 'heading':
      return [{ type: 'paragraph', children: block.children }];
    case 'list': {
      const out: Paragraph[] = [];
      const walk = (list: List, depth: number) => {
        list.items.forEach((item, index) => {
          const marker = list.ordered ? `${(list.start ?? 1) + index}. ` : '• ';
          out.push({
            type: 'paragraph',
            children: [{ type: 'text', text: `${'  '.repeat(depth)}${marker}` }, ...item.children],
          });
          if (item.sublist) walk(item.sublist, depth + 1);
        });
      };
      walk(block, 0);
      return out;
    }
    case 'table':
      return block.rows.map((row) => ({
        type: 'paragraph',
        children: row.cells.flatMap((cell, index) => [
          ...(index > 0 ? [{ type: 'text' as const, text: ' | ' }] : []),
          ...cell.children.flatMap((paragraph, at) => [
            ...(at > 0 ? [{ type: 'text' as const, text: ' ' }] : []),
            ...paragraph.children,
          ]),
        ]),
      }));
    default:
      return null;
  }
}

function groupFromJson(value: unknown): VoteGroup {
  const group = (typeof value === 'object' && value !== null ? value : {}) as Partial<VoteGroup>;
  return {
    participantIds: Array.isArray(group.participantIds)
      ? group.participantIds.filter(
          (id): id is string => typeof id === 'string' && idSchema.safeParse(id).success,
        )
      : [],
    parties: Array.isArray(group.parties)
      ? group.parties.filter((p): p is string => typeof p === 'string' && /^[A-ZÆØÅ]{1,3}$/.test(p))
      : [],
    count:
      typeof group.count === 'number' &&
      Number.isInteger(group.count) &&
      group.count >= 0 &&
      group.count <= 1000
        ? group.count
        : null,
  };
}

function voteFromJson(node: Loose): Vote | null {
  const outcome = voteOutcomeSchema.safeParse(node.outcome);
  const adPoint = typeof node.adPoint === 'string' ? node.adPoint.slice(0, 100) : '';
  return {
    type: 'vote',
    ...(adPoint !== '' ? { adPoint } : {}),
    subject: typeof node.subject === 'string' ? node.subject.slice(0, 1000) : '',
    for: groupFromJson(node.for),
    against: groupFromJson(node.against),
    abstained: groupFromJson(node.abstained),
    outcome: outcome.success ? outcome.data : 'adopted',
  };
}

function dissentFromJson(node: Loose): Dissent | null {
  const id = node.participantId;
  const parties = Array.isArray(node.parties)
    ? node.parties.filter((p): p is string => typeof p === 'string' && /^[A-ZÆØÅ]{1,3}$/.test(p))
    : [];
  const kind = dissentKindSchema.safeParse(node.kind);
  const text = typeof node.text === 'string' ? node.text.slice(0, 10_000) : '';
  const kindField = kind.success && kind.data !== 'dissent' ? { kind: kind.data } : {};
  if (typeof id === 'string' && idSchema.safeParse(id).success)
    return { type: 'dissent', ...kindField, participantId: id, text };
  if (parties.length > 0)
    return { type: 'dissent', ...kindField, participantId: null, parties, text };
  return null;
}

function quotedDecisionFromJson(node: Loose): QuotedDecision | null {
  const { type: _type, version: _version, ...fields } = node as Record<string, unknown>;
  const parsed = quotedDecisionSchema.safeParse({ ...fields, type: 'quotedDecision' });
  return parsed.success ? normalizeQuotedDecision(parsed.data) : null;
}

// ---------------------------------------------------------------------------------------
// Normal form
// ---------------------------------------------------------------------------------------

/**
 * The normal form of a body: no empty or unformatted-flag noise in runs (`bold: false` is
 * dropped), adjacent runs with equal formatting merged, a line break belongs to the run before
 * it, no empty links or lists, `start` only on ordered lists not starting at 1, and a body that
 * is a single empty paragraph is the empty body. Conversions always produce normal form.
 */
export function normalizeRichText(blocks: readonly Block[]): RichText {
  const out: Block[] = [];
  for (const block of blocks) {
    const normal = mapBlock(block, normalForms);
    if (normal) out.push(normal);
  }
  const only = out[0];
  if (out.length === 1 && only?.type === 'paragraph' && only.children.length === 0) return [];
  return out;
}

/** The normal form of each kind of block; null for a list that holds nothing. */
const normalForms: BlockMap<Block | null> = {
  paragraph: (paragraph) => ({ type: 'paragraph', children: normalizeInlines(paragraph.children) }),
  heading: (heading) => ({
    type: 'heading',
    level: heading.level,
    children: normalizeInlines(heading.children),
  }),
  list: normalizeList,
  vote: normalizeVote,
  dissent: normalizeDissent,
  quotedDecision: normalizeQuotedDecision,
  table: normalizeTable,
};

/** A vote in normal form: no empty Ad-point, fresh groups. */
function normalizeVote(vote: Vote): Vote {
  return {
    type: 'vote',
    ...(vote.adPoint !== undefined && vote.adPoint !== '' ? { adPoint: vote.adPoint } : {}),
    subject: vote.subject,
    for: normalizeGroup(vote.for),
    against: normalizeGroup(vote.against),
    abstained: normalizeGroup(vote.abstained),
    outcome: vote.outcome,
  };
}

/** A dissent in normal form: the default kind and an empty party list are left out. */
export function normalizeDissent(dissent: Dissent): Dissent {
  const kind =
    dissent.kind !== undefined && dissent.kind !== 'dissent' ? { kind: dissent.kind } : {};
  if (dissent.participantId !== null)
    return { type: 'dissent', ...kind, participantId: dissent.participantId, text: dissent.text };
  return {
    type: 'dissent',
    ...kind,
    participantId: null,
    parties: [...(dissent.parties ?? [])],
    text: dissent.text,
  };
}

function normalizeQuotedDecision(quote: QuotedDecision): QuotedDecision {
  return {
    type: 'quotedDecision',
    committee: quote.committee,
    date: quote.date,
    itemNumber: quote.itemNumber,
    meetingId: quote.meetingId,
    itemId: quote.itemId,
    text: quote.text,
    vote: quote.vote ? normalizeVote(quote.vote) : null,
  };
}

/**
 * A table in normal form: normal paragraphs, a cell holding one empty paragraph is an empty
 * cell, and short rows are filled with empty cells up to the widest row.
 */
export function normalizeTable(table: Table): Table {
  const width = Math.max(...table.rows.map((row) => row.cells.length));
  return {
    type: 'table',
    headerRow: table.headerRow,
    rows: table.rows.map((row) => {
      const cells = row.cells.map((cell): TableCell => {
        const children = cell.children.map((paragraph): Paragraph => ({
          type: 'paragraph',
          children: normalizeInlines(paragraph.children),
        }));
        const only = children[0];
        return {
          children: children.length === 1 && only?.children.length === 0 ? [] : children,
        };
      });
      while (cells.length < width) cells.push({ children: [] });
      return { cells };
    }),
  };
}

function normalizeGroup(group: VoteGroup): VoteGroup {
  return {
    participantIds: [...group.participantIds],
    parties: [...group.parties],
    count: group.count,
  };
}

function normalizeList(list: List): List | null {
  const items: ListItem[] = [];
  for (const item of list.items) {
    const normalized: ListItem = { children: normalizeInlines(item.children) };
    const sublist = item.sublist ? normalizeList(item.sublist) : null;
    if (sublist) normalized.sublist = sublist;
    items.push(normalized);
  }
  if (items.length === 0) return null;
  const result: List = { type: 'list', ordered: list.ordered, items };
  if (list.ordered && list.start !== undefined && list.start !== 1) result.start = list.start;
  return result;
}

function sameFormat(a: TextRun, b: TextRun): boolean {
  return !!a.bold === !!b.bold && !!a.italic === !!b.italic && !!a.underline === !!b.underline;
}

function cleanRun(run: TextRun): TextRun {
  const clean: TextRun = { type: 'text', text: run.text };
  if (run.bold) clean.bold = true;
  if (run.italic) clean.italic = true;
  if (run.underline) clean.underline = true;
  return clean;
}

function normalizeRuns(runs: readonly TextRun[]): TextRun[] {
  const out: TextRun[] = [];
  for (const original of runs) {
    let run = cleanRun(original);
    const previous = out[out.length - 1];
    // Line breaks carry no formatting of their own: they belong to the run before them.
    if (previous) {
      const leading = /^\n+/.exec(run.text)?.[0] ?? '';
      if (leading) {
        previous.text += leading;
        run = { ...run, text: run.text.slice(leading.length) };
      }
    }
    if (run.text === '') continue;
    if (previous && sameFormat(previous, run)) previous.text += run.text;
    else out.push(run);
  }
  // Line breaks with no run before them join the run after them, or lose their formatting.
  const first = out[0];
  if (first && /^\n+$/.test(first.text)) {
    const next = out[1];
    if (next) {
      next.text = first.text + next.text;
      out.shift();
    } else {
      out[0] = { type: 'text', text: first.text };
    }
  }
  return out;
}

function normalizeInlines(inlines: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let runs: TextRun[] = [];
  const flushRuns = () => {
    if (runs.length === 0) return;
    out.push(...normalizeRuns(runs));
    runs = [];
  };
  for (const inline of inlines) {
    if (inline.type === 'text') {
      runs.push(inline);
      continue;
    }
    flushRuns();
    if (inline.type === 'link') {
      const children = normalizeRuns(inline.children);
      if (children.length === 0) continue;
      const previous = out[out.length - 1];
      if (previous?.type === 'link' && previous.url === inline.url) {
        previous.children = normalizeRuns([...previous.children, ...children]);
      } else {
        out.push({ type: 'link', url: inline.url, children } satisfies Link);
      }
    } else if (inline.type === 'appendixRef') {
      out.push({ type: 'appendixRef', appendixId: inline.appendixId });
    } else {
      out.push({ type: 'participantRef', participantId: inline.participantId });
    }
  }
  flushRuns();
  return out;
}

// ---------------------------------------------------------------------------------------
// RichText → Lexical JSON
// ---------------------------------------------------------------------------------------

const elementBase = { direction: null, format: '' as const, indent: 0, version: 1 };

/** Converts a body to the serialized state the editor loads (`editor.parseEditorState`). */
export function richTextToLexicalState(blocks: readonly Block[]): SerializedEditorStateJson {
  const children: SerializedNodeJson[] = normalizeRichText(blocks).map((block) =>
    mapBlock(block, editorNodes),
  );
  // An editor always holds at least one paragraph to put the caret in.
  if (children.length === 0) children.push(paragraphJson([]));
  return { root: { ...elementBase, type: 'root', children } };
}

/** The serialized editor node of each kind of block (in normal form). */
const editorNodes: BlockMap<SerializedNodeJson> = {
  paragraph: (paragraph) => paragraphJson(inlinesToJson(paragraph.children)),
  heading: (heading) =>
    ({
      ...elementBase,
      type: 'heading',
      tag: `h${heading.level}`,
      children: inlinesToJson(heading.children),
    }) satisfies SerializedHeadingJson,
  list: (list) => listToJson(list, 0),
  vote: voteToJson,
  dissent: dissentToJson,
  quotedDecision: quotedDecisionToJson,
  table: tableToJson,
};

function paragraphJson(children: SerializedNodeJson[]): SerializedParagraphJson {
  return { ...elementBase, type: 'paragraph', textFormat: 0, textStyle: '', children };
}

/** The serialized `TableNode` of a table: an empty cell holds one empty paragraph. */
function tableToJson(table: Table): SerializedTableJson {
  return {
    ...elementBase,
    type: 'table',
    children: table.rows.map((row, rowIndex): SerializedTableRowJson => ({
      ...elementBase,
      type: 'tablerow',
      children: row.cells.map((cell): SerializedTableCellJson => ({
        ...elementBase,
        type: 'tablecell',
        headerState: table.headerRow && rowIndex === 0 ? 1 : 0,
        colSpan: 1,
        rowSpan: 1,
        children: (cell.children.length === 0
          ? [{ type: 'paragraph' as const, children: [] }]
          : cell.children
        ).map((paragraph) => paragraphJson(inlinesToJson(paragraph.children))),
      })),
    })),
  };
}

/** The serialized `VoteNode` of a vote block. */
export function voteToJson(vote: Vote): SerializedVoteJson {
  const { type: _block, ...fields } = normalizeVote(vote);
  return { type: referatNodeTypes.vote, version: 1, ...fields };
}

/** The serialized `DissentNode` of a dissent block. */
export function dissentToJson(dissent: Dissent): SerializedDissentJson {
  const { type: _type, ...fields } = normalizeDissent(dissent);
  return { type: referatNodeTypes.dissent, version: 1, ...fields };
}

/** The serialized `QuotedDecisionNode` of a quoted decision block. */
export function quotedDecisionToJson(quote: QuotedDecision): SerializedQuotedDecisionJson {
  const { type: _type, ...fields } = normalizeQuotedDecision(quote);
  return { type: referatNodeTypes.quotedDecision, version: 1, ...fields };
}

function listToJson(list: List, depth: number): SerializedListJson {
  const start = list.start ?? 1;
  const children: SerializedListItemJson[] = [];
  let value = start;
  for (const item of list.items) {
    children.push({
      ...elementBase,
      indent: depth,
      type: 'listitem',
      value,
      children: inlinesToJson(item.children),
    });
    value += 1;
    if (item.sublist) {
      children.push({
        ...elementBase,
        indent: depth,
        type: 'listitem',
        value,
        children: [listToJson(item.sublist, depth + 1)],
      });
    }
  }
  return {
    ...elementBase,
    type: 'list',
    listType: list.ordered ? 'number' : 'bullet',
    start,
    tag: list.ordered ? 'ol' : 'ul',
    children,
  };
}

function formatBits(run: TextRun): number {
  return (
    (run.bold ? textFormatBits.bold : 0) |
    (run.italic ? textFormatBits.italic : 0) |
    (run.underline ? textFormatBits.underline : 0)
  );
}

function textJson(text: string, format: number): SerializedTextJson {
  return { type: 'text', version: 1, text, format, detail: 0, mode: 'normal', style: '' };
}

/** Text runs become text nodes; "\n" becomes a line break node, "\t" a tab node. */
function runToJson(run: TextRun): SerializedInlineJson[] {
  const format = formatBits(run);
  const out: SerializedInlineJson[] = [];
  for (const part of run.text.split(/(\n|\t)/)) {
    if (part === '') continue;
    if (part === '\n') out.push({ type: 'linebreak', version: 1 });
    else if (part === '\t') out.push({ ...textJson('\t', format), type: 'tab' });
    else out.push(textJson(part, format));
  }
  return out;
}

function inlinesToJson(inlines: readonly Inline[]): SerializedInlineJson[] {
  const out: SerializedInlineJson[] = [];
  for (const inline of inlines) {
    switch (inline.type) {
      case 'text':
        out.push(...runToJson(inline));
        break;
      case 'link':
        out.push({
          ...elementBase,
          type: 'link',
          url: inline.url,
          rel: null,
          target: null,
          title: null,
          children: inline.children.flatMap(runToJson),
        } satisfies SerializedLinkJson);
        break;
      case 'appendixRef':
        out.push({
          type: referatNodeTypes.appendixReference,
          version: 1,
          appendixId: inline.appendixId,
        });
        break;
      case 'participantRef':
        out.push({
          type: referatNodeTypes.participantReference,
          version: 1,
          participantId: inline.participantId,
        });
        break;
    }
  }
  return out;
}
