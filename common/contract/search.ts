/**
 * Full-text search, the decision register and earlier decisions. Handlers:
 * main/node/api/handlers/search.ts.
 */
import { z } from 'zod';
import {
  idSchema,
  isoDateSchema,
  itemBodyFieldSchema,
  meetingBodyFieldSchema,
  shortText,
  timestampSchema,
} from '../domain/model';
import { richTextSchema } from '../domain/richText';
import { request } from './shared';

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

/** The requests of this area. */
export const searchApi = {
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
    decisionCaseSchema.extend({ entries: z.array(previousDecisionSchema) }),
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
} as const;
