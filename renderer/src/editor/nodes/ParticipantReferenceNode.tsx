/**
 * An inline reference to a participant of the meeting, displayed as the participant's current
 * name. A participant removed from the meeting is shown flagged, never dropped.
 */
import type { JSX } from 'react';
import {
  $applyNodeReplacement,
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
} from 'lexical';
import {
  referatNodeTypes,
  type SerializedParticipantReferenceJson,
} from '../../../../main/common/editor/lexicalJson';
import type { Lang } from '../../../../main/common/editor/voteText';
import { $getReferenceLookup, useReferenceLookup, type ParticipantInfo } from '../referenceLookup';

/** Serialized form: only the participant id. */
export type SerializedParticipantReferenceNode = SerializedParticipantReferenceJson;

const idAttribute = 'data-referat-participant-id';

/** The displayed name, or a flagged placeholder when the participant is gone. */
export function participantLabel(
  participantId: string,
  participants: readonly ParticipantInfo[],
  lang: Lang,
): { label: string; isMissing: boolean } {
  const participant = participants.find((p) => p.id === participantId);
  if (participant) return { label: participant.name, isMissing: false };
  return {
    label: lang === 'da' ? '? (fjernet deltager)' : '? (removed participant)',
    isMissing: true,
  };
}

function ParticipantReferenceView({ participantId }: { participantId: string }) {
  const lookup = useReferenceLookup();
  const { label, isMissing } = participantLabel(participantId, lookup.participants, lookup.lang);
  return (
    <span
      className={`editor-ref editor-ref--participant${isMissing ? ' editor-ref--deleted' : ''}`}
      data-participant-id={participantId}
      data-state={isMissing ? 'deleted' : 'ok'}
    >
      {label}
    </span>
  );
}

export class ParticipantReferenceNode extends DecoratorNode<JSX.Element> {
  __participantId: string;

  static override getType(): string {
    return referatNodeTypes.participantReference;
  }

  static override clone(node: ParticipantReferenceNode): ParticipantReferenceNode {
    return new ParticipantReferenceNode(node.__participantId, node.__key);
  }

  static override importJSON(json: SerializedParticipantReferenceNode): ParticipantReferenceNode {
    return $createParticipantReferenceNode(json.participantId);
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      span: (element: HTMLElement) => {
        const id = element.getAttribute(idAttribute);
        if (!id) return null;
        return { priority: 2, conversion: () => ({ node: $createParticipantReferenceNode(id) }) };
      },
    };
  }

  constructor(participantId = '', key?: NodeKey) {
    super(key);
    this.__participantId = participantId;
  }

  override exportJSON(): SerializedParticipantReferenceNode {
    return {
      type: referatNodeTypes.participantReference,
      version: 1,
      participantId: this.getParticipantId(),
    };
  }

  override exportDOM(): DOMExportOutput {
    const span = document.createElement('span');
    span.setAttribute(idAttribute, this.getParticipantId());
    span.textContent = this.getTextContent();
    return { element: span };
  }

  override createDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = 'editor-ref-host';
    return span;
  }

  override updateDOM(): boolean {
    return false;
  }

  override isInline(): boolean {
    return true;
  }

  override isKeyboardSelectable(): boolean {
    return true;
  }

  getParticipantId(): string {
    return this.getLatest().__participantId;
  }

  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return participantLabel(this.getParticipantId(), lookup.participants, lookup.lang).label;
  }

  override decorate(): JSX.Element {
    return <ParticipantReferenceView participantId={this.__participantId} />;
  }
}

export function $createParticipantReferenceNode(participantId: string): ParticipantReferenceNode {
  return $applyNodeReplacement(new ParticipantReferenceNode(participantId));
}

export function $isParticipantReferenceNode(
  node: LexicalNode | null | undefined,
): node is ParticipantReferenceNode {
  return node instanceof ParticipantReferenceNode;
}
