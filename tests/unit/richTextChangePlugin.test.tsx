// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { $getRoot, $isParagraphNode, $isTextNode, type LexicalEditor } from 'lexical';
import type { RichText } from '../../common/domain/richText';
import { mountBodyEditor } from './helpers/bodyEditorHarness';
import { setupReactTests } from './helpers/reactHarness';

setupReactTests();

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
    const readers: Array<() => RichText> = [];
    const { editor: probe } = await mountBodyEditor({
      initialContent: [paragraph('Godkendt')],
      onEdit: (read) => readers.push(read),
      context: { appendices: [], participants: [], lang: 'da' },
    });
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
