/**
 * The one API contract between the renderer (and every other client) and the main process.
 *
 * Each request is named `noun:verb` and has a zod schema for its input and its output.
 * The same contract is served over Electron IPC (preload bridge) and by the local HTTP host
 * (browser mode); the CLI calls the same handlers. Results are `Result<T>` (see result.ts).
 *
 * Rule: no request accepts a file system path. Files enter through dialogs owned by the
 * main process, or as bytes uploaded by the page in browser mode.
 */
import { z } from 'zod';
import {
  agendaItemSchema,
  appendixSchema,
  attendanceStatusSchema,
  bodySchema,
  itemAbsenceSchema,
  presenceChangeSchema,
  clockTimeSchema,
  committeeKindSchema,
  committeeSchema,
  idSchema,
  isoDateSchema,
  itemBodyFieldSchema,
  itemKindSchema,
  meetingBodyFieldSchema,
  meetingKindSchema,
  meetingSchema,
  memberRoleSchema,
  memberSchema,
  participantSchema,
  partyLetterSchema,
  requiredText,
  shortText,
  templateIdSchema,
  timestampSchema,
} from '../domain/model';
import { minutesProfileSchema } from '../domain/profiles';
import { richTextSchema } from '../domain/richText';
import { conversionNoteSchema } from '../format/referat1Conversion';
import type { Result } from './result';
import { apiErrorSchema } from './result';
import { editionSchema } from './shared';

const empty = z.object({}).strict();

/** A committee with counts for the overview. */
export const committeeSummarySchema = committeeSchema.extend({
  memberCount: z.number().int(),
  meetingCount: z.number().int(),
});
export type CommitteeSummary = z.infer<typeof committeeSummarySchema>;

