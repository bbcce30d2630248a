/**
 * The text a body's block decorations (a vote, a protokoltilførsel) show in the editor, as one
 * line: what the find bar searches, the same whether the body's editor has started (the views
 * render it, VoteView / DissentView) or not (its stored content is read). The views render
 * exactly this text in their element marked `data-find-block`, so a match maps back to it.
 *
 * Pure core.
 */
import { formatDanishDate } from '../domain/danishDates';
import type { Dissent, QuotedDecision, Vote } from '../domain/richText';
import { voteText, type Lang, type VoteParticipant } from './voteText';

/** What the text of a block needs: the meeting's participants and the UI language. */
export type BlockTextContext = {
  participants: readonly VoteParticipant[];
  lang: Lang;
};

/** A vote nobody has filled in yet: the view shows a placeholder, not minutes text. */
export function isEmptyVote(vote: Vote): boolean {
  return (['for', 'against', 'abstained'] as const).every(
    (c) =>
      vote[c].participantIds.length === 0 && vote[c].parties.length === 0 && vote[c].count === null,
  );
}

/**
 * The minutes text of a vote as the document shows it; empty for a vote not filled in (its
 * placeholder is the editor's wording, not the minutes').
 */
export function voteBlockText(vote: Vote, context: BlockTextContext): string {
  return isEmptyVote(vote) ? '' : voteText(vote, context.participants, context.lang);
}

const dissentLabels = {
  da: { dissent: 'Protokoltilførsel', minority: 'Mindretalsudtalelse', note: 'Protokolbemærkning' },
  en: { dissent: 'Minute note', minority: 'Minority statement', note: 'Note to the minutes' },
} as const;

/**
 * "Protokoltilførsel fra Katja S. Johansen (O)" as the dissent's lead-in; a minority or note
 * by party letters reads "Mindretalsudtalelse fra B, F og Ø".
 */
export function dissentHeading(
  dissent: Pick<Dissent, 'participantId' | 'parties' | 'kind'>,
  participants: readonly VoteParticipant[],
  lang: Lang,
): string {
  const label = dissentLabels[lang][dissent.kind ?? 'dissent'];
  const by = lang === 'da' ? 'fra' : 'by';
  if (dissent.participantId === null) {
    return `${label} ${by} ${joinParties(dissent.parties ?? [], lang)}`;
  }
  const participantId = dissent.participantId;
  const p = participants.find((candidate) => candidate.id === participantId);
  const name = p
    ? `${p.name}${p.party ? ` (${p.party})` : ''}`
    : lang === 'da'
      ? '? (fjernet deltager)'
      : '? (removed participant)';
  return `${label} ${by} ${name}`;
}

function joinParties(parties: readonly string[], lang: Lang): string {
  if (parties.length <= 1) return parties.join('');
  return `${parties.slice(0, -1).join(', ')} ${lang === 'da' ? 'og' : 'and'} ${parties[parties.length - 1] ?? ''}`;
}

/** A dissent as the document shows it: "Protokoltilførsel fra … (O): <statement>". */
export function dissentBlockText(
  dissent: Pick<Dissent, 'participantId' | 'parties' | 'kind' | 'text'>,
  context: BlockTextContext,
): string {
  return `${dissentHeading(dissent, context.participants, context.lang)}: ${dissent.text}`;
}

/**
 * A quoted earlier decision as the document shows it: "Teknik- og Miljøudvalget, 14. marts
 * 2022, pkt. 118: Anbefales.", followed by its own vote's text when it has one.
 */
export function quotedDecisionBlockText(quote: QuotedDecision, context: BlockTextContext): string {
  const date = formatDanishDate(quote.date, { language: context.lang });
  const item =
    quote.itemNumber === ''
      ? ''
      : `, ${context.lang === 'da' ? 'pkt.' : 'item'} ${quote.itemNumber}`;
  const vote =
    quote.vote && !isEmptyVote(quote.vote) ? ` ${voteBlockText(quote.vote, context)}` : '';
  return `${quote.committee}, ${date}${item}: ${quote.text}${vote}`;
}
