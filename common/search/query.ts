/**
 * Turns what a user types into a search box into a safe SQLite FTS5 MATCH expression.
 *
 * The user's text is never handed to FTS5 as syntax. It is scanned here into terms, and every
 * term is written back as an FTS5 string literal ("..."), so FTS5 operators, column filters,
 * `NEAR(`, `^`, parentheses and stray quotes in the input are only ever text. What we do
 * understand:
 *
 * - words: `innovation budget` (all must occur, in any order);
 * - prefixes: `inno*`, and, while the user is typing, the last word is a prefix implicitly;
 * - phrases: `"ledige dimittender"` (an unbalanced quote runs to the end of the text);
 * - exclusion: `-budget`, `-"ledige dimittender"`;
 * - alternatives: `skole OR daginstitution` (OR binds tighter than the implicit AND, as in web
 *   search engines: `a b OR c` means a AND (b OR c)).
 *
 * A word is split into tokens the way FTS5's unicode61 tokenizer does (letters, digits and
 * private-use characters; everything else separates), so `EMN-2017-05812` becomes the phrase
 * "EMN 2017 05812" and matches the case id exactly where it was written. A term with no token
 * characters at all (`*`, `^`, `(`, `-`) is dropped, because FTS5 treats an empty phrase as
 * matching nothing and would silently empty the whole query.
 *
 * Pure core: no Node, no SQLite.
 */

/** At most this many terms are used; the rest of a very long text is ignored (and reported). */
export const maxQueryTerms = 24;
/** At most this many tokens per phrase (a pasted paragraph becomes a bounded phrase). */
export const maxPhraseTokens = 32;
/** Tokens longer than this are cut: no real word is this long, and FTS5 work stays bounded. */
export const maxTokenLength = 64;
/** At most this many characters of input are looked at. */
export const maxQueryLength = 2000;
/**
 * A prefix must have at least this many characters: a one-letter prefix matches a large part
 * of the vocabulary, costs far more than it helps, and the index keeps no 1-letter prefixes.
 */
export const minPrefixLength = 2;

/** One term of a parsed query. */
export type QueryTerm = {
  /** A single word, or a quoted phrase. */
  kind: 'word' | 'phrase';
  /** The tokens, NFC-normalised and lower-cased; a word with punctuation has several. */
  tokens: string[];
  /** The last token matches as a prefix. */
  isPrefix: boolean;
  /** Documents containing this term are excluded. */
  isExcluded: boolean;
};

/** Why a text yields no query. */
export type EmptyQueryReason =
  /** Nothing searchable: blank, or only punctuation/operators. */
  | 'empty'
  /** Only exclusions: FTS5 (and common sense) needs at least one word to look for. */
  | 'onlyExclusions';

/** The outcome of {@link parseSearchQuery}. */
export type ParsedQuery =
  | {
      isEmpty: false;
      /** The FTS5 MATCH expression, to be bound as a parameter (never concatenated into SQL). */
      match: string;
      /** The positive terms as groups: each inner array is one OR-alternative group. */
      groups: QueryTerm[][];
      /** The excluded terms. */
      exclusions: QueryTerm[];
      /** True when input beyond {@link maxQueryLength} characters or {@link maxQueryTerms} terms was ignored. */
      isTruncated: boolean;
    }
  | {
      isEmpty: true;
      reason: EmptyQueryReason;
      /** A plain English explanation (the UI shows its own translated text for `reason`). */
      message: string;
    };

export type ParseOptions = {
  /**
   * Search-as-you-type: when the text does not end in a space, the last plain word is matched
   * as a prefix (typing "innov" already finds "innovation").
   */
  isTyping?: boolean;
  /**
   * When set, the expression is confined to this FTS5 column (`text : (...)`), so the user's
   * words never match other indexed columns. Must be a plain identifier.
   */
  column?: string;
};

const emptyMessages: Record<EmptyQueryReason, string> = {
  empty: 'The search has no words to look for. Type a word, a "phrase" or a case id.',
  onlyExclusions: 'The search only excludes words. Add at least one word to look for.',
};

const tokenPattern = /[\p{L}\p{N}\p{Co}]+/gu;
// C0/C1 control characters and the Unicode line/paragraph separators become spaces.
// eslint-disable-next-line no-control-regex
const controlPattern = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;
const whitespacePattern = /\s/u;

/**
 * Splits text into FTS5 unicode61-style tokens (NFC-normalised, lower-cased, each at most
 * {@link maxTokenLength} characters). Exported so the indexer and tests agree with the parser.
 */
export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const match of normalizeSearchText(text).matchAll(tokenPattern)) {
    tokens.push(truncateToken(match[0].toLowerCase()));
  }
  return tokens;
}

/**
 * The form every text takes before it is indexed or parsed: NFC (so "å" typed as a + ring
 * matches the precomposed "å"), control characters replaced by spaces.
 */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFC').replace(controlPattern, ' ');
}

/**
 * Parses user text into a safe FTS5 MATCH expression, or explains why there is nothing to
 * search. Never throws for any string.
 */
