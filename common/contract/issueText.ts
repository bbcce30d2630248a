/**
 * Plain words for validation problems, in Danish and English, naming the field: "number: must
 * be a whole number" / "number: skal være et helt tal", instead of the validation library's own
 * text ("Invalid input: expected int, received number", "Too big: expected string to have
 * <=1000000 characters"). Used for every API input (the message in English, the issues in both
 * languages for the UI) and by the CLI.
 *
 * Pure core.
 */
import type { z } from 'zod';
import type { Lang } from '../domain/lang';

/** A language the messages are written in. */
export type IssueLanguage = Lang;

/** One problem in both languages, with the path of the field. */
export type IssueText = { path: string; en: string; da: string };

type Issue = z.core.$ZodIssue;

/** The texts of zod issues, the path prefixed with `root` ("patch.number"). */
export function issueTexts(issues: readonly Issue[], root = ''): IssueText[] {
  return issues.map((issue) => ({
    path: pathOf(issue.path, root) || '(input)',
    en: describeIssue(issue, 'en'),
    da: describeIssue(issue, 'da'),
  }));
}

function pathOf(path: readonly PropertyKey[], root: string): string {
  let out = root;
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

/** What is wrong, without the path: "must be a whole number". */
export function describeIssue(issue: Issue, lang: IssueLanguage): string {
  const da = lang === 'da';
  switch (issue.code) {
    case 'invalid_type': {
      const received = /received (\w+)/.exec(issue.message)?.[1];
      if (received === 'undefined') return da ? 'mangler' : 'is missing';
      return `${da ? 'skal være' : 'must be'} ${typeName(issue.expected, lang)}`;
    }
    case 'too_big':
      return sizeText(issue.origin, issue.maximum, 'max', lang);
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1)
        return da ? 'må ikke være tom' : 'must not be empty';
      return sizeText(issue.origin, issue.minimum, 'min', lang);
    case 'invalid_value': {
      const values = issue.values.map((value) => JSON.stringify(value)).join(', ');
      return issue.values.length === 1
        ? `${da ? 'skal være' : 'must be'} ${values}`
        : `${da ? 'skal være en af' : 'must be one of'} ${values}`;
    }
    case 'unrecognized_keys': {
      const keys = issue.keys.map((key) => `"${key}"`).join(', ');
      return da
        ? `ukendt felt ${keys} (${issue.keys.length === 1 ? 'det' : 'de'} kan ikke angives her)`
        : `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${keys}`;
    }
    case 'invalid_format':
      return (
        customText(issue.message, lang) ?? (da ? 'har ikke den rette form' : 'has the wrong form')
      );
    case 'invalid_union':
      return da ? 'har ikke en af de tilladte former' : 'is none of the allowed forms';
    default:
      return customText(issue.message, lang) ?? issue.message;
  }
}

function typeName(expected: string, lang: IssueLanguage): string {
  const names: Record<string, [string, string]> = {
    int: ['et helt tal', 'a whole number'],
    number: ['et tal', 'a number'],
    string: ['tekst', 'text'],
    boolean: ['sand eller falsk', 'true or false'],
    array: ['en liste', 'a list'],
    object: ['et objekt', 'an object'],
    null: ['null', 'null'],
  };
  const name = names[expected];
  if (name) return lang === 'da' ? name[0] : name[1];
  return expected;
}

function sizeText(
  origin: string,
  limit: number | bigint,
  bound: 'max' | 'min',
  lang: IssueLanguage,
): string {
  const da = lang === 'da';
  const most = bound === 'max' ? (da ? 'højst' : 'at most') : da ? 'mindst' : 'at least';
  if (origin === 'string')
    return da
      ? `må ${bound === 'max' ? 'højst' : 'mindst'} have ${limit} tegn`
      : `must have ${most} ${limit} characters`;
  if (origin === 'array' || origin === 'set')
    return da
      ? `må ${bound === 'max' ? 'højst' : 'mindst'} have ${limit} elementer`
      : `must have ${most} ${limit} entries`;
  return da ? `skal være ${most} ${limit}` : `must be ${most} ${limit}`;
}

/** Danish for the model's own messages (common/domain/model.ts); English is the message. */
const danishCustom: ReadonlyArray<[RegExp, (match: RegExpExecArray) => string]> = [
  [/^must not be empty$/, () => 'må ikke være tom'],
  [/^must be at most (\d+) characters$/, (m) => `må højst have ${m[1]} tegn`],
  [/^must be a date written YYYY-MM-DD$/, () => 'skal være en dato skrevet ÅÅÅÅ-MM-DD'],
  [/^is not a real calendar date$/, () => 'er ikke en rigtig dato'],
  [
    /^must be a time written HH:MM \(00:00-23:59\)$/,
    () => 'skal være et klokkeslæt skrevet TT:MM (00:00-23:59)',
  ],
  [
    /^may contain only letters, digits, "-" and "_"$/,
    () => 'må kun indeholde bogstaver, tal, "-" og "_"',
  ],
  [
    /^must be a party letter \(1-3 capital letters\)$/,
    () => 'skal være et partibogstav (1-3 store bogstaver)',
  ],
  [/^must be at most 64 characters$/, () => 'må højst have 64 tegn'],
  [/^needs a time, an agenda item or both$/, () => 'kræver et klokkeslæt, et punkt eller begge'],
  [
    /^must name either a participant or party letters, not both$/,
    () => 'skal angive enten en deltager eller partibogstaver, ikke begge',
  ],
  [/^must contain \{titel\}$/, () => 'skal indeholde {titel}'],
  [
    /^the sections must include the decision \(Beslutning\)$/,
    () => 'afsnittene skal omfatte Beslutning',
  ],
  [
    /^the decision is never part of the agenda$/,
    () => 'beslutningen er aldrig en del af dagsordenen',
  ],
  [/^the section "(.+)" is listed twice$/, (m) => `afsnittet "${m[1] ?? ''}" står der to gange`],
  [/^the logo must be at most 512 KiB$/, () => 'logoet må højst fylde 512 KiB'],
  [/^must be base64$/, () => 'skal være base64'],
];

function customText(message: string, lang: IssueLanguage): string | null {
  // zod's own texts start with a capital ("Invalid input", "Too big"); the model's never do.
  if (/^[A-Z]/.test(message)) return null;
  if (lang === 'en') return message;
  for (const [pattern, danish] of danishCustom) {
    const match = pattern.exec(message);
    if (match) return danish(match);
  }
  return message;
}
