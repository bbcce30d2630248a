/**
 * The building blocks of the minutes' wording: the languages, lists ("A, V og C"), sentence
 * case and numbers written as words at the start of a sentence ("To medlemmer", never
 * "2 medlemmer" first in a sentence).
 *
 * Pure core.
 */
import type { Lang } from '../domain/lang';

/** The languages the minutes are written in (common/domain/lang.ts). */
export type { Lang };

/** Joins names the way the language lists them: "A, V og C" / "A, V and C". */
export function joinList(parts: readonly string[], lang: Lang): string {
  const and = lang === 'da' ? 'og' : 'and';
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts[parts.length - 1] ?? ''}`;
}

/** Sentence case: the first letter upper case, the rest as written. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The text with a full stop, unless it already ends with a sentence mark. */
export function sentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  return /[.!?:]$/.test(trimmed) ? capitalize(trimmed) : `${capitalize(trimmed)}.`;
}

const danishNumbers = ['ingen', 'et', 'to', 'tre', 'fire', 'fem', 'seks', 'syv', 'otte', 'ni'];
const danishCommonNumbers = [
  'ingen',
  'en',
  'to',
  'tre',
  'fire',
  'fem',
  'seks',
  'syv',
  'otte',
  'ni',
];
const englishNumbers = [
  'no',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];

/**
 * A number written for prose: under ten as a word when it starts a sentence (Danish rule), as
 * digits otherwise. Danish needs the noun's gender for one ("et medlem", "en stemme").
 */
export function numberWord(
  value: number,
  lang: Lang,
  options: { isSentenceStart?: boolean; isCommonGender?: boolean } = {},
): string {
  if (!options.isSentenceStart || value >= 10 || value < 0 || !Number.isInteger(value))
    return String(value);
  const words =
    lang === 'en' ? englishNumbers : options.isCommonGender ? danishCommonNumbers : danishNumbers;
  return capitalize(words[value] ?? String(value));
}

/** "To medlemmer" / "12 medlemmer" / "Et medlem", starting a sentence or not. */
export function memberCount(count: number, lang: Lang, isSentenceStart: boolean): string {
  const noun =
    lang === 'da' ? (count === 1 ? 'medlem' : 'medlemmer') : count === 1 ? 'member' : 'members';
  return `${numberWord(count, lang, { isSentenceStart })} ${noun}`;
}

/**
 * Lines (a decision's paragraphs, its vote, a dissent) as one line for a snippet or a register
 * entry: a line that ends a sentence is followed by a space, any other by " · ", so a decision,
 * its vote and a protokoltilførsel never run together. White space inside a line collapses.
 */
export function oneLine(lines: readonly string[]): string {
  return lines
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .reduce((joined, line) => {
      if (joined === '') return line;
      return `${joined}${/[.!?:;…]$/.test(joined) ? ' ' : ' · '}${line}`;
    }, '');
}
