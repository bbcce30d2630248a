/**
 * Appendices of a meeting and their files. Handlers: main/node/api/handlers/appendices.ts.
 */
import { z } from 'zod';
import { appendixSchema, idSchema } from '../domain/model';
import { deletedSchema, idInputSchema, moveInputSchema, request, uploadIdSchema } from './shared';

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
export const appendicesApi = {
  'appendices:create': request(
    z.object({ meetingId: idSchema, appendix: appendixFields }).strict(),
    appendixSchema,
  ),
  'appendices:update': request(
    z.object({ id: idSchema, patch: appendixFields.partial().strict() }).strict(),
    appendixSchema,
  ),
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
