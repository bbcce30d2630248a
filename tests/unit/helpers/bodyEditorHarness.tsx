/**
 * What the unit tests that mount React components share: i18next with the app's Danish and
 * English strings, one React root per test in the (happy-dom) document, and a mounted
 * BodyEditor with its Lexical editor, its changes and a way to change its context.
 */
import { afterEach, beforeAll } from 'vitest';
import { act, useState, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { LexicalEditor } from 'lexical';
import type { RichText } from '../../../common/domain/richText';
import {
  BodyEditor,
  type BodyEditorContext,
  type BodyEditorProps,
} from '../../../renderer/src/editor/BodyEditor';
import {
  emptyMeetingRecords,
  MeetingRecordsContext,
  type MeetingRecords,
} from '../../../renderer/src/editor/meetingRecords';
import da from '../../../renderer/src/i18n/da.json';
import en from '../../../renderer/src/i18n/en.json';

// React's act() environment flag for a non-jest runner.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLElement | null = null;

/** Call once at the top of a test file: Danish strings before, the root unmounted after each test. */
export function setupReactTests(): void {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      resources: { da: { translation: da }, en: { translation: en } },
      lng: 'da',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
  });
  afterEach(() => {
    act(() => root?.unmount());
    container?.remove();
    root = null;
    container = null;
  });
}

/** Renders `element` into a new container in the document; unmounted after the test. */
export async function render(element: ReactElement): Promise<HTMLElement> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root?.render(element));
  return container;
}

/** The container of the current test's render. */
export function rendered(): HTMLElement {
  if (!container) throw new Error('nothing rendered in this test');
  return container;
}

/** Captures the editor instance from inside the composer. */
export function EditorProbe({ onEditor }: { onEditor(editor: LexicalEditor): void }) {
  const [editor] = useLexicalComposerContext();
  onEditor(editor);
  return null;
}

export type BodyEditorHarness = {
  editor: LexicalEditor;
  /** Every content `onChange` reported, in order (none when `onEdit` is given). */
  changes: RichText[];
  setContext(context: BodyEditorContext): void;
};

/** Mounts a BodyEditor (inside `records`) and waits for its Lexical editor. */
export async function mountBodyEditor(options: {
  context: BodyEditorContext;
  initialContent?: RichText;
  records?: MeetingRecords;
  ariaLabel?: string;
  onEdit?: BodyEditorProps['onEdit'];
}): Promise<BodyEditorHarness> {
  const changes: RichText[] = [];
  let editor: LexicalEditor | null = null;
  let setContext: (context: BodyEditorContext) => void = () => {};
  function Host() {
    const [current, set] = useState(options.context);
    setContext = set;
    return (
      <MeetingRecordsContext.Provider value={options.records ?? emptyMeetingRecords}>
        <BodyEditor
          initialContent={options.initialContent ?? []}
          {...(options.onEdit
            ? { onEdit: options.onEdit }
            : { onChange: (content: RichText) => changes.push(content) })}
          context={current}
          ariaLabel={options.ariaLabel ?? 'Beslutning'}
        >
          <EditorProbe onEditor={(e) => (editor = e)} />
        </BodyEditor>
      </MeetingRecordsContext.Provider>
    );
  }
  await render(<Host />);
  if (!editor) throw new Error('editor did not mount');
  return { editor, changes, setContext: (next) => act(() => setContext(next)) };
}
