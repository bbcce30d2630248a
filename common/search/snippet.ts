/**
 * Highlighted snippets as data: a list of segments, each plain text or a match. The renderer
 * draws a segment with `isHit` as a `<mark>` element holding a text node, so no markup from the
 * minutes is ever interpreted as HTML; the CLI marks hits with brackets. Snippets are made by
 * highlight.ts.
 *
 * Pure core.
 */

/** A piece of a snippet: plain text, or text that matched the query. */
export type SnippetSegment = { text: string; isHit: boolean };

/** The snippet as plain text with hits wrapped in `open`/`close` (e.g. "[" "]" for the CLI). */
export function snippetToText(segments: readonly SnippetSegment[], open = '', close = ''): string {
  return segments
    .map((segment) => (segment.isHit ? `${open}${segment.text}${close}` : segment.text))
    .join('');
}
