import { describe, expect, it } from 'vitest';
import type { RichText, Vote } from '../../common/domain/richText';
import { dissentBlockText, voteBlockText } from '../../common/wording/blocks';
import { isEmptyVote } from '../../common/wording/votes';
import {
  findInBodies,
  findInText,
  mergeMatches,
  pieceAt,
  richTextBlocks,
} from '../../common/editor/findInBodies';

const names = {
  appendix: (id: string) => (id === 'a1' ? 'Bilag 2' : 'Bilag ?'),
  participant: (id: string) => (id === 'p1' ? 'Anne Hansen' : '?'),
};

const participants = [
  { id: 'p1', name: 'Anne Hansen', party: 'A' },
  { id: 'p2', name: 'Bo Sund', party: null },
];
const blockContext = { participants, lang: 'da' as const };

const slices = (text: string, query: string, options = {}) =>
  findInText(text, query, options).map(({ start, end }) => text.slice(start, end));

describe('findInText', () => {
  it('ignores case by default and keeps the original spelling in the offsets', () => {
    expect(slices('Bilag 1 og bilag 2, BILAG 3', 'bilag')).toEqual(['Bilag', 'bilag', 'BILAG']);
    expect(slices('Bilag 1 og bilag 2', 'Bilag', { isCaseSensitive: true })).toEqual(['Bilag']);
  });

  it('treats æ, ø and å as letters of their own, also when accents are ignored', () => {
    expect(slices('Årsbudget og arsenal', 'år')).toEqual(['År']);
    expect(slices('Årsbudget og arsenal', 'ar', { isAccentInsensitive: true })).toEqual(['ar']);
    expect(slices('Økonomi og okonomi', 'ø', { isAccentInsensitive: true })).toEqual(['Ø']);
    expect(slices('Æbler', 'ae', { isAccentInsensitive: true })).toEqual([]);
  });

  it('finds "idé" for "ide" only when accents are ignored', () => {
    expect(slices('En idé og en ide', 'ide')).toEqual(['ide']);
    expect(slices('En idé og en ide', 'ide', { isAccentInsensitive: true })).toEqual([
      'idé',
      'ide',
    ]);
    // A decomposed é (e + combining acute) is one character of the original text.
    const decomposed = 'ide\u0301er';
    expect(slices(decomposed, 'ideer', { isAccentInsensitive: true })).toEqual([decomposed]);
  });

  it('matches a space against a non-breaking space and maps offsets past surrogate pairs', () => {
    expect(slices('Sag\u00a0nr. 12', 'sag nr')).toEqual(['Sag\u00a0nr']);
    const text = '😀 Møde 😀 møde';
    expect(findInText(text, 'møde')).toEqual([
      { start: 3, end: 7 },
      { start: 11, end: 15 },
    ]);
  });

  it('returns non-overlapping matches and nothing for an empty query', () => {
    expect(findInText('aaaa', 'aa')).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findInText('tekst', '')).toEqual([]);
    expect(findInText('', 'x')).toEqual([]);
  });
});

describe('findInBodies', () => {
  const bodies = [
    { owner: 'summary', blocks: ['Projektet afsluttes.', 'Intet nyt.'] },
    { owner: 'decision-1', blocks: [] },
    { owner: 'decision-2', blocks: ['Godkendt.', 'Projektet fortsætter; projektet evalueres.'] },
  ];

  it('lists matches in document order with their body, block and offsets', () => {
    expect(findInBodies(bodies, 'projektet').matches).toEqual([
      { owner: 'summary', block: 0, start: 0, end: 9 },
      { owner: 'decision-2', block: 1, start: 0, end: 9 },
      { owner: 'decision-2', block: 1, start: 22, end: 31 },
    ]);
  });

  it('never spans two blocks', () => {
    expect(findInBodies(bodies, 'afsluttes. Intet').matches).toEqual([]);
  });

  it('stops at the limit and says so', () => {
    const result = findInBodies(bodies, 'projektet', {}, 2);
    expect(result.matches).toHaveLength(2);
    expect(result.isTruncated).toBe(true);
    expect(findInBodies(bodies, 'projektet', {}, 3).isTruncated).toBe(false);
  });
});

