import { useState, type ReactNode } from 'react';
import { $getNodeByKey, type LexicalNode, type NodeKey } from 'lexical';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';

type Props<N extends LexicalNode> = {
  nodeKey: NodeKey;
  isNode(node: LexicalNode | null): node is N;
  /** A block just inserted (still empty) opens its editor at once. */
  isNew: boolean;
  kind: 'vote' | 'dissent';
  editLabel: string;
  /** The block as the reader sees it. */
  children: ReactNode;
  /** The editor dialog: `save` applies a change to the node and closes it, `cancel` closes it. */
  renderDialog(save: (apply: (node: N) => void) => void, cancel: () => void): ReactNode;
};

/** A block node's view: its text, an edit button while the body is editable, and its dialog. */
export function EditableBlock<N extends LexicalNode>({
  nodeKey,
  isNode,
  isNew,
  kind,
  editLabel,
  children,
  renderDialog,
}: Props<N>) {
  const [editor] = useLexicalComposerContext();
  const [isEditing, setEditing] = useState(() => isNew && editor.isEditable());
  const save = (apply: (node: N) => void) => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (isNode(node)) apply(node);
    });
    setEditing(false);
  };
  return (
    <div className={`editor-${kind}`} data-testid={kind}>
      {children}
      {editor.isEditable() && (
        <button type="button" className="editor-inline-button" onClick={() => setEditing(true)}>
          {editLabel}
        </button>
      )}
      {isEditing && renderDialog(save, () => setEditing(false))}
    </div>
  );
}
