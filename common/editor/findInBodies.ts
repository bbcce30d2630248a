/**
 * Find in the meeting document: the matches of a query in the text bodies of a meeting, as
 * (body, block, offsets), so the document view can count them, mount the body of a match and
 * select it in that body's editor.
 *
 * A body is searched as a list of blocks (paragraph, heading, list item), each one line of text
 * with its inline references named as displayed ("Bilag 2"). Matches never span two blocks,
 * like a browser's find does not span paragraphs. A vote or a dissent is one block too, read as
 * the document shows it (common/wording/blocks.ts: the minutes sentence of a vote, "Protokoltilførsel fra
 * …: <statement>"), so the minutes text of a vote is found between the paragraphs around it.
 * The editor side (documentFind.ts in the renderer) walks its nodes in the same order and reads
 * the same text, so a body gives the same matches before and after its editor starts.
 *
 * The document's fixed text around the bodies (headings, attendance) is searched the same way,
 * as bodies of lines read from the page; {@link pieceAt} maps a match back to the text nodes of
 * its line and {@link mergeMatches} puts both kinds of match in document order.
 *
 * Default matching is what a Danish user expects from "Søg": case-insensitive ("Bilag" finds
 * "bilag"), accents significant. `isAccentInsensitive` also lets "ide" find "idé", but never
 * folds æ, ø or å: they are letters of the alphabet, not accented a, o.
 */
import {
  inlinePlainText,
  readBlock,
  type Block,
  type BlockReader,
  type List,
} from '../domain/richText';
import { minutesBlockReader, type BlockTextContext } from '../wording/blocks';

export type FindOptions = {
  /** "Bilag" does not find "bilag". Default false. */
  isCaseSensitive?: boolean;
  /** "ide" finds "idé" (æ, ø, å stay distinct). Default false. */
  isAccentInsensitive?: boolean;
};

/** One searchable body: who owns it and its blocks' text in document order. */
export type SearchableBody<Owner> = { owner: Owner; blocks: readonly string[] };

/** A match: `blocks[block].slice(start, end)` of the body owned by `owner`. */
export type BodyMatch<Owner> = { owner: Owner; block: number; start: number; end: number };

export type TextMatch = { start: number; end: number };

/** A normalized text and, per normalized UTF-16 unit, where it came from in the original. */
type Folded = { text: string; from: number[]; to: number[] };

const ringLetters = new Set(['å', 'Å']);
const combiningMark = /\p{M}/gu;
const spaceLike = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/;
const spacesLike = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

function foldChar(char: string, options: FindOptions): string {
  let folded = spaceLike.test(char) ? ' ' : char;
  // Final sigma: lower-casing a whole string and one character at a time must agree.
  if (!options.isCaseSensitive) folded = folded.toLowerCase().replace('ς', 'σ');
  if (options.isAccentInsensitive && !ringLetters.has(char)) {
    folded = folded.normalize('NFD').replace(combiningMark, '');
  }
  return folded;
}

function fold(text: string, options: FindOptions, isMapped: boolean): Folded {
  let out = '';
  const from: number[] = [];
  const to: number[] = [];
  let index = 0;
  // By code point, so a surrogate pair is folded (and mapped back) as one character.
  for (const char of text) {
    const folded = foldChar(char, options);
    out += folded;
    if (isMapped) {
      for (let i = 0; i < folded.length; i++) {
        from.push(index);
        to.push(index + char.length);
      }
    }
    index += char.length;
  }
  return { text: out, from, to };
}

/** The same text as `fold` gives, built with whole-string operations (no offset map). */
function quickFold(text: string, options: FindOptions): string {
  if (options.isAccentInsensitive) return fold(text, options, false).text;
  const spaced = text.replace(spacesLike, ' ');
  return options.isCaseSensitive ? spaced : spaced.toLowerCase().replaceAll('ς', 'σ');
}

/** The query as it is compared (for callers that cache by it). */
export function foldQuery(query: string, options: FindOptions = {}): string {
  return fold(query, options, false).text;
}

/**
 * The non-overlapping matches of `query` in `text`, left to right, as offsets into `text`.
 * An empty query matches nothing.
 */
export function findInText(text: string, query: string, options: FindOptions = {}): TextMatch[] {
  const needle = foldQuery(query, options);
  if (needle === '' || text === '') return [];
  // Most blocks do not contain the query: reject them before building the offset map, which
  // costs two array entries per character.
  if (!quickFold(text, options).includes(needle)) return [];
  const haystack = fold(text, options, true);
  const matches: TextMatch[] = [];
  let at = haystack.text.indexOf(needle);
  while (at !== -1) {
    const start = haystack.from[at] ?? 0;
    const end = haystack.to[at + needle.length - 1] ?? text.length;
    // A fold that splits one character (e.g. "ß" in upper case) must not yield a match that
    // starts or ends inside it twice.
    const previous = matches[matches.length - 1];
    if (!previous || start >= previous.end) matches.push({ start, end });
    at = haystack.text.indexOf(needle, at + needle.length);
  }
  return matches;
}

