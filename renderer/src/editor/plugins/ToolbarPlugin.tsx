import {
  ClipboardList,
  Link,
  List,
  ListIndentDecrease,
  ListIndentIncrease,
  ListOrdered,
  MessageSquareQuote,
  Paperclip,
  Redo2,
  TextQuote,
  Undo2,
  Vote,
  type LucideIcon,
} from 'lucide-react';
import {
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { createPortal } from 'react-dom';
import { Button, MenuItem, MenuTrigger } from 'react-aria-components';
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
  type LexicalEditor,
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
import { DocumentBodyKeyContext } from '../documentBodies';
import { useDocumentToolbarSlot } from '../documentToolbar';
import { useReferenceLookup, type ReferenceLookup } from '../referenceLookup';
import { shortcutKeys } from '../shortcuts';
import { AppendixPickerDialog } from '../views/AppendixPickerDialog';
import { LinkDialog } from '../views/LinkDialog';
import { TableMenu } from '../views/TableMenu';
import { PopoverMenu } from '../../components/PopoverMenu';

/** The undo and redo buttons: name, icon and command (their shortcut ids are the keys). */
const historySteps = {
  undo: { labelKey: 'editor.undo', icon: Undo2, command: UNDO_COMMAND },
  redo: { labelKey: 'editor.redo', icon: Redo2, command: REDO_COMMAND },
} as const;

type ListType = 'bullet' | 'number';

/** The two list buttons: name, shortcut, icon and the command that makes the list. */
const listToggles = {
  bullet: {
    labelKey: 'editor.bulletList',
    shortcutId: 'bulletList',
    icon: List,
    command: INSERT_UNORDERED_LIST_COMMAND,
  },
  number: {
    labelKey: 'editor.numberedList',
    shortcutId: 'numberedList',
    icon: ListOrdered,
    command: INSERT_ORDERED_LIST_COMMAND,
  },
} as const;

type ToolbarState = {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  blockType: BlockType;
  listType: ListType | null;
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

/**
 * One of the body's own commands in the toolbar (after the formatting): inserting an appendix
 * reference, a vote, a dissent, the agenda ... Add a descriptor to `bodyCommands` to add a
 * button; `isAvailable` hides it where the body cannot use it.
 */
export type ToolbarCommand = {
  id: string;
  /** i18n key of the accessible name and title ("Indsæt afstemning"). */
  labelKey: string;
  /** i18n key of the short visible text ("Afstemning"). */
  shortKey: string;
  /** Name in shortcuts.ts, shown in the title. */
  shortcut: string;
  icon: LucideIcon;
  run(editor: LexicalEditor, open: { appendixPicker(): void }): void;
  isAvailable?(lookup: ReferenceLookup): boolean;
};

/** The body's own commands, in toolbar order. */
export const bodyCommands: ToolbarCommand[] = [
  {
    id: 'appendix',
    labelKey: 'editor.insertAppendixRef',
    shortKey: 'editor.appendixWord',
    shortcut: 'appendix',
    icon: Paperclip,
    run: (_editor, open) => open.appendixPicker(),
  },
  {
    id: 'vote',
    labelKey: 'editor.insertVote',
    shortKey: 'editor.voteShort',
    shortcut: 'vote',
    icon: Vote,
    run: (editor) => editor.dispatchCommand(INSERT_VOTE_COMMAND, undefined),
  },
  {
    id: 'dissent',
    labelKey: 'editor.insertDissent',
    shortKey: 'editor.dissentShort',
    shortcut: 'dissent',
    icon: MessageSquareQuote,
    run: (editor) => editor.dispatchCommand(INSERT_DISSENT_COMMAND, undefined),
  },
  {
    id: 'agenda',
    labelKey: 'editor.insertAgenda',
    shortKey: 'editor.agendaShort',
    shortcut: 'agenda',
    icon: ClipboardList,
    run: (editor) => editor.dispatchCommand(INSERT_AGENDA_COMMAND, undefined),
    isAvailable: (lookup) => lookup.canInsertAgenda === true,
  },
];

/**
 * The formatting and insert toolbar of one body editor, plus the dialogs it opens. In the
 * meeting document only the active body's toolbar is shown, in the document's one toolbar slot.
 */
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
  const slot = useDocumentToolbarSlot();
  const bodyKey = useContext(DocumentBodyKeyContext);
  const [state, setState] = useState(initialState);
  const [canUndo, setCanUndo] = useState(false);
  const [canRedo, setCanRedo] = useState(false);
  const [dialog, setDialog] = useState<'link' | 'appendix' | null>(null);
  const savedSelection = useRef<BaseSelection | null>(null);
  const roving = useRovingToolbar();

  // In the document: this body's toolbar is shown while it is the one being written in.
  const activate = slot?.activate;
  const claimDefault = slot?.claimDefault;
  const release = slot?.release;
  useEffect(() => {
    if (!activate || !claimDefault || !release || bodyKey === null) return undefined;
    claimDefault(bodyKey);
    const onFocus = () => activate(bodyKey);
    const stopListening = editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('focusin', onFocus);
      root?.addEventListener('focusin', onFocus);
    });
    return () => {
      stopListening();
      release(bodyKey);
    };
  }, [editor, activate, claimDefault, release, bodyKey]);

  // Alt+F10 (as in Word and most editors) moves to the toolbar, wherever it is drawn; Escape in
  // the toolbar returns to the text.
  const toolbarRef = roving.ref;
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'F10' || !event.altKey || event.ctrlKey || event.metaKey) return;
      const items = Array.from(
        toolbarRef.current?.querySelectorAll<HTMLElement>('[data-toolbar-item]') ?? [],
      ).filter((item) => !(item as HTMLButtonElement).disabled);
      const target = items.find((item) => item.tabIndex === 0) ?? items[0];
      if (!target) return;
      event.preventDefault();
      target.focus();
    };
    return editor.registerRootListener((root, previous) => {
      previous?.removeEventListener('keydown', onKeyDown);
      root?.addEventListener('keydown', onKeyDown);
    });
  }, [editor, toolbarRef]);

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
  /** Undoes or redoes the last edit of this body; disabled when there is none. */
  const historyButton = (step: 'undo' | 'redo', isPossible: boolean) => {
    const button = historySteps[step];
    return commandButton(
      button.labelKey,
      step,
      <button.icon size={16} />,
      () => editor.dispatchCommand(button.command, undefined),
      { disabled: !isPossible },
    );
  };
  /** Makes the paragraphs a list of the kind, or plain paragraphs again when they are one. */
  const listButton = (type: ListType) => {
    const toggle = listToggles[type];
    return commandButton(
      toggle.labelKey,
      toggle.shortcutId,
      <toggle.icon size={16} />,
      () =>
        editor.dispatchCommand(
          state.listType === type ? REMOVE_LIST_COMMAND : toggle.command,
          undefined,
        ),
      { 'aria-pressed': state.listType === type },
    );
  };
  const opens = { appendixPicker: () => openDialog('appendix') };

  const toolbar = (
    <div
      ref={roving.ref}
      className="editor-toolbar"
      role="toolbar"
      aria-label={t('editor.toolbarFor', { label })}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && !event.defaultPrevented) {
          event.preventDefault();
          editor.focus();
          return;
        }
        roving.onKeyDown(event);
      }}
    >
      {historyButton('undo', canUndo)}
      {historyButton('redo', canRedo)}
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
      {listButton('bullet')}
      {listButton('number')}
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
      {bodyCommands
        .filter((command) => command.isAvailable?.(lookup) ?? true)
        .map((command) => (
          <button
            key={command.id}
            type="button"
            data-toolbar-item
            className="editor-toolbar__button editor-toolbar__button--text"
            aria-label={t(command.labelKey)}
            title={titled(command.labelKey, command.shortcut)}
            onClick={() => command.run(editor, opens)}
          >
            <command.icon size={16} aria-hidden="true" />
            <span aria-hidden="true">{t(command.shortKey)}</span>
          </button>
        ))}
      <StandardTextMenu
        title={titled('editor.standardText', 'standardText')}
        standardTexts={standardTexts}
        onPick={(text) => {
          editor.dispatchCommand(INSERT_STANDARD_TEXT_COMMAND, text);
          // After the menu has given the focus back to its button.
          requestAnimationFrame(() => editor.focus());
        }}
      />
      {slot !== null && (
        // Which body the one toolbar works on (its accessible name says it too).
        <span className="editor-toolbar__label" aria-hidden="true">
          {label}
        </span>
      )}
    </div>
  );

  const isInDocument = slot !== null && bodyKey !== null;
  return (
    <>
      {isInDocument
        ? slot.host && slot.activeKey === bodyKey
          ? createPortal(toolbar, slot.host)
          : null
        : toolbar}
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

/**
 * The committee's standard texts as a menu (React Aria): drawn in a popover above the page,
 * flipped to stay in view, arrows move and Enter picks the highlighted text.
 */
function StandardTextMenu({
  title,
  standardTexts,
  onPick,
}: {
  title: string;
  standardTexts: readonly string[];
  onPick(text: string): void;
}) {
  const { t } = useTranslation();
  return (
    <MenuTrigger>
      <Button
        data-toolbar-item
        className="editor-toolbar__button editor-toolbar__button--text"
        aria-label={t('editor.standardText')}
      >
        <TextQuote size={16} aria-hidden="true" />
        <span aria-hidden="true" title={title}>
          {t('editor.standardText')}
        </span>
      </Button>
      <PopoverMenu
        label={t('editor.standardText')}
        placement="bottom start"
        onAction={(key) => {
          const text = standardTexts[Number(key)];
          if (text !== undefined) onPick(text);
        }}
      >
        {standardTexts.map((text, index) => (
          <MenuItem key={index} id={index} className="menu__item" textValue={text}>
            {text}
          </MenuItem>
        ))}
      </PopoverMenu>
    </MenuTrigger>
  );
}
