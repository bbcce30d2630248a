/**
 * The application and its library settings: version and transport, and the secretary's name
 * recorded as the author of revisions, corrections and approvals. Handlers:
 * main/node/api/handlers/app.ts.
 */
import { z } from 'zod';
import { emptySchema, request } from './shared';

/** A secretary's name as typed: trimmed, 1–200 characters, no control characters. */
export const secretaryNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u);

/** The library settings the app reads and writes. */
export const settingsSchema = z.object({ secretaryName: secretaryNameSchema.nullable() }).strict();

/** The requests of this area. */
export const appApi = {
  'app:info': request(
    emptySchema,
    z.object({
      version: z.string(),
      transport: z.enum(['electron', 'http', 'cli']),
      libraryName: z.string(),
    }),
  ),
  /**
   * The library's settings: the secretary's name, recorded as the author of revisions,
   * corrections and approvals (null until set; the app asks for it on first start).
   */
  'settings:get': request(emptySchema, settingsSchema),
  /** Sets the secretary's name (1–200 characters after trimming). */
  'settings:set': request(
    z.object({ secretaryName: secretaryNameSchema }).strict(),
    settingsSchema,
  ),
} as const;
