/**
 * The model document with tables in its bodies: a budget table with a header row in the first
 * item's decision, long enough to continue on a second page, and a small table without a
 * header row (a list of grants) in the meeting's Resumé. Used by the export tests of tables.
 */
import type { RichText, Table } from '../../common/domain/richText';
import type { ReferatDocument } from '../../common/format/referat1';

const cell = (text: string) => ({
  children:
    text === ''
      ? []
      : [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }],
});

/** A budget table: "Post | 2024 | 2025 | Bemærkning", header row, `rows` rows of figures. */
export function budgetTable(rows: number): Table {
  return {
    type: 'table',
    headerRow: true,
    rows: [
      { cells: ['Post', '2024 (kr.)', '2025 (kr.)', 'Bemærkning'].map(cell) },
      ...Array.from({ length: rows }, (_, index) => ({
        cells: [
          cell(`Budgetpost ${index + 1}`),
          cell(`${(index + 1) * 1250}.000`),
          cell(`${(index + 1) * 1300}.000`),
          cell(index % 3 === 0 ? 'Overført fra sidste år, jf. økonomiudvalgets beslutning' : ''),
        ],
      })),
    ],
  };
}

/** A table of grants without a header row. */
export const grantsTable: Table = {
  type: 'table',
  headerRow: false,
  rows: [
    { cells: [cell('Foreningen Æblehaven'), cell('25.000 kr.')] },
    { cells: [cell('Øresunds Roklub'), cell('12.500 kr.')] },
  ],
};

/** The model document with {@link budgetTable} (60 rows) and {@link grantsTable} added. */
export function tableMeeting(doc: ReferatDocument, budgetRows = 60): ReferatDocument {
  const [first, ...rest] = doc.agendaItems;
  if (!first) throw new Error('the document has no agenda item');
  const decision: RichText = [
    ...(first.bodies.decision ?? []),
    { type: 'paragraph', children: [{ type: 'text', text: 'Budgettet blev godkendt:' }] },
    budgetTable(budgetRows),
  ];
  return {
    ...doc,
    meeting: {
      ...doc.meeting,
      bodies: {
        ...doc.meeting.bodies,
        summary: [...(doc.meeting.bodies.summary ?? []), grantsTable],
      },
    },
    agendaItems: [{ ...first, bodies: { ...first.bodies, decision } }, ...rest],
  };
}