export function parseSearchQuery(text: string, options: ParseOptions = {}): ParsedQuery {
  if (options.column !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.column)) {
    throw new RangeError(`"${options.column}" is not a plain FTS5 column name`);
  }
  let isTruncated = text.length > maxQueryLength;
  const input = normalizeSearchText(isTruncated ? text.slice(0, maxQueryLength) : text);
  const scanned = scan(input);
  if (scanned.length > maxQueryTerms) isTruncated = true;
  const raw = scanned.slice(0, maxQueryTerms);

  // Implicit prefix while typing: only for the last plain word, and only when the user has not
  // finished it with a space. A closed phrase or an exclusion is left as typed.
  const last = raw[raw.length - 1];
  if (options.isTyping && last && !last.isOperator && !last.isExcluded && !last.isClosedPhrase) {
    const isEndingInSpace =
      input.length > 0 && whitespacePattern.test(input[input.length - 1] ?? '');
    if (!isEndingInSpace) last.isPrefix = true;
  }

  // Assemble: OR joins the positive terms directly before and after it; a dangling OR is ignored.
  const groups: QueryTerm[][] = [];
  const exclusions: QueryTerm[] = [];
  let isJoiningNext = false;
  for (const entry of raw) {
    if (entry.isOperator) {
      isJoiningNext = groups.length > 0;
      continue;
    }
    const tokens = entry.tokens.slice(0, maxPhraseTokens);
    if (tokens.length < entry.tokens.length) isTruncated = true;
    if (tokens.length === 0) continue;
    const lastToken = tokens[tokens.length - 1] ?? '';
    const term: QueryTerm = {
      kind: entry.kind,
      tokens,
      isPrefix: entry.isPrefix && Array.from(lastToken).length >= minPrefixLength,
      isExcluded: entry.isExcluded,
    };
    if (term.isExcluded) {
      exclusions.push(term);
      // An exclusion between "a OR -b c" breaks the OR chain.
      isJoiningNext = false;
      continue;
    }
    const previous = groups[groups.length - 1];
    if (isJoiningNext && previous) previous.push(term);
    else groups.push([term]);
    isJoiningNext = false;
  }

  if (groups.length === 0) {
    const reason: EmptyQueryReason = exclusions.length > 0 ? 'onlyExclusions' : 'empty';
    return { isEmpty: true, reason, message: emptyMessages[reason] };
  }

  const positive = groups
    .map((group) =>
      group.length === 1
        ? termToFts(group[0] as QueryTerm)
        : `(${group.map(termToFts).join(' OR ')})`,
    )
    .join(' AND ');
  let match =
    exclusions.length === 0
      ? positive
      : `(${positive}) NOT (${exclusions.map(termToFts).join(' OR ')})`;
  if (options.column !== undefined) match = `${options.column} : (${match})`;
  return { isEmpty: false, match, groups, exclusions, isTruncated };
}

/** One term as an FTS5 string literal: tokens joined by spaces, double quotes doubled. */
function termToFts(term: QueryTerm): string {
  // Tokens contain only letters/digits, so there is nothing to escape; doubling quotes is kept
  // as a second line of defence should the token pattern ever change.
  const literal = `"${term.tokens.join(' ').replace(/"/g, '""')}"`;
  return term.isPrefix ? `${literal}*` : literal;
}

type ScannedTerm = {
  kind: 'word' | 'phrase';
  tokens: string[];
  isPrefix: boolean;
  isExcluded: boolean;
  isClosedPhrase: boolean;
  isOperator: boolean;
};

/** Splits the input into words, phrases and OR operators (nothing here can fail). */
function scan(input: string): ScannedTerm[] {
  const terms: ScannedTerm[] = [];
  let i = 0;
  const n = input.length;
  // Stops early once comfortably past the term limit so a huge input costs little.
  while (i < n && terms.length <= maxQueryTerms) {
    const ch = input[i] as string;
    if (whitespacePattern.test(ch)) {
      i += 1;
      continue;
    }
    let isExcluded = false;
    let start = i;
    if (
      (ch === '-' || ch === '+') &&
      i + 1 < n &&
      !whitespacePattern.test(input[i + 1] as string)
    ) {
      isExcluded = ch === '-';
      start = i + 1;
    }
    if (input[start] === '"') {
      const close = input.indexOf('"', start + 1);
      const isClosed = close !== -1;
      const body = input.slice(start + 1, isClosed ? close : n);
      // `"inno"*`: a star right after the closing quote asks for a prefix.
      let end = isClosed ? close + 1 : n;
      let isPrefix = false;
      while (end < n && input[end] === '*') {
        isPrefix = true;
        end += 1;
      }
      terms.push({
        kind: 'phrase',
        tokens: searchTokens(body),
        isPrefix,
        isExcluded,
        isClosedPhrase: isClosed,
        isOperator: false,
      });
      i = end;
      continue;
    }
    let end = start;
    while (end < n && !whitespacePattern.test(input[end] as string) && input[end] !== '"') end += 1;
    const word = input.slice(start, end);
    i = end;
    if (!isExcluded && word === 'OR') {
      terms.push({
        kind: 'word',
        tokens: [],
        isPrefix: false,
        isExcluded: false,
        isClosedPhrase: false,
        isOperator: true,
      });
      continue;
    }
    const tokens = searchTokens(word);
    terms.push({
      kind: tokens.length > 1 ? 'phrase' : 'word',
      tokens,
      isPrefix: /[\p{L}\p{N}\p{Co}]\*+$/u.test(word),
      isExcluded,
      isClosedPhrase: false,
      isOperator: false,
    });
  }
  return terms;
}

function truncateToken(token: string): string {
  if (token.length <= maxTokenLength) return token;
  // Do not cut a surrogate pair in half.
  return Array.from(token).slice(0, maxTokenLength).join('');
}
