/**
 * What the block nodes of a body (a vote, a dissent) have in common: one record as the node's
 * value, a block host element styled by kind, and the minutes text as the HTML a copy carries.
 *
 * Not a node of its own (it is never registered): VoteNode and DissentNode extend it, each in
 * its own file with its own type and JSON.
 */
import type { JSX } from 'react';
import { DecoratorNode, type DOMExportOutput, type NodeKey } from 'lexical';

export abstract class BlockNode<Value> extends DecoratorNode<JSX.Element> {
  __value: Value;

  constructor(value: Value, key?: NodeKey) {
    super(key);
    this.__value = value;
  }

  /** The kind in the host's class name: `editor-block editor-block--<kind>`. */
  abstract blockKind(): string;

  protected getValue(): Value {
    return this.getLatest().__value;
  }

  protected setValue(value: Value): this {
    const writable = this.getWritable();
    writable.__value = value;
    return writable;
  }

  override exportDOM(): DOMExportOutput {
    const paragraph = document.createElement('p');
    paragraph.textContent = this.getTextContent().trim();
    return { element: paragraph };
  }

  override createDOM(): HTMLElement {
    const div = document.createElement('div');
    div.className = `editor-block editor-block--${this.blockKind()}`;
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
}
