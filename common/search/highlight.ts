/**
 * Snippets with highlighted matches, made from a document's text and the parsed query.
 *
 * This replaces FTS5's `snippet()`, which can only run inside a MATCH query: asking FTS5 for the
 * snippet of each shown passage would evaluate the whole expression again per passage, and a
 * prefix such as "fo"* costs a merge of every doclist starting with "fo" each time. Matching
 * here follows the index's rules (tokens are runs of letters, digits and private-use
 * characters; case-insensitive; NFC), so what is marked is what FTS5 matched: one regular
 * expression per query, one pass over the text.
 *
 * Pure core.
 */
import { normalizeSearchText, type QueryTerm } from './query';
import type { SnippetSegment } from './snippet';

/** Characters of context shown before the first match and in total. */
export const snippetContextBefore = 60;
export const snippetLength = 200;

const tokenClass = '\\p{L}\\p{N}\\p{Co}';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A regular expression finding any of `terms` as whole tokens (prefixes: token starts). */
export function termsPattern(terms: readonly QueryTerm[]): RegExp | null {
  const alternatives = terms
    .filter((term) => term.tokens.length > 0)
    .map((term) => {
      const parts = term.tokens.map(escapeRegExp);
      const body = parts.join(`[^${tokenClass}]+`);
      return term.isPrefix ? `${body}[${tokenClass}]*` : body;
    });
  if (alternatives.length === 0) return null;
  // Longer alternatives first so a phrase wins over its own first word.
  alternatives.sort((a, b) => b.length - a.length);
  return new RegExp(`(?<![${tokenClass}])(?:${alternatives.join('|')})(?![${tokenClass}])`, 'giu');
}

type Hit = { start: number; end: number; key: string };

/**
 * The part of `text` (about {@link snippetLength} characters) around the densest cluster of
 * matches of `terms`, with the matches marked; without a match, the start of the text.
 * `pattern` may be passed to reuse one compiled expression for many documents.
 */
export function highlightSnippet(
  text: string,
  terms: readonly QueryTerm[],
  pattern: RegExp | null = termsPattern(terms),
): SnippetSegment[] {
  const source = normalizeSearchText(text).replace(/\s+/g, ' ').trim();
  if (source === '') return [];
  const hits: Hit[] = [];
  if (pattern) {
    pattern.lastIndex = 0;
    for (let match = pattern.exec(source); match !== null; match = pattern.exec(source)) {
      hits.push({
        start: match.index,
        end: match.index + match[0].length,
        key: match[0].toLowerCase(),
      });
      if (match[0].length === 0) pattern.lastIndex += 1;
      if (hits.length > 500) break;
    }
  }

  // The window start (a hit) after which the most distinct matched words follow.
  let anchor = 0;
  if (hits.length > 0) {
    let bestScore = -1;
    for (let i = 0; i < hits.length; i += 1) {
      const first = hits[i] as Hit;
      const distinct = new Set<string>();
      let count = 0;
      for (
        let j = i;
        j < hits.length &&
        (hits[j] as Hit).end - first.start <= snippetLength - snippetContextBefore;
        j += 1
      ) {
        distinct.add((hits[j] as Hit).key);
        count += 1;
      }
      const score = distinct.size * 1000 + count;
      if (score > bestScore) {
        bestScore = score;
        anchor = first.start;
      }
    }
  }

  let start = Math.max(0, anchor - snippetContextBefore);
  let end = Math.min(source.length, start + snippetLength);
  if (end === source.length) start = Math.max(0, end - snippetLength);
  // Do not cut words: move the edges to the nearest spaces inside the window.
  if (start > 0) {
    const space = source.indexOf(' ', start);
    if (space !== -1 && space < anchor) start = space + 1;
  }
  if (end < source.length) {
    const space = source.lastIndexOf(' ', end);
    const lastHitEnd = hits
      .filter((h) => h.start < end)
      .reduce((max, h) => Math.max(max, h.end), 0);
    if (space > start && space >= lastHitEnd) end = space;
  }

  const segments: SnippetSegment[] = [];
  const push = (chunk: string, isHit: boolean) => {
    if (chunk === '') return;
    const previous = segments[segments.length - 1];
    if (previous && previous.isHit === isHit) previous.text += chunk;
    else segments.push({ text: chunk, isHit });
  };
  if (start > 0) push('… ', false);
  let cursor = start;
  for (const hit of hits) {
    if (hit.start < start || hit.start >= end) continue;
    push(source.slice(cursor, hit.start), false);
    push(source.slice(hit.start, Math.min(hit.end, end)), true);
    cursor = Math.min(hit.end, end);
  }
  push(source.slice(cursor, end), false);
  if (end < source.length) push(' …', false);
  return segments;
}
