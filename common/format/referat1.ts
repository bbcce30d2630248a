/**
 * The `referat/1` interchange format as it was published (Referat 0.1-0.2), frozen: files
 * written in it are still read, validated against exactly these rules and converted to
 * `referat/2` on import (referat1Conversion.ts). Never change these schemas: a change here
 * would refuse or misread files already written. The JSON Schema is
 * docs/referat-1.schema.json.
 *
 * Pure core.
 */
import { z } from 'zod';
import {
  clockTimeSchema,
  idSchema,
  isoDateSchema,
  requiredText,
  sha256Schema,
  shortText,
} from '../domain/model';
import {
  headingSchema,
  listSchema,
  maxListDepth,
  paragraphSchema,
  voteGroupSchema,
  type Heading,
  type List,
  type Paragraph,
  type VoteGroup,
} from '../domain/richText';

/** The format identifier of the old documents. */
export const formatId1 = 'referat/1';

const partyLetter = z
  .string()
  .regex(/^[A-ZÆØÅ]{1,3}$/, 'must be a party letter (1-3 capital letters)')
  .nullable();
const idRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, "-" and "_"');
const template = z.enum(['opgaveudvalg', 'fagudvalg']);
const role = z.enum(['chair', 'vice_chair', 'member']);

export const vote1Schema = z
  .object({
    type: z.literal('vote'),
    subject: z.string().max(1000),
    for: voteGroupSchema,
    against: voteGroupSchema,
    abstained: voteGroupSchema,
    outcome: z.enum(['adopted', 'rejected', 'tied']),
  })
  .strict();
/** A vote of referat/1: three outcomes, no Ad-point. */
export type Vote1 = {
  type: 'vote';
  subject: string;
  for: VoteGroup;
  against: VoteGroup;
  abstained: VoteGroup;
  outcome: 'adopted' | 'rejected' | 'tied';
};

export const dissent1Schema = z
  .object({ type: z.literal('dissent'), participantId: idRef, text: z.string().max(10_000) })
  .strict();
/** A protokoltilførsel of referat/1: always by one participant. */
export type Dissent1 = { type: 'dissent'; participantId: string; text: string };

/** A block of referat/1 (no quoted decisions). */
export type Block1 = Paragraph | Heading | List | Vote1 | Dissent1;

function deepest(blocks: readonly Block1[]): number {
  const depth = (list: List): number =>
    1 + Math.max(0, ...list.items.map((item) => (item.sublist ? depth(item.sublist) : 0)));
  return Math.max(0, ...blocks.map((block) => (block.type === 'list' ? depth(block) : 0)));
}

export const richText1Schema = z
  .array(z.union([paragraphSchema, headingSchema, listSchema, vote1Schema, dissent1Schema]))
  .max(100_000)
  .superRefine((blocks, ctx) => {
    const depth = deepest(blocks as Block1[]);
    if (depth > maxListDepth) {
      ctx.addIssue({
        code: 'custom',
        message: `lists are nested ${depth} deep; at most ${maxListDepth} levels are allowed`,
      });
    }
  });

const itemBodyField1 = z.enum([
  'summary',
  'recommendation',
  'casePresentation',
  'finances',
  'previousDecisions',
  'decision',
  'publicDecision',
]);
const meetingBodyField1 = z.enum(['summary', 'previousDecisions']);

export const referat1DocumentSchema = z
  .object({
    format: z.literal(formatId1),
    committee: z
      .object({
        id: idSchema,
        name: requiredText(200),
        kind: z.enum(['kommunalbestyrelse', 'staaende_udvalg', 'paragraf17_udvalg']),
        organisation: shortText(200),
        template,
      })
      .strict(),
    members: z
      .array(
        z
          .object({
            id: idSchema,
            name: requiredText(200),
            role,
            party: partyLetter,
            isCitizen: z.boolean(),
            position: z.number().int().min(0),
            isActive: z.boolean(),
          })
          .strict(),
      )
      .max(10_000),
    meeting: z
      .object({
        id: idSchema,
        number: z.number().int().min(1).max(100000),
        kind: z.enum(['ordinary', 'extraordinary']),
        date: isoDateSchema,
        startTime: clockTimeSchema.nullable(),
        endTime: clockTimeSchema.nullable(),
        location: shortText(300),
        caseId: shortText(100),
        isClosed: z.boolean(),
        status: z.enum(['draft', 'approved', 'signed', 'archived']),
        template,
        bodies: z.partialRecord(meetingBodyField1, richText1Schema),
      })
      .strict(),
    participants: z
      .array(
        z
          .object({
            id: idSchema,
            memberId: idSchema.nullable(),
            name: requiredText(200),
            role,
            party: partyLetter,
            isCitizen: z.boolean(),
            attendance: z.enum(['present', 'absent_with_notice', 'absent']),
            substituteForId: idSchema.nullable(),
            partialPresence: shortText(300),
            note: shortText(1000),
            absentFromItemIds: z.array(idSchema).max(1000),
            position: z.number().int().min(0),
          })
          .strict(),
      )
      .max(10_000),
    agendaItems: z
      .array(
        z
          .object({
            id: idSchema,
            number: z.number().int().min(0).max(100000),
            title: requiredText(500),
            isClosed: z.boolean(),
            publicTitle: shortText(500),
            caseId: shortText(100),
            documentNumber: shortText(100),
            presenter: shortText(300),
            kind: z.enum(['decision', 'orientation', 'discussion']),
            bodies: z.partialRecord(itemBodyField1, richText1Schema),
          })
          .strict(),
      )
      .max(10_000),
    appendices: z
      .array(
        z
          .object({
            id: idSchema,
            itemId: idSchema.nullable(),
            number: z.number().int().min(1).max(100000),
            title: requiredText(500),
            documentNumber: shortText(100),
            caseId: shortText(100),
            isClosed: z.boolean(),
            file: z
              .object({
                name: requiredText(255),
                sha256: sha256Schema,
                size: z.number().int().min(0),
                mediaType: shortText(200),
              })
              .strict()
              .nullable(),
          })
          .strict(),
      )
      .max(10_000),
  })
  .strict();

/** One meeting in `referat/1`, as old files hold it. */
export type Referat1Document = z.infer<typeof referat1DocumentSchema>;

/**
 * The current document type, re-exported for modules that imported it from here before
 * `referat/2` (new code imports from ./referat2).
 */
export type { ReferatDocument } from './referat2';
