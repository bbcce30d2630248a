import {
  Link,
  List,
  ListIndentDecrease,
  ListIndentIncrease,
  ListOrdered,
  Redo2,
  Undo2,
} from 'lucide-react';
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $isLinkNode, TOGGLE_LINK_COMMAND } from '@lexical/link';
import {
  $isListNode,
  INSERT_ORDERED_LIST_COMMAND,
  INSERT_UNORDERED_LIST_COMMAND,
  ListNode,
  REMOVE_LIST_COMMAND,
} from '@lexical/list';
import { $isHeadingNode } from '@lexical/rich-text';
import { $findMatchingParent, $getNearestNodeOfType, mergeRegister } from '@lexical/utils';
import {
  $getSelection,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $setSelection,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_LOW,
  FORMAT_TEXT_COMMAND,
  INDENT_CONTENT_COMMAND,
  OUTDENT_CONTENT_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type BaseSelection,
  type TextFormatType,
} from 'lexical';
import {
  INSERT_APPENDIX_REFERENCE_COMMAND,
  INSERT_AGENDA_COMMAND,
  INSERT_DISSENT_COMMAND,
  INSERT_STANDARD_TEXT_COMMAND,
  INSERT_VOTE_COMMAND,
  OPEN_APPENDIX_PICKER_COMMAND,
  OPEN_LINK_DIALOG_COMMAND,
  SET_BLOCK_TYPE_COMMAND,
  type BlockType,
} from '../commands';
import { useReferenceLookup } from '../referenceLookup';
import { shortcutKeys } from '../shortcuts';
import { AppendixPickerDialog } from '../views/AppendixPickerDialog';
import { LinkDialog } from '../views/LinkDialog';
import { TableMenu } from '../views/TableMenu';

type ToolbarState = {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  blockType: BlockType;
  listType: 'bullet' | 'number' | null;
  linkUrl: string | null;
};

const initialState: ToolbarState = {
  bold: false,
  italic: false,
  underline: false,
  blockType: 'paragraph',
  listType: null,
  linkUrl: null,
};

function $readToolbarState(): ToolbarState {
  const selection = $getSelection();
  if (!$isRangeSelection(selection)) return initialState;
  const anchor = selection.anchor.getNode();
  const top = $isRootOrShadowRoot(anchor) ? null : anchor.getTopLevelElement();
  let blockType: BlockType = 'paragraph';
  if ($isHeadingNode(top)) {
    const tag = top.getTag();
    blockType = tag === 'h1' || tag === 'h2' ? tag : 'h3';
  }
  const list = $getNearestNodeOfType(anchor, ListNode);
  const listType = $isListNode(list)
    ? list.getListType() === 'number'
      ? 'number'
      : 'bullet'
    : null;
  const link = $findMatchingParent(anchor, $isLinkNode);
  return {
    bold: selection.hasFormat('bold'),
    italic: selection.hasFormat('italic'),
    underline: selection.hasFormat('underline'),
    blockType,
    listType,
    linkUrl: $isLinkNode(link) ? link.getURL() : null,
  };
}