describe('richTextBlocks', () => {
  it('gives one block per paragraph, heading, list item, vote and dissent, references named', () => {
    const content: RichText = [
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Indstilling' }] },
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Se ' },
          { type: 'appendixRef', appendixId: 'a1' },
          { type: 'text', text: ' fra ' },
          { type: 'participantRef', participantId: 'p1' },
          { type: 'link', url: 'https://gentofte.dk', children: [{ type: 'text', text: ' her' }] },
        ],
      },
      {
        type: 'vote',
        subject: 'Indstillingen',
        for: { participantIds: [], parties: ['A'], count: 5 },
        against: { participantIds: [], parties: [], count: 0 },
        abstained: { participantIds: [], parties: [], count: 0 },
        outcome: 'adopted',
      },
      { type: 'dissent', participantId: 'p1', text: 'Imod.' },
      {
        type: 'list',
        ordered: true,
        items: [
          {
            children: [{ type: 'text', text: 'Første' }],
            sublist: {
              type: 'list',
              ordered: false,
              items: [{ children: [{ type: 'text', text: 'Under' }] }],
            },
          },
          { children: [{ type: 'text', text: 'Anden' }] },
        ],
      },
    ];
    expect(richTextBlocks(content, names, blockContext)).toEqual([
      'Indstilling',
      'Se Bilag 2 fra Anne Hansen her',
      'Indstillingen blev enstemmigt vedtaget.',
      'Protokoltilførsel fra Anne Hansen (A): Imod.',
      'Første',
      'Under',
      'Anden',
    ]);
  });
});

describe('votes and dissents as the document shows them', () => {
  const group = (
    participantIds: string[],
    parties: string[] = [],
    count: number | null = null,
  ) => ({
    participantIds,
    parties,
    count,
  });
  const vote: Vote = {
    type: 'vote',
    subject: '',
    for: group(['p1', 'p3'], ['V']),
    against: group(['p2']),
    abstained: group([]),
    outcome: 'adopted',
  };

  it("writes a vote's minutes text with the members' names in the UI language", () => {
    expect(voteBlockText(vote, blockContext)).toBe(
      'Et flertal bestående af V, Anne Hansen (A) og ? (fjernet deltager) stemte for. Bo Sund stemte imod.',
    );
    expect(voteBlockText(vote, { participants, lang: 'en' })).toBe(
      'A majority consisting of V, Anne Hansen (A) and ? (removed participant) voted in favour. Bo Sund voted against.',
    );
    // A vote not filled in shows the editor's placeholder: no minutes text to find.
    const empty: Vote = { ...vote, for: group([]), against: group([]) };
    expect(isEmptyVote(empty)).toBe(true);
    expect(voteBlockText(empty, blockContext)).toBe('');
    // A count of 0 is filled in.
    expect(isEmptyVote({ ...empty, against: group([], [], 0) })).toBe(false);
  });

  it('writes a dissent with its lead-in, the party in brackets, a removed member marked', () => {
    const dissent = (participantId: string) => ({ participantId, text: 'For dyrt.' });
    expect(dissentBlockText(dissent('p1'), blockContext)).toBe(
      'Protokoltilførsel fra Anne Hansen (A): For dyrt.',
    );
    expect(dissentBlockText(dissent('p2'), blockContext)).toBe(
      'Protokoltilførsel fra Bo Sund: For dyrt.',
    );
    expect(dissentBlockText(dissent('p9'), blockContext)).toBe(
      'Protokoltilførsel fra ? (fjernet deltager): For dyrt.',
    );
    expect(dissentBlockText(dissent('p1'), { participants, lang: 'en' })).toBe(
      'Minute note by Anne Hansen (A): For dyrt.',
    );
  });

  it("finds a member's name in a vote between the paragraphs around it, with the matcher's options", () => {
    const content: RichText = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Bo Sund spurgte.' }] },
      vote,
      { type: 'dissent', participantId: 'p2', text: 'Idéen er for dyr.' },
      { type: 'paragraph', children: [{ type: 'text', text: 'Bo Sund tog forbehold.' }] },
    ];
    const blocks = richTextBlocks(content, names, blockContext);
    expect(findInBodies([{ owner: 'decision', blocks }], 'bo sund').matches).toEqual([
      { owner: 'decision', block: 0, start: 0, end: 7 },
      { owner: 'decision', block: 1, start: 79, end: 86 },
      { owner: 'decision', block: 2, start: 22, end: 29 },
      { owner: 'decision', block: 3, start: 0, end: 7 },
    ]);
    expect(blocks[1]?.slice(79, 86)).toBe('Bo Sund');
    const ideas = (options = {}) =>
      findInBodies([{ owner: 'decision', blocks }], 'ideen', options).matches.length;
    expect(ideas()).toBe(0);
    expect(ideas({ isAccentInsensitive: true })).toBe(1);
    expect(
      findInBodies([{ owner: 'd', blocks }], 'sund', { isCaseSensitive: true }).matches,
    ).toEqual([]);
  });
});

