/**
 * A meeting and what it holds: listing, proposing the next, creating, opening, changing the
 * header and deleting a meeting; its participants (attendance); its agenda items and their text
 * bodies with the bodies' history; its appendices and their files. Handlers:
 * main/node/api/handlers/meetings.ts.
 */
import { z } from 'zod';
import {
  agendaItemSchema,
  appendixSchema,
  bodySchema,
  committeeSchema,
  idSchema,
  isoDateSchema,
  itemBodyFieldSchema,
  meetingBodyFieldSchema,
  meetingSchema,
  participantSchema,
  timestampSchema,
} from '../domain/model';
import { minutesProfileSchema } from '../domain/profiles';
import { richTextSchema } from '../domain/richText';
import {
  createInputSchema,
  deletedSchema,
  idInputSchema,
  moveInputSchema,
  patchInputSchema,
  request,
  uploadIdSchema,
} from './shared';

/** A meeting as listed per committee. */
export const meetingSummarySchema = meetingSchema.extend({
  committeeName: z.string(),
  itemCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

/** An agenda item with all its bodies. */
export const agendaItemDetailSchema = agendaItemSchema.extend({
  bodies: z.record(itemBodyFieldSchema, bodySchema),
});
export type AgendaItemDetail = z.infer<typeof agendaItemDetailSchema>;

/** Everything shown when a meeting is opened. */
export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  committee: committeeSchema,
  participants: z.array(participantSchema),
  items: z.array(agendaItemDetailSchema),
  appendices: z.array(appendixSchema),
  bodies: z.record(meetingBodyFieldSchema, bodySchema),
  /** The minutes profile the meeting is laid out with (meeting, committee, default, template). */
  profile: minutesProfileSchema,
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

/**
 * The header fields of a meeting a secretary may change: all but its id, its committee and its
 * status (only the lifecycle requests change that).
 */
const meetingHeaderFields = meetingSchema
  .omit({ id: true, committeeId: true, status: true })
  .strict();

/**
 * What a participant is created or changed with: all but its id, its meeting, the member it was
 * copied from and its position; left out, `isCalledIn` means not called in and
 * `presenceChanges` means none.
 */
const participantFields = participantSchema
  .omit({ id: true, meetingId: true, memberId: true, position: true })
  .partial({ isCalledIn: true, presenceChanges: true })
  .strict();

export const bodyOwnerSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('meeting'), meetingId: idSchema, field: meetingBodyFieldSchema })
    .strict(),
  z.object({ kind: z.literal('item'), itemId: idSchema, field: itemBodyFieldSchema }).strict(),
]);
/** Which body a save or history request is about. */
export type BodyOwner = z.infer<typeof bodyOwnerSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  savedAt: timestampSchema,
  author: z.string(),
  content: richTextSchema,
});
/** One saved version of a body (append-only history). */
export type Revision = z.infer<typeof revisionSchema>;

/**
 * What an agenda item is created or changed with: all but its id, its meeting and its position
 * (`items:move` changes that); left out, `isSupplementary` means not on the tillægsdagsorden and
 * `groupId` means no item group.
 */
const itemFields = agendaItemSchema
  .omit({ id: true, meetingId: true, position: true })
  .partial({ isSupplementary: true, groupId: true })
  .strict();

/** What an appendix is created or changed with; left out, `isAddedAfterMeeting` means not. */
const appendixFields = appendixSchema
  .pick({
    title: true,
    documentNumber: true,
    caseId: true,
    isClosed: true,
    itemId: true,
    isAddedAfterMeeting: true,
  })
  .partial({ isAddedAfterMeeting: true })
  .strict();

/** The requests of this area. */
export const meetingsApi = {
  'meetings:list': request(
    z.object({ committeeId: idSchema.optional() }).strict(),
    z.array(meetingSummarySchema),
  ),
  'meetings:proposeNext': request(
    z.object({ committeeId: idSchema }).strict(),
    z.object({
      number: z.number().int(),
      date: isoDateSchema,
      previousMeetingId: idSchema.nullable(),
      /** The first item's number: continues the year when the profile numbers yearly. */
      firstItemNumber: z.number().int(),
    }),
  ),
  'meetings:create': request(
    meetingSchema
      .pick({ committeeId: true, number: true, date: true, kind: true })
      .extend({
        /** Copy participants and the agenda skeleton from the committee's previous meeting. */
        isCopyingPrevious: z.boolean(),
      })
      .strict(),
    meetingDetailSchema,
  ),
  'meetings:get': request(idInputSchema, meetingDetailSchema),
  'meetings:update': request(patchInputSchema(meetingHeaderFields), meetingSchema),
  'meetings:delete': request(idInputSchema, deletedSchema),
  'participants:create': request(
    createInputSchema('meetingId', 'participant', participantFields),
    participantSchema,
  ),
  'participants:update': request(patchInputSchema(participantFields), participantSchema),
  'participants:delete': request(idInputSchema, deletedSchema),
  'items:create': request(
    createInputSchema('meetingId', 'item', itemFields.partial({ number: true }).strict()),
    agendaItemDetailSchema,
  ),
  'items:update': request(patchInputSchema(itemFields), agendaItemSchema),
  'items:move': request(moveInputSchema, z.array(agendaItemSchema)),
  'items:delete': request(
    z
      .object({
        id: idSchema,
        /** Must be true to delete an item whose decision has text (the UI asks first). */
        isDecisionLossConfirmed: z.boolean().optional(),
      })
      .strict(),
    deletedSchema,
  ),

  'bodies:save': request(
    z
      .object({
        owner: bodyOwnerSchema,
        content: richTextSchema,
        /** The revision the edit was based on; a mismatch answers `conflict`. */
        baseRevision: z.number().int().min(0),
      })
      .strict(),
    z.object({ revision: z.number().int(), updatedAt: timestampSchema }),
  ),
  'bodies:history': request(z.object({ owner: bodyOwnerSchema }).strict(), z.array(revisionSchema)),
  'appendices:create': request(
    createInputSchema('meetingId', 'appendix', appendixFields),
    appendixSchema,
  ),
  'appendices:update': request(patchInputSchema(appendixFields), appendixSchema),
  'appendices:move': request(moveInputSchema, z.array(appendixSchema)),
  'appendices:delete': request(idInputSchema, deletedSchema),
  /**
   * Attaches a file to an appendix. In Electron the main process shows the open dialog;
   * in browser mode the page uploads the bytes first (HTTP host `POST /upload`) and passes
   * the upload's token. Either way no path crosses the API.
   */
  'appendices:attachFile': request(
    z
      .object({
        id: idSchema,
        uploadId: uploadIdSchema.optional(),
      })
      .strict(),
    appendixSchema,
  ),
} as const;
