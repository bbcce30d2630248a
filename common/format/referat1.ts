/**
 * The `referat/1` interchange format: one meeting as one JSON document, independent of the
 * editor and of the storage layout. Documented in docs/format.md; the JSON Schema in
 * docs/referat-1.schema.json is generated from these zod schemas.
 *
 * Pure core.
 */
import { z } from 'zod';
import {
  agendaItemSchema,
  appendixSchema,
  committeeSchema,
  itemBodyFieldSchema,
  meetingBodyFieldSchema,
  meetingSchema,
  memberSchema,
  participantSchema,
} from '../domain/model';
import { richTextSchema } from '../domain/richText';

/** The format identifier written into every document. */
export const formatId = 'referat/1';

export const referatDocumentSchema = z
  .object({
    format: z.literal(formatId),
    committee: committeeSchema.strict(),
    /** The committee's standing members as of the export. */
    members: z.array(memberSchema.omit({ committeeId: true }).strict()).max(10_000),
    meeting: meetingSchema
      .omit({ committeeId: true })
      .extend({ bodies: z.partialRecord(meetingBodyFieldSchema, richTextSchema) })
      .strict(),
    participants: z.array(participantSchema.omit({ meetingId: true }).strict()).max(10_000),
    agendaItems: z
      .array(
        agendaItemSchema
          .omit({ meetingId: true, position: true })
          .extend({ bodies: z.partialRecord(itemBodyFieldSchema, richTextSchema) })
          .strict(),
      )
      .max(10_000),
    appendices: z.array(appendixSchema.omit({ meetingId: true }).strict()).max(10_000),
  })
  .strict();

/**
 * One meeting in `referat/1`. Arrays are in document order (members, participants, items by
 * position; appendices by number). Bodies are partial records: a missing body is an empty
 * body, and the canonical serialization (referatJson.ts) leaves empty bodies out, so each
 * meeting has exactly one text form.
 */
export type ReferatDocument = z.infer<typeof referatDocumentSchema>;
