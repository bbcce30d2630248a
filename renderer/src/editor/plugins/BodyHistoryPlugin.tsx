import { useContext, useEffect } from 'react';
import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DocumentBodyKeyContext, documentOf } from '../documentBodies';
import { documentUndoDepth, registerDocumentHistory } from '../documentHistory';

/**
 * Undo/redo for a body. Inside the meeting document the body records into the document's
 * shared history, so Ctrl+Z undoes the newest change of the whole document (documentHistory.ts);
 * elsewhere (the forms view) it keeps a history of its own. Both are bounded.
 */
export function BodyHistoryPlugin() {
  const [editor] = useLexicalComposerContext();
  const key = useContext(DocumentBodyKeyContext);
  useEffect(() => {
    // The root element is set before effects run (ContentEditable's ref).
    const bodies = key === null ? null : documentOf(editor.getRootElement());
    if (bodies) return registerDocumentHistory(bodies.history, editor);
    return registerHistory(
      editor,
      createEmptyHistoryState(),
      1000,
      Date.now,
      undefined,
      documentUndoDepth,
    );
  }, [editor, key]);
  return null;
}
