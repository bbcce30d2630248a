import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { setEditorReferenceLookup, type ReferenceLookup } from '../referenceLookup';

/** Keeps the editor's reference lookup (used by getTextContent) equal to the current props. */
export function ReferenceLookupPlugin({ lookup }: { lookup: ReferenceLookup }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    setEditorReferenceLookup(editor, lookup);
  }, [editor, lookup]);
  return null;
}
