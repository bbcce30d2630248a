import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  LexicalTypeaheadMenuPlugin,
  type TriggerFn,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import {
  $getSelection,
  $isRangeSelection,
  $isTextNode,
  COMMAND_PRIORITY_NORMAL,
  type LexicalEditor,
  type TextNode,
} from 'lexical';
import { TypeaheadList, type LabelledOption } from '../views/TypeaheadList';

/**
 * A Lexical typeahead menu shown as the editor's labelled listbox (TypeaheadList): the one
 * setup of the "#", "@" and "/" menus. While open it takes the arrow keys, Enter and Escape
 * before the document does (ArrowDown on a body's last line otherwise goes to the next body).
 */
/**
 * The trigger and query typed before the caret as one text node, found in the live editor
 * state. Lexical splits off the query by the match of its last menu update, which React commits
 * as a transition: when Enter follows the typing quickly on a busy machine that match is stale,
 * and "/dagsorden" chosen under a stale "/d" lost only "en". Runs inside the selection's update.
 */
export function $splitQueryBeforeCaret(
  triggerFn: TriggerFn,
  editor: LexicalEditor,
): TextNode | null {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
  let node = selection.anchor.getNode();
  if (!$isTextNode(node) || !node.isSimpleText()) return null;
  let offset = selection.anchor.offset;
  // Join what a stale split (or earlier typing) left as separate plain text before the caret.
  let previous = node.getPreviousSibling();
  while (
    $isTextNode(previous) &&
    previous.isSimpleText() &&
    previous.getFormat() === node.getFormat() &&
    previous.getStyle() === node.getStyle()
  ) {
    offset += previous.getTextContentSize();
    node = node.mergeWithSibling(previous);
    previous = node.getPreviousSibling();
  }
  const match = triggerFn(node.getTextContent().slice(0, offset), editor);
  if (!match) return null;
  const start = offset - match.replaceableString.length;
  if (start < 0) return null;
  const parts = start === 0 ? node.splitText(offset) : node.splitText(start, offset);
  return (start === 0 ? parts[0] : parts[1]) ?? null;
}

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
  const [editor] = useLexicalComposerContext();
  return (
    <LexicalTypeaheadMenuPlugin<T>
      onQueryChange={onQueryChange}
      // Lexical's own query node may come from a stale match (see $splitQueryBeforeCaret).
      onSelectOption={(option, _staleQueryNode, close) =>
        onSelectOption(option, $splitQueryBeforeCaret(triggerFn, editor), close)
      }
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
