// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, $isParagraphNode, $isTextNode, type LexicalEditor } from 'lexical';
import type { RichText } from '../../main/common/domain/richText';
import { BodyEditor } from '../../renderer/src/editor/BodyEditor';
import da from '../../renderer/src/i18n/da.json';

// React's act() environment flag for a non-jest runner.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { da: { translation: da } },
    lng: 'da',
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
});

function EditorProbe({ onEditor }: { onEditor(editor: LexicalEditor): void }) {
  const [editor] = useLexicalComposerContext();
  onEditor(editor);
  return null;
}

const paragraph = (text: string): RichText[number] => ({
  type: 'paragraph',
  children: [{ type: 'text', text }],
});

/** Appends text to the first paragraph, as typing at its end does. */
function type(editor: LexicalEditor, text: string): void {
  editor.update(
    () => {
      const first = $getRoot().getFirstChild();
      const node = $isParagraphNode(first) ? first.getFirstChild() : null;
      if ($isTextNode(node)) node.setTextContent(node.getTextContent() + text);
    },
    { discrete: true },
  );
}

describe('BodyEditor onEdit (the autosave path)', () => {
  it('reports each change with a reader that converts the content current when it is called', async () => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    const readers: Array<() => RichText> = [];
    let editor: LexicalEditor | null = null;
    await act(async () =>
      root?.render(
        <BodyEditor
          initialContent={[paragraph('Godkendt')]}
          onEdit={(read) => readers.push(read)}
          context={{ appendices: [], participants: [], lang: 'da' }}
          ariaLabel="Beslutning"
        >
          <EditorProbe onEditor={(e) => (editor = e)} />
        </BodyEditor>,
      ),
    );
    if (!editor) throw new Error('editor did not mount');
    const probe: LexicalEditor = editor;
    const before = readers.length;
    await act(async () => {
      type(probe, ' med');
      type(probe, ' bemærkninger');
      // A selection move is no change of the content.
      probe.update(() => $getRoot().selectStart(), { discrete: true });
    });
    expect(readers.length - before).toBe(2);
    // The first reader, called after both edits (as a debounced save does), sees both.
    expect(readers[before]?.()).toEqual([paragraph('Godkendt med bemærkninger')]);
  });
});
