import { describe, expect, it } from 'vitest';
import { highlightSnippet, snippetLength } from '../../common/search/highlight';
import { parseSearchQuery, type QueryTerm } from '../../common/search/query';
import { snippetToText } from '../../common/search/snippet';

function termsOf(text: string, isTyping = false): QueryTerm[] {
  const parsed = parseSearchQuery(text, { isTyping });
  if (parsed.isEmpty) throw new Error('empty');
  return parsed.groups.flat();
}

const text =
  'Teamworks formål er at få ledige dimittender i arbejde gennem netværk, og derfor kobles dimittenderne ' +
  'sammen med forskellige mentorer, som skal hjælpe dem i arbejde. Projektets oprindelige målgruppe var ' +
  'kontanthjælpsmodtagere, men på digitaliseringskonferencen den 26. september blev målgruppen justeret. ' +
  'Et særligt fokus i projektet har været, hvordan man får hinanden i arbejde ved at etablere en række teams.';

function marked(query: string, source = text, isTyping = false): string {
  return snippetToText(highlightSnippet(source, termsOf(query, isTyping)), '[', ']');
}

describe('highlightSnippet', () => {
  it('marks whole words case-insensitively and cuts around them at word boundaries', () => {
    const snippet = marked('MÅLGRUPPEN');
    expect(snippet).toContain('blev [målgruppen] justeret');
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(snippetLength + 8);
    expect(snippet).not.toContain('[målgruppe]');
  });

  it('marks a phrase as one run and a prefix as the whole word', () => {
    expect(marked('"ledige dimittender"')).toContain('få [ledige dimittender] i arbejde');
    expect(marked('kontanthjælp*')).toContain('var [kontanthjælpsmodtagere], men');
    expect(marked('dimit', text, true)).toContain('[dimittender]');
  });

  it('prefers the stretch holding the most different words', () => {
    const snippet = marked('teams fokus arbejde');
    expect(snippet).toContain('[fokus]');
    expect(snippet).toContain('[teams]');
  });

  it('does not mark words that only start like a non-prefix term, nor å for a', () => {
    expect(highlightSnippet(text, termsOf('målgrupp')).some((s) => s.isHit)).toBe(false);
    expect(highlightSnippet('år og ar', termsOf('ar'))).toEqual([
      { text: 'år og ', isHit: false },
      { text: 'ar', isHit: true },
    ]);
    expect(marked('Århus', 'I ÅRHUS og a\u030Arhus')).toBe('I [ÅRHUS] og [århus]');
  });

  it('shows the start of a text without matches and copes with empty text', () => {
    expect(marked('xyz').startsWith('Teamworks formål er')).toBe(true);
    expect(marked('xyz').endsWith(' …')).toBe(true);
    expect(highlightSnippet('', termsOf('x'))).toEqual([]);
    expect(highlightSnippet(' ... ', termsOf('x'))).toEqual([{ text: '...', isHit: false }]);
  });

  it('keeps markup in the text as plain text and line breaks as spaces', () => {
    expect(highlightSnippet('<b>Budget</b>\n2024', termsOf('budget'))).toEqual([
      { text: '<b>', isHit: false },
      { text: 'Budget', isHit: true },
      { text: '</b> 2024', isHit: false },
    ]);
  });

  it('treats regular-expression characters in terms as text', () => {
    // Through the parser: the brackets are not tokens, the words inside them are marked.
    expect(marked('(b) [c] .*', 'a (b) [c] .* d')).toBe('a ([b]) [[c]] .* d');
    // A term whose token holds regular-expression characters matches only those characters.
    const term = (token: string): QueryTerm => ({
      kind: 'word',
      tokens: [token],
      isPrefix: false,
      isExcluded: false,
    });
    const literally = (source: string, token: string) =>
      snippetToText(highlightSnippet(source, [term(token)]), '[', ']');
    expect(literally('abc a.c', 'a.c')).toBe('abc [a.c]');
    expect(literally('b (b) bb', '(b)')).toBe('b [(b)] bb');
    expect(literally('aaa a+ a', 'a+')).toBe('aaa [a+] a');
  });
});
