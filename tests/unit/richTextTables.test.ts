/**
 * The table block of the rich text: what the model accepts and refuses, how it reads as plain
 * text (search, copy, snippets) and in find, how it travels through referat/2 (export → import →
 * export byte-identical, references inside cells checked with their path) and how it converts
 * to and from the editor's Lexical JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  maxTableColumns,
  maxTableRows,
  richTextSchema,
  richTextToPlain,
  tablesWithinLimits,
  type RichText,
  type Table,
} from '../../common/domain/richText';
import { richTextBlocks } from '../../common/editor/findInBodies';
import { referencedAppendixIds } from '../../common/editor/references';
import { lexicalStateToRichText, richTextToLexicalState } from '../../common/editor/lexicalState';
import type { SerializedEditorStateJson } from '../../common/editor/lexicalJson';
import { buildEdition } from '../../common/export/editions';
import { checkPersonalData } from '../../common/export/personalData';
import {
  parseReferatDocument,
  serializeReferatDocument,
  validateReferatDocument,
} from '../../common/format/referatJson';
import { bodyPlainText } from '../../common/wording/blocks';
import { budgetTable, grantsTable, tableMeeting } from '../support/tableMeeting';

const fixtureText = fs.readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);

const text = (value: string) => ({ type: 'text' as const, text: value });
const cell = (...paragraphs: string[]) => ({
  children: paragraphs.map((value) => ({
    type: 'paragraph' as const,
    children: value === '' ? [] : [text(value)],
  })),
});

describe('the table block', () => {
  it('accepts a table with a header row and cells of several paragraphs or none', () => {
    const table: Table = {
      type: 'table',
      headerRow: true,
      rows: [
        { cells: [cell('Post'), cell('Beløb')] },
        { cells: [cell('Drift', 'inkl. løn'), { children: [] }] },
      ],
    };
    expect(richTextSchema.safeParse([table]).success).toBe(true);
  });

  it('refuses ragged rows, no rows, too many columns and anything but paragraphs in a cell', () => {
    const ragged = {
      type: 'table',
      headerRow: false,
      rows: [{ cells: [cell('a'), cell('b')] }, { cells: [cell('c')] }],
    };
    const result = richTextSchema.safeParse([ragged]);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(
      'every row of a table must have as many cells as its first row',
    );
    expect(richTextSchema.safeParse([{ type: 'table', headerRow: false, rows: [] }]).success).toBe(
      false,
    );
    const wide = {
      type: 'table',
      headerRow: false,
      rows: [{ cells: Array.from({ length: maxTableColumns + 1 }, () => cell('x')) }],
    };
    expect(richTextSchema.safeParse([wide]).success).toBe(false);
    const heading = {
      type: 'table',
      headerRow: false,
      rows: [{ cells: [{ children: [{ type: 'heading', level: 1, children: [] }] }] }],
    };
    expect(richTextSchema.safeParse([heading]).success).toBe(false);
  });

  it('fits rows past the limits into valid tables: extra cells join the last, extra rows continue in a second table', () => {
    const wide = Array.from({ length: maxTableColumns + 2 }, (_, i) => cell(`k${i + 1}`));
    const rows = [wide, ...Array.from({ length: maxTableRows }, (_, i) => [cell(`r${i + 1}`)])];
    const source = JSON.stringify(rows);
    const tables = tablesWithinLimits(rows, true);
    expect(tables.map((table) => [table.headerRow, table.rows.length])).toEqual([
      [true, maxTableRows],
      [false, 1],
    ]);
    const first = tables[0]?.rows[0]?.cells ?? [];
    expect(first).toHaveLength(maxTableColumns);
    expect(first[maxTableColumns - 1]).toEqual(
      cell(`k${maxTableColumns}`, `k${maxTableColumns + 1}`, `k${maxTableColumns + 2}`),
    );
    expect(tables[1]?.rows[0]?.cells).toEqual([cell(`r${maxTableRows}`)]);
    // The rows given are left as they were (a cell's paragraphs are copied before joining).
    expect(JSON.stringify(rows)).toBe(source);
    expect(tablesWithinLimits([[cell('a'), cell('b')]], true)).toEqual([
      { type: 'table', headerRow: true, rows: [{ cells: [cell('a'), cell('b')] }] },
    ]);
  });

  it('reads as one line per row with the cells separated by " | "', () => {
    const body: RichText = [
      { type: 'paragraph', children: [text('Tilskud:')] },
      grantsTable,
      {
        type: 'table',
        headerRow: true,
        rows: [
          { cells: [cell('Post'), cell('Beløb')] },
          { cells: [cell('Drift', 'inkl. løn'), cell('')] },
        ],
      },
    ];
    const expected = [
      'Tilskud:',
      'Foreningen Æblehaven | 25.000 kr.',
      'Øresunds Roklub | 12.500 kr.',
      'Post | Beløb',
      'Drift inkl. løn | ',
    ].join('\n');
    expect(richTextToPlain(body)).toBe(expected);
    expect(bodyPlainText(body, { participants: [], lang: 'da' })).toBe(expected);
  });

  it('gives find one block per paragraph of a cell, an empty cell one empty block', () => {
    const names = { appendix: () => 'Bilag 1', participant: () => 'Lone Hansen' };
    const blocks = richTextBlocks(
      [
        {
          type: 'table',
          headerRow: false,
          rows: [{ cells: [cell('a', 'b'), { children: [] }, cell('c')] }],
        },
      ],
      names,
      { participants: [], lang: 'da' },
    );
    expect(blocks).toEqual(['a', 'b', '', 'c']);
  });

  it('finds appendix references inside cells', () => {
    const body: RichText = [
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              {
                children: [
                  { type: 'paragraph', children: [{ type: 'appendixRef', appendixId: 'b1' }] },
                ],
              },
            ],
          },
        ],
      },
    ];
    expect(referencedAppendixIds(body)).toEqual(['b1']);
  });
});

describe('tables in referat/2', () => {
  it('export → import → export gives the same bytes for a meeting with tables', () => {
    const doc = tableMeeting(parseReferatDocument(fixtureText), 5);
    const once = serializeReferatDocument(doc);
    const twice = serializeReferatDocument(parseReferatDocument(once));
    expect(twice).toBe(once);
    expect(once).toContain('"type": "table"');
  });

  it('the model document without tables still serializes to its own bytes', () => {
    const doc = parseReferatDocument(fixtureText);
    expect(serializeReferatDocument(doc)).toBe(fixtureText);
  });

  it('reports a reference inside a cell to a missing appendix with its path', () => {
    const doc = JSON.parse(serializeReferatDocument(parseReferatDocument(fixtureText)));
    doc.agendaItems[0].bodies.decision = [
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              {
                children: [
                  { type: 'paragraph', children: [{ type: 'appendixRef', appendixId: 'x-9' }] },
                ],
              },
            ],
          },
        ],
      },
    ];
    const result = validateReferatDocument(doc);
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual({
      path: 'agendaItems[0].bodies.decision[0].rows[0].cells[0].children[0].children[0].appendixId',
      message: 'no appendix has the id "x-9"',
    });
  });

  it('reports ragged rows at the table', () => {
    const doc = JSON.parse(serializeReferatDocument(parseReferatDocument(fixtureText)));
    doc.agendaItems[0].bodies.decision = [
      {
        type: 'table',
        headerRow: false,
        rows: [{ cells: [cell('a'), cell('b')] }, { cells: [cell('c')] }],
      },
    ];
    const result = validateReferatDocument(doc);
    expect(result.ok).toBe(false);
    expect(result.errors.map((error) => error.message).join('\n')).toContain(
      'every row of a table must have as many cells as its first row',
    );
  });

  it('the public edition writes a reference in a cell to a closed appendix as plain text', () => {
    const doc = parseReferatDocument(fixtureText);
    const appendix = doc.appendices[0];
    const first = doc.agendaItems[0];
    if (!appendix || !first) throw new Error('fixture changed');
    appendix.isClosed = true;
    first.bodies.decision = [
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              {
                children: [
                  {
                    type: 'paragraph',
                    children: [{ type: 'appendixRef', appendixId: appendix.id }],
                  },
                ],
              },
            ],
          },
        ],
      },
    ];
    const shown = buildEdition(doc, 'public');
    const table = shown.agendaItems[0]?.bodies.decision?.[0] as Table;
    expect(table.rows[0]?.cells[0]?.children[0]?.children).toEqual([
      { type: 'text', text: `Bilag ${appendix.number}` },
    ]);
    expect(shown.appendices.some((candidate) => candidate.id === appendix.id)).toBe(false);
  });

  it('the personal-data check of the public edition reads table cells', () => {
    const doc = tableMeeting(parseReferatDocument(fixtureText), 2);
    const first = doc.agendaItems[0];
    if (!first) throw new Error('no item');
    first.bodies.decision = [
      {
        type: 'table',
        headerRow: true,
        rows: [
          { cells: [cell('Navn'), cell('CPR')] },
          { cells: [cell('Borger'), cell('121212-1212')] },
        ],
      },
    ];
    const report = checkPersonalData(buildEdition(doc, 'public'));
    expect(report.errors.map((finding) => finding.text).join('\n')).toContain('121212');
  });
});

describe('tables in the editor state', () => {
  const state = (children: unknown[]): SerializedEditorStateJson =>
    ({ root: { type: 'root', children } }) as unknown as SerializedEditorStateJson;
  const lexicalCell = (headerState: number, ...texts: string[]) => ({
    type: 'tablecell',
    headerState,
    children: texts.map((value) => ({
      type: 'paragraph',
      children: value === '' ? [] : [{ type: 'text', text: value, format: 0 }],
    })),
  });

  it('round-trips a table (header row, empty cells, several paragraphs, formatting)', () => {
    const body: RichText = [
      { type: 'paragraph', children: [text('Før')] },
      budgetTable(3),
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              {
                children: [
                  { type: 'paragraph', children: [{ type: 'text', text: 'fed', bold: true }] },
                  { type: 'paragraph', children: [] },
                  {
                    type: 'paragraph',
                    children: [{ type: 'participantRef', participantId: 'p1' }],
                  },
                ],
              },
              { children: [] },
            ],
          },
        ],
      },
    ];
    expect(lexicalStateToRichText(richTextToLexicalState(body))).toEqual(body);
  });

  it('marks the header row with headerState 1 and reads it back only when the whole first row has it', () => {
    const json = richTextToLexicalState([budgetTable(1)]);
    const table = json.root.children[0] as unknown as {
      children: { children: { headerState: number }[] }[];
    };
    expect(table.children[0]?.children.map((c) => c.headerState)).toEqual([1, 1, 1, 1]);
    expect(table.children[1]?.children.map((c) => c.headerState)).toEqual([0, 0, 0, 0]);
    const partly = state([
      {
        type: 'table',
        children: [
          { type: 'tablerow', children: [lexicalCell(1, 'a'), lexicalCell(0, 'b')] },
          { type: 'tablerow', children: [lexicalCell(0, 'c'), lexicalCell(0, 'd')] },
        ],
      },
    ]);
    expect(lexicalStateToRichText(partly)).toEqual([
      {
        type: 'table',
        headerRow: false,
        rows: [{ cells: [cell('a'), cell('b')] }, { cells: [cell('c'), cell('d')] }],
      },
    ]);
  });

  it('fills short rows, flattens lists in cells to paragraphs and keeps a vote in a cell after the table', () => {
    const vote = {
      type: 'vote',
      version: 1,
      subject: 'Indstillingen',
      for: { participantIds: [], parties: ['A'], count: 5 },
      against: { participantIds: [], parties: [], count: 0 },
      abstained: { participantIds: [], parties: [], count: 0 },
      outcome: 'adopted',
    };
    const converted = lexicalStateToRichText(
      state([
        {
          type: 'table',
          children: [
            {
              type: 'tablerow',
              children: [
                lexicalCell(0, 'a'),
                {
                  type: 'tablecell',
                  headerState: 0,
                  children: [
                    {
                      type: 'list',
                      listType: 'bullet',
                      children: [
                        { type: 'listitem', children: [{ type: 'text', text: 'én', format: 0 }] },
                      ],
                    },
                    vote,
                  ],
                },
              ],
            },
            { type: 'tablerow', children: [lexicalCell(0, 'c')] },
          ],
        },
      ]),
    );
    expect(converted).toEqual([
      {
        type: 'table',
        headerRow: false,
        rows: [{ cells: [cell('a'), cell('• én')] }, { cells: [cell('c'), { children: [] }] }],
      },
      {
        type: 'vote',
        subject: 'Indstillingen',
        for: { participantIds: [], parties: ['A'], count: 5 },
        against: { participantIds: [], parties: [], count: 0 },
        abstained: { participantIds: [], parties: [], count: 0 },
        outcome: 'adopted',
      },
    ]);
    expect(richTextSchema.safeParse(converted).success).toBe(true);
  });

  it('keeps the text of columns past the limit in the last cell, so the result stays valid', () => {
    const converted = lexicalStateToRichText(
      state([
        {
          type: 'table',
          children: [
            {
              type: 'tablerow',
              children: Array.from({ length: maxTableColumns + 2 }, (_, i) =>
                lexicalCell(0, `k${i + 1}`),
              ),
            },
          ],
        },
      ]),
    );
    expect(richTextSchema.safeParse(converted).success).toBe(true);
    const table = converted[0] as Table;
    expect(table.rows[0]?.cells).toHaveLength(maxTableColumns);
    expect(table.rows[0]?.cells[maxTableColumns - 1]).toEqual(
      cell(`k${maxTableColumns}`, `k${maxTableColumns + 1}`, `k${maxTableColumns + 2}`),
    );
  });
});
