/**
 * A protokoltilførsel: a short statement attributed to a participant present. It warns when
 * that participant is not recorded as voting against in a vote of the same body.
 */
import type { JSX } from 'react';
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import type { Dissent } from '../../../../main/common/domain/richText';
import {
  referatNodeTypes,
  type SerializedDissentJson,
} from '../../../../main/common/editor/lexicalJson';
import { dissentToJson } from '../../../../main/common/editor/lexicalState';
import { $getReferenceLookup } from '../referenceLookup';
import { DissentView, dissentHeading } from '../views/DissentView';

/** Serialized form: the participant id and the statement. */
export type SerializedDissentNode = SerializedDissentJson;

export class DissentNode extends DecoratorNode<JSX.Element> {
  __participantId: string;
  __text: string;

  static override getType(): string {
    return referatNodeTypes.dissent;
  }

  static override clone(node: DissentNode): DissentNode {
    return new DissentNode(node.__participantId, node.__text, node.__key);
  }

  static override importJSON(json: SerializedDissentNode): DissentNode {
    return $createDissentNode({ participantId: json.participantId, text: json.text });
  }

  constructor(participantId = '', text = '', key?: NodeKey) {
    super(key);
    this.__participantId = participantId;
    this.__text = text;
  }

  override exportJSON(): SerializedDissentNode {
    return dissentToJson(this.getDissent());
  }

  override exportDOM(): DOMExportOutput {
    const paragraph = document.createElement('p');
    paragraph.textContent = this.getTextContent().trim();
    return { element: paragraph };
  }

  override createDOM(): HTMLElement {
    const div = document.createElement('div');
    div.className = 'editor-block editor-block--dissent';
    return div;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isInline(): false {
    return false;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  getDissent(): Dissent {
    const latest = this.getLatest();
    return { type: 'dissent', participantId: latest.__participantId, text: latest.__text };
  }

  setDissent(dissent: Pick<Dissent, 'participantId' | 'text'>): this {
    const writable = this.getWritable();
    writable.__participantId = dissent.participantId;
    writable.__text = dissent.text;
    return writable;
  }

  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    const dissent = this.getDissent();
    return `${dissentHeading(dissent.participantId, lookup.participants, lookup.lang)}: ${dissent.text}\n\n`;
  }

  override decorate(): JSX.Element {
    return <DissentView nodeKey={this.getKey()} dissent={this.getDissent()} />;
  }
}

export function $createDissentNode(dissent: Pick<Dissent, 'participantId' | 'text'>): DissentNode {
  return $applyNodeReplacement(new DissentNode(dissent.participantId, dissent.text));
}

export function $isDissentNode(node: LexicalNode | null | undefined): node is DissentNode {
  return node instanceof DissentNode;
}
