/**
 * An inline reference to a participant of the meeting, displayed as the participant's current
 * name, so renaming the member updates every reference. A participant removed from the
 * meeting is shown flagged, never dropped.
 */
import { $applyNodeReplacement, type DOMConversionMap, type LexicalNode } from 'lexical';
import {
  referatNodeTypes,
  type SerializedParticipantReferenceJson,
} from '../../../../common/editor/lexicalJson';
import type { Lang } from '../../../../common/wording/words';
import { $getReferenceLookup, useReferenceLookup, type ParticipantInfo } from '../referenceLookup';
import { importRecordReference, RecordReferenceNode, ReferenceChip } from './RecordReferenceNode';

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
  const removed =
    lookup.lang === 'da'
      ? 'Deltageren er fjernet fra mødet. Fjern henvisningen eller vælg en anden deltager.'
      : 'The participant has been removed from the meeting. Remove the reference or choose another participant.';
  return (
    <ReferenceChip
      kind="participant"
      recordId={participantId}
      label={label}
      state={isMissing ? 'deleted' : 'ok'}
      {...(isMissing ? { title: removed } : {})}
    />
  );
}

export class ParticipantReferenceNode extends RecordReferenceNode {
  static override getType(): string {
    return referatNodeTypes.participantReference;
  }

  static override clone(node: ParticipantReferenceNode): ParticipantReferenceNode {
    return new ParticipantReferenceNode(node.__recordId, node.__key);
  }

  static override importJSON(json: SerializedParticipantReferenceNode): ParticipantReferenceNode {
    return $createParticipantReferenceNode(json.participantId);
  }

  static override importDOM(): DOMConversionMap | null {
    return importRecordReference(idAttribute, $createParticipantReferenceNode);
  }

  override idAttribute(): string {
    return idAttribute;
  }

  override exportJSON(): SerializedParticipantReferenceNode {
    return {
      type: referatNodeTypes.participantReference,
      version: 1,
      participantId: this.getParticipantId(),
    };
  }

  getParticipantId(): string {
    return this.getRecordId();
  }

  /** The participant's name as of now, resolved from the editor's participant list. */
  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return participantLabel(this.getParticipantId(), lookup.participants, lookup.lang).label;
  }

  override decorate() {
    return <ParticipantReferenceView participantId={this.__recordId} />;
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
