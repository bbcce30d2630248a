/**
 * The `referat/2` interchange format: one meeting as one JSON document, independent of the
 * editor and of the storage layout, with the minutes profile it is laid out with. Documented
 * in docs/format.md; the JSON Schema in docs/referat-2.schema.json is generated from these zod
 * schemas. `referat/1` documents (common/format/referat1.ts) are converted to this on import.
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
import { minutesProfileSchema } from '../domain/profiles';
import { richTextSchema } from '../domain/richText';

/** The format identifier written into every document. */
export const formatId = 'referat/2';

export const referatDocumentSchema = z
  .object({
    format: z.literal(formatId),
    /**
     * The minutes profile the meeting is laid out with, as the exporting library resolved it
     * (the meeting's, the committee's, the municipality default, or the template's built-in),
     * so that another library reproduces the layout.
     */
    profile: minutesProfileSchema,
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
 * One meeting in `referat/2`. Arrays are in document order (members, participants, items by
 * position; appendices by number, unnumbered ones last). Bodies are partial records: a missing
 * body is an empty body, and the canonical serialization (referatJson.ts) leaves empty bodies
 * out, so each meeting has exactly one text form.
 */
export type ReferatDocument = z.infer<typeof referatDocumentSchema>;