/**
 * Every match of `query` in `bodies`, in document order (body, block, offset). At most
 * `limit` matches are returned (a one-letter query in a 300-page meeting finds tens of
 * thousands); `isTruncated` tells whether more exist.
 */
export function findInBodies<Owner>(
  bodies: readonly SearchableBody<Owner>[],
  query: string,
  options: FindOptions = {},
  limit = 10_000,
): { matches: BodyMatch<Owner>[]; isTruncated: boolean } {
  const matches: BodyMatch<Owner>[] = [];
  if (foldQuery(query, options) === '') return { matches, isTruncated: false };
  for (const body of bodies) {
    for (let block = 0; block < body.blocks.length; block++) {
      for (const match of findInText(body.blocks[block] ?? '', query, options)) {
        if (matches.length === limit) return { matches, isTruncated: true };
        matches.push({ owner: body.owner, block, ...match });
      }
    }
  }
  return { matches, isTruncated: false };
}

/** How the references inside a body are named, as the editor displays them. */
export type ReferenceNames = {
  appendix(appendixId: string): string;
  participant(participantId: string): string;
};

/** A list as find reads it: one block per item (nested items after their parent), no markers. */
function listItemTexts(list: List, names: ReferenceNames): string[] {
  return list.items.flatMap((item) => [
    inlinePlainText(item.children, names),
    ...(item.sublist ? listItemTexts(item.sublist, names) : []),
  ]);
}

/**
 * The searchable blocks of a stored body, in the order the editor shows them: one per
 * paragraph, heading and list item (nested items after their parent), paragraph of a table cell
 * (row by row; an empty cell is one empty block), vote and dissent (their
 * text as `context` displays it; see the module comment).
 */
export function richTextBlocks(
  content: readonly Block[],
  names: ReferenceNames,
  context: BlockTextContext,
): string[] {
  const reader: BlockReader = {
    ...minutesBlockReader(context, names),
    list: (list) => listItemTexts(list, names),
    // One block per paragraph of a cell, as the editor holds them; an empty cell still holds
    // one (empty) paragraph there.
    table: (table) =>
      table.rows.flatMap((row) =>
        row.cells.flatMap((cell) =>
          cell.children.length === 0
            ? ['']
            : cell.children.map((paragraph) => inlinePlainText(paragraph.children, names)),
        ),
      ),
  };
  return content.flatMap((block) => readBlock(block, reader));
}

/**
 * Where offset `at` of a text made of pieces of these lengths lies: the piece and the offset
 * in it. A start (`isEnd` false) at a boundary lies at the start of the later piece, an end at
 * the end of the earlier one, so a match never reaches into a piece it has no text of. Null
 * when `at` is outside the text.
 */
export function pieceAt(
  lengths: readonly number[],
  at: number,
  isEnd: boolean,
): { piece: number; offset: number } | null {
  if (at < 0) return null;
  let pieceStart = 0;
  for (let piece = 0; piece < lengths.length; piece++) {
    const pieceEnd = pieceStart + (lengths[piece] ?? 0);
    if (isEnd ? at > pieceStart && at <= pieceEnd : at >= pieceStart && at < pieceEnd) {
      return { piece, offset: at - pieceStart };
    }
    pieceStart = pieceEnd;
  }
  return null;
}

/**
 * Two lists of matches, each in document order and each possibly cut at a limit, as one list in
 * document order. `isBefore(a, b)` tells whether `a` comes before `b` in the document. A cut
 * list says nothing about what lies past its last match, so the merged list stops there too;
 * at most `limit` matches are returned.
 */
export function mergeMatches<A, B>(
  first: { matches: readonly A[]; isTruncated: boolean },
  second: { matches: readonly B[]; isTruncated: boolean },
  isBefore: (a: A, b: B) => boolean,
  limit = 10_000,
): { matches: (A | B)[]; isTruncated: boolean } {
  const matches: (A | B)[] = [];
  const cut = { matches, isTruncated: true };
  let i = 0;
  let j = 0;
  for (;;) {
    const nextA = first.matches[i];
    const nextB = second.matches[j];
    if (nextA === undefined && nextB === undefined) break;
    // Past the end of a cut list, matches of that list may be missing.
    if (nextA === undefined && first.isTruncated) return cut;
    if (nextB === undefined && second.isTruncated) return cut;
    if (matches.length === limit) return cut;
    if (nextB === undefined || (nextA !== undefined && isBefore(nextA, nextB))) {
      matches.push(nextA as A);
      i++;
    } else {
      matches.push(nextB);
      j++;
    }
  }
  return { matches, isTruncated: first.isTruncated || second.isTruncated };
}
