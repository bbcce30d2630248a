import { describe, expect, it } from 'vitest';
import type { RichText } from '../../main/common/domain/richText';
import { findInBodies, findInText, richTextBlocks } from '../../main/common/editor/findInBodies';

const names = {
  appendix: (id: string) => (id === 'a1' ? 'Bilag 2' : 'Bilag ?'),
  participant: (id: string) => (id === 'p1' ? 'Anne Hansen' : '?'),
};

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
  it('gives one block per paragraph, heading and list item, references named, votes and dissents skipped', () => {
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
    expect(richTextBlocks(content, names)).toEqual([
      'Indstilling',
      'Se Bilag 2 fra Anne Hansen her',
      'Første',
      'Under',
      'Anden',
    ]);
  });
});
