import { useEffect } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  $isListItemNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
} from '@lexical/list';
import { $findMatchingParent, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_NORMAL,
  INDENT_CONTENT_COMMAND,
  KEY_DOWN_COMMAND,
  KEY_TAB_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  type LexicalCommand,
  type LexicalEditor,
} from 'lexical';
import {
  INSERT_AGENDA_COMMAND,
  INSERT_DISSENT_COMMAND,
  INSERT_STANDARD_TEXT_COMMAND,
  INSERT_VOTE_COMMAND,
  OPEN_LINK_DIALOG_COMMAND,
  SET_BLOCK_TYPE_COMMAND,
  type BlockType,
} from '../commands';

/** The command a key press maps to, or null. Formatting and undo keys are Lexical's own. */
export function shortcutAction(
  event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'> & {
    getModifierState?: (key: string) => boolean;
  },
  standardText: string | null,
): ((editor: LexicalEditor) => void) | null {
  const isCtrl = event.ctrlKey || event.metaKey;
  if (!isCtrl) return null;
  // AltGr reports Ctrl+Alt on Windows; AltGr+2 is "@" on a Danish keyboard, not a heading.
  if (event.getModifierState?.('AltGraph')) return null;
  const dispatch =
    <T,>(command: LexicalCommand<T>, payload: T) =>
    (editor: LexicalEditor) => {
      editor.dispatchCommand(command, payload);
    };
  if (event.shiftKey && !event.altKey) {
    switch (event.code) {
      case 'Digit7':
        return dispatch(INSERT_ORDERED_LIST_COMMAND, undefined);
      case 'Digit8':
        return dispatch(INSERT_UNORDERED_LIST_COMMAND, undefined);
      case 'KeyA':
        return dispatch(INSERT_VOTE_COMMAND, undefined);
      case 'KeyP':
        return dispatch(INSERT_DISSENT_COMMAND, undefined);
      case 'KeyD':
        return dispatch(INSERT_AGENDA_COMMAND, undefined);
      case 'KeyG':
        return standardText ? dispatch(INSERT_STANDARD_TEXT_COMMAND, standardText) : null;
    }
    return null;
  }
  if (event.altKey && !event.shiftKey) {
    const headings: Record<string, BlockType> = {
      Digit0: 'paragraph',
      Digit1: 'h1',
      Digit2: 'h2',
      Digit3: 'h3',
    };
    const type = headings[event.code];
    return type ? dispatch(SET_BLOCK_TYPE_COMMAND, type) : null;
  }
  if (!event.altKey && !event.shiftKey && event.code === 'KeyK')
    return dispatch(OPEN_LINK_DIALOG_COMMAND, undefined);
  return null;
}

/** Keyboard shortcuts for lists, headings, links and Referat's inserts (see shortcuts.ts), and Tab in lists. */
export function ShortcutsPlugin({ standardText }: { standardText: string | null }) {
  const [editor] = useLexicalComposerContext();
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            const action = shortcutAction(event, standardText);
            if (!action) return false;
            event.preventDefault();
            action(editor);
            return true;
          },
          COMMAND_PRIORITY_NORMAL,
        ),
        // Tab indents and Shift+Tab outdents inside a list; elsewhere Tab leaves the editor, so
        // keyboard users are never trapped in a body.
        editor.registerCommand(
          KEY_TAB_COMMAND,
          (event) => {
            const selection = $getSelection();
            if (!$isRangeSelection(selection)) return false;
            const isInList = selection
              .getNodes()
              .some((node) => $findMatchingParent(node, $isListItemNode) !== null);
            if (!isInList) return false;
            event.preventDefault();
            return editor.dispatchCommand(
              event.shiftKey ? OUTDENT_CONTENT_COMMAND : INDENT_CONTENT_COMMAND,
              undefined,
            );
          },
          COMMAND_PRIORITY_NORMAL,
        ),
      ),
    [editor, standardText],
  );
  return null;
}
