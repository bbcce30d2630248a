import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import {
  MenuOption,
  useBasicTypeaheadTriggerMatch,
} from '@lexical/react/LexicalTypeaheadMenuPlugin';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { INSERT_TABLE_COMMAND } from '@lexical/table';
import type { LexicalEditor, TextNode } from 'lexical';
import {
  INSERT_AGENDA_COMMAND,
  INSERT_DISSENT_COMMAND,
  INSERT_STANDARD_TEXT_COMMAND,
  INSERT_VOTE_COMMAND,
  OPEN_APPENDIX_PICKER_COMMAND,
  SET_BLOCK_TYPE_COMMAND,
} from '../commands';
import { useReferenceLookup } from '../referenceLookup';
import { ListTypeaheadPlugin } from './ListTypeaheadPlugin';

class CommandOption extends MenuOption {
  label: string;
  detail?: string;
  run: (editor: LexicalEditor) => void;
  constructor(key: string, label: string, run: (editor: LexicalEditor) => void, detail?: string) {
    super(key);
    this.label = label;
    this.run = run;
    if (detail) this.detail = detail;
  }
}

/** Typing "/" at the start of a word opens the insert commands. */
export function SlashMenuPlugin({ standardTexts }: { standardTexts: readonly string[] }) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const { canInsertAgenda = false } = useReferenceLookup();
  const [query, setQuery] = useState<string | null>(null);
  const triggerFn = useBasicTypeaheadTriggerMatch('/', { minLength: 0, maxLength: 30 });
  const all = useMemo(() => {
    const standard = t('editor.standardText');
    return [
      new CommandOption('h1', t('editor.heading1'), (e) =>
        e.dispatchCommand(SET_BLOCK_TYPE_COMMAND, 'h1'),
      ),
      new CommandOption('h2', t('editor.heading2'), (e) =>
        e.dispatchCommand(SET_BLOCK_TYPE_COMMAND, 'h2'),
      ),
      new CommandOption('h3', t('editor.heading3'), (e) =>
        e.dispatchCommand(SET_BLOCK_TYPE_COMMAND, 'h3'),
      ),
      new CommandOption('bullet', t('editor.bulletList'), (e) =>
        e.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined),
      ),
      new CommandOption('number', t('editor.numberedList'), (e) =>
        e.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined),
      ),
      new CommandOption('table', t('editor.table.insert'), (e) =>
        e.dispatchCommand(INSERT_TABLE_COMMAND, {
          rows: '3',
          columns: '3',
          includeHeaders: { rows: true, columns: false },
        }),
      ),
      new CommandOption('vote', t('editor.insertVote'), (e) =>
        e.dispatchCommand(INSERT_VOTE_COMMAND, undefined),
      ),
      new CommandOption('dissent', t('editor.insertDissent'), (e) =>
        e.dispatchCommand(INSERT_DISSENT_COMMAND, undefined),
      ),
      new CommandOption('appendix', t('editor.insertAppendixRef'), (e) =>
        e.dispatchCommand(OPEN_APPENDIX_PICKER_COMMAND, undefined),
      ),
      ...(canInsertAgenda
        ? [
            new CommandOption('agenda', t('editor.insertAgenda'), (e) =>
              e.dispatchCommand(INSERT_AGENDA_COMMAND, undefined),
            ),
          ]
        : []),
      ...standardTexts.map(
        (text, index) =>
          new CommandOption(
            `standard-${index}`,
            text,
            (e) => e.dispatchCommand(INSERT_STANDARD_TEXT_COMMAND, text),
            standard,
          ),
      ),
    ];
  }, [t, standardTexts, canInsertAgenda]);
  const options = useMemo(() => {
    if (query === null) return [];
    const q = query.toLowerCase();
    return all.filter(
      (o) => o.label.toLowerCase().includes(q) || (o.detail ?? '').toLowerCase().startsWith(q),
    );
  }, [all, query]);
  // Called inside the menu's editor update: the typed "/query" is removed before the command
  // runs, so a command sees the block as it will be (an agenda list replaces an empty line).
  const select = (option: CommandOption, node: TextNode | null, close: () => void) => {
    node?.remove();
    close();
    option.run(editor);
  };
  return (
    <ListTypeaheadPlugin<CommandOption>
      label={t('editor.slashMenu')}
      triggerFn={triggerFn}
      options={options}
      onQueryChange={setQuery}
      onSelectOption={select}
    />
  );
}
