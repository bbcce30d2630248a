/**
 * Minutes profiles: the built-in ones, the library's own, and the municipality default.
 * Handlers: main/node/api/handlers/profiles.ts.
 */
import { z } from 'zod';
import { idSchema } from '../domain/model';
import { minutesProfileSchema } from '../domain/profiles';
import { emptySchema, idInputSchema, request } from './shared';

/** The requests of this area. */
export const profilesApi = {
  /** The built-in profiles, then the library's own, and the municipality default. */
  'profiles:list': request(
    emptySchema,
    z.object({
      profiles: z.array(z.object({ id: idSchema, name: z.string(), isBuiltIn: z.boolean() })),
      defaultProfileId: idSchema.nullable(),
    }),
  ),
  /** One profile, built-in or the library's own. */
  'profiles:get': request(idInputSchema, minutesProfileSchema),
  /**
   * Saves one of the library's own profiles (new or changed); a built-in is saved as an edited
   * copy under an id of its own. Every problem is named in the user's words.
   */
  'profiles:save': request(z.object({ profile: z.unknown() }).strict(), minutesProfileSchema),
  /** Sets the municipality default profile (null: each template's built-in). */
  'profiles:setDefault': request(z.object({ id: idSchema.nullable() }).strict(), emptySchema),
} as const;
