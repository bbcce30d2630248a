// @vitest-environment happy-dom
/**
 * Find in the votes and dissents of a body (documentFind.ts): a body gives the same matches
 * (same blocks, same offsets) from its stored content as from its started editor, so the count
 * does not jump when a section starts; a match in a vote or a dissent maps onto the text its
 * view renders, and selecting it selects the block node.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { $getRoot, $getSelection, $isNodeSelection, $isRangeSelection } from 'lexical';
import type { RichText } from '../../common/domain/richText';
import {
  dissentBlockText,
  voteBlockText,
  type BlockTextContext,
} from '../../common/wording/blocks';
import type { BodyEditorContext } from '../../renderer/src/editor/BodyEditor';
import { DocumentBodies } from '../../renderer/src/editor/documentBodies';
import {
  DocumentSearch,
  matchRanges,
  $replaceMatches,
  placeCaretBesideBlock,
  selectMatch,
  type DocumentMatch,
  type FoundMatch,
} from '../../renderer/src/editor/documentFind';
import { $isDissentNode, $isVoteNode } from '../../renderer/src/editor/nodes';
import { mountBodyEditor } from './helpers/bodyEditorHarness';
import { setupReactTests } from './helpers/reactHarness';

setupReactTests();

const participants = [
  { id: 'p1', name: 'Marie-Louise Andreassen', party: 'C', attendance: 'present' as const },
  { id: 'p2', name: 'Kristine Kryger', party: 'C', attendance: 'present' as const },
  { id: 'p3', name: 'Michael Fenger', party: 'V', attendance: 'present' as const },
];

const group = (participantIds: string[]) => ({ participantIds, parties: [], count: null });

const content: RichText = [
  { type: 'paragraph', children: [{ type: 'text', text: 'Fenger spurgte til udgiften.' }] },
  {
    type: 'vote',
    subject: 'forslaget',
    for: group(['p1', 'p2']),
    against: group(['p3']),
    abstained: group([]),
    outcome: 'adopted',
  },
  {
    type: 'paragraph',
    children: [
      { type: 'participantRef', participantId: 'p3' },
      { type: 'text', text: ' tog forbehold.' },
    ],
  },
  { type: 'dissent', participantId: 'p3', text: 'Idéen om Kvægavlsforeningen er for dyr.' },
  {
    type: 'list',
    ordered: false,
    items: [{ children: [{ type: 'text', text: 'Fenger og Kryger' }] }],
  },
  // Not filled in: the view's placeholder is no minutes text.
  {
    type: 'vote',
    subject: '',
    for: group([]),
    against: group([]),
    abstained: group([]),
    outcome: 'adopted',
  },
];

const owner = { kind: 'item' as const, itemId: 'i1', field: 'decision' as const };

/** A document of one body, searched from its stored content until its editor registers. */
function oneBodyDocument() {
  const bodies = new DocumentBodies();
  bodies.entries = [{ key: 'i1', owner, content }];
  const names = {
    appendix: () => 'Bilag',
    participant: (id: string) => participants.find((p) => p.id === id)?.name ?? '?',
  };
  return { bodies, search: new DocumentSearch(bodies, () => names) };
}

const bodyMatches = (matches: readonly FoundMatch[]): DocumentMatch[] =>
  matches.flatMap((match) =>
    match.kind === 'body'
      ? [{ owner: match.owner, block: match.block, start: match.start, end: match.end }]
      : [],
  );

