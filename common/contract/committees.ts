/**
 * Committees and their members. Handlers: main/node/api/handlers/committees.ts.
 */
import { z } from 'zod';
import { committeeSchema, idSchema, memberSchema } from '../domain/model';
import {
  createInputSchema,
  emptySchema,
  moveInputSchema,
  patchInputSchema,
  request,
} from './shared';

/** A committee with counts for the overview. */
export const committeeSummarySchema = committeeSchema.extend({
  memberCount: z.number().int(),
  meetingCount: z.number().int(),
});
export type CommitteeSummary = z.infer<typeof committeeSummarySchema>;

/** What a committee is created or changed with; a left-out profile uses the municipality default. */
const committeeFields = committeeSchema
  .pick({ name: true, kind: true, organisation: true, template: true, profileId: true })
  .partial({ profileId: true })
  .strict();

/** What a member is created or changed with. */
const memberFields = memberSchema
  .pick({ name: true, role: true, party: true, isCitizen: true, isActive: true })
  .strict();

/** The requests of this area. */
export const committeesApi = {
  'committees:list': request(emptySchema, z.array(committeeSummarySchema)),
  'committees:create': request(committeeFields, committeeSchema),
  'committees:update': request(patchInputSchema(committeeFields), committeeSchema),
  'members:list': request(z.object({ committeeId: idSchema }).strict(), z.array(memberSchema)),
  'members:create': request(createInputSchema('committeeId', 'member', memberFields), memberSchema),
  'members:update': request(patchInputSchema(memberFields), memberSchema),
  'members:move': request(moveInputSchema, z.array(memberSchema)),
} as const;
