import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  referatJsonSchema,
  referatJsonSchemaPath,
  referatJsonSchemaText,
} from '../../common/format/jsonSchema';
import { validateReferatDocument } from '../../common/format/referatJson';

/** Documents edited freely, as a careless or hostile file would be. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseDocument = Record<string, any>;

const root = path.resolve(__dirname, '../..');
const committed = fs.readFileSync(path.join(root, referatJsonSchemaPath), 'utf8');
const fixtureText = fs.readFileSync(
  path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);

/** An independent validator (ajv) compiled from the committed schema file. */
function compileCommitted() {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(committed) as object);
}

describe('docs/referat-1.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` when this fails)', () => {
    expect(committed).toBe(referatJsonSchemaText());
  });

  it('is a draft 2020-12 schema with the rich-text parts as named definitions', () => {
    const schema = referatJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('referat/1');
    expect(Object.keys(schema.$defs as object)).toEqual(
      expect.arrayContaining([
        'RichText',
        'Block',
        'List',
        'ListItem',
        'Inline',
        'TextRun',
        'AppendixRef',
        'Vote',
      ]),
    );
    expect(schema.additionalProperties).toBe(false);
  });

  it('accepts the model document fixture in an independent validator (ajv)', () => {
    const validate = compileCommitted();
    const isValid = validate(JSON.parse(fixtureText));
    expect(validate.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
  });

  it('rejects what the zod schema rejects: unknown keys, wrong enums, bad rich text', () => {
    const validate = compileCommitted();
    const cases: Array<(doc: LooseDocument) => void> = [
      (doc) => (doc.format = 'referat/2'),
      (doc) => (doc.meeting.colour = 'red'),
      (doc) => (doc.committee.kind = 'byraad'),
      (doc) => (doc.agendaItems[0].bodies.notes = []),
      (doc) => doc.agendaItems[0].bodies.decision.push({ type: 'heading', level: 4, children: [] }),
      (doc) =>
        doc.agendaItems[0].bodies.decision.push({
          type: 'paragraph',
          children: [{ type: 'text', text: 'x', colour: 1 }],
        }),
      (doc) =>
        doc.agendaItems[0].bodies.decision.push({
          type: 'paragraph',
          children: [{ type: 'link', url: 'javascript:alert(1)', children: [] }],
        }),
      (doc) => delete doc.participants[0].attendance,
      (doc) =>
        (doc.appendices[0].file = {
          name: 'a.pdf',
          sha256: 'ABC',
          size: 1,
          mediaType: 'application/pdf',
        }),
    ];
    for (const [index, mutate] of cases.entries()) {
      const doc = JSON.parse(fixtureText) as Record<string, unknown>;
      mutate(doc as LooseDocument);
      expect({ index, isSchemaValid: validate(doc) }).toEqual({ index, isSchemaValid: false });
      expect({ index, isZodValid: validateReferatDocument(doc).ok }).toEqual({
        index,
        isZodValid: false,
      });
    }
  });
});