describe('find in votes and dissents', () => {
  for (const lang of ['da', 'en'] as const) {
    it(`gives the same matches from the stored content and from the started editor (${lang})`, async () => {
      const context: BodyEditorContext = { appendices: [], participants, lang };
      const blockContext: BlockTextContext = { participants, lang };
      const { bodies, search } = oneBodyDocument();
      const queries = ['fenger', 'kryger', 'kvægavlsforeningen', 'forslaget', 'ideen', 'c)'];
      const stored = queries.map((query) =>
        bodyMatches(search.search(query, { isAccentInsensitive: true }, blockContext).matches),
      );
      const { editor } = await mountBodyEditor({ initialContent: content, context });
      bodies.register('i1', editor);
      const live = queries.map((query) =>
        bodyMatches(search.search(query, { isAccentInsensitive: true }, blockContext).matches),
      );
      expect(live).toEqual(stored);
      // The vote between the paragraphs, the dissent and the list item are found in order.
      expect(stored[0]?.map((match) => match.block)).toEqual([0, 1, 2, 3, 4]);
      expect(stored[2]).toHaveLength(1);
      expect(stored[4]).toHaveLength(1);
    });
  }

  for (const lang of ['da', 'en'] as const) {
    it(`renders a vote and a dissent with the one wording the PDF, DOCX and search use (${lang})`, async () => {
      const context: BodyEditorContext = { appendices: [], participants, lang };
      const { editor } = await mountBodyEditor({ initialContent: content, context });
      const root = editor.getRootElement();
      const shown = (testId: string) =>
        root?.querySelector(`[data-testid="${testId}"] [data-find-block]`)?.textContent;
      const vote = content[1];
      const dissent = content[3];
      if (vote?.type !== 'vote' || dissent?.type !== 'dissent') throw new Error('fixture changed');
      const wording = { participants, lang };
      expect(shown('vote')).toBe(voteBlockText(vote, wording));
      expect(shown('dissent')).toBe(dissentBlockText(dissent, wording));
      expect(shown('vote')).toBe(
        lang === 'da'
          ? 'Et flertal bestående af Marie-Louise Andreassen (C) og Kristine Kryger (C) stemte for. Michael Fenger (V) stemte imod. Forslaget blev vedtaget.'
          : 'A majority consisting of Marie-Louise Andreassen (C) and Kristine Kryger (C) voted in favour. Michael Fenger (V) voted against. Forslaget: adopted.',
      );
      // Copy as plain text writes the same sentences.
      const copied = editor.getEditorState().read(() => $getRoot().getTextContent());
      expect(copied).toContain(voteBlockText(vote, wording));
      expect(copied).toContain(dissentBlockText(dissent, wording));
    });
  }

  it("maps a match in a vote or a dissent onto its view's text and selects the block", async () => {
    const context: BodyEditorContext = { appendices: [], participants, lang: 'da' };
    const { bodies, search } = oneBodyDocument();
    const { editor } = await mountBodyEditor({ initialContent: content, context });
    bodies.register('i1', editor);
    const found = bodyMatches(search.search('fenger', {}, { participants, lang: 'da' }).matches);
    const ranges = matchRanges(editor, found);
    // The third is in a participant reference, which is marked whole.
    expect(ranges.map((range) => range.toString())).toEqual([
      'Fenger',
      'Fenger',
      'Michael Fenger',
      'Fenger',
      'Fenger',
    ]);
    const [, inVote, , inDissent] = ranges;
    expect(inVote?.startContainer.parentElement?.closest('[data-testid="vote"]')).not.toBeNull();
    expect(
      inDissent?.startContainer.parentElement?.closest('[data-testid="dissent"]'),
    ).not.toBeNull();

    const [, voteMatch, , dissentMatch] = found;
    if (!voteMatch || !dissentMatch) throw new Error('no vote or dissent match');
    let range: Range | null = null;
    await act(async () => {
      range = selectMatch(editor, voteMatch);
    });
    expect((range as Range | null)?.toString()).toBe('Fenger');
    const selected = () =>
      editor.getEditorState().read(() => {
        const selection = $getSelection();
        const [node] = $isNodeSelection(selection) ? selection.getNodes() : [];
        return $isVoteNode(node) ? 'vote' : $isDissentNode(node) ? 'dissent' : null;
      });
    expect(selected()).toBe('vote');
    await act(async () => {
      selectMatch(editor, dissentMatch);
    });
    expect(selected()).toBe('dissent');
  });

  it('puts the caret beside a vote or a dissent: at the start of the text after it, else at the end of the text before it', async () => {
    const context: BodyEditorContext = { appendices: [], participants, lang: 'da' };
    const { bodies, search } = oneBodyDocument();
    const { editor } = await mountBodyEditor({ initialContent: content, context });
    bodies.register('i1', editor);
    const caret = (of = editor) =>
      of.getEditorState().read(
        () => {
          const selection = $getSelection();
          if (!$isRangeSelection(selection) || !selection.isCollapsed()) return null;
          return [selection.anchor.getNode().getTextContent(), selection.anchor.offset];
        },
        { editor: of },
      );
    const [inText, inVote, , inDissent] = bodyMatches(
      search.search('fenger', {}, { participants, lang: 'da' }).matches,
    );
    if (!inText || !inVote || !inDissent) throw new Error('missing matches');
    await act(async () => {
      expect(placeCaretBesideBlock(editor, inVote)).toBe(true);
    });
    // The paragraph after the vote: before its participant reference.
    expect(caret()).toEqual(['Michael Fenger tog forbehold.', 0]);
    await act(async () => {
      expect(placeCaretBesideBlock(editor, inDissent)).toBe(true);
    });
    expect(caret()).toEqual(['Fenger og Kryger', 0]);
    // A match in text is no block: nothing is placed.
    expect(placeCaretBesideBlock(editor, inText)).toBe(false);

    // The last block: the caret goes to the end of the text before it.
    const { editor: second } = await mountBodyEditor({
      initialContent: [
        { type: 'paragraph', children: [{ type: 'text', text: 'Drøftet.' }] },
        { type: 'dissent', participantId: 'p3', text: 'For dyrt.' },
      ],
      context,
    });
    await act(async () => {
      expect(placeCaretBesideBlock(second, { owner: 'i1', block: 1, start: 0, end: 3 })).toBe(true);
    });
    expect(caret(second)).toEqual(['Drøftet.', 8]);
  });

  it('finds nothing in the view once it shows other text than was found (refused, not misplaced)', async () => {
    const context: BodyEditorContext = { appendices: [], participants, lang: 'da' };
    const { bodies, search } = oneBodyDocument();
    const { editor } = await mountBodyEditor({ initialContent: content, context });
    bodies.register('i1', editor);
    const [, , , inDissent] = bodyMatches(
      search.search('fenger', {}, { participants, lang: 'da' }).matches,
    );
    if (!inDissent) throw new Error('no dissent match');
    const marked = editor
      .getRootElement()
      ?.querySelector('[data-testid="dissent"] [data-find-block]');
    const strong = marked?.querySelector('strong');
    if (strong) strong.textContent = 'Ændret';
    expect(matchRanges(editor, [inDissent])).toEqual([]);
  });
});

