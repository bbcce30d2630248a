/**
 * How a member of the meeting is written, the same everywhere (attendance, votes, dissents,
 * the signature page, the "@" list): "Lone Hansen (C, formand)", "Kristine Kryger (formand)"
 * without a party, "Peter Jensen (A)" without a role; a substitute "Birgitte Glifberg (A),
 * stedfortræder for Brian Møller (A)".
 *
 * Pure core.
 */
import type { Lang } from './words';

/** What the wording needs to know about a participant. */
export type WordingPerson = {
  id: string;
  name: string;
  party: string | null;
  /** Formand / næstformand are written; a plain member is not. Unknown counts as member. */
  role?: 'chair' | 'vice_chair' | 'member';
};

const roleWords: Record<Lang, Record<'chair' | 'vice_chair', string>> = {
  da: { chair: 'formand', vice_chair: 'næstformand' },
  en: { chair: 'chair', vice_chair: 'vice-chair' },
};

/** The role as a word ("formand"), or '' for a plain member. */
export function roleWord(role: WordingPerson['role'], lang: Lang): string {
  return role === 'chair' || role === 'vice_chair' ? roleWords[lang][role] : '';
}

/** The canonical form: "Lone Hansen (C, formand)", "Peter Jensen (A)", "Kristine Kryger". */
export function personName(person: Omit<WordingPerson, 'id'>, lang: Lang): string {
  const details = [person.party ?? '', roleWord(person.role, lang)].filter((part) => part !== '');
  return details.length === 0 ? person.name : `${person.name} (${details.join(', ')})`;
}

/** A participant who is no longer in the meeting's list: marked, never dropped. */
export function unknownPerson(lang: Lang): string {
  return lang === 'da' ? '? (fjernet deltager)' : '? (removed participant)';
}

/** Looks a participant up by id and writes them canonically (or the removed-participant mark). */
export function personById(
  id: string,
  people: ReadonlyMap<string, WordingPerson> | readonly WordingPerson[],
  lang: Lang,
): string {
  const person =
    people instanceof Map
      ? people.get(id)
      : (people as readonly WordingPerson[]).find((candidate) => candidate.id === id);
  return person ? personName(person, lang) : unknownPerson(lang);
}

/** "Birgitte Glifberg (A), stedfortræder for Brian Møller (A)". */
export function substituteName(
  person: Omit<WordingPerson, 'id'>,
  substituted: Omit<WordingPerson, 'id'> | null,
  lang: Lang,
): string {
  const name = personName(person, lang);
  if (!substituted) return name;
  const word = lang === 'da' ? 'stedfortræder for' : 'substitute for';
  return `${name}, ${word} ${personName(substituted, lang)}`;
}
