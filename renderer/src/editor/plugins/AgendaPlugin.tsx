import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $generateNodesFromSerializedNodes, $insertGeneratedNodes } from '@lexical/clipboard';
import {
  $getRoot,
  $getSelection,
  $isParagraphNode,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
} from 'lexical';
import { agendaRichText } from '../../../../common/editor/agendaText';
import { richTextToLexicalState } from '../../../../common/editor/lexicalState';
import { INSERT_AGENDA_COMMAND } from '../commands';
import { useMeetingRecords } from '../meetingRecords';
import { useReferenceLookup } from '../referenceLookup';

/**
 * "Indsæt dagsorden" in the meeting's Resumé: inserts the agenda points in order as a bulleted
 * list "Title v/ Presenter" at the caret, from the agenda as it is now. Other bodies leave the
 * command unhandled.
 */
export function AgendaPlugin() {
  const [editor] = useLexicalComposerContext();
  const { items } = useMeetingRecords();
  const { lang, isOpenText, canInsertAgenda = false } = useReferenceLookup();
  useEffect(() => {
    if (!canInsertAgenda) return undefined;
    return editor.registerCommand(
      INSERT_AGENDA_COMMAND,
      () => {
        const content = agendaRichText(items, { lang, isOpenText });
        if (content.length === 0) return false;
        const selection = $getSelection() ?? $getRoot().selectEnd();
        const nodes = $generateNodesFromSerializedNodes(
          richTextToLexicalState(content).root.children as unknown as Parameters<
            typeof $generateNodesFromSerializedNodes
          >[0],
        );
        // In an empty paragraph (a new Resumé, or one the "/" menu just emptied) the list
        // takes its place instead of leaving an empty line above it.
        const block = $isRangeSelection(selection)
          ? selection.anchor.getNode().getTopLevelElement()
          : null;
        const last = nodes[nodes.length - 1];
        if ($isParagraphNode(block) && block.isEmpty() && last) {
          for (const node of nodes) block.insertBefore(node);
          block.remove();
          last.selectEnd();
          return true;
        }
        $insertGeneratedNodes(editor, nodes, selection);
        return true;
      },
      COMMAND_PRIORITY_EDITOR,
    );
  }, [editor, items, lang, isOpenText, canInsertAgenda]);
  return null;
}
