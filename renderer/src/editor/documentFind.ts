/**
 * Find across the meeting document: the text of every body (the live editor where one has
 * started, the stored content otherwise, so far sections that show a preview are found too)
 * and the document's fixed text around them (headings, attendance: documentFixedText.ts),
 * matched by common/editor/findInBodies.ts, in document order; a match in a body is
 * selected in its editor.
 *
 * The blocks of an editor are walked in the order `richTextBlocks` walks stored content:
 * paragraphs and headings, list items (nested lists after their item), votes and dissents (the
 * text their view shows, common/wording/blocks.ts, read with the editor's participants
 * and language). A match in a vote or a dissent cannot be selected as text: it is shown in the
 * element of the view marked `data-find-block`, and selecting it selects the block node.
 * Nothing here runs while typing: only when the find bar searches.
 */
import { $isListItemNode, $isListNode } from '@lexical/list';
import { $isTableCellNode, $isTableNode, $isTableRowNode } from '@lexical/table';
import {
  $createNodeSelection,
  $createRangeSelection,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isDecoratorNode,
  $isElementNode,
  $isLineBreakNode,
  $isRangeSelection,
  $isTextNode,
  $setSelection,
  SKIP_DOM_SELECTION_TAG,
  SKIP_SCROLL_INTO_VIEW_TAG,
  type EditorState,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type PointType,
  type RangeSelection,
  type TextNode,
} from 'lexical';
import type { BodyOwner } from '../../../common/contract/api';
import type { Block } from '../../../common/domain/richText';
import {
  dissentBlockText,
  quotedDecisionBlockText,
  voteBlockText,
  type BlockTextContext,
} from '../../../common/wording/blocks';
import {
  findInBodies,
  mergeMatches,
  richTextBlocks,
  type BodyMatch,
  type FindOptions,
  type ReferenceNames,
  type SearchableBody,
} from '../../../common/editor/findInBodies';
import type { DocumentBodies } from './documentBodies';
import {
  findInFixedText,
  fixedTextRange,
  textNodesRange,
  type FixedTextMatch,
} from './documentFixedText';
import { $isDissentNode, type DissentNode } from './nodes/DissentNode';
import { $isQuotedDecisionNode, type QuotedDecisionNode } from './nodes/QuotedDecisionNode';
import { $isVoteNode, type VoteNode } from './nodes/VoteNode';
import { $getReferenceLookup } from './referenceLookup';

/** A match in a body; `owner` is the body's key. */
export type DocumentMatch = BodyMatch<string>;

/** A match anywhere in the document: in a body or in the fixed text around the bodies. */
export type FoundMatch = (DocumentMatch & { kind: 'body' }) | FixedTextMatch;

/** The most matches counted; more are reported as "more than". */
export const maxMatches = 10_000;

const noBlockContext: BlockTextContext = { participants: [], lang: 'da' };

/** A vote or a dissent: one block of text that the caret cannot select. */
type TextBlockNode = VoteNode | DissentNode | QuotedDecisionNode;

const $isTextBlockNode = (node: LexicalNode): node is TextBlockNode =>
  $isVoteNode(node) || $isDissentNode(node) || $isQuotedDecisionNode(node);

/** Where a view marks the text of its vote or dissent (views/VoteView.tsx, DissentView.tsx). */
const blockTextSelector = '[data-find-block]';

/** The blocks of the editor's content, in document order (call inside a read). */
function $blockNodes(): (ElementNode | TextBlockNode)[] {
  const blocks: (ElementNode | TextBlockNode)[] = [];
  const visit = (node: LexicalNode) => {
    if ($isListNode(node) || $isTableNode(node) || $isTableRowNode(node)) {
      node.getChildren().forEach(visit);
    } else if ($isTableCellNode(node)) {
      // Each paragraph of a cell is a block, as the stored body's cells are read.
      node.getChildren().forEach(visit);
    } else if ($isListItemNode(node)) {
      const children = node.getChildren();
      // Lexical keeps a nested list in an item of its own, which has no text.
      const isListHolder = children.length > 0 && children.every($isListNode);
      if (!isListHolder) blocks.push(node);
      children.filter($isListNode).forEach(visit);
    } else if (($isElementNode(node) && !node.isInline()) || $isTextBlockNode(node)) {
      blocks.push(node);
    }
  };
  $getRoot().getChildren().forEach(visit);
  return blocks;
}

