/**
 * PDF export: the personal-data check, export jobs and handing the file to the user.
 * Handlers: main/node/api/handlers/pdf.ts.
 */
import { z } from 'zod';
import { apiErrorSchema } from './result';
import { editionSchema, handedOverFileSchema, meetingEditionInputSchema, request } from './shared';

/** A PDF edition: everything, or what may be published. */
export const pdfEditionSchema = editionSchema;

/** One place found by the personal-data check ("Punkt 2 · Beslutning"), CPR digits masked. */
export const personalDataFindingSchema = z.object({
  path: z.string(),
  location: z.string(),
  text: z.string(),
});
export type PersonalDataFindingOutput = z.infer<typeof personalDataFindingSchema>;

/** A finished PDF export, kept by the main side for preview, download and saving. */
export const pdfExportHandleSchema = z.object({
  exportId: z.string(),
  edition: pdfEditionSchema,
  pages: z.number().int(),
  bytes: z.number().int(),
  /** Proposed name, e.g. `opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig.pdf`. */
  fileName: z.string(),
  /** Citizen members named in the text (public edition): shown, not blocking. */
  warnings: z.array(personalDataFindingSchema),
  /** Where the page shows the PDF inline (an iframe): `/exports/<id>?token=…` or `app://referat/exports/<id>`. */
  previewUrl: z.string(),
  /** Browser mode: the same file as an attachment; Electron: null (use `pdf:save`). */
  downloadUrl: z.string().nullable(),
});
export type PdfExportHandleOutput = z.infer<typeof pdfExportHandleSchema>;

/** Progress and outcome of a PDF export. */
export const pdfExportStatusSchema = z.object({
  exportId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  phase: z.enum(['layout', 'write']).nullable(),
  page: z.number().int(),
  pages: z.number().int(),
  result: pdfExportHandleSchema.nullable(),
  error: apiErrorSchema.nullable(),
});
export type PdfExportStatusOutput = z.infer<typeof pdfExportStatusSchema>;

const exportIdInput = z
  .object({ exportId: z.string().regex(/^[a-f0-9]{32}$/, 'an export id (32 hex characters)') })
  .strict();

/** The requests of this area. */
export const pdfApi = {
  /**
   * The personal-data check of an edition (run on the public edition before export): CPR
   * numbers are `errors` (they block a public export), citizen members named in the text are
   * `warnings`. The full edition is internal: always empty.
   */
  'pdf:check': request(
    meetingEditionInputSchema,
    z.object({
      errors: z.array(personalDataFindingSchema),
      warnings: z.array(personalDataFindingSchema),
    }),
  ),
  /**
   * Starts a PDF export in a worker thread and answers its id at once; poll `pdf:status`.
   * A public edition with CPR numbers answers `personal_data` listing every place (nothing is
   * written); `busy` when two exports are running already.
   */
  'pdf:start': request(meetingEditionInputSchema, z.object({ exportId: z.string() })),
  /** Progress of an export (`page` of `pages` written) and, when done, its handle or error. */
  'pdf:status': request(exportIdInput, pdfExportStatusSchema),
  /** Cancels a running export; its partial file is removed. */
  'pdf:cancel': request(exportIdInput, pdfExportStatusSchema),
  /** `pdf:start` and waiting in one request: answers when the PDF is written. */
  'pdf:export': request(meetingEditionInputSchema, pdfExportHandleSchema),
  /**
   * Hands a finished export to the user. Electron: the main process's save dialog (the page
   * names no path; `downloadUrl` null, `cancelled` when dismissed). Browser mode: a download URL.
   */
  'pdf:save': request(exportIdInput, handedOverFileSchema),
} as const;
