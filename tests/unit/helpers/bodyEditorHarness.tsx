/**
 * A mounted BodyEditor for unit tests: its Lexical editor, its changes and a way to change its
 * context (rendered through reactHarness.tsx).
 */
import { act, useState } from 'react';
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
import { render } from './reactHarness';

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
