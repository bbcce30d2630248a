import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes } from '@lexical/clipboard';
import { $getSelection, COMMAND_PRIORITY_LOW, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { richTextToLexicalState } from '../../../../main/common/editor/lexicalState';
import { pastedHtmlToRichText } from '../../../../main/common/editor/sanitizeHtml';

/**
 * Inserts pasted HTML as sanitized content. Returns false (Lexical's own paste runs) when
 * there is no HTML, when the clipboard holds Lexical's own format (copy between bodies keeps
 * every node), or when the HTML is refused.
 */
export function $pasteHtml(editor: LexicalEditor, dataTransfer: DataTransfer): boolean {
  if (dataTransfer.types.includes('application/x-lexical-editor')) return false;
  const html = dataTransfer.getData('text/html');
  if (!html) return false;
  let content;
  try {
    content = pastedHtmlToRichText(html);
  } catch {
    return false;
  }
  if (content.length === 0) return false;
  const selection = $getSelection();
  if (!selection) return false;
  const serialized = richTextToLexicalState(content).root.children;
  const nodes = $generateNodesFromSerializedNodes(
    serialized as unknown as Parameters<typeof $generateNodesFromSerializedNodes>[0],
  );
  $insertGeneratedNodes(editor, nodes, selection);
  return true;
}

/** Paste from Word, LibreOffice and web pages keeps structure and drops everything else. */
export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          if (!data || !$pasteHtml(editor, data)) return false;
          event.preventDefault();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  return null;
}
