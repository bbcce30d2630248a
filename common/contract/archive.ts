/**
 * Files handed out of the library: the archive package (and taking one in), the Word and HTML
 * editions, and an appendix's file (the handover to the archive is a lifecycle step). Handlers: main/node/api/handlers/archive.ts.
 */
import { z } from 'zod';
import { idSchema } from '../domain/model';
import { conversionNoteSchema } from '../format/referat1Conversion';
import {
  editionSchema,
  handedOverFileSchema,
  idInputSchema,
  onExistingSchema,
  request,
  uploadIdSchema,
} from './shared';

/** The requests of this area. */
export const archiveApi = {
  /**
   * "Arkivér": the meeting as a BagIt archive package (zip, or a folder in the desktop app).
   * Electron: the main process shows the save dialog and writes there (`downloadUrl` null).
   * Browser mode: the zip is offered once as a download from the host (`downloadUrl`).
   */
  'archive:export': request(
    z.object({ meetingId: idSchema, kind: z.enum(['zip', 'folder']).optional() }).strict(),
    z.object({
      fileName: z.string(),
      files: z.number().int(),
      bytes: z.number().int(),
      /** SHA-256 (hex) of the zip, or of the folder's tagmanifest-sha256.txt (which fixes every file). */
      packageSha256: z.string().regex(/^[0-9a-f]{64}$/),
      downloadUrl: z.string().nullable(),
    }),
  ),
  /**
   * "Åbn pakke": verifies an archive package completely, then imports its meeting. Electron: the
   * main process shows the open dialog; browser mode: the page uploads the zip (`POST /upload`)
   * and passes `uploadId`. A meeting already in the library answers `conflict` unless
   * `onExisting` says keepBoth or replace (the upload is kept for that second call).
   * A tampered package answers `invalid_input` listing every bad file; nothing is written.
   */
  'archive:import': request(
    z
      .object({
        uploadId: uploadIdSchema.optional(),
        onExisting: onExistingSchema.optional(),
      })
      .strict(),
    z.object({
      meetingId: idSchema,
      filesAdded: z.number().int(),
      filesAlreadyStored: z.number().int(),
      /** What converting the package's referat/1 meeting.json assumed (empty for referat/2). */
      notes: z.array(conversionNoteSchema),
    }),
  ),
  /** The minutes as a Word document (full or public edition); delivered like `archive:export`. */
  'meetings:exportDocx': request(
    z.object({ id: idSchema, edition: editionSchema }).strict(),
    handedOverFileSchema,
  ),
  /**
   * The HTML edition of the public minutes for the municipality's website (index.html,
   * referat.css, the logo, the public appendices). Electron: the main process's save dialog
   * names the folder it is written to; browser mode: a zip of that folder as a download.
   * A CPR number in the public edition refuses it (`personal_data`).
   */
  'meetings:exportHtml': request(
    idInputSchema,
    z.object({
      fileName: z.string(),
      files: z.number().int(),
      downloadUrl: z.string().nullable(),
    }),
  ),
  /**
   * Opens an appendix's file with the system viewer, if it is a known document type (pdf, docx,
   * xlsx, odt, ods, txt, png, jpg) by name and by content. Electron: a read-only temporary copy
   * is opened with the default application, any other file is shown in its folder instead
   * (`downloadUrl` null). Browser mode: a download URL from the host (any other file as
   * `application/octet-stream`). `fileName` is the name the copy or download has.
   */
  'appendices:open': request(
    idInputSchema,
    z.object({
      fileName: z.string(),
      downloadUrl: z.string().nullable(),
      handedOver: z.enum(['opened', 'shownInFolder', 'downloaded']),
      /**
       * Why the file was not treated as a document: `unknownType` (its name names no known
       * document type) or `contentMismatch` (its bytes are not what its name says); null for a
       * known document.
       */
      notOpenedReason: z.enum(['unknownType', 'contentMismatch']).nullable(),
    }),
  ),
} as const;
