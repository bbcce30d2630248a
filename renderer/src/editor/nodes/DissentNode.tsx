/**
 * A protokoltilførsel: a short statement attributed to a participant present. It warns when
 * that participant is not recorded as voting against in a vote of the same body.
 */
import type { JSX } from 'react';
import { $applyNodeReplacement, type LexicalNode, type NodeKey } from 'lexical';
import type { Dissent } from '../../../../common/domain/richText';
import {
  referatNodeTypes,
  type SerializedDissentJson,
} from '../../../../common/editor/lexicalJson';
import { dissentToJson, normalizeDissent } from '../../../../common/editor/lexicalState';
import { $getReferenceLookup } from '../referenceLookup';
import { dissentBlockText } from '../../../../common/wording/blocks';
import { DissentView } from '../views/DissentView';
import { BlockNode } from './BlockNode';

/** Serialized form: the kind, the author (participant or parties) and the statement. */
export type SerializedDissentNode = SerializedDissentJson;

/** What the node keeps: the kind, the author and the statement (the type is implied). */
type DissentFields = Omit<Dissent, 'type'>;

function fieldsOf(dissent: DissentFields): DissentFields {
  const { type: _type, ...fields } = normalizeDissent({ type: 'dissent', ...dissent });
  return fields;
}

export class DissentNode extends BlockNode<DissentFields> {
  static override getType(): string {
    return referatNodeTypes.dissent;
  }

  static override clone(node: DissentNode): DissentNode {
    return new DissentNode(node.__value, node.__key);
  }

  static override importJSON(json: SerializedDissentNode): DissentNode {
    const { type: _type, version: _version, ...fields } = json;
    return $createDissentNode(fields);
  }

  constructor(dissent: DissentFields = { participantId: '', text: '' }, key?: NodeKey) {
    super(fieldsOf(dissent), key);
  }

  override blockKind(): string {
    return 'dissent';
  }

  override exportJSON(): SerializedDissentNode {
    return dissentToJson(this.getDissent());
  }

  getDissent(): Dissent {
    return { type: 'dissent', ...this.getValue() };
  }

  setDissent(dissent: DissentFields): this {
    return this.setValue(fieldsOf(dissent));
  }

  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    const dissent = this.getDissent();
    return `${dissentBlockText(dissent, lookup)}\n\n`;
  }

  override decorate(): JSX.Element {
    return (
      <DissentView nodeKey={this.getKey()} dissent={this.getDissent()} isNode={$isDissentNode} />
    );
  }
}

export function $createDissentNode(dissent: DissentFields): DissentNode {
  return $applyNodeReplacement(new DissentNode(dissent));
}

export function $isDissentNode(node: LexicalNode | null | undefined): node is DissentNode {
  return node instanceof DissentNode;
}
