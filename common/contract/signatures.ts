/**
 * Signatures: verifying, signing, importing signed files, the signing state and the trusted
 * roots. Handlers: main/node/api/handlers/signatures.ts.
 */
import { z } from 'zod';
import { idSchema, meetingSchema, timestampSchema } from '../domain/model';
import {
  editionSchema,
  emptySchema,
  handedOverFileSchema,
  meetingEditionInputSchema,
  meetingIdInputSchema,
  request,
  uploadIdSchema,
} from './shared';

/**
 * valid; modified (the signed bytes changed); unknown_issuer (no configured trusted root
 * reached); bad_issuer (an issuer of the chain may not issue certificates); expired (outside
 * its validity at the signing time); weak_algorithm (SHA-1); wrong_usage (not a certificate for
 * signing documents, e.g. a web server's); revoked (revocation data embedded in the PDF's
 * Document Security Store revokes a certificate of the chain); invalid (broken).
 */
export const signatureStatusSchema = z.enum([
  'valid',
  'modified',
  'unknown_issuer',
  'bad_issuer',
  'expired',
  'weak_algorithm',
  'wrong_usage',
  'revoked',
  'invalid',
]);
export type SignatureStatus = z.infer<typeof signatureStatusSchema>;

/** An X.509 certificate as a signature report or the trusted roots show it. */
export const certificateSchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  serialNumber: z.string(),
  /** SHA-256 fingerprint as OpenSSL prints it (AA:BB:...). */
  fingerprint256: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
});

/** One signature of a PDF, in signing order. */
export const signatureReportSchema = z.object({
  /** The signature field's name. */
  field: z.string(),
  /** The certificate's common name (else the signature's /Name). */
  signer: z.string(),
  /** The signing time the signer's software wrote (/M), ISO 8601; not a trusted timestamp. */
  signedAt: z.string().nullable(),
  reason: z.string().nullable(),
  location: z.string().nullable(),
  status: signatureStatusSchema,
  /** A short English explanation when the status is not valid. */
  detail: z.string().nullable(),
  /** The signature covers the whole file (normal for the last signature only). */
  coversWholeFile: z.boolean(),
  /** The signing certificate, when the signature carries one. */
  certificate: certificateSchema.nullable(),
  /** The certificate chain was valid at the signing time the signature claims; null when not checked. */
  isCertificateValidAtSigning: z.boolean().nullable(),
  /** The certificate chain is valid now; null when not checked. */
  isCertificateValidNow: z.boolean().nullable(),
  /**
   * True when revocation data (CRL, OCSP) embedded in the PDF's Document Security Store covers
   * the signing certificate (the detail then says "not revoked per CRL of …" or "revoked on …");
   * false when there is none: revocation not checked.
   */
  isRevocationChecked: z.boolean(),
  /** What the embedded revocation data says about the chain, when it covers it (PAdES B-LT). */
  revocation: z
    .object({
      source: z.enum(['crl', 'ocsp']),
      state: z.enum(['good', 'revoked', 'unknown']),
      /** The CRL's thisUpdate or the OCSP response's producedAt (ISO 8601). */
      issuedAt: z.string(),
      revokedAt: z.string().nullable(),
      /** The certificate it is about (the signer's, or a revoked issuer's), by common name. */
      certificate: z.string(),
    })
    .optional(),
});
export type SignatureReport = z.infer<typeof signatureReportSchema>;

/** A root certificate the library trusts when verifying signatures. */
export const trustedRootSchema = certificateSchema
  .pick({ fingerprint256: true, subject: true, validFrom: true, validTo: true })
  .extend({ pem: z.string() });
export type TrustedRoot = z.infer<typeof trustedRootSchema>;