type Leaf = { node: LexicalNode; start: number; end: number };

/** The leaves of a block with their text offsets (nested lists excluded). */
function $leaves(block: ElementNode): { text: string; leaves: Leaf[] } {
  let text = '';
  const leaves: Leaf[] = [];
  const visit = (node: LexicalNode) => {
    if ($isListNode(node)) return;
    if ($isElementNode(node)) {
      node.getChildren().forEach(visit);
      return;
    }
    const piece = $isTextNode(node)
      ? node.getTextContent()
      : $isLineBreakNode(node)
        ? '\n'
        : $isDecoratorNode(node)
          ? node.getTextContent()
          : '';
    leaves.push({ node, start: text.length, end: text.length + piece.length });
    text += piece;
  };
  block.getChildren().forEach(visit);
  return { text, leaves };
}

/** The text of a vote or a dissent as its view shows it (call inside a read of its editor). */
function $blockText(node: TextBlockNode): string {
  const { participants, lang } = $getReferenceLookup();
  const context: BlockTextContext = { participants, lang };
  if ($isVoteNode(node)) return voteBlockText(node.getVote(), context);
  if ($isQuotedDecisionNode(node))
    return quotedDecisionBlockText(node.getQuotedDecision(), context);
  return dissentBlockText(node.getDissent(), context);
}

/** The searchable blocks of an editor's current content. */
function editorBlocks(editor: LexicalEditor, state: EditorState): string[] {
  return state.read(
    () =>
      $blockNodes().map((block) =>
        $isTextBlockNode(block) ? $blockText(block) : $leaves(block).text,
      ),
    { editor },
  );
}

/**
 * Searches the document's bodies and its fixed text. Keeps the blocks of each body while its content is
 * unchanged (editor states and stored contents are immutable), so stepping through matches
 * does not walk unchanged bodies again.
 */
export class DocumentSearch {
  private stored = new WeakMap<readonly Block[], string[]>();
  /** What the stored blocks were read with (votes and dissents name participants). */
  private storedContext: BlockTextContext = noBlockContext;
  private readonly live = new WeakMap<EditorState, string[]>();
  /** The marked fixed-text elements of the latest search (a fixed match's `root` indexes them). */
  private roots: readonly Element[] = [];
  /** Where each body is in the page, as found by the latest search (see `anchorOf`). */
  private anchors = new Map<string, Element | null>();

  constructor(
    private readonly bodies: DocumentBodies,
    /** How references are named in a body, as its editor displays them. */
    private readonly namesFor: (owner: BodyOwner) => ReferenceNames,
  ) {}

  private blocksOf(key: string, owner: BodyOwner, content: readonly Block[]): string[] {
    const editor = this.bodies.editorOf(key);
    if (editor) {
      const state = editor.getEditorState();
      let blocks = this.live.get(state);
      if (!blocks) {
        blocks = editorBlocks(editor, state);
        this.live.set(state, blocks);
      }
      return blocks;
    }
    let blocks = this.stored.get(content);
    if (!blocks) {
      blocks = richTextBlocks(content, this.namesFor(owner), this.storedContext);
      this.stored.set(content, blocks);
    }
    return blocks;
  }

  /** The fixed-text elements the latest search read (to watch them for changes). */
  get fixedTextRoots(): readonly Element[] {
    return this.roots;
  }

