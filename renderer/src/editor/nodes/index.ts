/**
 * Every node a Referat body editor registers: Lexical's standard rich-text nodes (tables from
 * @lexical/table) plus Referat's custom nodes. The one list used by BodyEditor, headless tests and conversions.
 */
import type { Klass, LexicalNode } from 'lexical';
import { HeadingNode } from '@lexical/rich-text';
import { ListItemNode, ListNode } from '@lexical/list';
import { LinkNode } from '@lexical/link';
import { TableCellNode, TableNode, TableRowNode } from '@lexical/table';
import { AppendixReferenceNode } from './AppendixReferenceNode';
import { DissentNode } from './DissentNode';
import { ParticipantReferenceNode } from './ParticipantReferenceNode';
import { QuotedDecisionNode } from './QuotedDecisionNode';
import { VoteNode } from './VoteNode';

export const editorNodes: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  ListNode,
  ListItemNode,
  LinkNode,
  TableNode,
  TableRowNode,
  TableCellNode,
  AppendixReferenceNode,
  ParticipantReferenceNode,
  VoteNode,
  DissentNode,
  QuotedDecisionNode,
];

export * from './AppendixReferenceNode';
export * from './DissentNode';
export * from './ParticipantReferenceNode';
export * from './QuotedDecisionNode';
export * from './VoteNode';
