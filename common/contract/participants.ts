/**
 * Attendance: the participants of a meeting. Handlers: main/node/api/handlers/participants.ts.
 */
import { z } from 'zod';
import { idSchema, participantSchema } from '../domain/model';
import { deletedSchema, idInputSchema, request } from './shared';

/**
 * What a participant is created or changed with; left out, `isCalledIn` means not called in
 * and `presenceChanges` means none.
 */
const participantFields = participantSchema
  .pick({
    name: true,
    role: true,
    party: true,
    isCitizen: true,
    attendance: true,
    isCalledIn: true,
    substituteForId: true,
    partialPresence: true,
    presenceChanges: true,
    note: true,
    itemAbsences: true,
  })
  .partial({ isCalledIn: true, presenceChanges: true })
  .strict();

/** The requests of this area. */
export const participantsApi = {
  'participants:create': request(
    z.object({ meetingId: idSchema, participant: participantFields }).strict(),
    participantSchema,
  ),
  'participants:update': request(
    z.object({ id: idSchema, patch: participantFields.partial().strict() }).strict(),
    participantSchema,
  ),
  'participants:delete': request(idInputSchema, deletedSchema),
} as const;
