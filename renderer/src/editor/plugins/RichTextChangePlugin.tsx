import { useEffect, useRef } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { RichText } from '../../../../main/common/domain/richText';
import type { SerializedEditorStateJson } from '../../../../main/common/editor/lexicalJson';
import { lexicalStateToRichText } from '../../../../main/common/editor/lexicalState';

/**
 * Reports the body as `RichText` after every change of its content (selection moves are not
 * changes). Identical content is reported once, so undoing back to the saved text and typing
 * it again does not cause a save per keystroke of no effect.
 */
export function RichTextChangePlugin({
  initialContent,
  onChange,
}: {
  initialContent: RichText;
  onChange(content: RichText): void;
}) {
  const [editor] = useLexicalComposerContext();
  const last = useRef(JSON.stringify(initialContent));
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);
  useEffect(
    () =>
      editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves }) => {
        if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
        const content = lexicalStateToRichText(
          editorState.toJSON() as unknown as SerializedEditorStateJson,
        );
        const json = JSON.stringify(content);
        if (json === last.current) return;
        last.current = json;
        onChangeRef.current(content);
      }),
    [editor],
  );
  return null;
}
