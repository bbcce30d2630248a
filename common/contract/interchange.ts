/**
 * A meeting as a referat/2 JSON text, out and in. Handlers: main/node/api/handlers/interchange.ts.
 */
import { z } from 'zod';
import { idSchema } from '../domain/model';
import { conversionNoteSchema } from '../format/referat1Conversion';
import { idInputSchema, onExistingSchema, request } from './shared';

/** The requests of this area. */
export const interchangeApi = {
  /** The meeting as a `referat/1` JSON text (canonical bytes). */
  'meetings:exportJson': request(
    idInputSchema,
    z.object({ fileName: z.string(), json: z.string() }),
  ),
  /**
   * Imports a `referat/2` (or older `referat/1`) JSON text; all or nothing. `notes` says what
   * converting a referat/1 document assumed (empty for referat/2).
   */
  'meetings:importJson': request(
    z
      .object({
        json: z.string().max(100 * 1024 * 1024),
        /** What to do when the meeting's id already exists: refuse (default), keep both, or replace. */
        onExisting: onExistingSchema.optional(),
      })
      .strict(),
    z.object({ meetingId: idSchema, notes: z.array(conversionNoteSchema) }),
  ),
} as const;
