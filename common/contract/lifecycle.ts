/**
 * The life of approved minutes: approval, corrections, marking signed, the handover to the
 * archive and the audit log.
 * Handlers: main/node/api/handlers/lifecycle.ts.
 */
import { z } from 'zod';
import { idSchema, meetingSchema, timestampSchema } from '../domain/model';
import {
  editionSchema,
  idInputSchema,
  meetingIdInputSchema,
  request,
  uploadIdSchema,
} from './shared';

/** A correction ("Rettelse") appended to approved minutes; the approved text is never edited. */
export const meetingCorrectionSchema = z.object({
  id: idSchema,
  meetingId: idSchema,
  /** 1, 2, 3... in the order they were added. */
  position: z.number().int().min(1),
  createdAt: timestampSchema,
  author: z.string(),
  reason: z.string(),
  text: z.string(),
});
export type MeetingCorrection = z.infer<typeof meetingCorrectionSchema>;

/** One entry of a meeting's audit log: a state change or a correction. */
export const auditEntrySchema = z.object({
  seq: z.number().int(),
  meetingId: idSchema,
  at: timestampSchema,
  author: z.string(),
  /** `signing_restarted`: corrections were added after an edition was signed, so its next signature began a new round on a fresh export. */
  /** `signer_confirmed`: the secretary said which member made a signature whose certificate carries another name. */
  /** `agenda_sent`: the agenda was sent (Udsend dagsorden); the detail names its version and file's SHA-256. */
  action: z.enum([
    'approved',
    'correction',
    'signed',
    'archived',
    'signing_restarted',
    'signer_confirmed',
    'agenda_sent',
  ]),
  /** SHA-256 (hex) of the revision: the approved referat/1 document, then with each correction. */
  revisionSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The reason of a correction; the PDF and signers of `signed`; the edition and round of `signing_restarted`; the package SHA-256 and receiver of `archived`; empty otherwise. */
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** The answer of a state change: the meeting as it is now and the audit entry that records it. */
export const meetingStateChangeSchema = z.object({
  meeting: meetingSchema,
  audit: auditEntrySchema,
});

/** The requests of this area. */
export const lifecycleApi = {
  /** Approves a draft: its text is locked (edits answer `locked`) and the SHA-256 of the approved document is logged. */
  'meetings:approve': request(idInputSchema, meetingStateChangeSchema),
  /** Appends a correction to approved or signed minutes (a draft answers `conflict`, an archived meeting `locked`). */
  'corrections:add': request(
    z
      .object({
        meetingId: idSchema,
        reason: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(1000, 'must be at most 1000 characters'),
        text: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(100_000, 'must be at most 100000 characters'),
      })
      .strict(),
    meetingCorrectionSchema,
  ),
  /**
   * Marks approved minutes as signed, given the signed PDF (Electron: the open dialog; browser
   * mode: an upload). Every signature must be intact, the last must cover the whole file, and
   * there must be one per participant present; the audit log records the PDF's SHA-256.
   */
  'meetings:markSigned': request(
    z
      .object({
        id: idSchema,
        uploadId: uploadIdSchema.optional(),
        /** Use the newest signed PDF of this edition kept in the library (no upload, no dialog). */
        edition: editionSchema.optional(),
      })
      .strict(),
    meetingStateChangeSchema,
  ),
  /**
   * "Afleveret til arkivet": records that signed minutes (every member present has signed the
   * full edition with all corrections) were handed to the archive. The audit log gets
   * `archived` with the package's SHA-256 and the receiver; the status becomes `archived`.
   * Any other state answers `conflict` and nothing changes.
   */
  'meetings:recordArchiveHandover': request(
    z
      .object({
        meetingId: idSchema,
        packageSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits'),
        receiver: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(300, 'must be at most 300 characters'),
      })
      .strict(),
    meetingStateChangeSchema,
  ),
  /** The corrections of a meeting, oldest first. */
  'corrections:list': request(meetingIdInputSchema, z.array(meetingCorrectionSchema)),
  /** The audit log of a meeting (approval, corrections, signing, archiving), oldest first. */
  'audit:list': request(meetingIdInputSchema, z.array(auditEntrySchema)),
} as const;