/** One signed PDF kept in the library: the file after one more signature. */
export const signedPdfSchema = z.object({
  /** Order of signing across the library (ascending). */
  seq: z.number().int(),
  meetingId: idSchema,
  edition: editionSchema,
  /** SHA-256 of the signed file in the file store. */
  sha256: z.string(),
  bytes: z.number().int(),
  /** Who signed this time (the certificate's common name unless a name was given). */
  signer: z.string(),
  signedAt: timestampSchema,
  /** Signatures in the file, this one included. */
  signatureCount: z.number().int().min(1),
  /**
   * The signature round of the edition (1, 2, ...). A round starts with a fresh export; the
   * next signature starts a new one when corrections were added after the newest file's export.
   */
  round: z.number().int().min(1),
  /** How many corrections ("Rettelser") the file prints: 1..N in their order; always 0 in the public edition. */
  correctionsIncluded: z.number().int().min(0),
  /** Distinct signers in the file (a member signing twice counts once). */
  signerCount: z.number().int().min(1),
  /** Every participant present has signed this file. */
  isComplete: z.boolean(),
  /**
   * Corrections were added after this file was exported (full edition only: the public one
   * prints none). On the newest file of an edition: the edition must be signed again, and the
   * next signature starts a new round on a fresh export.
   */
  lacksCorrections: z.boolean(),
});
export type SignedPdf = z.infer<typeof signedPdfSchema>;

/** What a signature recorded in the library answers: the file kept, and the meeting now. */
export const signingOutcomeSchema = z.object({
  signedPdf: signedPdfSchema,
  meeting: meetingSchema,
  /** Every participant present has signed: the meeting became (or stays) signed. */
  isMeetingSigned: z.boolean(),
});

/** One participant present and where they are in the current signature round of an edition. */
export const signerStateSchema = z.object({
  participantId: idSchema,
  name: z.string(),
  /** signed; reservation (signed with a reservation); waiting (has not signed this round). */
  state: z.enum(['signed', 'reservation', 'waiting']),
  /** The time the signature claims (ISO 8601); null while waiting. */
  signedAt: z.string().nullable(),
  /** The certificate's subject; null while waiting. */
  certificateSubject: z.string().nullable(),
  /** How the signature was tied to the participant; null while waiting. */
  matchedBy: z.enum(['name', 'secretary']).nullable(),
  /** The reservation text; empty unless `reservation`. */
  reservation: z.string(),
});
export type SignerState = z.infer<typeof signerStateSchema>;

/**
 * The signing state of one edition (see `signatures:status`), with the edition, round and
 * completeness a signed PDF records: `round` is the one the next signature belongs to (a new
 * round after corrections), `isComplete` that every participant present has signed it.
 */
export const signingStatusSchema = signedPdfSchema
  .pick({ edition: true, round: true, isComplete: true })
  .extend({
    /** A signing file or signed file of this round has been handed out or recorded. */
    isStarted: z.boolean(),
    signers: z.array(signerStateSchema),
  });
export type SigningStatus = z.infer<typeof signingStatusSchema>;

