import { useEffect, useRef, useState, type ReactNode } from 'react';
import { $getNodeByKey, $isElementNode, type LexicalNode, type NodeKey } from 'lexical';
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
  // Set when the dialog closes: once it is gone, the caret goes back beside the block, so a
  // keyboard user writes on where they were (else the focus falls to the page's body).
  const isReturningFocus = useRef(false);
  const close = () => {
    isReturningFocus.current = true;
    setEditing(false);
  };
  useEffect(() => {
    if (isEditing || !isReturningFocus.current) return;
    isReturningFocus.current = false;
    if (!editor.isEditable()) return;
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (!node) return;
      for (let next = node.getNextSibling(); next; next = next.getNextSibling()) {
        if ($isElementNode(next)) {
          next.selectStart();
          return;
        }
      }
      for (let before = node.getPreviousSibling(); before; before = before.getPreviousSibling()) {
        if ($isElementNode(before)) {
          before.selectEnd();
          return;
        }
      }
    });
    editor.focus();
  }, [editor, isEditing, nodeKey]);
  const save = (apply: (node: N) => void) => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if (isNode(node)) apply(node);
    });
    close();
  };
  return (
    <div className={`editor-${kind}`} data-testid={kind}>
      {children}
      {editor.isEditable() && (
        <button type="button" className="editor-inline-button" onClick={() => setEditing(true)}>
          {editLabel}
        </button>
      )}
      {isEditing && renderDialog(save, close)}
    </div>
  );
}