/** Arrow keys move between toolbar controls; Tab leaves the toolbar (one tab stop). */
function useRovingToolbar() {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    if (event.target instanceof HTMLSelectElement && (event.key === 'Home' || event.key === 'End'))
      return;
    const items = Array.from(
      ref.current?.querySelectorAll<HTMLElement>('[data-toolbar-item]') ?? [],
    ).filter((item) => !(item as HTMLButtonElement).disabled);
    const index = items.findIndex((item) => item === document.activeElement);
    if (index < 0) return;
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? items.length - 1
          : (index + (event.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
    event.preventDefault();
    for (const item of items) item.tabIndex = -1;
    const target = items[next];
    if (target) {
      target.tabIndex = 0;
      target.focus();
    }
  };
  // Exactly one control is tabbable: the first, until arrows move on.
  useEffect(() => {
    const items = ref.current?.querySelectorAll<HTMLElement>('[data-toolbar-item]') ?? [];
    items.forEach((item, index) => {
      item.tabIndex = index === 0 ? 0 : -1;
    });
  }, []);
  return { ref, onKeyDown };
}

/** The formatting and insert toolbar of one body editor, plus the dialogs it opens. */
export function ToolbarPlugin({
  standardTexts,
  label,
}: {
  standardTexts: readonly string[];
  label: string;
}) {
  const { t } = useTranslation();
  const [editor] = useLexicalComposerContext();
  const lookup = useReferenceLookup();
  const [state, setState] = useState(initialState);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [dialog, setDialog] = useState<'link' | 'appendix' | null>(null);
  const [isStandardOpen, setStandardOpen] = useState(false);
  const savedSelection = useRef<BaseSelection | null>(null);
  const roving = useRovingToolbar();

  const openDialog = useCallback(
    (kind: 'link' | 'appendix') => {
      savedSelection.current = editor.getEditorState().read(() => $getSelection()?.clone() ?? null);
      setDialog(kind);
    },
    [editor],
  );
  const closeDialog = () => {
    setDialog(null);
    editor.focus();
  };
  /** Runs an action at the selection the user had before a dialog took the focus. */
  const atSavedSelection = (action: () => void) => {
    editor.update(() => {
      const saved = savedSelection.current;
      if (saved) $setSelection(saved.clone());
      action();
    });
    closeDialog();
  };

  useEffect(
    () =>
      mergeRegister(
        editor.registerUpdateListener(({ editorState }) => {
          const next = editorState.read($readToolbarState);
          setState((previous) =>
            JSON.stringify(previous) === JSON.stringify(next) ? previous : next,
          );
        }),
        editor.registerCommand(
          CAN_UNDO_COMMAND,
          (value) => (setCanUndo(value), false),
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          CAN_REDO_COMMAND,
          (value) => (setCanRedo(value), false),
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          OPEN_LINK_DIALOG_COMMAND,
          () => (openDialog('link'), true),
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          OPEN_APPENDIX_PICKER_COMMAND,
          () => (openDialog('appendix'), true),
          COMMAND_PRIORITY_LOW,
        ),
      ),
    [editor, openDialog],
  );

  const format = (type: TextFormatType) => editor.dispatchCommand(FORMAT_TEXT_COMMAND, type);
  const titled = (key: string, shortcut: string) => {
    const keys = shortcutKeys(shortcut);
    return keys ? `${t(key)} (${keys})` : t(key);
  };
  const formatButton = (type: 'bold' | 'italic' | 'underline', glyph: string) => (
    <button
      type="button"
      data-toolbar-item
      className={`editor-toolbar__button editor-toolbar__button--${type}`}
      aria-pressed={state[type]}
      aria-label={t(`editor.${type}`)}
      title={titled(`editor.${type}`, type)}
      onClick={() => format(type)}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
  const commandButton = (
    key: string,
    shortcut: string,
    glyph: ReactNode,
    onClick: () => void,
    extra = {},
  ) => (
    <button
      type="button"
      data-toolbar-item
      className="editor-toolbar__button"
      aria-label={t(key)}
      title={titled(key, shortcut)}
      onClick={onClick}
      {...extra}
    >
      {/* The glyph is decoration; the accessible name is the aria-label. */}
      <span aria-hidden="true">{glyph}</span>
    </button>
  );

  return (
    <>
      <div
        ref={roving.ref}
        className="editor-toolbar"
        role="toolbar"
        aria-label={t('editor.toolbarFor', { label })}
        onKeyDown={roving.onKeyDown}
      >
        {commandButton(
          'editor.undo',
          'undo',
          <Undo2 size={16} />,
          () => editor.dispatchCommand(UNDO_COMMAND, undefined),
          {
            disabled: !canUndo,
          },
        )}
        {commandButton(
          'editor.redo',
          'redo',
          <Redo2 size={16} />,
          () => editor.dispatchCommand(REDO_COMMAND, undefined),
          {
            disabled: !canRedo,
          },
        )}
        <span className="editor-toolbar__separator" aria-hidden="true" />
        <select
          data-toolbar-item
          className="editor-toolbar__select"
          aria-label={t('editor.blockType')}
          value={state.blockType}
          onChange={(e) =>
            editor.dispatchCommand(SET_BLOCK_TYPE_COMMAND, e.target.value as BlockType)
          }
        >
          <option value="paragraph">{t('editor.paragraph')}</option>
          <option value="h1">{t('editor.heading1')}</option>
          <option value="h2">{t('editor.heading2')}</option>
          <option value="h3">{t('editor.heading3')}</option>
        </select>
        {formatButton('bold', t('editor.glyph.bold'))}
        {formatButton('italic', t('editor.glyph.italic'))}
        {formatButton('underline', t('editor.glyph.underline'))}
        <span className="editor-toolbar__separator" aria-hidden="true" />
        {commandButton(
          'editor.bulletList',
          'bulletList',
          <List size={16} />,
          () =>
            editor.dispatchCommand(
              state.listType === 'bullet' ? REMOVE_LIST_COMMAND : INSERT_UNORDERED_LIST_COMMAND,
              undefined,
            ),
          { 'aria-pressed': state.listType === 'bullet' },
        )}
        {commandButton(
          'editor.numberedList',
          'numberedList',
          <ListOrdered size={16} />,
          () =>
            editor.dispatchCommand(
              state.listType === 'number' ? REMOVE_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND,
              undefined,
            ),
          { 'aria-pressed': state.listType === 'number' },
        )}
        {commandButton('editor.outdent', 'outdent', <ListIndentDecrease size={16} />, () =>
          editor.dispatchCommand(OUTDENT_CONTENT_COMMAND, undefined),
        )}
        {commandButton('editor.indent', 'indent', <ListIndentIncrease size={16} />, () =>
          editor.dispatchCommand(INDENT_CONTENT_COMMAND, undefined),
        )}
        {commandButton('editor.link', 'link', <Link size={16} />, () => openDialog('link'), {
          'aria-pressed': state.linkUrl !== null,
        })}
        <TableMenu />
        <span className="editor-toolbar__separator" aria-hidden="true" />
        {commandButton('editor.insertAppendixRef', 'appendix', t('editor.appendixWord'), () =>
          openDialog('appendix'),
        )}
        {commandButton('editor.insertVote', 'vote', t('editor.voteShort'), () =>
          editor.dispatchCommand(INSERT_VOTE_COMMAND, undefined),
        )}
        {commandButton('editor.insertDissent', 'dissent', t('editor.dissentShort'), () =>
          editor.dispatchCommand(INSERT_DISSENT_COMMAND, undefined),
        )}
        {lookup.canInsertAgenda &&
          commandButton('editor.insertAgenda', 'agenda', t('editor.agendaShort'), () =>
            editor.dispatchCommand(INSERT_AGENDA_COMMAND, undefined),
          )}
        <div className="editor-menu">
          <button
            type="button"
            data-toolbar-item
            className="editor-toolbar__button"
            aria-haspopup="menu"
            aria-expanded={isStandardOpen}
            title={titled('editor.standardText', 'standardText')}
            onClick={() => setStandardOpen((open) => !open)}
          >
            {t('editor.standardText')}
          </button>
          {isStandardOpen && (
            <ul
              className="editor-menu__list"
              role="menu"
              aria-label={t('editor.standardText')}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.stopPropagation();
                  setStandardOpen(false);
                }
              }}
            >
              {standardTexts.map((text, index) => (
                <li key={text} role="none">
                  <button
                    type="button"
                    role="menuitem"
                    autoFocus={index === 0}
                    onClick={() => {
                      setStandardOpen(false);
                      editor.dispatchCommand(INSERT_STANDARD_TEXT_COMMAND, text);
                      editor.focus();
                    }}
                  >
                    {text}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
      {dialog === 'link' && (
        <LinkDialog
          initialUrl={state.linkUrl ?? 'https://'}
          onSave={(url) => atSavedSelection(() => editor.dispatchCommand(TOGGLE_LINK_COMMAND, url))}
          onRemove={
            state.linkUrl
              ? () => atSavedSelection(() => editor.dispatchCommand(TOGGLE_LINK_COMMAND, null))
              : null
          }
          onCancel={closeDialog}
        />
      )}
      {dialog === 'appendix' && (
        <AppendixPickerDialog
          appendices={lookup.appendices}
          onPick={(appendixId) =>
            atSavedSelection(() =>
              editor.dispatchCommand(INSERT_APPENDIX_REFERENCE_COMMAND, appendixId),
            )
          }
          onCancel={closeDialog}
        />
      )}
    </>
  );
}
