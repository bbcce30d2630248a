/**
 * The editor-independent rich-text block structure of `referat/1` (documented in
 * docs/format.md). Every text body (Resumé, Indstilling, Beslutning, ...) is stored and
 * exchanged as a `RichText`: a list of blocks. The editor converts its own serialized state
 * to and from this structure; PDF and DOCX exports read only this structure.
 */
import { z } from 'zod';

/** Deepest list nesting accepted anywhere (hostile input guard; Word rarely exceeds 9). */
export const maxListDepth = 12;

const idRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"');

export const textRunSchema = z
  .object({
    type: z.literal('text'),
    text: z.string().max(1_000_000),
    bold: z.boolean().optional(),
    italic: z.boolean().optional(),
    underline: z.boolean().optional(),
  })
  .strict();
/** A run of text with formatting. */
export type TextRun = z.infer<typeof textRunSchema>;

/**
 * An internal link to a place in the library: `referat://meeting/<meetingId>` optionally with
 * `#item-<itemId>` (used by "Tidligere beslutninger" to link each earlier decision to its
 * source). Only these two exact shapes: ids are the model's id alphabet, nothing else follows.
 * Viewers open it inside Referat; exports must not turn it into an external hyperlink.
 */
export const referatUrlPattern =
  /^referat:\/\/meeting\/([A-Za-z0-9_-]{1,64})(?:#item-([A-Za-z0-9_-]{1,64}))?$/;

/**
 * Links accept only web and mail addresses and internal `referat://meeting/...` links
 * (see {@link referatUrlPattern}): never `javascript:`, `file:` or any other scheme.
 */
export const safeUrlSchema = z
  .string()
  .max(2048)
  // One regex (not a refine) so the generated JSON Schema keeps the pattern.
  .regex(
    /^(?:(?:https?:\/\/|mailto:)[^\s]+|referat:\/\/meeting\/[A-Za-z0-9_-]{1,64}(?:#item-[A-Za-z0-9_-]{1,64})?)$/i,
    'must be an http(s) or mailto address, or a referat://meeting/ link',
  );

export const linkSchema = z
  .object({
    type: z.literal('link'),
    url: safeUrlSchema,
    children: z.array(textRunSchema).max(10_000),
  })
  .strict();
export type Link = z.infer<typeof linkSchema>;

/** An inline element that names a record of the meeting by id; it is rendered from that record. */
function inlineRefSchema<Type extends string, IdField extends string>(
  type: Type,
  idField: IdField,
) {
  const shape = { type: z.literal(type), [idField]: idRef };
  return z.object(shape as { type: z.ZodLiteral<Type> } & Record<IdField, typeof idRef>).strict();
}

/** An inline "Bilag N" bound to an appendix id; the number is looked up when rendered. */
export const appendixRefSchema = inlineRefSchema('appendixRef', 'appendixId');
export type AppendixRef = z.infer<typeof appendixRefSchema>;

/** An inline reference to a participant of the meeting (rendered as the name). */
export const participantRefSchema = inlineRefSchema('participantRef', 'participantId');
export type ParticipantRef = z.infer<typeof participantRefSchema>;

export const inlineSchema = z.discriminatedUnion('type', [
  textRunSchema,
  linkSchema,
  appendixRefSchema,
  participantRefSchema,
]);
/** Anything inside a paragraph, heading or list item. */
export type Inline = z.infer<typeof inlineSchema>;

const inlines = z.array(inlineSchema).max(100_000);

export const paragraphSchema = z
  .object({ type: z.literal('paragraph'), children: inlines })
  .strict();
export type Paragraph = z.infer<typeof paragraphSchema>;

export const headingSchema = z
  .object({
    type: z.literal('heading'),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    children: inlines,
  })
  .strict();
export type Heading = z.infer<typeof headingSchema>;

/** A list item: its own text, then optionally a nested list. */
export type ListItem = { children: Inline[]; sublist?: List };
/** An ordered (numbered) or unordered (bulleted) list. */
export type List = { type: 'list'; ordered: boolean; start?: number; items: ListItem[] };

export const listSchema: z.ZodType<List> = z.lazy(() =>
  z
    .object({
      type: z.literal('list'),
      ordered: z.boolean(),
      start: z.number().int().min(0).max(100000).optional(),
      items: z.array(listItemSchema).max(100_000),
    })
    .strict(),
);
export const listItemSchema: z.ZodType<ListItem> = z.lazy(() =>
  z.object({ children: inlines, sublist: listSchema.optional() }).strict(),
);

/** Who voted one way: named participants and/or party letters with a head count. */
export const voteGroupSchema = z
  .object({
    participantIds: z.array(idRef).max(1000),
    /** Party letters when the minutes record votes by party ("(A, V og C)"). */
    parties: z.array(z.string().regex(/^[A-ZÆØÅ]{1,3}$/)).max(50),
    /** Head count when votes are recorded by party; null means "count the participants". */
    count: z.number().int().min(0).max(1000).nullable(),
  })
  .strict();
export type VoteGroup = z.infer<typeof voteGroupSchema>;

export const voteOutcomes = [
  'adopted',
  'rejected',
  'tied',
  'approved',
  'recommended',
  'not_recommended',
  'referred',
  'noted',
  'discussed',
  'postponed',
] as const;
/**
 * What came of the vote: vedtaget, forkastet, stemmelighed (not adopted), godkendt, anbefales
 * (over for Kommunalbestyrelsen), anbefales ikke, oversendes, taget til efterretning, drøftet,
 * udsat.
 */
export const voteOutcomeSchema = z.enum(voteOutcomes);
export type VoteOutcome = z.infer<typeof voteOutcomeSchema>;

export const voteSchema = z
  .object({
    type: z.literal('vote'),
    /** The Ad-point the vote belongs to ("2" for "Ad 2."), when the decision has several. */
    adPoint: z.string().max(100).optional(),
    /** What was voted on, e.g. "Indstillingen" or "Ændringsforslag fra V". */
    subject: z.string().max(1000),
    for: voteGroupSchema,
    against: voteGroupSchema,
    abstained: voteGroupSchema,
    outcome: voteOutcomeSchema,
  })
  .strict();
/** A recorded vote (afstemning). */
export type Vote = z.infer<typeof voteSchema>;

/** Outcomes that say the majority voted for. */
const outcomesForMajority: ReadonlySet<VoteOutcome> = new Set([
  'adopted',
  'approved',
  'recommended',
]);
/** Outcomes that say the proposal fell (a tie also lets a proposal fall: it is 'tied'). */
const outcomesAgainstMajority: ReadonlySet<VoteOutcome> = new Set(['rejected', 'not_recommended']);

/**
 * The head count of a vote group when it has one: its `count`, else the number of named
 * participants; null for a group given only by party letters without a count.
 */
export function voteGroupCount(group: VoteGroup): number | null {
  if (group.count !== null) return group.count;
  if (group.participantIds.length > 0) return group.participantIds.length;
  return group.parties.length > 0 ? null : 0;
}

/** A contradiction between a vote's outcome and its counts. */
export type VoteInconsistency = {
  outcome: VoteOutcome;
  for: number;
  against: number;
};

/**
 * Checks a vote's outcome against its head counts. Only when both "for" and "against" have a
 * count (a count, named participants, or an empty group) is anything checked: adopted,
 * approved and recommended need more for than against; rejected and not recommended need no
 * more for than against (a tie lets a proposal fall); tied needs equal counts. A vote by
 * party letters without counts is never contradicted. Null when consistent.
 */
export function checkVoteConsistency(
  vote: Pick<Vote, 'for' | 'against' | 'outcome'>,
): VoteInconsistency | null {
  const countFor = voteGroupCount(vote.for);
  const countAgainst = voteGroupCount(vote.against);
  if (countFor === null || countAgainst === null) return null;
  // A vote with nobody counted either way (a decision recorded with an outcome only) is not a count.
  if (countFor === 0 && countAgainst === 0 && vote.outcome !== 'tied') return null;
  const isConsistent = outcomesForMajority.has(vote.outcome)
    ? countFor > countAgainst
    : outcomesAgainstMajority.has(vote.outcome)
      ? countFor <= countAgainst
      : vote.outcome === 'tied'
        ? countFor === countAgainst
        : true;
  return isConsistent ? null : { outcome: vote.outcome, for: countFor, against: countAgainst };
}

/** The English message for a contradiction ("... 3 for and 4 against"), naming the counts. */
export function describeVoteInconsistency(problem: VoteInconsistency): string {
  const counts = `${problem.for} for and ${problem.against} against`;
  switch (problem.outcome) {
    case 'tied':
      return `the outcome "tied" needs as many votes for as against, not ${counts}`;
    case 'rejected':
    case 'not_recommended':
      return `the outcome "${problem.outcome}" needs at most as many votes for as against, not ${counts}`;
    default:
      return `the outcome "${problem.outcome}" needs more votes for than against, not ${counts}`;
  }
}

export const dissentKinds = ['dissent', 'minority', 'note'] as const;
/** Protokoltilførsel, mindretalsudtalelse or protokolbemærkning. */
export const dissentKindSchema = z.enum(dissentKinds);
export type DissentKind = z.infer<typeof dissentKindSchema>;

const partyLetter = z
  .string()
  .regex(/^[A-ZÆØÅ]{1,3}$/, 'must be a party letter (1-3 capital letters)');

export const dissentSchema = z
  .object({
    type: z.literal('dissent'),
    /** Protokoltilførsel when left out. */
    kind: dissentKindSchema.optional(),
    /** The participant who made it; null when it is made by party letters (`parties`). */
    participantId: idRef.nullable(),
    /** The party group that made it ("B, F og Ø"); only when `participantId` is null. */
    parties: z.array(partyLetter).max(50).optional(),
    /** The statement, or the minority's reasons. */
    text: z.string().max(10_000),
  })
  .strict()
  .refine(
    (dissent) =>
      (dissent.participantId !== null) !==
      (dissent.parties !== undefined && dissent.parties.length > 0),
    { message: 'must name either a participant or party letters, not both' },
  );
/** A protokoltilførsel, mindretalsudtalelse or protokolbemærkning, by a participant or parties. */
export type Dissent = z.infer<typeof dissentSchema>;

export const quotedDecisionSchema = z
  .object({
    type: z.literal('quotedDecision'),
    /** The committee that decided ("Teknik- og Miljøudvalget"). */
    committee: z.string().min(1).max(300),
    /** The date of that meeting, YYYY-MM-DD. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
    /** The item's number as that committee printed it ("118"). */
    itemNumber: z.string().max(50),
    /** That meeting and item when they are in the library (a link), else null. */
    meetingId: idRef.nullable(),
    itemId: idRef.nullable(),
    /** The decision's text as quoted ("Anbefales."). */
    text: z.string().max(100_000),
    /** That committee's own vote on it, when the quote has one. */
    vote: voteSchema.nullable(),
  })
  .strict()
  .refine((quote) => quote.itemId === null || quote.meetingId !== null, {
    message: 'an item link needs the meeting link too',
  });
/**
 * An earlier decision of another committee quoted under "Tidligere beslutninger":
 * "Teknik- og Miljøudvalget, 14. marts 2022, pkt. 118: Anbefales.".
 */
export type QuotedDecision = z.infer<typeof quotedDecisionSchema>;

/** Most rows a table may have (a budget or a list of grants is far shorter). */
export const maxTableRows = 500;
/** Most columns a table may have: more cannot be read on an A4 page. */
export const maxTableColumns = 20;

export const tableCellSchema = z.object({ children: z.array(paragraphSchema).max(1000) }).strict();
/**
 * One cell of a table: its paragraphs (an empty cell has none). Cells hold paragraphs only:
 * lists and headings pasted into a cell become paragraphs of their text.
 */
export type TableCell = z.infer<typeof tableCellSchema>;

export const tableRowSchema = z
  .object({ cells: z.array(tableCellSchema).min(1).max(maxTableColumns) })
  .strict();
/** One row of a table, its cells from left to right. */
export type TableRow = z.infer<typeof tableRowSchema>;

export const tableSchema = z
  .object({
    type: z.literal('table'),
    /** The first row holds the column headings (printed as header cells, repeated on a new page). */
    headerRow: z.boolean(),
    rows: z.array(tableRowSchema).min(1).max(maxTableRows),
  })
  .strict()
  .refine((table) => table.rows.every((row) => row.cells.length === table.rows[0]?.cells.length), {
    message: 'every row of a table must have as many cells as its first row',
  });
/**
 * A table: rows of equally many cells, optionally with a header row. No merged cells: a cell
 * spanning several columns or rows is written into the first of them, the others left empty.
 */
export type Table = z.infer<typeof tableSchema>;

export const blockSchema = z.union([
  paragraphSchema,
  headingSchema,
  listSchema,
  voteSchema,
  dissentSchema,
  quotedDecisionSchema,
  tableSchema,
]);
/** One block of a rich-text body. */
export type Block = Paragraph | Heading | List | Vote | Dissent | QuotedDecision | Table;

/**
 * A function for each kind of block, giving a `T` for a block of that kind: a table of what a
 * conversion does kind by kind, applied with {@link mapBlock}.
 */
export type BlockMap<T> = {
  [Type in Block['type']]: (block: Extract<Block, { type: Type }>) => T;
};

/** `map`'s function for the kind of `block`, applied to it. */
export function mapBlock<T>(block: Block, map: BlockMap<T>): T {
  // `map[block.type]` takes exactly this kind of block; TypeScript cannot relate the two.
  return (map[block.type] as (block: Block) => T)(block);
}

/** The inline content of every paragraph of a table, row by row, cell by cell. */
export function tableInlines(table: Table): Inline[][] {
  return table.rows.flatMap((row) =>
    row.cells.flatMap((cell) => cell.children.map((paragraph) => paragraph.children)),
  );
}

/**
 * The plain text of a table: one line per row, the cells separated by " | " and the
 * paragraphs of a cell by a space, so search, copy and snippets read a row as it is printed.
 */
export function tableLines(table: Table, inlineText: (children: readonly Inline[]) => string) {
  return table.rows.map((row) =>
    row.cells
      .map((cell) => cell.children.map((paragraph) => inlineText(paragraph.children)).join(' '))
      .join(' | '),
  );
}

/**
 * Rows of cells as tables within the model's limits, without losing text: the cells of a row
 * past {@link maxTableColumns} join its last cell, and the rows past {@link maxTableRows}
 * continue in another table (the header row is the first table's). Used where tables come from
 * outside the model (the editor, a paste); every row must have a cell.
 */
export function tablesWithinLimits(
  rows: readonly (readonly TableCell[])[],
  headerRow: boolean,
): Table[] {
  const fitted = rows.map((cells): TableRow => {
    const kept: TableCell[] = [];
    for (const cell of cells) {
      if (kept.length < maxTableColumns) kept.push({ children: [...cell.children] });
      else kept[kept.length - 1]?.children.push(...cell.children);
    }
    return { cells: kept };
  });
  const tables: Table[] = [];
  for (let start = 0; start < fitted.length; start += maxTableRows) {
    tables.push({
      type: 'table',
      headerRow: start === 0 && headerRow,
      rows: fitted.slice(start, start + maxTableRows),
    });
  }
  return tables;
}

export const richTextSchema = z
  .array(blockSchema)
  .max(100_000)
  .superRefine((blocks, ctx) => {
    const depth = deepestList(blocks);
    if (depth > maxListDepth) {
      ctx.addIssue({
        code: 'custom',
        message: `lists are nested ${depth} deep; at most ${maxListDepth} levels are allowed`,
      });
    }
  });
/** A rich-text body: a list of blocks. */
export type RichText = Block[];

/** The nesting depth of the deepest list in `blocks` (0 when there is no list). */
export function deepestList(blocks: readonly Block[]): number {
  let deepest = 0;
  for (const block of blocks) {
    if (block.type === 'list') deepest = Math.max(deepest, listDepth(block));
  }
  return deepest;
}

function listDepth(list: List): number {
  let deepest = 0;
  for (const item of list.items) {
    if (item.sublist) deepest = Math.max(deepest, listDepth(item.sublist));
  }
  return deepest + 1;
}

/** A body with no content. */
export const emptyRichText = (): RichText => [];

/** A body of plain paragraphs, one per line (used by the plain-text fallback and the CLI). */
export function richTextFromPlain(text: string): RichText {
  if (text === '') return [];
  return text.split('\n').map((line) => ({
    type: 'paragraph' as const,
    children: line === '' ? [] : [{ type: 'text' as const, text: line }],
  }));
}

/** How references inside text are named in plain text. */
export type PlainResolve = {
  appendix?: (id: string) => string;
  participant?: (id: string) => string;
};

/** The plain text of inline content; `resolve` names references (placeholders without it). */
export function inlinePlainText(children: readonly Inline[], resolve: PlainResolve = {}): string {
  return children
    .map((child) => {
      switch (child.type) {
        case 'text':
          return child.text;
        case 'link':
          return child.children.map((run) => run.text).join('');
        case 'appendixRef':
          return resolve.appendix ? resolve.appendix(child.appendixId) : 'Bilag ?';
        case 'participantRef':
          return resolve.participant ? resolve.participant(child.participantId) : '?';
      }
    })
    .join('');
}

/** A list as plain lines: one per item, with its number or bullet, sublists indented. */
export function listPlainLines(list: List, resolve: PlainResolve = {}): string[] {
  const lines: string[] = [];
  const walk = (sub: List, depth: number) => {
    sub.items.forEach((item, index) => {
      const marker = sub.ordered ? `${(sub.start ?? 1) + index}.` : '•';
      lines.push(`${'  '.repeat(depth)}${marker} ${inlinePlainText(item.children, resolve)}`);
      if (item.sublist) walk(item.sublist, depth + 1);
    });
  };
  walk(list, 0);
  return lines;
}

/**
 * How a body's blocks read as lines of text, kind by kind. The plain text below, the minutes'
 * wording (wording/blocks.ts) and find (editor/findInBodies.ts) read bodies in the same walk and
 * differ only in these.
 */
export type BlockReader = {
  /** A paragraph's or a heading's text. */
  inlines(children: readonly Inline[]): string;
  list(list: List): string[];
  table(table: Table): string[];
  vote(vote: Vote): string;
  dissent(dissent: Dissent): string;
  quotedDecision(quote: QuotedDecision): string;
};

/** The lines of one block, as `reader` reads its kind. */
export function readBlock(block: Block, reader: BlockReader): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [reader.inlines(block.children)];
    case 'list':
      return reader.list(block);
    case 'table':
      return reader.table(block);
    case 'vote':
      return [reader.vote(block)];
    case 'dissent':
      return [reader.dissent(block)];
    case 'quotedDecision':
      return [reader.quotedDecision(block)];
  }
}

/**
 * The plain reading of a body: a list one line per item with its number or bullet, a table one
 * line per row, a vote its subject, a dissent and a quoted decision their own text. `resolve`
 * names appendix and participant references; without it they are written as placeholders.
 */
export function plainBlockReader(resolve: PlainResolve = {}): BlockReader {
  const inlines = (children: readonly Inline[]) => inlinePlainText(children, resolve);
  return {
    inlines,
    list: (list) => listPlainLines(list, resolve),
    table: (table) => tableLines(table, inlines),
    vote: (vote) => vote.subject,
    dissent: (dissent) => dissent.text,
    quotedDecision: (quote) => quote.text,
  };
}

/**
 * The plain text of a body, one line per paragraph or list item. `resolve` names appendix
 * and participant references; without it they are written as placeholders.
 */
export function richTextToPlain(blocks: readonly Block[], resolve: PlainResolve = {}): string {
  const reader = plainBlockReader(resolve);
  return blocks.flatMap((block) => readBlock(block, reader)).join('\n');
}
