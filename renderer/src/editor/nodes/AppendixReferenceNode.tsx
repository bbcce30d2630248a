/**
 * An inline "Bilag N" bound to an appendix id. The number is looked up in the meeting's
 * appendix list on every display, so renumbering or reordering appendices updates every
 * reference; a reference to a deleted appendix is shown flagged, never dropped.
 */
import { $applyNodeReplacement, type DOMConversionMap, type LexicalNode } from 'lexical';
import { resolveAppendixRef } from '../../../../common/editor/references';
import {
  referatNodeTypes,
  type SerializedAppendixReferenceJson,
} from '../../../../common/editor/lexicalJson';
import { $getReferenceLookup, useReferenceLookup } from '../referenceLookup';
import { importRecordReference, RecordReferenceNode, ReferenceChip } from './RecordReferenceNode';

/** Serialized form: only the appendix id, never the number. */
export type SerializedAppendixReferenceNode = SerializedAppendixReferenceJson;

const idAttribute = 'data-referat-appendix-id';

function AppendixReferenceView({ appendixId }: { appendixId: string }) {
  const lookup = useReferenceLookup();
  const display = resolveAppendixRef(appendixId, lookup.appendices, lookup);
  return (
    <ReferenceChip
      kind="appendix"
      recordId={appendixId}
      label={display.label}
      state={display.state}
      title={display.title}
      hasWarning={display.state === 'closedInOpenText'}
    />
  );
}

export class AppendixReferenceNode extends RecordReferenceNode {
  static override getType(): string {
    return referatNodeTypes.appendixReference;
  }

  static override clone(node: AppendixReferenceNode): AppendixReferenceNode {
    return new AppendixReferenceNode(node.__recordId, node.__key);
  }

  static override importJSON(json: SerializedAppendixReferenceNode): AppendixReferenceNode {
    return $createAppendixReferenceNode(json.appendixId);
  }

  static override importDOM(): DOMConversionMap | null {
    return importRecordReference(idAttribute, $createAppendixReferenceNode);
  }

  override idAttribute(): string {
    return idAttribute;
  }

  override exportJSON(): SerializedAppendixReferenceNode {
    return {
      type: referatNodeTypes.appendixReference,
      version: 1,
      appendixId: this.getAppendixId(),
    };
  }

  getAppendixId(): string {
    return this.getRecordId();
  }

  /** "Bilag N" as of now, resolved from the editor's appendix list. */
  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return resolveAppendixRef(this.getAppendixId(), lookup.appendices, lookup).label;
  }

  override decorate() {
    return <AppendixReferenceView appendixId={this.__recordId} />;
  }
}

export function $createAppendixReferenceNode(appendixId: string): AppendixReferenceNode {
  return $applyNodeReplacement(new AppendixReferenceNode(appendixId));
}

export function $isAppendixReferenceNode(
  node: LexicalNode | null | undefined,
): node is AppendixReferenceNode {
  return node instanceof AppendixReferenceNode;
}
