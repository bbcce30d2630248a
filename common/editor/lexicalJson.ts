/**
 * Plain TypeScript types of the editor's SERIALIZED state (Lexical 0.52 `EditorState.toJSON()`),
 * limited to the node types Referat registers. The pure core converts these to and from
 * `RichText` without importing the Lexical runtime, so Node tests, the CLI and exports can
 * read a body without a DOM.
 *
 * The renderer's node classes (renderer/src/editor/nodes/) export exactly these shapes; the
 * node type strings below are the contract between the two.
 */
import type { DissentKind, QuotedDecision, VoteGroup, VoteOutcome } from '../domain/richText';

/** Node type strings of Referat's custom nodes. */
export const referatNodeTypes = {
  appendixReference: 'appendix-reference',
  participantReference: 'participant-reference',
  vote: 'vote',
  dissent: 'dissent',
  quotedDecision: 'quoted-decision',
} as const;

/** Lexical's text format bitmask bits that Referat keeps (others are dropped on conversion). */
export const textFormatBits = { bold: 1, italic: 2, underline: 8 } as const;

type ElementBase = {
  direction: 'ltr' | 'rtl' | null;
  format: '' | 'left' | 'start' | 'center' | 'right' | 'end' | 'justify';
  indent: number;
  version: number;
};

export type SerializedTextJson = {
  type: 'text';
  version: number;
  text: string;
  /** Bitmask: 1 bold, 2 italic, 4 strikethrough, 8 underline, 16 code, ... */
  format: number;
  detail: number;
  mode: 'normal' | 'token' | 'segmented';
  style: string;
};
export type SerializedLineBreakJson = { type: 'linebreak'; version: number };
export type SerializedTabJson = Omit<SerializedTextJson, 'type'> & { type: 'tab' };

export type SerializedLinkJson = ElementBase & {
  type: 'link' | 'autolink';
  url: string;
  rel: string | null;
  target: string | null;
  title: string | null;
  children: SerializedInlineJson[];
};

/** `AppendixReferenceNode`: the number is never stored, only the appendix id. */
export type SerializedAppendixReferenceJson = {
  type: typeof referatNodeTypes.appendixReference;
  version: 1;
  appendixId: string;
};
/** `ParticipantReferenceNode`: rendered as the participant's current name. */
export type SerializedParticipantReferenceJson = {
  type: typeof referatNodeTypes.participantReference;
  version: 1;
  participantId: string;
};
/** `VoteNode`: the vote record of the block format, flattened into the node. */
export type SerializedVoteJson = {
  type: typeof referatNodeTypes.vote;
  version: 1;
  /** Left out when the vote belongs to no Ad-point. */
  adPoint?: string;
  subject: string;
  for: VoteGroup;
  against: VoteGroup;
  abstained: VoteGroup;
  outcome: VoteOutcome;
};
/** `DissentNode`: a protokoltilførsel, minority or note by one participant or by parties. */
export type SerializedDissentJson = {
  type: typeof referatNodeTypes.dissent;
  version: 1;
  /** Left out for a protokoltilførsel. */
  kind?: DissentKind;
  participantId: string | null;
  /** Left out when a participant made it. */
  parties?: string[];
  text: string;
};
/** `QuotedDecisionNode`: an earlier decision of another committee, the block's fields. */
export type SerializedQuotedDecisionJson = Omit<QuotedDecision, 'type'> & {
  type: typeof referatNodeTypes.quotedDecision;
  version: 1;
};

/** Any node the converter understands inside a paragraph, heading, list item or link. */
export type SerializedInlineJson =
  | SerializedTextJson
  | SerializedLineBreakJson
  | SerializedTabJson
  | SerializedLinkJson
  | SerializedAppendixReferenceJson
  | SerializedParticipantReferenceJson;

export type SerializedParagraphJson = ElementBase & {
  type: 'paragraph';
  textFormat: number;
  textStyle: string;
  children: SerializedNodeJson[];
};
export type SerializedHeadingJson = ElementBase & {
  type: 'heading';
  tag: 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
  children: SerializedNodeJson[];
};
export type SerializedListJson = ElementBase & {
  type: 'list';
  listType: 'bullet' | 'number' | 'check';
  start: number;
  tag: 'ul' | 'ol';
  children: SerializedListItemJson[];
};
export type SerializedListItemJson = ElementBase & {
  type: 'listitem';
  value: number;
  checked?: boolean;
  /** Inline children; a list item holding only a nested list is how Lexical nests lists. */
  children: SerializedNodeJson[];
};

/** `TableCellNode` of @lexical/table: `headerState` 1 marks a cell of the header row. */
export type SerializedTableCellJson = ElementBase & {
  type: 'tablecell';
  headerState: number;
  colSpan?: number;
  rowSpan?: number;
  children: SerializedNodeJson[];
};
/** `TableRowNode` of @lexical/table. */
export type SerializedTableRowJson = ElementBase & {
  type: 'tablerow';
  children: SerializedTableCellJson[];
};
/** `TableNode` of @lexical/table. */
export type SerializedTableJson = ElementBase & {
  type: 'table';
  children: SerializedTableRowJson[];
};

/** Any node of a Referat editor state (unknown types from a newer build are tolerated). */
export type SerializedNodeJson =
  | SerializedInlineJson
  | SerializedParagraphJson
  | SerializedHeadingJson
  | SerializedListJson
  | SerializedListItemJson
  | SerializedVoteJson
  | SerializedDissentJson
  | SerializedQuotedDecisionJson
  | SerializedTableJson
  | SerializedTableRowJson
  | SerializedTableCellJson
  | UnknownNodeJson;

/** A node type the converter does not know; its children (if any) are kept as text. */
export type UnknownNodeJson = {
  type: string;
  version?: number;
  children?: unknown[];
  text?: unknown;
};

export type SerializedRootJson = ElementBase & {
  type: 'root';
  children: SerializedNodeJson[];
};
/** What `editor.getEditorState().toJSON()` returns and `editor.parseEditorState()` accepts. */
export type SerializedEditorStateJson = { root: SerializedRootJson };
