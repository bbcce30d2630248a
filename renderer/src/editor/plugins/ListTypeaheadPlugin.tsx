import {
  LexicalTypeaheadMenuPlugin,
  type TriggerFn,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { COMMAND_PRIORITY_NORMAL, type TextNode } from 'lexical';
import { TypeaheadList, type LabelledOption } from '../views/TypeaheadList';

/**
 * A Lexical typeahead menu shown as the editor's labelled listbox (TypeaheadList): the one
 * setup of the "#", "@" and "/" menus. While open it takes the arrow keys, Enter and Escape
 * before the document does (ArrowDown on a body's last line otherwise goes to the next body).
 */
export function ListTypeaheadPlugin<T extends LabelledOption>({
  label,
  triggerFn,
  options,
  onQueryChange,
  onSelectOption,
}: {
  /** The accessible name of the list. */
  label: string;
  triggerFn: TriggerFn;
  options: T[];
  onQueryChange(query: string | null): void;
  onSelectOption(option: T, node: TextNode | null, close: () => void): void;
}) {
  return (
    <LexicalTypeaheadMenuPlugin<T>
      onQueryChange={onQueryChange}
      onSelectOption={onSelectOption}
      triggerFn={triggerFn}
      options={options}
      commandPriority={COMMAND_PRIORITY_NORMAL}
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => (
        <TypeaheadList
          anchor={anchor.current}
          label={label}
          options={options}
          selectedIndex={selectedIndex}
          onSelect={selectOptionAndCleanUp}
          onHighlight={setHighlightedIndex}
        />
      )}
    />
  );
}
