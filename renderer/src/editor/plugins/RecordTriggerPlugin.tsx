import { useCallback, useMemo, useState } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  MenuOption,
  useBasicTypeaheadTriggerMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $insertNodes, type LexicalEditor, type LexicalNode, type TextNode } from 'lexical';
import { ListTypeaheadPlugin } from './ListTypeaheadPlugin';

/** One record the search offers: its id and how the list shows it. */
export type RecordChoice = { id: string; label: string; detail?: string };

class RecordOption extends MenuOption {
  label: string;
  detail?: string;
  recordId: string;
  constructor(choice: RecordChoice) {
    super(choice.id);
    this.recordId = choice.id;
    this.label = choice.label;
    if (choice.detail) this.detail = choice.detail;
  }
}

/**
 * Typing `trigger` at the start of a word opens a search of the meeting's records (appendices
 * with "#", participants with "@"); choosing one, by arrows and Enter or the mouse, replaces
 * the typed query with the reference node `create` makes. Escape closes the list and keeps the
 * text. `search` is called with the text typed after the trigger; keep it stable (useCallback).
 */
export function RecordTriggerPlugin({
  trigger,
  label,
  search,
  create,
}: {
  trigger: string;
  /** The accessible name of the list. */
  label: string;
  search(query: string): readonly RecordChoice[];
  create(recordId: string): LexicalNode;
}) {
  const [editor] = useLexicalComposerContext();
  const [query, setQuery] = useState<string | null>(null);
  const matchTrigger = useBasicTypeaheadTriggerMatch(trigger, {
    minLength: 0,
    maxLength: 60,
    allowWhitespace: true,
  });
  // Open only while something matches: an open menu owns the arrow keys, Enter and Escape,
  // and with no list on screen they must move the caret and close dialogs as usual.
  const triggerFn = useCallback(
    (text: string, current: LexicalEditor) => {
      const match = matchTrigger(text, current);
      return match && search(match.matchingString).length > 0 ? match : null;
    },
    [matchTrigger, search],
  );
  const options = useMemo(
    () => (query === null ? [] : search(query).map((choice) => new RecordOption(choice))),
    [search, query],
  );
  const select = (option: RecordOption, node: TextNode | null, close: () => void) => {
    editor.update(() => {
      const reference = create(option.recordId);
      if (node) node.replace(reference);
      else $insertNodes([reference]);
      reference.selectNext();
      close();
    });
  };
  return (
    <ListTypeaheadPlugin<RecordOption>
      label={label}
      triggerFn={triggerFn}
      options={options}
      onQueryChange={setQuery}
      onSelectOption={select}
    />
  );
}
