/**
 * A committee's standard decision texts. Handlers: main/node/api/handlers/standardTexts.ts.
 */
import { z } from 'zod';
import { idSchema } from '../domain/model';
import { request } from './shared';

/** A committee's standard decision texts: each trimmed, non-empty, at most 1000 characters, no duplicates. */
export const standardTextListSchema = z
  .array(
    z
      .string()
      .max(1000, 'must be at most 1000 characters')
      .refine((text) => text.trim().length > 0, 'must not be empty'),
  )
  .max(50, 'at most 50 standard texts')
  .superRefine((texts, ctx) => {
    const seen = new Set<string>();
    texts.forEach((text, index) => {
      const key = text.trim();
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: [index], message: `"${key}" is listed twice` });
      seen.add(key);
    });
  });
export const standardTextsSchema = z.object({ texts: z.array(z.string()), isDefault: z.boolean() });
/** A committee's standard texts and whether they are the built-in list. */
export type StandardTextsResult = z.infer<typeof standardTextsSchema>;

/** The requests of this area. */
export const standardTextsApi = {
  /** The committee's standard decision texts, or the built-in list (`isDefault`). */
  'standardTexts:get': request(z.object({ committeeId: idSchema }).strict(), standardTextsSchema),
  /** Replaces the committee's list; an empty list returns to the built-in one. */
  'standardTexts:save': request(
    z.object({ committeeId: idSchema, texts: standardTextListSchema }).strict(),
    standardTextsSchema,
  ),
} as const;
