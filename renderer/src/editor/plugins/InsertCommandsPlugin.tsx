import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $insertNodeToNearestRoot, mergeRegister } from '@lexical/utils';
import {
  $createParagraphNode,
  $createTextNode,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
} from 'lexical';
import {
  INSERT_APPENDIX_REFERENCE_COMMAND,
  INSERT_DISSENT_COMMAND,
  INSERT_STANDARD_TEXT_COMMAND,
  INSERT_VOTE_COMMAND,
  SET_BLOCK_TYPE_COMMAND,
} from '../commands';
import { $createAppendixReferenceNode } from '../nodes/AppendixReferenceNode';
import { $createDissentNode } from '../nodes/DissentNode';
import { $createVoteNode } from '../nodes/VoteNode';

/** Implements the editor's insert and block-type commands. */
export function InsertCommandsPlugin() {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          SET_BLOCK_TYPE_COMMAND,
          (type) => {
            const selection = $getSelection();
            $setBlocksType(selection, () =>
              type === 'paragraph' ? $createParagraphNode() : $createHeadingNode(type),
            );
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INSERT_VOTE_COMMAND,
          () => {
            $insertNodeToNearestRoot($createVoteNode());
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INSERT_DISSENT_COMMAND,
          () => {
            $insertNodeToNearestRoot($createDissentNode({ participantId: '', text: '' }));
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INSERT_APPENDIX_REFERENCE_COMMAND,
          (appendixId) => {
            $insertNodes([$createAppendixReferenceNode(appendixId)]);
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
        editor.registerCommand(
          INSERT_STANDARD_TEXT_COMMAND,
          (text) => {
            const selection = $getSelection();
            if ($isRangeSelection(selection)) selection.insertText(text);
            else $insertNodes([$createTextNode(text)]);
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
      ),
    [editor],
  );
  return null;
}
