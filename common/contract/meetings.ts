/**
 * Meetings: listing, proposing the next, creating, opening, changing the header and deleting.
 * Handlers: main/node/api/handlers/meetings.ts.
 */
import { z } from 'zod';
import {
  appendixSchema,
  bodySchema,
  committeeSchema,
  idSchema,
  isoDateSchema,
  meetingBodyFieldSchema,
  meetingSchema,
  participantSchema,
} from '../domain/model';
import { minutesProfileSchema } from '../domain/profiles';
import { deletedSchema, idInputSchema, request } from './shared';
import { agendaItemDetailSchema } from './items';

/** A meeting as listed per committee. */
export const meetingSummarySchema = meetingSchema.extend({
  committeeName: z.string(),
  itemCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

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

/** The header fields of a meeting a secretary may change. */
const meetingHeaderFields = meetingSchema
  .pick({
    number: true,
    kind: true,
    date: true,
    startTime: true,
    endTime: true,
    location: true,
    caseId: true,
    isClosed: true,
    template: true,
    profileId: true,
  })
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
  'meetings:update': request(
    z.object({ id: idSchema, patch: meetingHeaderFields.partial().strict() }).strict(),
    meetingSchema,
  ),
  'meetings:delete': request(idInputSchema, deletedSchema),
} as const;
