/**
 * An inline "Bilag N" bound to an appendix id. The number is looked up in the meeting's
 * appendix list on every display, so renumbering or reordering appendices updates every
 * reference; a reference to a deleted appendix is shown flagged, never dropped.
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
import { resolveAppendixRef } from '../../../../main/common/editor/references';
import {
  referatNodeTypes,
  type SerializedAppendixReferenceJson,
} from '../../../../main/common/editor/lexicalJson';
import { $getReferenceLookup, useReferenceLookup } from '../referenceLookup';

/** Serialized form: only the appendix id, never the number. */
export type SerializedAppendixReferenceNode = SerializedAppendixReferenceJson;

const idAttribute = 'data-referat-appendix-id';

function AppendixReferenceView({ appendixId }: { appendixId: string }) {
  const lookup = useReferenceLookup();
  const display = resolveAppendixRef(appendixId, lookup.appendices, lookup);
  return (
    <span
      className={`editor-ref editor-ref--appendix editor-ref--${display.state}`}
      title={display.title}
      data-appendix-id={appendixId}
      data-state={display.state}
    >
      {display.label}
      {display.state === 'closedInOpenText' && (
        <span className="editor-ref__warning" aria-label={display.title}>
          {' ⚠'}
        </span>
      )}
    </span>
  );
}

export class AppendixReferenceNode extends DecoratorNode<JSX.Element> {
  __appendixId: string;

  static override getType(): string {
    return referatNodeTypes.appendixReference;
  }

  static override clone(node: AppendixReferenceNode): AppendixReferenceNode {
    return new AppendixReferenceNode(node.__appendixId, node.__key);
  }

  static override importJSON(json: SerializedAppendixReferenceNode): AppendixReferenceNode {
    return $createAppendixReferenceNode(json.appendixId);
  }

  static override importDOM(): DOMConversionMap | null {
    return {
      span: (element: HTMLElement) => {
        const id = element.getAttribute(idAttribute);
        if (!id) return null;
        return { priority: 2, conversion: () => ({ node: $createAppendixReferenceNode(id) }) };
      },
    };
  }

  constructor(appendixId = '', key?: NodeKey) {
    super(key);
    this.__appendixId = appendixId;
  }

  override exportJSON(): SerializedAppendixReferenceNode {
    return {
      type: referatNodeTypes.appendixReference,
      version: 1,
      appendixId: this.getAppendixId(),
    };
  }

  override exportDOM(): DOMExportOutput {
    const span = document.createElement('span');
    span.setAttribute(idAttribute, this.getAppendixId());
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

  getAppendixId(): string {
    return this.getLatest().__appendixId;
  }

  setAppendixId(appendixId: string): this {
    const writable = this.getWritable();
    writable.__appendixId = appendixId;
    return writable;
  }

  /** "Bilag N" as of now, resolved from the editor's appendix list. */
  override getTextContent(): string {
    const lookup = $getReferenceLookup();
    return resolveAppendixRef(this.getAppendixId(), lookup.appendices, lookup).label;
  }

  override decorate(): JSX.Element {
    return <AppendixReferenceView appendixId={this.__appendixId} />;
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
