import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes } from '@lexical/clipboard';
import { $getSelection, COMMAND_PRIORITY_LOW, PASTE_COMMAND, type LexicalEditor } from 'lexical';
import { richTextToLexicalState } from '../../../../common/editor/lexicalState';
import { pastedHtmlWithNotes, type PasteNote } from '../../../../common/editor/htmlToRichText';

/**
 * The most a paste may bring into a body at once. Beyond it the editor froze for minutes (a
 * 10 MB paste is some 45,000 paragraphs); such a paste is refused with a message instead.
 */
export const maxPasteLength = 4 * 1024 * 1024;
/** The most blocks (paragraphs, headings, lists) one paste may insert. */
export const maxPastedBlocks = 2000;

/** Why a paste was refused: its size (characters) or its number of blocks. */
export type PasteRefusal = { reason: 'length'; size: number } | { reason: 'blocks'; size: number };

/** The refusal for a clipboard too large to paste, or null. Checked before any parsing. */
export function pasteTooLarge(dataTransfer: DataTransfer): PasteRefusal | null {
  const size = Math.max(
    dataTransfer.getData('text/html').length,
    dataTransfer.getData('text/plain').length,
  );
  return size > maxPasteLength ? { reason: 'length', size } : null;
}

/**
 * Inserts pasted HTML as sanitized content. Returns false (Lexical's own paste runs) when
 * there is no HTML, when the clipboard holds Lexical's own format (copy between bodies keeps
 * every node), or when the HTML is refused. `onNotes` hears what the conversion simplified
 * (merged table cells, a table inside a table).
 */
export function $pasteHtml(
  editor: LexicalEditor,
  dataTransfer: DataTransfer,
  onRefused?: (refusal: PasteRefusal) => void,
  onNotes?: (notes: PasteNote[]) => void,
): boolean {
  if (dataTransfer.types.includes('application/x-lexical-editor')) return false;
  const html = dataTransfer.getData('text/html');
  if (!html) return false;
  let content;
  let notes: PasteNote[];
  try {
    ({ content, notes } = pastedHtmlWithNotes(html));
  } catch {
    return false;
  }
  if (content.length === 0) return false;
  if (content.length > maxPastedBlocks) {
    onRefused?.({ reason: 'blocks', size: content.length });
    return true;
  }
  const selection = $getSelection();
  if (!selection) return false;
  const serialized = richTextToLexicalState(content).root.children;
  const nodes = $generateNodesFromSerializedNodes(
    serialized as unknown as Parameters<typeof $generateNodesFromSerializedNodes>[0],
  );
  $insertGeneratedNodes(editor, nodes, selection);
  onNotes?.(notes);
  return true;
}

const noteKeys: Record<PasteNote, string> = {
  mergedCells: 'editor.pasteMergedCells',
  nestedTable: 'editor.pasteNestedTable',
  largeTable: 'editor.pasteLargeTable',
};

/** Paste from Word, LibreOffice and web pages keeps structure and drops everything else. */
export function PastePlugin() {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [refusal, setRefusal] = useState<PasteRefusal | null>(null);
  const [notes, setNotes] = useState<PasteNote[]>([]);
  useEffect(
    () =>
      editor.registerCommand(
        PASTE_COMMAND,
        (event) => {
          const data = 'clipboardData' in event ? event.clipboardData : null;
          const tooLarge = data ? pasteTooLarge(data) : null;
          if (tooLarge) {
            event.preventDefault();
            setRefusal(tooLarge);
            return true;
          }
          setRefusal(null);
          setNotes([]);
          if (!data || !$pasteHtml(editor, data, setRefusal, setNotes)) return false;
          event.preventDefault();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor],
  );
  if (!refusal) {
    // What a paste simplified is said once, politely, where the text was pasted.
    if (notes.length === 0) return null;
    return (
      <p className="notice" role="status">
        {notes.map((note) => t(noteKeys[note])).join(' ')}
      </p>
    );
  }
  return (
    <p className="inline-error" role="alert">
      {refusal.reason === 'length'
        ? t('editor.pasteTooLong', {
            size: Math.ceil(refusal.size / (1024 * 1024)),
            max: maxPasteLength / (1024 * 1024),
          })
        : t('editor.pasteTooManyBlocks', { size: refusal.size, max: maxPastedBlocks })}
    </p>
  );
}
