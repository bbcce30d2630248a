/**
 * The JSON Schema (draft 2020-12) of `referat/2`, generated from the zod schema so the two
 * can never disagree. `scripts/generateSchema.ts` writes it to docs/referat-2.schema.json and
 * a unit test fails when the committed file is stale. The schema of `referat/1`
 * (docs/referat-1.schema.json) is frozen: it describes files already written and never changes.
 *
 * JSON Schema cannot express every rule; `validateReferatDocument` also checks that required
 * texts are not blank, dates are real calendar days, lists nest at most 12 levels, and every
 * id reference points at an existing record (see docs/format.md, "Rules beyond the schema").
 *
 * Pure core.
 */
import { z } from 'zod';
import {
  appendixRefSchema,
  blockSchema,
  dissentSchema,
  headingSchema,
  inlineSchema,
  linkSchema,
  listItemSchema,
  listSchema,
  paragraphSchema,
  participantRefSchema,
  quotedDecisionSchema,
  richTextSchema,
  tableCellSchema,
  tableRowSchema,
  tableSchema,
  textRunSchema,
  voteGroupSchema,
  voteSchema,
} from '../domain/richText';
import { minutesProfileSchema } from '../domain/profiles';
import { formatId, referatDocumentSchema } from './referat2';

/** The committed location of the schema, relative to the repository root. */
export const referatJsonSchemaPath = 'docs/referat-2.schema.json';

/** The frozen schema of the older `referat/1` (files written by Referat 0.1-0.2). */
export const referat1JsonSchemaPath = 'docs/referat-1.schema.json';

/** Names (under `$defs`) and descriptions of the rich-text parts, shared by every body. */
function richTextDefinitions(): z.core.$ZodRegistry<z.core.JSONSchemaMeta> {
  const registry = z.registry<z.core.JSONSchemaMeta>();
  const define = (schema: z.ZodType, id: string, description: string) =>
    registry.add(schema, { id, description });
  define(
    richTextSchema,
    'RichText',
    'A rich-text body: a list of blocks. A missing body is an empty body.',
  );
  define(
    blockSchema,
    'Block',
    'One block of a body: paragraph, heading, list, vote, dissent, quoted decision or table.',
  );
  define(paragraphSchema, 'Paragraph', 'A paragraph of inline content.');
  define(
    headingSchema,
    'Heading',
    'A heading inside a body; level 1 is the highest level within the body.',
  );
  define(listSchema, 'List', 'An ordered (numbered) or unordered (bulleted) list.');
  define(listItemSchema, 'ListItem', 'A list item: inline content, then optionally a nested list.');
  define(
    inlineSchema,
    'Inline',
    'Inline content: a text run, a link, or a reference to an appendix or participant.',
  );
  define(
    textRunSchema,
    'TextRun',
    'Text with formatting. A "\\n" inside the text is a line break within the block.',
  );
  define(linkSchema, 'Link', 'A link to an http(s) or mailto address.');
  define(
    appendixRefSchema,
    'AppendixRef',
    'A reference to an appendix by id, rendered as "Bilag N".',
  );
  define(
    participantRefSchema,
    'ParticipantRef',
    'A reference to a participant of the meeting by id, rendered as the name.',
  );
  define(voteSchema, 'Vote', 'A recorded vote (afstemning).');
  define(
    voteGroupSchema,
    'VoteGroup',
    'Who voted one way: participants by id and/or party letters with a head count.',
  );
  define(
    dissentSchema,
    'Dissent',
    'A protokoltilførsel, mindretalsudtalelse or protokolbemærkning, by a participant of the meeting or by party letters.',
  );
  define(
    quotedDecisionSchema,
    'QuotedDecision',
    'An earlier decision of another committee quoted in "Tidligere beslutninger", with its own vote.',
  );
  define(
    tableSchema,
    'Table',
    'A table: rows with equally many cells (at most 500 rows and 20 columns); headerRow marks the first row as the column headings. No merged cells.',
  );
  define(tableRowSchema, 'TableRow', 'A row of a table: its cells from left to right.');
  define(
    tableCellSchema,
    'TableCell',
    'A cell of a table: its paragraphs; an empty cell has none.',
  );
  define(
    minutesProfileSchema,
    'MinutesProfile',
    'How the minutes are laid out: title, sections in order, numbering, groups, attendance, appendices, signatures.',
  );
  return registry;
}

/** The schema as a JSON value. */
export function referatJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(referatDocumentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'throw',
    cycles: 'ref',
    reused: 'inline',
    metadata: richTextDefinitions(),
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    title: formatId,
    description:
      'One meeting of a Danish municipal committee as exchanged by Referat (docs/format.md). ' +
      'Generated from common/format/referat2.ts; do not edit by hand.',
    ...rest,
  };
}

/** The schema file's exact text: two-space indentation and a final newline. */
export function referatJsonSchemaText(): string {
  return `${JSON.stringify(referatJsonSchema(), null, 2)}\n`;
}
