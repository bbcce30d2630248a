/**
 * The meeting document's fixed text for find: what the page shows around the bodies (the title
 * line, Sags ID, the headings, the attendance, the appendix list). Those elements carry
 * `data-find-text`; nothing else is searched as fixed text, so the find bar, toolbars, buttons,
 * the outline and the bodies themselves (searched as bodies) never are.
 *
 * A marked element is read as blocks like a body (its paragraphs, headings and list items, each
 * one line of text), so a match never spans two lines, and is matched with the bodies' matcher
 * (common/editor/findInBodies.ts). Text that is hidden or only there for screen readers is
 * left out. Nothing is kept between searches but the text nodes of the matches, which are
 * checked before they are used: the document re-renders while the find bar is open.
 */
import { findInBodies, pieceAt, type FindOptions } from '../../../common/editor/findInBodies';

export const fixedTextAttribute = 'data-find-text';
const fixedTextSelector = `[${fixedTextAttribute}]`;

/** One line of fixed text: its text nodes in order, and their text. */
export type FixedTextBlock = {
  /** The marked element the line is part of. */
  root: Element;
  nodes: readonly Text[];
  text: string;
};

/** A match in the fixed text: `root` is the marked element's index in the document's order. */
export type FixedTextMatch = {
  kind: 'fixed';
  root: number;
  block: number;
  start: number;
  end: number;
  source: FixedTextBlock;
};

/** Elements that start a line of their own (a browser's find does not match across them). */
const blockTags = new Set([
  'ARTICLE',
  'BLOCKQUOTE',
  'DD',
  'DIV',
  'DL',
  'DT',
  'FIGCAPTION',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'LI',
  'OL',
  'P',
  'SECTION',
  'TABLE',
  'TD',
  'TH',
  'TR',
  'UL',
]);

/**
 * Hidden, or there for screen readers only (styles/base.css `.visually-hidden`). Read from the
 * markup, not the computed style: asking the style of text in sections skipped by
 * `content-visibility: auto` makes the browser style each of them (0.4 s for 600 headings).
 */
function isHiddenElement(element: Element): boolean {
  const style = element instanceof HTMLElement ? element.style : null;
  return (
    element.hasAttribute('hidden') ||
    element.getAttribute('aria-hidden') === 'true' ||
    element.classList.contains('visually-hidden') ||
    style?.display === 'none' ||
    style?.visibility === 'hidden'
  );
}

/** The marked elements inside `host`, in document order (one inside another counts once). */
export function fixedTextRoots(host: ParentNode): Element[] {
  return [...host.querySelectorAll(fixedTextSelector)].filter(
    (element) => element.parentElement?.closest(fixedTextSelector) === null,
  );
}

/** The lines of one marked element, in order; hidden text is left out. */
export function fixedTextBlocks(root: Element): FixedTextBlock[] {
  const blocks: FixedTextBlock[] = [];
  const hidden = new Map<Element, boolean>();
  const isHidden = (element: Element): boolean => {
    let result = hidden.get(element);
    if (result === undefined) {
      result =
        isHiddenElement(element) ||
        (element !== root && element.parentElement !== null && isHidden(element.parentElement));
      hidden.set(element, result);
    }
    return result;
  };
  const lines: { line: Element; nodes: Text[]; text: string }[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text;
    const parent = text.parentElement;
    if (!parent || isHidden(parent)) continue;
    let line: Element = parent;
    while (line !== root && !blockTags.has(line.tagName) && line.parentElement) {
      line = line.parentElement;
    }
    let current = lines[lines.length - 1];
    if (current?.line !== line) {
      current = { line, nodes: [], text: '' };
      lines.push(current);
    }
    current.nodes.push(text);
    current.text += text.data;
  }
  for (const { nodes, text } of lines) {
    if (text.trim() !== '') blocks.push({ root, nodes, text });
  }
  return blocks;
}

/**
 * Every match of `query` in the fixed text inside `host`, in document order, and the marked
 * elements searched (a match's `root` indexes them).
 */
export function findInFixedText(
  host: ParentNode,
  query: string,
  options: FindOptions,
  limit: number,
): { roots: Element[]; matches: FixedTextMatch[]; isTruncated: boolean } {
  const roots = fixedTextRoots(host);
  const blocksOf = roots.map(fixedTextBlocks);
  const result = findInBodies(
    blocksOf.map((blocks, index) => ({ owner: index, blocks: blocks.map((b) => b.text) })),
    query,
    options,
    limit,
  );
  const matches: FixedTextMatch[] = [];
  for (const match of result.matches) {
    const source = blocksOf[match.owner]?.[match.block];
    if (source) matches.push({ kind: 'fixed', ...match, root: match.owner, source });
  }
  return { roots, matches, isTruncated: result.isTruncated };
}

/**
 * The DOM range of a fixed-text match, or null when the page has changed its text since it was
 * found (a rename, an attendance edit): then it has to be found again.
 */
export function fixedTextRange(match: FixedTextMatch): Range | null {
  const { nodes, text } = match.source;
  if (!nodes.every((node) => node.isConnected) || nodes.map((n) => n.data).join('') !== text) {
    return null;
  }
  return textNodesRange(nodes, match.start, match.end);
}

/**
 * The DOM range of [start, end) in the text the nodes hold one after another (a match may
 * begin in one node and end in another), or null when the text is shorter.
 */
export function textNodesRange(nodes: readonly Text[], start: number, end: number): Range | null {
  const lengths = nodes.map((node) => node.length);
  const first = pieceAt(lengths, start, false);
  const last = pieceAt(lengths, end, true);
  const startNode = first && nodes[first.piece];
  const endNode = last && nodes[last.piece];
  if (!startNode || !endNode) return null;
  const range = startNode.ownerDocument.createRange();
  range.setStart(startNode, first.offset);
  range.setEnd(endNode, last.offset);
  return range;
}

/**
 * Calls `onChange` when the fixed text may have changed: inside the marked elements, or marked
 * elements coming or going beside them. Only those are watched, not the whole document: typing
 * in a body must not call anything. Returns the cleanup.
 */
export function watchFixedText(roots: readonly Element[], onChange: () => void): () => void {
  if (roots.length === 0 || typeof MutationObserver === 'undefined') return () => {};
  const observer = new MutationObserver(onChange);
  const parents = new Set<Element>();
  for (const root of roots) {
    observer.observe(root, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['hidden', 'aria-hidden', 'class', 'style'],
    });
    if (root.parentElement) parents.add(root.parentElement);
  }
  // A new item's section or a new attendance line is a new child beside the ones watched.
  for (const parent of parents) observer.observe(parent, { childList: true });
  const grandparents = new Set([...parents].map((p) => p.parentElement));
  for (const grandparent of grandparents) {
    if (grandparent && !parents.has(grandparent))
      observer.observe(grandparent, { childList: true });
  }
  return () => observer.disconnect();
}
