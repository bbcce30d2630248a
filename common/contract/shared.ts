/**
 * Schemas several contract areas share, defined once so every request accepts the same values,
 * and `request`, which every area uses to define its requests.
 */
import { z } from 'zod';
import { idSchema } from '../domain/model';
import { editions } from '../export/editions';

export { langSchema } from '../domain/lang';

/** Which edition of the minutes: `full` or `public` (common/export/editions.ts). */
export const editionSchema = z.enum(editions as readonly ['full', 'public']);

/** Defines one request: the schema of its input and of its output value. */
export function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/** The input of a request that takes nothing. */
export const emptySchema = z.object({}).strict();

/** The input naming one record by its id. */
export const idInputSchema = z.object({ id: idSchema }).strict();

/** The input naming one meeting by its id. */
export const meetingIdInputSchema = z.object({ meetingId: idSchema }).strict();

/** The input naming one edition of a meeting's minutes (to export, sign or fetch). */
export const meetingEditionInputSchema = z
  .object({ meetingId: idSchema, edition: editionSchema })
  .strict();

/** The answer of a delete: the id of the record that is gone. */
export const deletedSchema = z.object({ id: idSchema });

/** The input moving a record to another place in its list (0 is the first). */
export const moveInputSchema = z
  .object({ id: idSchema, position: z.number().int().min(0) })
  .strict();

/**
 * A file the page uploaded first in browser mode (HTTP host `POST /upload`); in Electron it is
 * left out and the main process shows the open dialog instead.
 */
export const uploadIdSchema = z.string().regex(/^[a-f0-9]{32}$/);

/** What to do when an imported meeting's id already exists: refuse (default), keep both, or replace. */
export const onExistingSchema = z.enum(['refuse', 'keepBoth', 'replace']);

/**
 * A file handed to the user: Electron's save dialog wrote it (`downloadUrl` null), or browser
 * mode offers it once as a download from the host.
 */
export const handedOverFileSchema = z.object({
  fileName: z.string(),
  bytes: z.number().int(),
  downloadUrl: z.string().nullable(),
});

/**
 * The input of an update: the record's id and a patch of the fields to change (any of
 * `fields`, none other).
 */
export function patchInputSchema<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  return z.object({ id: idSchema, patch: fields.partial().strict() }).strict();
}

/**
 * The input of a create under a parent record: the parent's id (`parentIdKey`, e.g. `meetingId`)
 * and the new record's `fields` under `recordKey` (e.g. `appendix`).
 */
export function createInputSchema<
  ParentIdKey extends string,
  RecordKey extends string,
  Fields extends z.ZodTypeAny,
>(parentIdKey: ParentIdKey, recordKey: RecordKey, fields: Fields) {
  const shape = { [parentIdKey]: idSchema, [recordKey]: fields };
  return z
    .object(shape as Record<ParentIdKey, typeof idSchema> & Record<RecordKey, Fields>)
    .strict();
}
