/**
 * The text of the minutes' block decorations (votes, protokoltilførsler) and of whole bodies,
 * as every output writes them: the editor's views and find bar, plain-text copy, the search
 * index and register snippets, the PDF and the DOCX.
 *
 * Pure core.
 */
import {
  plainBlockReader,
  readBlock,
  type Block,
  type BlockReader,
  type Dissent,
  type PlainResolve,
  type QuotedDecision,
  type Vote,
} from '../domain/richText';
import { quotedDecisionText } from './minutes';
import { personById, type WordingPerson } from './people';
import { isEmptyVote, voteText } from './votes';
import { joinList, oneLine, type Lang } from './words';

export type { PlainResolve } from '../domain/richText';

/** What the text of a block needs: the meeting's participants and the language. */
export type BlockTextContext = {
  participants: readonly WordingPerson[];
  lang: Lang;
};

type DissentKind = 'dissent' | 'minority' | 'note';

const dissentKindNames: Record<Lang, Record<DissentKind, string>> = {
  da: {
    dissent: 'Protokoltilførsel',
    minority: 'Mindretalsudtalelse',
    note: 'Protokolbemærkning',
  },
  en: { dissent: 'Minute note', minority: 'Minority statement', note: 'Note' },
};

/** The name of a dissent's kind: "Protokoltilførsel", "Mindretalsudtalelse", "Protokolbemærkning". */
export function dissentKindName(kind: DissentKind, lang: Lang): string {
  return dissentKindNames[lang][kind];
}

/** The fields of a dissent the wording reads (later model versions add kind and parties). */
export type DissentLike = Pick<Dissent, 'participantId' | 'text'> & {
  kind?: DissentKind;
  parties?: readonly string[];
};

/** "Protokoltilførsel fra Peter Jensen (A)", "Mindretalsudtalelse fra B og F": the lead-in. */
export function dissentHeading(
  dissent: Omit<DissentLike, 'text'>,
  participants: readonly WordingPerson[],
  lang: Lang,
): string {
  const lead = `${dissentKindName(dissent.kind ?? 'dissent', lang)} ${lang === 'da' ? 'fra' : 'by'}`;
  const parties = dissent.parties ?? [];
  // A dissent just inserted (or undone back to that state) has no author chosen yet: an open
  // lead-in, not the removed-participant mark, which would claim someone was deleted.
  if (dissent.participantId === '' && parties.length === 0) return `${lead} …`;
  const who =
    dissent.participantId !== null && dissent.participantId !== '' && parties.length === 0
      ? personById(dissent.participantId, participants, lang)
      : parties.length > 0
        ? joinList([...parties], lang)
        : personById(dissent.participantId ?? '', participants, lang);
  return `${lead} ${who}`;
}

/** A dissent as the document shows it: "Protokoltilførsel fra Peter Jensen (A): <statement>". */
export function dissentBlockText(dissent: DissentLike, context: BlockTextContext): string {
  return `${dissentHeading(dissent, context.participants, context.lang)}: ${dissent.text}`;
}

/**
 * The minutes text of a vote as the document shows it; empty for a vote not filled in (its
 * placeholder is the editor's wording, not the minutes').
 */
export function voteBlockText(vote: Vote, context: BlockTextContext): string {
  return isEmptyVote(vote) ? '' : voteText(vote, context.participants, context.lang);
}

/**
 * A quoted earlier decision as the document shows it: "Teknik- og Miljøudvalget, 14. marts
 * 2022, pkt. 118: Anbefales." followed by its own vote's text when it has one.
 */
export function quotedDecisionBlockText(quote: QuotedDecision, context: BlockTextContext): string {
  const vote = quote.vote && !isEmptyVote(quote.vote) ? quote.vote : null;
  return quotedDecisionText({ ...quote, vote }, context.participants, context.lang);
}

/**
 * How the minutes read a body: the plain reading (a list one line per item, a table one line per
 * row, cells separated by " | "), but a vote, a dissent and a quoted decision as the sentences
 * the document shows.
 */
export function minutesBlockReader(
  context: BlockTextContext,
  resolve: PlainResolve = {},
): BlockReader {
  return {
    ...plainBlockReader(resolve),
    vote: (vote) => voteBlockText(vote, context),
    dissent: (dissent) => dissentBlockText(dissent, context),
    quotedDecision: (quote) => quotedDecisionBlockText(quote, context),
  };
}

/**
 * The plain text of a body as the minutes read: one line per paragraph or list item; votes
 * and dissents as their full sentences (not just the vote's subject), so search finds what
 * the document shows. Blocks are separated by a line break, so snippets can keep them apart.
 */
export function bodyPlainText(
  blocks: readonly Block[],
  context: BlockTextContext,
  resolve: PlainResolve = {},
): string {
  return bodyLines(blocks, context, resolve)
    .filter((line) => line !== '')
    .join('\n');
}

/**
 * A body as one line (search index text, snippets, the decision register): the blocks' text
 * kept apart by {@link oneLine}, so "Godkendt" and the vote after it never run together.
 */
export function bodyOneLine(
  blocks: readonly Block[],
  context: BlockTextContext,
  resolve: PlainResolve = {},
): string {
  return oneLine(bodyLines(blocks, context, resolve));
}

/** The lines of a body's blocks as the minutes read them ({@link minutesBlockReader}). */
function bodyLines(blocks: readonly Block[], context: BlockTextContext, resolve: PlainResolve) {
  const reader = minutesBlockReader(context, resolve);
  return blocks.flatMap((block) => readBlock(block, reader));
}