describe('pieceAt', () => {
  // "Marie-Louise" + " (formand)" + ", stedfortræder": three text nodes of one line.
  const lengths = [12, 11, 16];

  it('places a start at the start of the later piece and an end at the end of the earlier one', () => {
    expect(pieceAt(lengths, 0, false)).toEqual({ piece: 0, offset: 0 });
    expect(pieceAt(lengths, 12, false)).toEqual({ piece: 1, offset: 0 });
    expect(pieceAt(lengths, 12, true)).toEqual({ piece: 0, offset: 12 });
    expect(pieceAt(lengths, 30, true)).toEqual({ piece: 2, offset: 7 });
    expect(pieceAt(lengths, 39, true)).toEqual({ piece: 2, offset: 16 });
  });

  it('skips empty pieces and gives null outside the text', () => {
    expect(pieceAt([3, 0, 2], 3, false)).toEqual({ piece: 2, offset: 0 });
    expect(pieceAt([3, 0, 2], 3, true)).toEqual({ piece: 0, offset: 3 });
    expect(pieceAt(lengths, 39, false)).toBeNull();
    expect(pieceAt(lengths, 0, true)).toBeNull();
    expect(pieceAt(lengths, -1, false)).toBeNull();
    expect(pieceAt([], 0, false)).toBeNull();
  });
});

describe('mergeMatches', () => {
  // Positions on one line of the page: bodies' matches and fixed text's, each in order.
  const isBefore = (a: number, b: number) => a < b;
  const list = (matches: number[], isTruncated = false) => ({ matches, isTruncated });

  it('interleaves two lists in document order', () => {
    expect(mergeMatches(list([2, 5, 9]), list([1, 6, 7, 10]), isBefore)).toEqual({
      matches: [1, 2, 5, 6, 7, 9, 10],
      isTruncated: false,
    });
    expect(mergeMatches(list([]), list([3]), isBefore).matches).toEqual([3]);
  });

  it('stops at the last match of a cut list: what lies past it may be missing', () => {
    // The bodies stopped counting at 5: fixed text at 6 and 10 could be preceded by more.
    expect(mergeMatches(list([2, 5], true), list([1, 6, 10]), isBefore)).toEqual({
      matches: [1, 2, 5],
      isTruncated: true,
    });
    expect(mergeMatches(list([2, 5]), list([1], true), isBefore)).toEqual({
      matches: [1],
      isTruncated: true,
    });
    expect(mergeMatches(list([2], true), list([]), isBefore).isTruncated).toBe(true);
  });

  it('returns at most the limit', () => {
    expect(mergeMatches(list([2, 5, 9]), list([1, 6]), isBefore, 3)).toEqual({
      matches: [1, 2, 5],
      isTruncated: true,
    });
    expect(mergeMatches(list([2]), list([1]), isBefore, 2).isTruncated).toBe(false);
  });
});
