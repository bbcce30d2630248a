/**
 * Regression: choosing "Indsæt dagsorden" right after typing "/dagsorden" on a busy machine left
 * "/dagsord" in the text. Lexical had split off the query by the stale match of an earlier
 * keystroke ("/d"); the menus now find the query before the caret in the live editor state.
 */
import type { TriggerFn } from '@lexical/react/LexicalTypeaheadMenuPlugin';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  createEditor,
  type TextNode,
} from 'lexical';
import { describe, expect, it } from 'vitest';
import { $splitQueryBeforeCaret } from '../../renderer/src/editor/plugins/ListTypeaheadPlugin';

/** "/" at the start of a word, as the slash menu's trigger matches it. */
const slashTrigger: TriggerFn = (text) => {
  const match = /(^|\s)(\/(\S{0,30}))$/.exec(text);
  if (!match) return null;
  return {
    leadOffset: match.index + (match[1]?.length ?? 0),
    matchingString: match[3] ?? '',
    replaceableString: match[2] ?? '',
  };
};

/** The paragraph's text nodes as given, the caret at the end of the last one; the query node. */
function queryNodeIn(pieces: string[]): { query: string | null; paragraph: string } {
  const editor = createEditor({
    onError: (error) => {
      throw error;
    },
  });
  let query: string | null = null;
  let paragraph = '';
  editor.update(
    () => {
      const block = $createParagraphNode();
      const nodes = pieces.map((piece) => $createTextNode(piece));
      block.append(...nodes);
      $getRoot().append(block);
      nodes[nodes.length - 1]?.select();
      const node: TextNode | null = $splitQueryBeforeCaret(slashTrigger, editor);
      query = node?.getTextContent() ?? null;
      node?.remove();
      paragraph = block.getTextContent();
    },
    { discrete: true },
  );
  return { query, paragraph };
}

describe('the query a typeahead menu replaces', () => {
  it('is the whole "/dagsorden" although a stale match split it after "/dagsord"', () => {
    expect(queryNodeIn(['Se ', '/dagsord', 'en'])).toEqual({
      query: '/dagsorden',
      paragraph: 'Se ',
    });
  });

  it('is the query at the start of a paragraph in one node', () => {
    expect(queryNodeIn(['/dagsorden'])).toEqual({ query: '/dagsorden', paragraph: '' });
  });

  it('is nothing when no trigger precedes the caret', () => {
    expect(queryNodeIn(['a/b ', 'tekst'])).toEqual({ query: null, paragraph: 'a/b tekst' });
  });
});