  /**
   * `context` names the participants of votes and dissents in bodies whose editor has not
   * started, as their editors will (the meeting's participants, the UI language); a started
   * editor reads its own.
   */
  search(
    query: string,
    options: FindOptions,
    context: BlockTextContext = noBlockContext,
  ): { matches: FoundMatch[]; isTruncated: boolean } {
    if (
      context.participants !== this.storedContext.participants ||
      context.lang !== this.storedContext.lang
    ) {
      this.stored = new WeakMap();
      this.storedContext = context;
    }
    const searchable: SearchableBody<string>[] = this.bodies.entries.map((entry) => ({
      owner: entry.key,
      blocks: this.blocksOf(entry.key, entry.owner, entry.content),
    }));
    const inBodies = findInBodies(searchable, query, options, maxMatches);
    const page = this.bodies.host?.querySelector('.meeting-document__page') ?? this.bodies.host;
    const fixed = page
      ? findInFixedText(page, query, options, maxMatches)
      : { roots: [], matches: [], isTruncated: false };
    this.roots = fixed.roots;
    this.anchors = new Map();
    return mergeMatches(
      {
        matches: inBodies.matches.map((match) => ({ kind: 'body' as const, ...match })),
        isTruncated: inBodies.isTruncated,
      },
      fixed,
      (body, text) => domOrder(this.anchorOf(body.owner), text.source.root) <= 0,
      maxMatches,
    );
  }

  /**
   * Where a body is in the page: its editor, or its field, or the preview of its section
   * (which sits where the section's bodies will be). No fixed text lies inside it.
   */
  private anchorOf(key: string): Element | null {
    const known = this.anchors.get(key);
    if (known?.isConnected) return known;
    const anchor = this.findAnchor(key);
    this.anchors.set(key, anchor);
    return anchor;
  }

  private findAnchor(key: string): Element | null {
    const root = this.bodies.editorOf(key)?.getRootElement();
    if (root?.isConnected) return root;
    const entry = this.bodies.entries[this.bodies.indexOf(key)];
    const host = this.bodies.host;
    if (!entry || !host) return null;
    const { owner } = entry;
    const fieldSelector = `[data-body-field="${owner.field}"]`;
    if (owner.kind === 'item') {
      const section = host.ownerDocument.getElementById(this.bodies.itemSectionId(owner.itemId));
      return (
        section?.querySelector(fieldSelector) ??
        section?.querySelector('.meeting-document__lazy') ??
        null
      );
    }
    return (
      [...host.querySelectorAll(fieldSelector)].find(
        (field) => !field.closest('.meeting-document__item'),
      ) ?? null
    );
  }

  /** The element of a fixed match: its own while on the page, else the one now in its place. */
  private rootOf(match: FixedTextMatch): Element | null {
    if (match.source.root.isConnected) return match.source.root;
    return this.roots[match.root] ?? null;
  }

  /**
   * -1, 0 or 1: where match `a` lies in the document relative to `b`. `b` may come from an
   * earlier search (the match shown before the text changed); a fixed match whose element is
   * gone counts as the start of the document.
   */
  compare(a: FoundMatch, b: FoundMatch): number {
    if (a.kind === 'body' && b.kind === 'body') return compareMatches(this.bodies, a, b);
    if (a.kind === 'fixed' && b.kind === 'fixed') {
      const rootA = this.rootOf(a);
      const rootB = this.rootOf(b);
      if (!rootB) return rootA ? 1 : 0;
      if (!rootA) return -1;
      if (rootA !== rootB) return domOrder(rootA, rootB);
      const order = a.block !== b.block ? a.block - b.block : a.start - b.start;
      return Math.sign(order);
    }
    if (a.kind === 'fixed' && b.kind === 'body') {
      const root = this.rootOf(a);
      return root ? domOrder(root, this.anchorOf(b.owner)) : -1;
    }
    return -this.compare(b, a);
  }

