/**
 * Schemas several contract areas share, defined once so every request accepts the same values.
 */
import { z } from 'zod';
import { editions } from '../export/editions';

export { langSchema } from '../domain/lang';

/** Which edition of the minutes: `full` or `public` (common/export/editions.ts). */
export const editionSchema = z.enum(editions as readonly ['full', 'public']);
