/**
 * An earlier decision of another committee quoted under "Tidligere beslutninger", with its
 * committee, date, item number and its own vote. Kept whole through the editor (it comes from
 * imported minutes); shown as the minutes print it.
 */
import type { JSX } from 'react';
import { $applyNodeReplacement, type LexicalNode, type NodeKey } from 'lexical';
import type { QuotedDecision } from '../../../../common/domain/richText';
import { quotedDecisionBlockText } from '../../../../common/wording/blocks';
import {
  referatNodeTypes,
  type SerializedQuotedDecisionJson,
} from '../../../../common/editor/lexicalJson';
import { quotedDecisionToJson } from '../../../../common/editor/lexicalState';
import { $getReferenceLookup } from '../referenceLookup';
import { QuotedDecisionView } from '../views/QuotedDecisionView';
import { BlockNode } from './BlockNode';

/** Serialized form: the quoted decision's fields. */
export type SerializedQuotedDecisionNode = SerializedQuotedDecisionJson;

type QuotedDecisionFields = Omit<QuotedDecision, 'type'>;

export class QuotedDecisionNode extends BlockNode<QuotedDecisionFields> {
  static override getType(): string {
    return referatNodeTypes.quotedDecision;
  }

  static override clone(node: QuotedDecisionNode): QuotedDecisionNode {
    return new QuotedDecisionNode(node.__value, node.__key);
  }

  static override importJSON(json: SerializedQuotedDecisionNode): QuotedDecisionNode {
    const { type: _type, version: _version, ...fields } = json;
    return $createQuotedDecisionNode(fields);
  }

  constructor(quote: QuotedDecisionFields, key?: NodeKey) {
    super(quote, key);
  }

  override blockKind(): string {
    return 'quoted-decision';
  }

  override exportJSON(): SerializedQuotedDecisionNode {
    return quotedDecisionToJson(this.getQuotedDecision());
  }

  getQuotedDecision(): QuotedDecision {
    return { type: 'quotedDecision', ...this.getValue() };
  }

  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return `${quotedDecisionBlockText(this.getQuotedDecision(), lookup)}\n\n`;
  }

  override decorate(): JSX.Element {
    return <QuotedDecisionView quote={this.getQuotedDecision()} />;
  }
}

export function $createQuotedDecisionNode(quote: QuotedDecisionFields): QuotedDecisionNode {
  return $applyNodeReplacement(new QuotedDecisionNode(quote));
}

export function $isQuotedDecisionNode(
  node: LexicalNode | null | undefined,
): node is QuotedDecisionNode {
  return node instanceof QuotedDecisionNode;
}