  /**
   * -1, 0 or 1: where match `a` lies relative to a point of the page outside the bodies (the
   * text selected in a heading when the find bar opened); 0 when the point is inside it.
   */
  comparePoint(a: FoundMatch, node: Node, offset: number): number {
    if (a.kind === 'body') return domOrder(this.anchorOf(a.owner), node);
    const range = fixedTextRange(a);
    if (range) return -range.comparePoint(node, offset);
    return domOrder(this.rootOf(a), node);
  }
}

/** -1 when `a` comes before `b` in the page, 1 after; an element that is missing comes last. */
function domOrder(a: Node | null, b: Node | null): number {
  if (a === b) return 0;
  if (!b) return -1;
  if (!a) return 1;
  const position = a.compareDocumentPosition(b);
  if (position & Node.DOCUMENT_POSITION_FOLLOWING) return -1;
  if (position & Node.DOCUMENT_POSITION_PRECEDING) return 1;
  return 0;
}

/** -1, 0 or 1: where match `a` lies in the document relative to `b`. */
export function compareMatches(
  bodies: DocumentBodies,
  a: Pick<DocumentMatch, 'owner' | 'block' | 'start'>,
  b: Pick<DocumentMatch, 'owner' | 'block' | 'start'>,
): number {
  const byBody = bodies.indexOf(a.owner) - bodies.indexOf(b.owner);
  const order = byBody !== 0 ? byBody : a.block !== b.block ? a.block - b.block : a.start - b.start;
  return Math.sign(order);
}

function domTextOf(element: HTMLElement): Text | null {
  return document.createTreeWalker(element, NodeFilter.SHOW_TEXT).nextNode() as Text | null;
}

/** Where a match starts or ends: a text node and offset, or beside a reference. */
type Boundary = { leaf: Leaf; offset: number };

/**
 * Where a match lies in the editor's current content: between two boundaries of its text, or
 * in the text of a vote or a dissent (offsets into `text`, what the view shows).
 */
type Bounds =
  | { kind: 'text'; start: Boundary; end: Boundary }
  | { kind: 'block'; node: TextBlockNode; text: string; start: number; end: number };

/**
 * The bounds of matches in the editor's current text (call inside a read or update).
 * Walks the editor's blocks once for all of them.
 */
function $boundsFinder(): (match: DocumentMatch) => Bounds | null {
  const blocks = $blockNodes();
  const leavesOf = new Map<number, Leaf[]>();
  return (match) => {
    const block = blocks[match.block];
    if (!block) return null;
    if ($isTextBlockNode(block)) {
      const text = $blockText(block);
      if (match.end > text.length) return null;
      return { kind: 'block', node: block, text, start: match.start, end: match.end };
    }
    let leaves = leavesOf.get(match.block);
    if (!leaves) {
      leaves = $leaves(block).leaves;
      leavesOf.set(match.block, leaves);
    }
    const first = leaves.find((leaf) => match.start < leaf.end);
    const last = leaves.findLast((leaf) => match.end > leaf.start);
    if (!first || !last) return null;
    return {
      kind: 'text',
      start: { leaf: first, offset: match.start - first.start },
      end: { leaf: last, offset: match.end - last.start },
    };
  };
}

/**
 * The DOM range of a match in the text a vote's or a dissent's view shows, or null while the
 * view is not rendered (an editor just started renders its blocks a moment later) or shows
 * other text than find read.
 */