/** The requests of this area. */
export const signaturesApi = {
  /**
   * The signatures of a PDF. In Electron (no `uploadId`) the main process shows the open
   * dialog; in browser mode the page uploads the PDF first. The library's trusted roots are
   * used; `trustedRootsPem` adds more for this call.
   */
  'signatures:verify': request(
    z
      .object({
        uploadId: uploadIdSchema.optional(),
        trustedRootsPem: z
          .array(z.string().max(1024 * 1024))
          .max(100)
          .optional(),
        /** Verify the newest signed PDF of a meeting's edition kept in the library instead. */
        stored: meetingEditionInputSchema.optional(),
      })
      .strict(),
    z.object({
      fileName: z.string(),
      signatures: z.array(signatureReportSchema),
      /**
       * At least one signature, all valid, and the last covers the whole file (or all but an
       * update that only adds revocation data, `isOnlyDssAfterLast`).
       */
      isAllValid: z.boolean(),
      /** After the last signature only a Document Security Store was added (PAdES B-LT). */
      isOnlyDssAfterLast: z.boolean().optional(),
    }),
  ),
  /** The roots trusted for signature verification (library settings): the only trust anchors. */
  'trustedRoots:list': request(emptySchema, z.array(trustedRootSchema)),
  /** Adds the CA certificate(s) of a PEM text (e.g. the OCES or MitID Erhverv root). */
  'trustedRoots:add': request(
    z
      .object({
        pem: z
          .string()
          .min(1)
          .max(1024 * 1024),
      })
      .strict(),
    z.array(trustedRootSchema),
  ),
  'trustedRoots:remove': request(
    z.object({ fingerprint256: z.string().min(1).max(200) }).strict(),
    z.array(trustedRootSchema),
  ),
  /**
   * Signs approved minutes with a PKCS#12 certificate. The first signature signs a fresh export
   * of the edition (signature page included); later ones sign the newest signed file of that
   * edition, each an incremental update, unless corrections were added since that file's export:
   * then a fresh export (with the corrections) starts a new round and only signatures of the
   * newest round count. The certificate: Electron shows the open dialog (no
   * `p12UploadId`); browser mode uploads it first (the upload is removed right after use).
   * The password is used once, never stored or logged; a wrong one answers `invalid_input` and
   * nothing is stored. When every participant present has signed, the meeting becomes signed
   * (a completed later round of a signed meeting is logged as `signed` again).
   */
  'signatures:sign': request(
    z
      .object({
        meetingId: idSchema,
        edition: editionSchema,
        p12UploadId: uploadIdSchema.optional(),
        password: z.string().max(1024, 'must be at most 1024 characters'),
        reason: z
          .string()
          .trim()
          .min(1, 'must not be empty')
          .max(500, 'must be at most 500 characters'),
        location: z.string().trim().max(500, 'must be at most 500 characters').optional(),
        signerName: z.string().trim().max(500, 'must be at most 500 characters').optional(),
        /**
         * The participant who signs, as the secretary confirms it: needed when the certificate's
         * name is not the participant's (logged as `signer_confirmed`); default matched by name.
         */
        participantId: idSchema.optional(),
        /** A reservation (forbehold): the signature's reason becomes "Underskrevet med forbehold: …". */
        reservation: z.string().trim().max(500, 'must be at most 500 characters').optional(),
        /**
         * Revocation data (CRLs, OCSP responses) to embed before the signature (PAdES B-LT):
         * browser-mode uploads; refused unless each concerns a signer's chain.
         */
        revocationUploadIds: z.array(uploadIdSchema).max(20).optional(),
        /** Electron: the main process's open dialog asks for one revocation file (CRL/OCSP). */
        isWithRevocation: z.boolean().optional(),
      })
      .strict(),
    signingOutcomeSchema,
  ),
  /**
   * Records a signed file returned by a member who signed on their own device (Referat or any
   * PAdES tool): it must begin with exactly the file handed out to sign (the signing file, or
   * the newest signed file of the edition), each new signature must belong to a participant
   * present who has not signed the round (by the certificate's name, or `confirmations` from
   * the secretary, logged), and no signature may be broken. The meeting becomes signed when
   * every participant present has signed and every signature is valid (trusted roots).
   * Electron shows the open dialog (no `uploadId`); browser mode uploads the file first.
   */
  'signatures:import': request(
    z
      .object({
        meetingId: idSchema,
        edition: editionSchema.optional(),
        uploadId: uploadIdSchema.optional(),
        confirmations: z
          .array(z.object({ field: z.string().min(1).max(200), participantId: idSchema }).strict())
          .max(100)
          .optional(),
        /** The participant who made the file's one new signature, as the secretary confirms it. */
        participantId: idSchema.optional(),
      })
      .strict(),
    signingOutcomeSchema,
  ),
  /**
   * Hands out the file the next signer signs ("underskriftsfil"): the newest signed file of the
   * edition, or the round's export (made and kept now when there is none). Electron's save
   * dialog (`downloadUrl` null) or a browser download URL, as signatures:download.
   */
  'signatures:signingFile': request(meetingEditionInputSchema, handedOverFileSchema),
  /**
   * Who still has to sign, per edition: the current round and each participant present with
   * their state (signed, with time and certificate; signed with a reservation; waiting).
   */
  'signatures:status': request(meetingIdInputSchema, z.array(signingStatusSchema)),
  /**
   * The signed PDFs of a meeting kept in the library, in signing order, earlier rounds included.
   * The newest row of an edition tells its state: `lacksCorrections` (sign again: the next
   * signature starts a new round) and `isComplete` (every member present has signed it).
   */
  'signatures:list': request(meetingIdInputSchema, z.array(signedPdfSchema)),
  /**
   * Hands the newest signed PDF of an edition to the user: Electron's save dialog
   * (`downloadUrl` null), browser mode a download URL. `seq` picks an earlier file of the
   * edition instead (e.g. the last file of an earlier signature round, see `signatures:list`).
   */
  'signatures:download': request(
    meetingEditionInputSchema.extend({ seq: z.number().int().min(1).optional() }),
    handedOverFileSchema,
  ),
} as const;