/** A meeting as listed per committee. */
export const meetingSummarySchema = meetingSchema.extend({
  committeeName: z.string(),
  itemCount: z.number().int(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

/** An agenda item with all its bodies. */
export const agendaItemDetailSchema = agendaItemSchema.extend({
  bodies: z.record(itemBodyFieldSchema, bodySchema),
});
export type AgendaItemDetail = z.infer<typeof agendaItemDetailSchema>;

/** Everything shown when a meeting is opened. */
export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  committee: committeeSchema,
  participants: z.array(participantSchema),
  items: z.array(agendaItemDetailSchema),
  appendices: z.array(appendixSchema),
  bodies: z.record(meetingBodyFieldSchema, bodySchema),
  /** The minutes profile the meeting is laid out with (meeting, committee, default, template). */
  profile: minutesProfileSchema,
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const bodyOwnerSchema = z.discriminatedUnion('kind', [
  z
    .object({ kind: z.literal('meeting'), meetingId: idSchema, field: meetingBodyFieldSchema })
    .strict(),
  z.object({ kind: z.literal('item'), itemId: idSchema, field: itemBodyFieldSchema }).strict(),
]);
/** Which body a save or history request is about. */
export type BodyOwner = z.infer<typeof bodyOwnerSchema>;

export const revisionSchema = z.object({
  revision: z.number().int(),
  savedAt: timestampSchema,
  author: z.string(),
  content: richTextSchema,
});
/** One saved version of a body (append-only history). */
export type Revision = z.infer<typeof revisionSchema>;

export const backupSchema = z.object({
  name: z.string(),
  createdAt: timestampSchema,
  size: z.number().int(),
});
export type Backup = z.infer<typeof backupSchema>;

const committeeFields = z
  .object({
    name: requiredText(200),
    kind: committeeKindSchema,
    organisation: shortText(200),
    template: templateIdSchema,
    /** The committee's minutes profile; null (or left out) uses the municipality default. */
    profileId: idSchema.nullable().optional(),
  })
  .strict();

const memberFields = z
  .object({
    name: requiredText(200),
    role: memberRoleSchema,
    party: partyLetterSchema,
    isCitizen: z.boolean(),
    isActive: z.boolean(),
  })
  .strict();

const meetingHeaderFields = z
  .object({
    /** Null: the minutes give no number (none is invented). */
    number: z.number().int().min(1).max(100000).nullable(),
    kind: meetingKindSchema,
    date: isoDateSchema,
    startTime: clockTimeSchema.nullable(),
    endTime: clockTimeSchema.nullable(),
    location: shortText(300),
    caseId: shortText(100),
    isClosed: z.boolean(),
    template: templateIdSchema,
    /** The meeting's own minutes profile; null uses the committee's. */
    profileId: idSchema.nullable(),
  })
  .strict();

const participantFields = z
  .object({
    name: requiredText(200),
    role: memberRoleSchema,
    party: partyLetterSchema,
    isCitizen: z.boolean(),
    attendance: attendanceStatusSchema,
    /** Indkaldt; left out means not called in. */
    isCalledIn: z.boolean().optional(),
    substituteForId: idSchema.nullable(),
    partialPresence: shortText(300),
    /** Arrivals and departures; left out means none. */
    presenceChanges: z.array(presenceChangeSchema).max(100).optional(),
    note: shortText(1000),
    itemAbsences: z.array(itemAbsenceSchema).max(1000),
  })
  .strict();

const itemFields = z
  .object({
    number: z.number().int().min(0).max(100000),
    title: requiredText(500),
    isClosed: z.boolean(),
    publicTitle: shortText(500),
    caseId: shortText(100),
    documentNumber: shortText(100),
    presenter: shortText(300),
    kind: itemKindSchema,
    /** On the tillægsdagsorden; left out means not. */
    isSupplementary: z.boolean().optional(),
    /** The profile's item group; left out means none. */
    groupId: idSchema.nullable().optional(),
  })
  .strict();

const appendixFields = z
  .object({
    title: requiredText(500),
    documentNumber: shortText(100),
    caseId: shortText(100),
    isClosed: z.boolean(),
    itemId: idSchema.nullable(),
    /** Added after the meeting; left out means not. */
    isAddedAfterMeeting: z.boolean().optional(),
  })
  .strict();

// --- search ------------------------------------------------------------------------------
/** Filters shared by search and the decision register. */
export const searchFiltersSchema = z
  .object({
    /** Only these committees (any when absent or empty). */
    committeeIds: z.array(idSchema).max(200).optional(),
    /** First meeting date included. */
    from: isoDateSchema.optional(),
    /** Last meeting date included. */
    to: isoDateSchema.optional(),
    /** Only documents filed under this case id (compared trimmed and case-insensitively). */
    caseId: shortText(100).optional(),
    /** Include closed (confidential) text: closed items, closed appendices, closed meetings. */
    isClosedIncluded: z.boolean().optional(),
  })
  .strict();
export type SearchFilters = z.infer<typeof searchFiltersSchema>;

/** A piece of a highlighted snippet; the UI draws `isHit` pieces as <mark> (text only). */
export const snippetSegmentSchema = z.object({ text: z.string(), isHit: z.boolean() });

export const searchPlaces = [
  'heading',
  'publicTitle',
  'body',
  'appendix',
  'meeting',
  'participants',
] as const;
/** One match inside a meeting, with enough to open the meeting at that place. */
export const searchHitSchema = z.object({
  /** The agenda item, or null for meeting-level text (header, attendance, meeting bodies). */
  itemId: idSchema.nullable(),
  itemNumber: z.number().int().nullable(),
  /** The item's title; for a closed item searched without closed text, its public title. */
  itemTitle: z.string().nullable(),
  isItemClosed: z.boolean(),
  place: z.enum(searchPlaces),
  /** The body field when `place` is `body`. */
  bodyField: z.union([itemBodyFieldSchema, meetingBodyFieldSchema]).nullable(),
  appendixId: idSchema.nullable(),
  /** The matched text is closed (only with `isClosedIncluded`). */
  isClosed: z.boolean(),
  snippet: z.array(snippetSegmentSchema),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

/** The matches of one meeting. */
export const searchGroupSchema = z.object({
  meeting: z.object({
    id: idSchema,
    committeeId: idSchema,
    committeeName: z.string(),
    number: z.number().int().nullable(),
    date: isoDateSchema,
    isClosed: z.boolean(),
    status: z.string(),
  }),
  /** The first matches in agenda order (at most a few per meeting). */
  hits: z.array(searchHitSchema),
  /** How many passages of this meeting match (hits shows the first of them). */
  hitCount: z.number().int(),
});
export type SearchGroup = z.infer<typeof searchGroupSchema>;

export const searchQueryStateSchema = z.object({
  /** Nothing to search for; `reason` says why (the UI shows its own text for it). */
  isEmpty: z.boolean(),
  reason: z.enum(['empty', 'onlyExclusions']).nullable(),
  message: z.string().nullable(),
  /** Part of a very long query was ignored. */
  isTruncated: z.boolean(),
});

/** One decision in the register or in a "Tidligere beslutninger" chain. */
export const decisionEntrySchema = z.object({
  meetingId: idSchema,
  itemId: idSchema,
  committeeId: idSchema,
  committeeName: z.string(),
  date: isoDateSchema,
  meetingNumber: z.number().int().nullable(),
  itemNumber: z.number().int(),
  /** For a closed item without closed text: the public title. */
  itemTitle: z.string(),
  caseId: z.string(),
  /** The decision as plain text; for a closed item without closed text: the public decision. */
  decisionText: z.string(),
  isClosed: z.boolean(),
});
export type DecisionEntry = z.infer<typeof decisionEntrySchema>;

/** The decisions on one case, oldest first. `caseId` is empty for items without a case id. */
export const decisionCaseSchema = z.object({
  caseId: z.string(),
  entries: z.array(decisionEntrySchema),
});
export type DecisionCase = z.infer<typeof decisionCaseSchema>;

/** An earlier decision offered for "Tidligere beslutninger". */
export const previousDecisionSchema = decisionEntrySchema.extend({
  /** The line as it would be inserted: "Økonomiudvalget, 17. september 2019, pkt. 120: Anbefales." */
  line: z.string(),
  /** Already linked from the item's "Tidligere beslutninger". */
  isInserted: z.boolean(),
});
export type PreviousDecision = z.infer<typeof previousDecisionSchema>;

/** Opaque paging cursor handed back by a previous answer. */
const cursorSchema = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9:_-]*$/, 'is not a cursor from a previous answer');

// --- lifecycle --------------------------------------------------------------

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
  action: z.enum([
    'approved',
    'correction',
    'signed',
    'archived',
    'signing_restarted',
    'signer_confirmed',
  ]),
  /** SHA-256 (hex) of the revision: the approved referat/1 document, then with each correction. */
  revisionSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The reason of a correction; the PDF and signers of `signed`; the edition and round of `signing_restarted`; the package SHA-256 and receiver of `archived`; empty otherwise. */
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

// --- signatures -------------------------------------------------------------

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
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      serialNumber: z.string(),
      fingerprint256: z.string(),
      validFrom: z.string(),
      validTo: z.string(),
    })
    .nullable(),
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
export const trustedRootSchema = z.object({
  /** SHA-256 fingerprint as OpenSSL prints it (AA:BB:...). */
  fingerprint256: z.string(),
  subject: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  pem: z.string(),
});
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

/** The signing state of one edition (see `signatures:status`). */
export const signingStatusSchema = z.object({
  edition: z.enum(['full', 'public']),
  /** The round the next signature belongs to (a new round after corrections). */
  round: z.number().int().min(1),
  /** Every participant present has signed this round. */
  isComplete: z.boolean(),
  /** A signing file or signed file of this round has been handed out or recorded. */
  isStarted: z.boolean(),
  signers: z.array(signerStateSchema),
});
export type SigningStatus = z.infer<typeof signingStatusSchema>;

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

// --- pdf export ------------------------------------------------------------------

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

const pdfExportRequestSchema = z
  .object({ meetingId: idSchema, edition: pdfEditionSchema })
  .strict();
const exportIdInput = z
  .object({ exportId: z.string().regex(/^[a-f0-9]{32}$/, 'an export id (32 hex characters)') })
  .strict();

/** Defines one request. */
function request<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}

