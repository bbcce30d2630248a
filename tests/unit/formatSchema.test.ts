import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import {
  referat1JsonSchemaPath,
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
const committed1 = fs.readFileSync(path.join(root, referat1JsonSchemaPath), 'utf8');
const fixtureText = fs.readFileSync(
  path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);
const fixture1Text = fs.readFileSync(
  path.join(root, 'tests/fixtures/referat1/gentofte-2017-12-12.referat.json'),
  'utf8',
);

/** An independent validator (ajv) compiled from a committed schema file. */
function compileCommitted(text = committed) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  return ajv.compile(JSON.parse(text) as object);
}

/** Edits that make a document invalid under either version's rules. */
const invalidEdits: Array<(doc: LooseDocument) => void> = [
  (doc) => (doc.format = 'referat/3'),
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

describe('docs/referat-1.schema.json (frozen: the older format)', () => {
  it('accepts the model document as Referat 0.2 wrote it, in an independent validator (ajv)', () => {
    const validate = compileCommitted(committed1);
    const isValid = validate(JSON.parse(fixture1Text));
    expect(validate.errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
    expect(validateReferatDocument(JSON.parse(fixture1Text))).toMatchObject({
      ok: true,
      sourceFormat: 'referat/1',
    });
  });

  it('rejects what the frozen zod schema of referat/1 rejects, and the new fields', () => {
    const validate = compileCommitted(committed1);
    const cases: Array<(doc: LooseDocument) => void> = [
      ...invalidEdits,
      (doc) => (doc.participants[0].isCalledIn = false),
      (doc) => (doc.participants[0].attendance = 'absent_without_notice'),
      (doc) => (doc.profile = {}),
    ];
    for (const [index, mutate] of cases.entries()) {
      const doc = JSON.parse(fixture1Text) as Record<string, unknown>;
      mutate(doc as LooseDocument);
      expect({ index, isSchemaValid: validate(doc) }).toEqual({ index, isSchemaValid: false });
      expect({ index, isZodValid: validateReferatDocument(doc).ok }).toEqual({
        index,
        isZodValid: false,
      });
    }
  });
});

describe('docs/referat-2.schema.json', () => {
  it('is up to date with the zod schema (run `npm run schema` when this fails)', () => {
    expect(committed).toBe(referatJsonSchemaText());
  });

  it('is a draft 2020-12 schema with the rich-text parts as named definitions', () => {
    const schema = referatJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('referat/2');
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
        'Dissent',
        'QuotedDecision',
        'MinutesProfile',
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
      ...invalidEdits,
      (doc) => delete doc.profile,
      (doc) => (doc.participants[0].absentFromItemIds = []),
      (doc) =>
        (doc.participants[0].presenceChanges = [{ direction: 'came', time: null, itemId: null }]),
      (doc) =>
        doc.agendaItems[0].bodies.decision.push({
          type: 'dissent',
          kind: 'objection',
          participantId: null,
          parties: ['A'],
          text: '',
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
