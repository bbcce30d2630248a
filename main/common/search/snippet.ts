/**
 * Highlighted snippets. The storage layer asks FTS5's `snippet()` to wrap each match in two
 * control characters that can never occur in indexed text (the indexer replaces every control
 * character with a space), and this module turns that string into segments. The renderer
 * draws a segment with `isHit` as a `<mark>` element holding a text node, so no markup from
 * the minutes is ever interpreted as HTML.
 *
 * Pure core.
 */

/** Start-of-match marker passed to FTS5 `snippet()`. */
export const snippetOpen = '\u0002';
/** End-of-match marker passed to FTS5 `snippet()`. */
export const snippetClose = '\u0003';
/** Ellipsis FTS5 puts where the snippet cuts the text. */
export const snippetEllipsis = '…';

/** A piece of a snippet: plain text, or text that matched the query. */
export type SnippetSegment = { text: string; isHit: boolean };

/**
 * Splits a marked snippet into segments. Unbalanced or nested markers (which FTS5 does not
 * produce) are tolerated: a marker only toggles the state. Adjacent segments of the same kind
 * are merged and empty ones dropped.
 */
export function parseSnippet(marked: string): SnippetSegment[] {
  const segments: SnippetSegment[] = [];
  let isHit = false;
  let current = '';
  const flush = () => {
    if (current === '') return;
    const previous = segments[segments.length - 1];
    if (previous && previous.isHit === isHit) previous.text += current;
    else segments.push({ text: current, isHit });
    current = '';
  };
  for (const ch of marked) {
    if (ch === snippetOpen) {
      flush();
      isHit = true;
    } else if (ch === snippetClose) {
      flush();
      isHit = false;
    } else {
      current += ch;
    }
  }
  flush();
  // Line breaks inside a snippet read better as spaces in a one-line result.
  for (const segment of segments) segment.text = segment.text.replace(/\s*\n\s*/g, ' ');
  return segments;
}

/** The snippet as plain text with hits wrapped in `open`/`close` (e.g. "[" "]" for the CLI). */
export function snippetToText(segments: readonly SnippetSegment[], open = '', close = ''): string {
  return segments.map((segment) => (segment.isHit ? `${open}${segment.text}${close}` : segment.text)).join('');
}