/**
 * Every request of the API. Keys are `noun:verb`. Later features add their requests here,
 * grouped under a comment naming the feature.
 */
/** A secretary's name as typed: trimmed, 1–200 characters, no control characters. */
export const secretaryNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u);

/** The library settings the app reads and writes. */
export const settingsSchema = z.object({ secretaryName: secretaryNameSchema.nullable() }).strict();

export const api = {
  // --- application ---------------------------------------------------------------------
  'app:info': request(
    empty,
    z.object({
      version: z.string(),
      transport: z.enum(['electron', 'http', 'cli']),
      libraryName: z.string(),
    }),
  ),
  /**
   * The library's settings: the secretary's name, recorded as the author of revisions,
   * corrections and approvals (null until set; the app asks for it on first start).
   */
  'settings:get': request(empty, settingsSchema),
  /** Sets the secretary's name (1–200 characters after trimming). */
  'settings:set': request(
    z.object({ secretaryName: secretaryNameSchema }).strict(),
    settingsSchema,
  ),

  // --- committees and members ----------------------------------------------------------
  'committees:list': request(empty, z.array(committeeSummarySchema)),
  'committees:create': request(committeeFields, committeeSchema),
  'committees:update': request(
    z.object({ id: idSchema, patch: committeeFields.partial().strict() }).strict(),
    committeeSchema,
  ),
  'members:list': request(z.object({ committeeId: idSchema }).strict(), z.array(memberSchema)),
  'members:create': request(
    z.object({ committeeId: idSchema, member: memberFields }).strict(),
    memberSchema,
  ),
  'members:update': request(
    z.object({ id: idSchema, patch: memberFields.partial().strict() }).strict(),
    memberSchema,
  ),
  'members:move': request(
    z.object({ id: idSchema, position: z.number().int().min(0) }).strict(),
    z.array(memberSchema),
  ),

  // --- minutes profiles ------------------------------------------------------------------
  /** The built-in profiles, then the library's own, and the municipality default. */
  'profiles:list': request(
    empty,
    z.object({
      profiles: z.array(z.object({ id: idSchema, name: z.string(), isBuiltIn: z.boolean() })),
      defaultProfileId: idSchema.nullable(),
    }),
  ),
  /** One profile, built-in or the library's own. */
  'profiles:get': request(z.object({ id: idSchema }).strict(), minutesProfileSchema),
  /**
   * Saves one of the library's own profiles (new or changed); a built-in is saved as an edited
   * copy under an id of its own. Every problem is named in the user's words.
   */
  'profiles:save': request(z.object({ profile: z.unknown() }).strict(), minutesProfileSchema),
  /** Sets the municipality default profile (null: each template's built-in). */
  'profiles:setDefault': request(z.object({ id: idSchema.nullable() }).strict(), empty),

  // --- standard decision texts -------------------------------------------------
  /** The committee's standard decision texts, or the built-in list (`isDefault`). */
  'standardTexts:get': request(z.object({ committeeId: idSchema }).strict(), standardTextsSchema),
  /** Replaces the committee's list; an empty list returns to the built-in one. */
  'standardTexts:save': request(
    z.object({ committeeId: idSchema, texts: standardTextListSchema }).strict(),
    standardTextsSchema,
  ),

  // --- meetings ------------------------------------------------------------------------
  'meetings:list': request(
    z.object({ committeeId: idSchema.optional() }).strict(),
    z.array(meetingSummarySchema),
  ),
  'meetings:proposeNext': request(
    z.object({ committeeId: idSchema }).strict(),
    z.object({
      number: z.number().int(),
      date: isoDateSchema,
      previousMeetingId: idSchema.nullable(),
      /** The first item's number: continues the year when the profile numbers yearly. */
      firstItemNumber: z.number().int(),
    }),
  ),
  'meetings:create': request(
    z
      .object({
        committeeId: idSchema,
        /** Null: the meeting has no number (none is invented). */
        number: z.number().int().min(1).max(100000).nullable(),
        date: isoDateSchema,
        kind: meetingKindSchema,
        /** Copy participants and the agenda skeleton from the committee's previous meeting. */
        isCopyingPrevious: z.boolean(),
      })
      .strict(),
    meetingDetailSchema,
  ),
  'meetings:get': request(z.object({ id: idSchema }).strict(), meetingDetailSchema),
  'meetings:update': request(
    z.object({ id: idSchema, patch: meetingHeaderFields.partial().strict() }).strict(),
    meetingSchema,
  ),
  'meetings:delete': request(z.object({ id: idSchema }).strict(), z.object({ id: idSchema })),

  // --- attendance ----------------------------------------------------------------------
  'participants:create': request(
    z.object({ meetingId: idSchema, participant: participantFields }).strict(),
    participantSchema,
  ),
  'participants:update': request(
    z.object({ id: idSchema, patch: participantFields.partial().strict() }).strict(),
    participantSchema,
  ),
  'participants:delete': request(z.object({ id: idSchema }).strict(), z.object({ id: idSchema })),

  // --- agenda items --------------------------------------------------------------------
  'items:create': request(
    z.object({ meetingId: idSchema, item: itemFields.partial({ number: true }).strict() }).strict(),
    agendaItemDetailSchema,
  ),
  'items:update': request(
    z.object({ id: idSchema, patch: itemFields.partial().strict() }).strict(),
    agendaItemSchema,
  ),
  'items:move': request(
    z.object({ id: idSchema, position: z.number().int().min(0) }).strict(),
    z.array(agendaItemSchema),
  ),
  'items:delete': request(
    z
      .object({
        id: idSchema,
        /** Must be true to delete an item whose decision has text (the UI asks first). */
        isDecisionLossConfirmed: z.boolean().optional(),
      })
      .strict(),
    z.object({ id: idSchema }),
  ),

  // --- text bodies and their history ----------------------------------------------------
  'bodies:save': request(
    z
      .object({
        owner: bodyOwnerSchema,
        content: richTextSchema,
        /** The revision the edit was based on; a mismatch answers `conflict`. */
        baseRevision: z.number().int().min(0),
      })
      .strict(),
    z.object({ revision: z.number().int(), updatedAt: timestampSchema }),
  ),
  'bodies:history': request(z.object({ owner: bodyOwnerSchema }).strict(), z.array(revisionSchema)),

  // --- appendices ----------------------------------------------------------------------
  'appendices:create': request(
    z.object({ meetingId: idSchema, appendix: appendixFields }).strict(),
    appendixSchema,
  ),
  'appendices:update': request(
    z.object({ id: idSchema, patch: appendixFields.partial().strict() }).strict(),
    appendixSchema,
  ),
  'appendices:move': request(
    z.object({ id: idSchema, position: z.number().int().min(0) }).strict(),
    z.array(appendixSchema),
  ),
  'appendices:delete': request(z.object({ id: idSchema }).strict(), z.object({ id: idSchema })),
  /**
   * Attaches a file to an appendix. In Electron the main process shows the open dialog;
   * in browser mode the page uploads the bytes first (HTTP host `POST /upload`) and passes
   * the upload's token. Either way no path crosses the API.
   */
  'appendices:attachFile': request(
    z
      .object({
        id: idSchema,
        uploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
      })
      .strict(),
    appendixSchema,
  ),

  // --- interchange (referat/1) ---------------------------------------------------------
  /** The meeting as a `referat/1` JSON text (canonical bytes). */
  'meetings:exportJson': request(
    z.object({ id: idSchema }).strict(),
    z.object({ fileName: z.string(), json: z.string() }),
  ),
  /**
   * Imports a `referat/2` (or older `referat/1`) JSON text; all or nothing. `notes` says what
   * converting a referat/1 document assumed (empty for referat/2).
   */
  'meetings:importJson': request(
    z
      .object({
        json: z.string().max(100 * 1024 * 1024),
        /** What to do when the meeting's id already exists: refuse (default), keep both, or replace. */
        onExisting: z.enum(['refuse', 'keepBoth', 'replace']).optional(),
      })
      .strict(),
    z.object({ meetingId: idSchema, notes: z.array(conversionNoteSchema) }),
  ),

  // --- archive ---------------------------------------------------------------------------
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
    z.object({ meeting: meetingSchema, audit: auditEntrySchema }),
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
        uploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
        onExisting: z.enum(['refuse', 'keepBoth', 'replace']).optional(),
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
    z.object({ fileName: z.string(), bytes: z.number().int(), downloadUrl: z.string().nullable() }),
  ),
  /**
   * The HTML edition of the public minutes for the municipality's website (index.html,
   * referat.css, the logo, the public appendices). Electron: the main process's save dialog
   * names the folder it is written to; browser mode: a zip of that folder as a download.
   * A CPR number in the public edition refuses it (`personal_data`).
   */
  'meetings:exportHtml': request(
    z.object({ id: idSchema }).strict(),
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
    z.object({ id: idSchema }).strict(),
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

  // --- library maintenance -------------------------------------------------------------
  'library:backups': request(empty, z.array(backupSchema)),
  'library:backupNow': request(empty, backupSchema),
  /**
   * Whether the library could be opened. When it is damaged (or written by a newer Referat)
   * the app starts anyway and every other request answers that error; the renderer then shows
   * the recovery screen with the backups, newest first.
   */
  'library:recoveryStatus': request(
    empty,
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
  // --- search ----------------------------------------------------------------------------
  /**
   * Full-text search, results grouped by meeting. Bounded work per call (search-as-you-type:
   * the client drops stale answers by `requestId` and sends a new query per keystroke).
   */
  'search:query': request(
    searchFiltersSchema
      .extend({
        text: z.string().max(10_000),
        /** `newest` (default): newest meetings first. `relevance`: best matches among the newest candidates. */
        order: z.enum(['newest', 'relevance']).optional(),
        /** The user is still typing: the last word is matched as a prefix. */
        isTyping: z.boolean().optional(),
        /** Meetings per page (default 20). */
        limit: z.number().int().min(1).max(100).optional(),
        cursor: cursorSchema.optional(),
        /** Echoed back so the client can tell answers to stale queries apart. */
        requestId: z.number().int().min(0).optional(),
      })
      .strict(),
    z.object({
      requestId: z.number().int().nullable(),
      query: searchQueryStateSchema,
      groups: z.array(searchGroupSchema),
      /** Pass back as `cursor` for the next page; null when there is none. */
      nextCursor: z.string().nullable(),
      /** Relevance order ranked only the newest candidates (a very common word). */
      isCandidateLimited: z.boolean(),
    }),
  ),
  /** The decision register: every decision, grouped by case id (latest case first, each case oldest first). */
  'decisions:list': request(
    searchFiltersSchema
      .extend({
        /** Only decisions whose text matches (same syntax as search). */
        text: z.string().max(10_000).optional(),
        /** Cases per page (default 50). */
        limit: z.number().int().min(1).max(500).optional(),
        cursor: cursorSchema.optional(),
      })
      .strict(),
    z.object({
      query: searchQueryStateSchema.nullable(),
      cases: z.array(decisionCaseSchema),
      nextCursor: z.string().nullable(),
    }),
  ),
  /** Earlier decisions (any committee) on the case id of an item, oldest first. */
  'decisions:previous': request(
    z.object({ itemId: idSchema, isClosedIncluded: z.boolean().optional() }).strict(),
    z.object({ caseId: z.string(), entries: z.array(previousDecisionSchema) }),
  ),
  /**
   * Inserts chosen earlier decisions into the item's "Tidligere beslutninger" as linked lines,
   * keeping the chain in date order. Closed decision text goes only into a closed item.
   */
  'decisions:insertPrevious': request(
    z
      .object({
        itemId: idSchema,
        sourceItemIds: z.array(idSchema).min(1).max(500),
        /** The revision of the previousDecisions body the choice was based on. */
        baseRevision: z.number().int().min(0),
        isClosedIncluded: z.boolean().optional(),
      })
      .strict(),
    z.object({
      revision: z.number().int(),
      updatedAt: timestampSchema,
      content: richTextSchema,
      insertedItemIds: z.array(idSchema),
    }),
  ),
  // --- lifecycle ----------------------------------------------------------------
  /** Approves a draft: its text is locked (edits answer `locked`) and the SHA-256 of the approved document is logged. */
  'meetings:approve': request(
    z.object({ id: idSchema }).strict(),
    z.object({ meeting: meetingSchema, audit: auditEntrySchema }),
  ),
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
        uploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
        /** Use the newest signed PDF of this edition kept in the library (no upload, no dialog). */
        edition: editionSchema.optional(),
      })
      .strict(),
    z.object({ meeting: meetingSchema, audit: auditEntrySchema }),
  ),
  /** The corrections of a meeting, oldest first. */
  'corrections:list': request(
    z.object({ meetingId: idSchema }).strict(),
    z.array(meetingCorrectionSchema),
  ),
  /** The audit log of a meeting (approval, corrections, signing, archiving), oldest first. */
  'audit:list': request(z.object({ meetingId: idSchema }).strict(), z.array(auditEntrySchema)),
  // --- signatures --------------------------------------------------------------
  /**
   * The signatures of a PDF. In Electron (no `uploadId`) the main process shows the open
   * dialog; in browser mode the page uploads the PDF first. The library's trusted roots are
   * used; `trustedRootsPem` adds more for this call.
   */
  'signatures:verify': request(
    z
      .object({
        uploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
        trustedRootsPem: z
          .array(z.string().max(1024 * 1024))
          .max(100)
          .optional(),
        /** Verify the newest signed PDF of a meeting's edition kept in the library instead. */
        stored: z.object({ meetingId: idSchema, edition: editionSchema }).strict().optional(),
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
  'trustedRoots:list': request(empty, z.array(trustedRootSchema)),
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
        p12UploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
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
        revocationUploadIds: z
          .array(z.string().regex(/^[a-f0-9]{32}$/))
          .max(20)
          .optional(),
        /** Electron: the main process's open dialog asks for one revocation file (CRL/OCSP). */
        isWithRevocation: z.boolean().optional(),
      })
      .strict(),
    z.object({ signedPdf: signedPdfSchema, meeting: meetingSchema, isMeetingSigned: z.boolean() }),
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
        edition: z.enum(['full', 'public']).optional(),
        uploadId: z
          .string()
          .regex(/^[a-f0-9]{32}$/)
          .optional(),
        confirmations: z
          .array(z.object({ field: z.string().min(1).max(200), participantId: idSchema }).strict())
          .max(100)
          .optional(),
        /** The participant who made the file's one new signature, as the secretary confirms it. */
        participantId: idSchema.optional(),
      })
      .strict(),
    z.object({ signedPdf: signedPdfSchema, meeting: meetingSchema, isMeetingSigned: z.boolean() }),
  ),
  /**
   * Hands out the file the next signer signs ("underskriftsfil"): the newest signed file of the
   * edition, or the round's export (made and kept now when there is none). Electron's save
   * dialog (`downloadUrl` null) or a browser download URL, as signatures:download.
   */
  'signatures:signingFile': request(
    z.object({ meetingId: idSchema, edition: z.enum(['full', 'public']) }).strict(),
    z.object({ fileName: z.string(), bytes: z.number().int(), downloadUrl: z.string().nullable() }),
  ),
  /**
   * Who still has to sign, per edition: the current round and each participant present with
   * their state (signed, with time and certificate; signed with a reservation; waiting).
   */
  'signatures:status': request(
    z.object({ meetingId: idSchema }).strict(),
    z.array(signingStatusSchema),
  ),
  /**
   * The signed PDFs of a meeting kept in the library, in signing order, earlier rounds included.
   * The newest row of an edition tells its state: `lacksCorrections` (sign again: the next
   * signature starts a new round) and `isComplete` (every member present has signed it).
   */
  'signatures:list': request(z.object({ meetingId: idSchema }).strict(), z.array(signedPdfSchema)),
  /**
   * Hands the newest signed PDF of an edition to the user: Electron's save dialog
   * (`downloadUrl` null), browser mode a download URL. `seq` picks an earlier file of the
   * edition instead (e.g. the last file of an earlier signature round, see `signatures:list`).
   */
  'signatures:download': request(
    z
      .object({
        meetingId: idSchema,
        edition: editionSchema,
        seq: z.number().int().min(1).optional(),
      })
      .strict(),
    z.object({ fileName: z.string(), bytes: z.number().int(), downloadUrl: z.string().nullable() }),
  ),
  // --- pdf export ---------------------------------------------------------------------------
  /**
   * The personal-data check of an edition (run on the public edition before export): CPR
   * numbers are `errors` (they block a public export), citizen members named in the text are
   * `warnings`. The full edition is internal: always empty.
   */
  'pdf:check': request(
    pdfExportRequestSchema,
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
  'pdf:start': request(pdfExportRequestSchema, z.object({ exportId: z.string() })),
  /** Progress of an export (`page` of `pages` written) and, when done, its handle or error. */
  'pdf:status': request(exportIdInput, pdfExportStatusSchema),
  /** Cancels a running export; its partial file is removed. */
  'pdf:cancel': request(exportIdInput, pdfExportStatusSchema),
  /** `pdf:start` and waiting in one request: answers when the PDF is written. */
  'pdf:export': request(pdfExportRequestSchema, pdfExportHandleSchema),
  /**
   * Hands a finished export to the user. Electron: the main process's save dialog (the page
   * names no path; `downloadUrl` null, `cancelled` when dismissed). Browser mode: a download URL.
   */
  'pdf:save': request(
    exportIdInput,
    z.object({ fileName: z.string(), bytes: z.number().int(), downloadUrl: z.string().nullable() }),
  ),
} as const;

/** The API as a type: request names to schemas. */
export type Api = typeof api;
/** A request name such as `meetings:get`. */
export type RequestName = keyof Api;
/** The parsed input of a request. */
export type RequestInput<N extends RequestName> = z.input<Api[N]['input']>;
/** The output value of a request. */
export type RequestOutput<N extends RequestName> = z.output<Api[N]['output']>;

/** True when `name` is a request of the contract. */
export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(api, name);
}

/** The client side of the API as every transport offers it to the renderer. */
export type ApiClient = {
  call<N extends RequestName>(name: N, input: RequestInput<N>): Promise<Result<RequestOutput<N>>>;
};
