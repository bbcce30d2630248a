import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  LexicalTypeaheadMenuPlugin,
  MenuOption,
  useBasicTypeaheadTriggerMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { $insertNodes, type TextNode } from 'lexical';
import { searchAppendices, type AppendixInfo } from '../../../../main/common/editor/references';
import { $createAppendixReferenceNode } from '../nodes/AppendixReferenceNode';
import { useReferenceLookup } from '../referenceLookup';
import { TypeaheadList } from '../views/TypeaheadList';

class AppendixOption extends MenuOption {
  label: string;
  detail: string;
  appendixId: string;
  constructor(appendix: AppendixInfo, word: string) {
    super(appendix.id);
    this.appendixId = appendix.id;
    this.label = `${word} ${appendix.number}: ${appendix.title}`;
    this.detail = appendix.documentNumber;
  }
}

/** Typing "#" opens a search of the meeting's appendices by number, title or document number. */
export function AppendixTriggerPlugin() {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const lookup = useReferenceLookup();
  const [query, setQuery] = useState<string | null>(null);
  const triggerFn = useBasicTypeaheadTriggerMatch('#', {
    minLength: 0,
    maxLength: 60,
    allowWhitespace: true,
  });
  const options = useMemo(
    () =>
      query === null
        ? []
        : searchAppendices(lookup.appendices, query)
            .slice(0, 12)
            .map((a) => new AppendixOption(a, t('editor.appendixWord'))),
    [lookup.appendices, query, t],
  );
  const select = (option: AppendixOption, node: TextNode | null, close: () => void) => {
    editor.update(() => {
      const reference = $createAppendixReferenceNode(option.appendixId);
      if (node) node.replace(reference);
      else $insertNodes([reference]);
      reference.selectNext();
      close();
    });
  };
  return (
    <LexicalTypeaheadMenuPlugin<AppendixOption>
      onQueryChange={setQuery}
      onSelectOption={select}
      triggerFn={triggerFn}
      options={options}
      menuRenderFn={(anchor, { selectedIndex, selectOptionAndCleanUp, setHighlightedIndex }) => (
        <TypeaheadList
          anchor={anchor.current}
          label={t('editor.appendixSearch')}
          options={options}
          selectedIndex={selectedIndex}
          onSelect={selectOptionAndCleanUp}
          onHighlight={setHighlightedIndex}
        />
      )}
    />
  );
}
