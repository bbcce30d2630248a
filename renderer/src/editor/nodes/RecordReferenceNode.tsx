/**
 * What the inline references to a meeting record (an appendix, a participant) have in common:
 * the node stores only the record's id, and its text is resolved from the meeting's records on
 * every display, so a renumbered appendix or renamed participant updates every reference and a
 * deleted record is shown flagged, never dropped.
 *
 * Not a node of its own (it is never registered): AppendixReferenceNode and
 * ParticipantReferenceNode extend it, each in its own file with its own type and JSON.
 */
import type { JSX } from 'react';
import {
  DecoratorNode,
  type DOMConversionMap,
  type DOMExportOutput,
  type LexicalNode,
  type NodeKey,
} from 'lexical';

export abstract class RecordReferenceNode extends DecoratorNode<JSX.Element> {
  __recordId: string;

  constructor(recordId = '', key?: NodeKey) {
    super(key);
    this.__recordId = recordId;
  }

  /** The HTML attribute that carries the id through copy and paste between bodies. */
  abstract idAttribute(): string;

  getRecordId(): string {
    return this.getLatest().__recordId;
  }

  override exportDOM(): DOMExportOutput {
    const span = document.createElement('span');
    span.setAttribute(this.idAttribute(), this.getRecordId());
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
}

/** Reads a pasted `<span attribute="id">` back as the reference node `create` makes. */
export function importRecordReference(
  attribute: string,
  create: (recordId: string) => LexicalNode,
): DOMConversionMap {
  return {
    span: (element: HTMLElement) => {
      const id = element.getAttribute(attribute);
      if (!id) return null;
      return { priority: 2, conversion: () => ({ node: create(id) }) };
    },
  };
}

/** How a resolved reference is shown: its label and whether it needs attention. */
export type ReferenceChipProps = {
  kind: 'appendix' | 'participant';
  recordId: string;
  label: string;
  /** `ok`, `deleted` (the record is gone) or a kind's own warning state. */
  state: string;
  title?: string;
  /** A visible warning sign after the label, named by `title` for screen readers. */
  hasWarning?: boolean;
};

/** The inline element a reference node decorates its host span with. */
export function ReferenceChip({
  kind,
  recordId,
  label,
  state,
  title,
  hasWarning = false,
}: ReferenceChipProps) {
  return (
    <span
      className={`editor-ref editor-ref--${kind} editor-ref--${state}`}
      title={title}
      data-state={state}
      {...{ [`data-${kind}-id`]: recordId }}
    >
      {label}
      {hasWarning && (
        <span className="editor-ref__warning" aria-label={title}>
          {' ⚠'}
        </span>
      )}
    </span>
  );
}
