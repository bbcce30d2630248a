/**
 * The dispatch over the kinds of block that the conversions share: `mapBlock` applies a table
 * of one function per kind (the editor conversion's normal forms and nodes), `readBlock` the one
 * walk that the plain text, the minutes' wording and find read bodies with.
 */
import { describe, expect, it } from 'vitest';
import {
  mapBlock,
  plainBlockReader,
  readBlock,
  type BlockMap,
  type BlockReader,
  type RichText,
} from '../../common/domain/richText';

const text = (value: string) => ({ type: 'text' as const, text: value });
const group = { participantIds: [], parties: [], count: 0 };

const body: RichText = [
  { type: 'heading', level: 2, children: [text('Overskrift')] },
  { type: 'paragraph', children: [text('Afsnit '), { type: 'appendixRef', appendixId: 'a1' }] },
  {
    type: 'list',
    ordered: true,
    items: [{ children: [text('Et')] }, { children: [text('To')] }],
  },
  {
    type: 'table',
    headerRow: false,
    rows: [{ cells: [{ children: [{ type: 'paragraph', children: [text('Celle')] }] }] }],
  },
  {
    type: 'vote',
    subject: 'Indstillingen',
    for: group,
    against: group,
    abstained: group,
    outcome: 'adopted',
  },
  { type: 'dissent', participantId: 'p1', text: 'Imod.' },
  {
    type: 'quotedDecision',
    committee: 'Økonomiudvalget',
    date: '2017-11-20',
    itemNumber: '4',
    meetingId: null,
    itemId: null,
    text: 'Anbefales.',
    vote: null,
  },
];

describe('mapBlock', () => {
  it("applies the function of each block's own kind", () => {
    const kinds: BlockMap<string> = {
      paragraph: (paragraph) => `paragraph:${paragraph.children.length}`,
      heading: (heading) => `heading:${heading.level}`,
      list: (list) => `list:${list.items.length}`,
      vote: (vote) => `vote:${vote.subject}`,
      dissent: (dissent) => `dissent:${dissent.text}`,
      quotedDecision: (quote) => `quote:${quote.committee}`,
      table: (table) => `table:${table.rows.length}`,
    };
    expect(body.map((block) => mapBlock(block, kinds))).toEqual([
      'heading:2',
      'paragraph:2',
      'list:2',
      'table:1',
      'vote:Indstillingen',
      'dissent:Imod.',
      'quote:Økonomiudvalget',
    ]);
  });
});

describe('readBlock', () => {
  it('hands each kind of block to the reader of its kind, a paragraph and a heading to inlines', () => {
    const tagging: BlockReader = {
      inlines: (children) => `inlines:${children.length}`,
      list: (list) => list.items.map((_, index) => `list item ${index}`),
      table: (table) => [`table:${table.rows.length}`],
      vote: (vote) => `vote:${vote.subject}`,
      dissent: (dissent) => `dissent:${dissent.text}`,
      quotedDecision: (quote) => `quote:${quote.text}`,
    };
    expect(body.flatMap((block) => readBlock(block, tagging))).toEqual([
      'inlines:1',
      'inlines:2',
      'list item 0',
      'list item 1',
      'table:1',
      'vote:Indstillingen',
      'dissent:Imod.',
      'quote:Anbefales.',
    ]);
  });

  it('reads plainly: list markers, table rows, a vote by its subject, references resolved', () => {
    const reader = plainBlockReader({ appendix: () => 'Bilag 1' });
    expect(body.flatMap((block) => readBlock(block, reader))).toEqual([
      'Overskrift',
      'Afsnit Bilag 1',
      '1. Et',
      '2. To',
      'Celle',
      'Indstillingen',
      'Imod.',
      'Anbefales.',
    ]);
  });
});
