/**
 * The rich-text editor of one body (Resumé, Indstilling, a decision's Ad-section ...).
 *
 * It loads `initialContent` once (remount with a new `key` to load other content), reports
 * content changes through `onEdit` (a reader, converted when the caller's debounced save sends)
 * or `onChange` (the `RichText` after every change), and displays references from `context`.
 * Structured parts (votes, dissents, appendix and participant references) are custom nodes
 * bound to record ids.
 */
import { useMemo, type ReactNode } from 'react';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { TablePlugin } from '@lexical/react/LexicalTablePlugin';
import type { RichText } from '../../../common/domain/richText';
import { richTextToLexicalState } from '../../../common/editor/lexicalState';
import { defaultStandardTexts } from '../../../common/editor/standardTexts';
import type { AppendixInfo } from '../../../common/editor/references';
import { safeUrlSchema } from '../../../common/domain/richText';
import type { Lang } from '../../../common/wording/words';
import { editorNodes } from './nodes';
import { PastePlugin } from './paste/PastePlugin';
import { AgendaPlugin } from './plugins/AgendaPlugin';
import { AppendixTriggerPlugin } from './plugins/AppendixTriggerPlugin';
import { BodyHistoryPlugin } from './plugins/BodyHistoryPlugin';
import { DocumentBodyPlugin } from './plugins/DocumentBodyPlugin';
import { InsertCommandsPlugin } from './plugins/InsertCommandsPlugin';
import { ParticipantTriggerPlugin } from './plugins/ParticipantTriggerPlugin';
import { ReferenceLookupPlugin } from './plugins/ReferenceLookupPlugin';
import { RichTextChangePlugin } from './plugins/RichTextChangePlugin';
import { ShortcutsPlugin } from './plugins/ShortcutsPlugin';
import { TableModelPlugin } from './plugins/TableModelPlugin';
import { SlashMenuPlugin } from './plugins/SlashMenuPlugin';
import { ToolbarPlugin } from './plugins/ToolbarPlugin';
import { ReferenceContext, type ParticipantInfo, type ReferenceLookup } from './referenceLookup';
import { editorTheme } from './theme';
import './editor.css';

export type BodyEditorContext = {
  appendices: readonly AppendixInfo[];
  participants: readonly ParticipantInfo[];
  lang: Lang;
  /** False for the confidential text of a closed item; defaults to true (warn about closed appendices). */
  isOpenText?: boolean;
  /** The meeting's Resumé: offers "Indsæt dagsorden" (the agenda points with presenters). */
  canInsertAgenda?: boolean;
};

export type BodyEditorProps = {
  initialContent: RichText;
  /** Every change as `RichText` (converts the whole body per change: for small uses and tests). */
  onChange?: (content: RichText) => void;
  /**
   * That the content changed, with a reader of the current content: the conversion of the
   * whole body is left to the debounced save instead of running on every keystroke.
   */
  onEdit?: (read: () => RichText) => void;
  context: BodyEditorContext;
  ariaLabel: string;
  /** Approved or signed minutes are shown read-only. */
  isReadOnly?: boolean;
  /** The committee's standard decision texts; defaults to the built-in list. */
  standardTexts?: readonly string[];
  /** Rendered between the toolbar and the text, e.g. a conflict notice. */
  children?: ReactNode;
  /** Focus the text once created, caret at its end (a lazily started editor the user clicked). */
  isAutoFocus?: boolean;
};

const isSafeUrl = (url: string) => safeUrlSchema.safeParse(url).success;

export function BodyEditor({
  initialContent,
  onChange,
  onEdit,
  context,
  ariaLabel,
  isReadOnly = false,
  standardTexts = defaultStandardTexts,
  children,
  isAutoFocus = false,
}: BodyEditorProps) {
  const { appendices, participants, lang, isOpenText = true, canInsertAgenda = false } = context;
  const lookup = useMemo<ReferenceLookup>(
    () => ({ appendices, participants, lang, isOpenText, canInsertAgenda }),
    [appendices, participants, lang, isOpenText, canInsertAgenda],
  );
  // The initial state is read once by LexicalComposer; later prop changes do not reload it.
  const initialConfig = useMemo<InitialConfigType>(
    () => ({
      namespace: 'referat-body',
      nodes: [...editorNodes],
      theme: editorTheme,
      editable: !isReadOnly,
      editorState: JSON.stringify(richTextToLexicalState(initialContent)),
      onError: (error: Error) => {
        throw error;
      },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- content is initial by design
    [],
  );
  return (
    <ReferenceContext.Provider value={lookup}>
      <LexicalComposer initialConfig={initialConfig}>
        <div className="body-editor">
          {!isReadOnly && <ToolbarPlugin standardTexts={standardTexts} label={ariaLabel} />}
          {children}
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="body-editor__content"
                aria-label={ariaLabel}
                aria-multiline
                role="textbox"
                spellCheck
                lang="da"
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
          {/* One undo order for the meeting document; its own history elsewhere. */}
          <BodyHistoryPlugin />
          <DocumentBodyPlugin />
          {isAutoFocus && <AutoFocusPlugin defaultSelection="rootEnd" />}
          <ListPlugin />
          {/* Tables: no merged cells (the model has none), no cell colours; Tab moves between cells. */}
          <TablePlugin hasCellMerge={false} hasCellBackgroundColor={false} />
          <TableModelPlugin />
          <LinkPlugin validateUrl={isSafeUrl} />
          <ReferenceLookupPlugin lookup={lookup} />
          <InsertCommandsPlugin />
          <ShortcutsPlugin standardText={standardTexts[0] ?? null} />
          <AppendixTriggerPlugin />
          <ParticipantTriggerPlugin />
          <AgendaPlugin />
          <SlashMenuPlugin standardTexts={standardTexts} />
          <PastePlugin />
          <RichTextChangePlugin
            initialContent={initialContent}
            onChange={onChange}
            onEdit={onEdit}
          />
        </div>
      </LexicalComposer>
    </ReferenceContext.Provider>
  );
}