describe('find in tables', () => {
  it('gives the same matches in a table from the stored content and from the started editor', async () => {
    const cell = (...texts: string[]) => ({
      children: texts.map((text) => ({
        type: 'paragraph' as const,
        children: text === '' ? [] : [{ type: 'text' as const, text }],
      })),
    });
    const tableContent: RichText = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Tilskud til roklubben:' }] },
      {
        type: 'table',
        headerRow: true,
        rows: [
          { cells: [cell('Klub'), cell('Beløb')] },
          { cells: [cell('Øresunds Roklub', 'nye årer til roklubben'), cell('')] },
          { cells: [cell(''), cell('12.500 kr. til roklubben')] },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'Roklubben takkede.' }] },
    ];
    const bodies = new DocumentBodies();
    bodies.entries = [{ key: 'i1', owner, content: tableContent }];
    const search = new DocumentSearch(bodies, () => ({
      appendix: () => 'Bilag',
      participant: () => '?',
    }));
    const blockContext: BlockTextContext = { participants, lang: 'da' };
    const queries = ['roklub', 'beløb', 'kr.'];
    const stored = queries.map((query) =>
      bodyMatches(search.search(query, {}, blockContext).matches),
    );
    const { editor } = await mountBodyEditor({
      initialContent: tableContent,
      context: { appendices: [], participants, lang: 'da' },
    });
    bodies.register('i1', editor);
    const live = queries.map((query) =>
      bodyMatches(search.search(query, {}, blockContext).matches),
    );
    expect(live).toEqual(stored);
    // Paragraph, then the cells' paragraphs row by row (an empty cell is one empty block).
    expect(stored[0]?.map((match) => match.block)).toEqual([0, 3, 4, 7, 8]);
    expect(matchRanges(editor, live[0] ?? []).map((range) => range.toString())).toEqual([
      'roklub',
      'Roklub',
      'roklub',
      'roklub',
      'Roklub',
    ]);
    // Replace reaches the cells too: every match, in place, the table kept.
    let count = { replaced: 0, skipped: 0 };
    await act(async () => {
      editor.update(
        () => {
          count = $replaceMatches(live[0] ?? [], 'kajakklub');
        },
        { discrete: true },
      );
    });
    expect(count).toEqual({ replaced: 5, skipped: 0 });
    expect(
      bodyMatches(search.search('kajakklub', {}, blockContext).matches).map((m) => m.block),
    ).toEqual([0, 3, 4, 7, 8]);
    expect(editor.getRootElement()?.querySelector('table td')?.textContent).toBe(
      'Øresunds kajakklubnye årer til kajakklubben',
    );
  });
});
