/**
 * Library maintenance: backups, and recovering a damaged library from one. Handlers:
 * main/node/api/handlers/recovery.ts.
 */
import { z } from 'zod';
import { timestampSchema } from '../domain/model';
import { emptySchema, request } from './shared';

export const backupSchema = z.object({
  name: z.string(),
  createdAt: timestampSchema,
  size: z.number().int(),
});
export type Backup = z.infer<typeof backupSchema>;

/** The requests of this area. */
export const recoveryApi = {
  'library:backups': request(emptySchema, z.array(backupSchema)),
  'library:backupNow': request(emptySchema, backupSchema),
  /**
   * Whether the library could be opened. When it is damaged (or written by a newer Referat)
   * the app starts anyway and every other request answers that error; the renderer then shows
   * the recovery screen with the backups, newest first.
   */
  'library:recoveryStatus': request(
    emptySchema,
    z.object({
      isDamaged: z.boolean(),
      libraryPath: z.string(),
      /** `library_corrupt` or `library_newer` when damaged; null otherwise. */
      code: z.enum(['library_corrupt', 'library_newer']).nullable(),
      message: z.string().nullable(),
      backups: z.array(backupSchema),
    }),
  ),
  /**
   * Replaces a damaged library with one of its backups (a name from `library:recoveryStatus`),
   * keeps the damaged file beside it as `<name>.damaged-<time>.sqlite`, and opens the restored
   * library. Refused (`conflict`) while the library is healthy.
   */
  'library:restoreBackup': request(
    z.object({ name: z.string().min(1).max(255) }).strict(),
    z.object({ restoredFrom: z.string(), keptDamagedFile: z.string().nullable() }),
  ),
} as const;
