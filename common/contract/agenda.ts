/**
 * The agenda (dagsorden) requests: export the agenda or the tillægsdagsorden, send the agenda
 * (which freezes it and records the sending in the audit log), and read what changed since.
 * Files reach the user as every export does: the main process's save dialog (Electron) or a
 * download URL (browser mode); no request names a path.
 */
import { z } from 'zod';
import { idSchema, timestampSchema } from '../domain/model';
import { editionSchema, handedOverFileSchema, request } from './shared';

/** Which agenda: the whole agenda, or the tillægsdagsorden (items added after sending). */
export const agendaKindSchema = z.enum(['agenda', 'supplementary-agenda']);

/** One sending of a meeting's agenda. */
export const agendaSendingSchema = z.object({
  /** 1 for the first sending, then 2, 3 ... (a new version sent again). */
  version: z.number().int().min(1),
  /** The Udsendelsesdato (ISO 8601 timestamp). */
  sentAt: timestampSchema,
  author: z.string(),
  /** SHA-256 (hex) of the exported file (the full edition PDF). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().min(1),
});
/** See {@link agendaSendingSchema}. */
export type AgendaSending = z.infer<typeof agendaSendingSchema>;

/** One section changed since the newest sending: its text then and now (plain text). */
export const agendaFieldChangeSchema = z.object({
  /** A body field (`recommendation`, `casePresentation` ...), `title` or `isClosed`. */
  field: z.string(),
  before: z.string(),
  after: z.string(),
});

/** One item changed, added or removed since the newest sending. */
export const agendaItemChangeSchema = z.object({
  itemId: idSchema,
  number: z.number().int(),
  title: z.string(),
  isAdded: z.boolean(),
  isRemoved: z.boolean(),
  fields: z.array(agendaFieldChangeSchema),
});
/** See {@link agendaItemChangeSchema}. */
export type AgendaItemChangeView = z.infer<typeof agendaItemChangeSchema>;

/** The agenda requests (merged into the API in api.ts). */
export const agendaApi = {
  /**
   * The agenda's sendings (oldest first), the changes since the newest one (empty before the
   * first sending) and the items of the tillægsdagsorden.
   */
  'agenda:status': request(
    z.object({ meetingId: idSchema }).strict(),
    z.object({
      sendings: z.array(agendaSendingSchema),
      changes: z.array(agendaItemChangeSchema),
      supplementaryItemIds: z.array(idSchema),
    }),
  ),
  /**
   * Exports the agenda or the tillægsdagsorden as PDF (PDF/A + PDF/UA), DOCX or HTML (the
   * public edition only, as a folder or a zip). After sending, changed sections carry the
   * note "Ændret efter udsendelse <dato>". A tillægsdagsorden without items is refused.
   */
  'agenda:export': request(
    z
      .object({
        meetingId: idSchema,
        document: agendaKindSchema,
        format: z.enum(['pdf', 'docx', 'html']),
        edition: editionSchema,
      })
      .strict()
      .refine((input) => input.format !== 'html' || input.edition === 'public', {
        message: 'the HTML edition is the public edition only',
        path: ['edition'],
      }),
    handedOverFileSchema,
  ),
  /**
   * Udsend dagsorden: exports the full edition PDF of the agenda, hands it to the user, then
   * records the sending (version, time, the file's SHA-256) in the audit log and freezes a
   * snapshot of the agenda. Only a draft meeting's agenda can be sent; sending again makes a
   * new version. Nothing is recorded when the save dialog is dismissed (`cancelled`).
   */
  'agenda:send': request(
    z.object({ meetingId: idSchema }).strict(),
    handedOverFileSchema.extend({ sending: agendaSendingSchema }),
  ),
} as const;