function blockRange(
  editor: LexicalEditor,
  bounds: Extract<Bounds, { kind: 'block' }>,
): Range | null {
  const marked = editor.getElementByKey(bounds.node.getKey())?.querySelector(blockTextSelector);
  if (!marked) return null;
  const nodes: Text[] = [];
  const walker = marked.ownerDocument.createTreeWalker(marked, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
  if (nodes.map((node) => node.data).join('') !== bounds.text) return null;
  return textNodesRange(nodes, bounds.start, bounds.end);
}

/** The DOM range of a match's bounds (call inside a read or update, after the render). */
function $domRange(editor: LexicalEditor, bounds: Bounds): Range | null {
  if (bounds.kind === 'block') return blockRange(editor, bounds);
  const range = document.createRange();
  const place = ({ leaf, offset }: Boundary, isEnd: boolean): boolean => {
    const element = editor.getElementByKey(leaf.node.getKey());
    if (!element) return false;
    const text = $isTextNode(leaf.node) ? domTextOf(element) : null;
    if (text) {
      const at = Math.min(offset, text.length);
      if (isEnd) range.setEnd(text, at);
      else range.setStart(text, at);
    } else if (isEnd) range.setEndAfter(element);
    else range.setStartBefore(element);
    return true;
  };
  return place(bounds.start, false) && place(bounds.end, true) ? range : null;
}

/** The DOM ranges of matches in one started body, for highlighting; gone ones are left out. */
export function matchRanges(editor: LexicalEditor, matches: readonly DocumentMatch[]): Range[] {
  return editor.getEditorState().read(
    () => {
      const boundsOf = $boundsFinder();
      const ranges: Range[] = [];
      for (const match of matches) {
        const bounds = boundsOf(match);
        const range = bounds ? $domRange(editor, bounds) : null;
        if (range) ranges.push(range);
      }
      return ranges;
    },
    { editor },
  );
}

/**
 * Selects a match in its editor without taking the focus from the find bar, and returns the
 * DOM range of it (for the highlight and scrolling), or null when the body's text no longer
 * has that block or does not show it yet. Focusing the editor later (closing the find bar)
 * shows the selection. A match in a vote or a dissent selects that block (a node selection,
 * as the arrow keys select it): its text is not text the caret can be in. `isFocused`: the
 * editor has the focus now, and its DOM selection follows (a block selection removes the
 * browser's caret, as when the arrow keys select a block).
 */
export function selectMatch(
  editor: LexicalEditor,
  match: DocumentMatch,
  isFocused = false,
): Range | null {
  let isSelected = false;
  editor.update(
    () => {
      const bounds = $boundsFinder()(match);
      if (!bounds) return;
      if (bounds.kind === 'block') {
        const selection = $createNodeSelection();
        selection.add(bounds.node.getKey());
        $setSelection(selection);
        isSelected = true;
        return;
      }
      const selection = $createRangeSelection();
      const setPoint = (point: PointType, { leaf, offset }: Boundary, isEnd: boolean) => {
        if ($isTextNode(leaf.node)) point.set(leaf.node.getKey(), offset, 'text');
        else {
          // A reference or line break: the point is beside it in its parent.
          const index = leaf.node.getIndexWithinParent() + (isEnd ? 1 : 0);
          point.set(leaf.node.getParentOrThrow().getKey(), index, 'element');
        }
      };
      setPoint(selection.anchor, bounds.start, false);
      setPoint(selection.focus, bounds.end, true);
      $setSelection(selection);
      isSelected = true;
    },
    {
      tag: isFocused
        ? [SKIP_SCROLL_INTO_VIEW_TAG]
        : [SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG],
      discrete: true,
    },
  );
  return isSelected ? (matchRanges(editor, [match])[0] ?? null) : null;
}

/**
 * For a match in a vote or a dissent: puts the caret beside that block, at the start of the
 * text after it (the end of the text before it when it is the last), so the focus can go back
 * to the body at the match with a caret that typing and the arrow keys go on from. A block
 * selection would leave no caret of the browser's, and typed text would land at the start
 * of the body. False when the match is not in such a block or no text is beside it.
 */
export function placeCaretBesideBlock(editor: LexicalEditor, match: DocumentMatch): boolean {
  let isPlaced = false;
  editor.update(
    () => {
      const bounds = $boundsFinder()(match);
      if (bounds?.kind !== 'block') return;
      for (let next = bounds.node.getNextSibling(); next; next = next.getNextSibling()) {
        if ($isElementNode(next)) {
          next.selectStart();
          isPlaced = true;
          return;
        }
      }
      let before = bounds.node.getPreviousSibling();
      for (; before; before = before.getPreviousSibling()) {
        if ($isElementNode(before)) {
          before.selectEnd();
          isPlaced = true;
          return;
        }
      }
    },
    { tag: [SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
  );
  return isPlaced;
}

/**
 * Keeps the selection an editor has now, to put it back later (closing the find bar on a match
 * outside the bodies returns the caret to where it was, though stepping through matches in
 * this body moved its selection). `restore` does nothing when that text is gone.
 */
export function keepSelection(editor: LexicalEditor): { restore(): boolean } {
  const kept = editor.getEditorState().read(() => {
    const selection = $getSelection();
    return $isRangeSelection(selection) ? selection.clone() : null;
  });
  return {
    restore() {
      let isRestored = false;
      if (!kept) return isRestored;
      editor.update(
        () => {
          const isThere = [kept.anchor, kept.focus].every((point) => {
            const node = $getNodeByKey(point.key);
            if (point.type === 'text') {
              return $isTextNode(node) && point.offset <= node.getTextContentSize();
            }
            return $isElementNode(node) && point.offset <= node.getChildrenSize();
          });
          if (!isThere) return;
          $setSelection(kept.clone() as RangeSelection);
          isRestored = true;
        },
        { tag: [SKIP_DOM_SELECTION_TAG, SKIP_SCROLL_INTO_VIEW_TAG], discrete: true },
      );
      return isRestored;
    },
  };
}

/** What a replace did in one body: matches replaced, and matches left as they were. */
export type ReplaceCount = { replaced: number; skipped: number };

/**
 * Replaces matches in the editor's current text with `replacement` (call inside an update of
 * the editor the matches were found in). Only plain text is replaced: a match in a vote, a
 * dissent or a quoted decision (text the minutes write from their records), or one that
 * includes a reference ("Bilag 2", a member's name) or a line break, is left and counted as
 * skipped. A match over differently formatted runs takes the format of its first run. The
 * selection is cleared (the find bar selects the next match).
 */
export function $replaceMatches(
  matches: readonly DocumentMatch[],
  replacement: string,
): ReplaceCount {
  const blocks = $blockNodes();
  const count: ReplaceCount = { replaced: 0, skipped: 0 };
  // From the end, so the offsets of the matches before each one stay right.
  const ordered = [...matches].sort((a, b) => b.block - a.block || b.start - a.start);
  for (const match of ordered) {
    const block = blocks[match.block];
    if (!block || $isTextBlockNode(block)) {
      count.skipped++;
      continue;
    }
    const { leaves } = $leaves(block);
    const first = leaves.findIndex((leaf) => match.start < leaf.end);
    const last = leaves.findLastIndex((leaf) => match.end > leaf.start);
    const runs = first === -1 || last < first ? [] : leaves.slice(first, last + 1);
    const isPlainText = runs.every(
      ({ node }) => $isTextNode(node) && !node.isToken() && !node.isSegmented(),
    );
    if (runs.length === 0 || !isPlainText) {
      count.skipped++;
      continue;
    }
    const head = runs[0] as Leaf;
    const tail = runs[runs.length - 1] as Leaf;
    const headNode = head.node as TextNode;
    const startOffset = match.start - head.start;
    const endOffset = match.end - tail.start;
    if (runs.length === 1) {
      headNode.spliceText(startOffset, endOffset - startOffset, replacement);
    } else {
      headNode.spliceText(startOffset, head.end - head.start - startOffset, replacement);
      for (const run of runs.slice(1, -1)) run.node.remove();
      const tailNode = tail.node as TextNode;
      tailNode.spliceText(0, endOffset, '');
      if (tailNode.getTextContentSize() === 0) tailNode.remove();
    }
    if (headNode.getTextContentSize() === 0) headNode.remove();
    count.replaced++;
  }
  $setSelection(null);
  return count;
}
