import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { RichText } from '../../../../common/domain/richText';
import type { SerializedEditorStateJson } from '../../../../common/editor/lexicalJson';
import { lexicalStateToRichText } from '../../../../common/editor/lexicalState';

/**
 * Reports changes of the body's content (selection moves are not changes), in one of two ways:
 *
 * - `onEdit(read)`: only that the content changed, with a function that converts the editor's
 *   content at the time it is called. The conversion walks the whole body, so an autosave
 *   calls it once when it sends, not once per keystroke (typing in a five-page body
 *   must cost no more than in a short one).
 * - `onChange(content)`: the content as `RichText` after every change. Identical content is
 *   reported once, so undoing back to the saved text and typing it again does not cause a save
 *   per keystroke of no effect.
 */
export function RichTextChangePlugin({
  initialContent,
  onChange,
  onEdit,
}: {
  initialContent: RichText;
  onChange?: (content: RichText) => void;
  onEdit?: (read: () => RichText) => void;
}) {
  const [editor] = useLexicalComposerContext();
  const last = useRef(JSON.stringify(initialContent));
  const onChangeRef = useRef(onChange);
  const onEditRef = useRef(onEdit);
  useEffect(() => {
    onChangeRef.current = onChange;
    onEditRef.current = onEdit;
  }, [onChange, onEdit]);
  useEffect(() => {
    const read = () =>
      lexicalStateToRichText(
        editor.getEditorState().toJSON() as unknown as SerializedEditorStateJson,
      );
    return editor.registerUpdateListener(({ dirtyElements, dirtyLeaves }) => {
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (onEditRef.current) {
        onEditRef.current(read);
        return;
      }
      if (!onChangeRef.current) return;
      const content = read();
      const json = JSON.stringify(content);
      if (json === last.current) return;
      last.current = json;
      onChangeRef.current(content);
    });
  }, [editor]);
  return null;
}
