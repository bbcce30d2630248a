/**
 * Full-text search over the FTS5 index of searchIndex.ts. Plain functions `(db, args)`; every
 * value is bound, and the FTS5 expression is built only from the parser's quoted literals and
 * hex filter tokens. The decision register (decisionRegister.ts) and "Tidligere beslutninger"
 * (previousDecisions.ts) use the same index and filters.
 *
 * Speed: "newest first" walks the index backwards in rowid (= date) order and stops as soon as
 * the page is full, so no match beyond the page is scored or even read; "relevance" ranks with
 * bm25 only the newest {@link relevanceCandidates} matching passages (all of them for anything
 * but very common words). Snippets are made only for the hits shown.
 */
import type { SearchFilters, SearchGroup, SearchHit } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { ItemBodyField, MeetingBodyField } from '../../../../common/domain/model';
import { parseSearchQuery, type ParsedQuery } from '../../../../common/search/query';
import { highlightSnippet, termsPattern } from '../../../../common/search/highlight';
import type { ReadDb } from '../library';
import { writeTransaction } from '../library';
import {
  caseKey,
  caseTag,
  closedTag,
  committeeTag,
  firstRowidOfDay,
  lastRowidOfDay,
  meetingBlockOf,
  syncSearchIndex,
} from '../searchIndex';
import { stmt } from '../statements';

/** Meetings per page unless asked otherwise. */
export const defaultSearchLimit = 20;
/** Hits shown per meeting (the rest are counted). */
export const hitsPerMeeting = 3;
/** Passages ranked by bm25 in relevance order (the newest that match). */
export const relevanceCandidates = 2000;

/** The query state answered with every search. */
export type QueryState = {
  isEmpty: boolean;
  reason: 'empty' | 'onlyExclusions' | null;
  message: string | null;
  isTruncated: boolean;
};

/** Input of {@link searchLibrary} (the `search:query` request). */
export type SearchArgs = SearchFilters & {
  text: string;
  order?: 'newest' | 'relevance';
  isTyping?: boolean;
  limit?: number;
  cursor?: string;
  requestId?: number;
};

/** Output of {@link searchLibrary}. */
export type SearchResult = {
  requestId: number | null;
  query: QueryState;
  groups: SearchGroup[];
  nextCursor: string | null;
  isCandidateLimited: boolean;
};

/** The query state answered with a search or a register filtered by words. */
export function queryState(parsed: ParsedQuery): QueryState {
  return parsed.isEmpty
    ? { isEmpty: true, reason: parsed.reason, message: parsed.message, isTruncated: false }
    : { isEmpty: false, reason: null, message: null, isTruncated: parsed.isTruncated };
}

/** The FTS5 expression for the user's words plus the filters that live in the `tags` column. */
export function buildMatch(
  textMatch: string,
  filters: SearchFilters,
  extraTags: string[] = [],
): string {
  const parts = [textMatch];
  const committees = filters.committeeIds ?? [];
  if (committees.length > 0)
    parts.push(`tags : (${committees.map((id) => `"${committeeTag(id)}"`).join(' OR ')})`);
  if (filters.caseId !== undefined && caseKey(filters.caseId) !== '')
    parts.push(`tags : "${caseTag(filters.caseId)}"`);
  if (extraTags.length > 0)
    parts.push(`tags : (${extraTags.map((tag) => `"${tag}"`).join(' OR ')})`);
  const positive = parts.map((part) => `(${part})`).join(' AND ');
  return filters.isClosedIncluded ? positive : `(${positive}) NOT (tags : "${closedTag}")`;
}

/** The rowids of the date filter (rowids are in date order). @throws DomainError invalid_input */
export function rowidRange(filters: SearchFilters): { low: number; high: number } {
  if (filters.from !== undefined && filters.to !== undefined && filters.from > filters.to) {
    throw new DomainError(
      'invalid_input',
      `The date range is empty: from ${filters.from} is after to ${filters.to}.`,
    );
  }
  return {
    low: filters.from === undefined ? 0 : firstRowidOfDay(filters.from),
    high: filters.to === undefined ? Number.MAX_SAFE_INTEGER : lastRowidOfDay(filters.to),
  };
}

/** The position a page cursor of `kind` names, or null for the first page. @throws DomainError invalid_input */
export function parseCursor(cursor: string | undefined, kind: 'n' | 'r' | 'o'): number | null {
  if (cursor === undefined || cursor === '') return null;
  const match = /^([nro]):(\d{1,16})$/.exec(cursor);
  if (!match || match[1] !== kind)
    throw new DomainError(
      'invalid_input',
      'The cursor does not belong to this kind of query; start from the first page.',
    );
  return Number(match[2]);
}

type DocRow = {
  rowid: number;
  meetingId: string;
  itemId: string | null;
  key: string;
  isClosed: number;
};

/** A meeting's block of matches: the rowids (and scores in relevance order) considered for display. */
type Candidate = {
  block: number;
  rowids: number[];
  count: number;
  score: number;
  scores: Map<number, number>;
};

/** Passages of one meeting whose place is looked up to choose the hits shown. */
const consideredPerMeeting = 12;

/**
 * Full-text search grouped by meeting. An empty query answers `query.isEmpty` with a reason,
 * never an error. Stale pending index changes are applied first when the library is writable.
 */
export function searchLibrary(db: ReadDb, args: SearchArgs): SearchResult {
  const requestId = args.requestId ?? null;
  const parsed = parseSearchQuery(args.text, { isTyping: args.isTyping === true, column: 'text' });
  if (parsed.isEmpty)
    return {
      requestId,
      query: queryState(parsed),
      groups: [],
      nextCursor: null,
      isCandidateLimited: false,
    };
  flushPending(db);

  const limit = args.limit ?? defaultSearchLimit;
  const match = buildMatch(parsed.match, args);
  const range = rowidRange(args);
  const order = args.order ?? 'newest';
  let candidates: Candidate[];
  let nextCursor: string | null = null;
  let isCandidateLimited = false;

  if (order === 'newest') {
    const before = parseCursor(args.cursor, 'n');
    const high = before === null ? range.high : Math.min(range.high, before - 1);
    // Only rowids: the meeting is the rowid's block, so no row is joined until it is shown.
    const statement = stmt(
      db,
      'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC',
      true,
    );
    candidates = [];
    for (const rowid of statement.iterate(match, range.low, high) as IterableIterator<number>) {
      const block = meetingBlockOf(rowid);
      const last = candidates[candidates.length - 1];
      if (last && last.block === block) {
        last.count += 1;
        // Descending order: keep the lowest rowids (the meeting's first passages).
        if (last.rowids.length === consideredPerMeeting) last.rowids.shift();
        last.rowids.push(rowid);
        continue;
      }
      if (candidates.length === limit) {
        // One more meeting exists: the next page starts below the last meeting shown.
        nextCursor = `n:${last?.block ?? block}`;
        break;
      }
      candidates.push({ block, rowids: [rowid], count: 1, score: 0, scores: new Map() });
    }
  } else {
    const offset = parseCursor(args.cursor, 'r') ?? 0;
    const rows = stmt(
      db,
      `SELECT rowid, bm25(search_fts, 1.0, 0.0) AS score FROM search_fts
       WHERE search_fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid DESC LIMIT ?`,
    ).all(match, range.low, range.high, relevanceCandidates) as { rowid: number; score: number }[];
    isCandidateLimited = rows.length === relevanceCandidates;
    const byBlock = new Map<number, Candidate>();
    for (const row of rows) {
      const block = meetingBlockOf(row.rowid);
      let candidate = byBlock.get(block);
      if (!candidate) {
        candidate = { block, rowids: [], count: 0, score: 0, scores: new Map() };
        byBlock.set(block, candidate);
      }
      candidate.count += 1;
      candidate.rowids.push(row.rowid);
      candidate.scores.set(row.rowid, row.score);
      // bm25 is negative, lower is better; a meeting counts by its best passage.
      candidate.score = Math.min(candidate.score, row.score);
    }
    const ranked = [...byBlock.values()].sort((a, b) => a.score - b.score || b.block - a.block);
    candidates = ranked.slice(offset, offset + limit);
    if (offset + limit < ranked.length) nextCursor = `r:${offset + limit}`;
    for (const candidate of candidates) {
      candidate.rowids.sort(
        (a, b) => (candidate.scores.get(a) ?? 0) - (candidate.scores.get(b) ?? 0),
      );
      candidate.rowids = candidate.rowids.slice(0, consideredPerMeeting);
    }
  }

  const groups = toGroups(db, candidates, parsed, args.isClosedIncluded === true, order);
  return { requestId, query: queryState(parsed), groups, nextCursor, isCandidateLimited };
}

type MeetingInfo = {
  id: string;
  committeeId: string;
  committeeName: string;
  number: number;
  date: string;
  isClosed: number;
  status: string;
};
type ItemInfo = {
  id: string;
  number: number;
  position: number;
  title: string;
  publicTitle: string;
  isClosed: number;
};

function toGroups(
  db: ReadDb,
  candidates: Candidate[],
  parsed: ParsedQuery & { isEmpty: false },
  isClosedIncluded: boolean,
  order: 'newest' | 'relevance',
): SearchGroup[] {
  if (candidates.length === 0) return [];
  const docs = new Map(
    (
      stmt(
        db,
        `SELECT doc_id AS rowid, meeting_id AS meetingId, item_id AS itemId, doc_key AS key, is_closed AS isClosed
         FROM search_docs WHERE doc_id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(candidates.flatMap((c) => c.rowids))) as DocRow[]
    ).map((d) => [d.rowid, d]),
  );
  const meetingIds = [...new Set([...docs.values()].map((d) => d.meetingId))];
  const meetings = new Map(
    (
      stmt(
        db,
        `SELECT m.id, m.committee_id AS committeeId, c.name AS committeeName, m.number, m.date, m.is_closed AS isClosed, m.status
         FROM meetings m JOIN committees c ON c.id = m.committee_id WHERE m.id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(meetingIds)) as MeetingInfo[]
    ).map((m) => [m.id, m]),
  );
  const items = new Map(
    (
      stmt(
        db,
        `SELECT id, number, position, title, public_title AS publicTitle, is_closed AS isClosed
         FROM agenda_items WHERE meeting_id IN (SELECT value FROM json_each(?))`,
      ).all(JSON.stringify(meetingIds)) as ItemInfo[]
    ).map((i) => [i.id, i]),
  );

  const textOf = stmt(db, 'SELECT text FROM search_fts WHERE rowid = ?', true);
  const terms = parsed.groups.flat();
  const pattern = termsPattern(terms);
  const groups: SearchGroup[] = [];
  for (const candidate of candidates) {
    const considered = candidate.rowids
      .map((rowid) => docs.get(rowid))
      .filter((d): d is DocRow => d !== undefined);
    const meeting = meetings.get(considered[0]?.meetingId ?? '');
    if (!meeting) continue;
    // Which passages to show: one per item first (agenda order, or best first for relevance).
    const ordered =
      order === 'relevance'
        ? considered
        : [...considered].sort(
            (a, b) => placeOrder(a, items) - placeOrder(b, items) || a.rowid - b.rowid,
          );
    const chosen: DocRow[] = [];
    const seenItems = new Set<string | null>();
    for (const d of ordered) {
      if (chosen.length === hitsPerMeeting) break;
      if (seenItems.has(d.itemId)) continue;
      seenItems.add(d.itemId);
      chosen.push(d);
    }
    for (const d of ordered) {
      if (chosen.length === hitsPerMeeting) break;
      if (!chosen.includes(d)) chosen.push(d);
    }
    const hits: SearchHit[] = chosen.map((d) => {
      const item = d.itemId === null ? undefined : items.get(d.itemId);
      const isItemClosed = item?.isClosed === 1;
      return {
        itemId: item?.id ?? null,
        itemNumber: item?.number ?? null,
        itemTitle: item
          ? isItemClosed && !isClosedIncluded
            ? item.publicTitle
            : item.title
          : null,
        isItemClosed,
        ...describePlace(d.key),
        isClosed: d.isClosed === 1,
        snippet: highlightSnippet(String(textOf.get(d.rowid) ?? ''), terms, pattern),
      };
    });
    groups.push({
      meeting: {
        id: meeting.id,
        committeeId: meeting.committeeId,
        committeeName: meeting.committeeName,
        number: meeting.number,
        date: meeting.date,
        isClosed: meeting.isClosed === 1,
        status: meeting.status,
      },
      hits,
      hitCount: candidate.count,
    });
  }
  return groups;
}

function placeOrder(d: DocRow, items: Map<string, ItemInfo>): number {
  if (d.itemId === null) return -1;
  return items.get(d.itemId)?.position ?? Number.MAX_SAFE_INTEGER;
}

function describePlace(key: string): Pick<SearchHit, 'place' | 'bodyField' | 'appendixId'> {
  if (key.startsWith('body:'))
    return {
      place: 'body',
      bodyField: key.slice(5) as ItemBodyField | MeetingBodyField,
      appendixId: null,
    };
  if (key.startsWith('appendix:'))
    return { place: 'appendix', bodyField: null, appendixId: key.slice(9) };
  if (key === 'heading' || key === 'publicTitle' || key === 'meeting' || key === 'participants') {
    return { place: key, bodyField: null, appendixId: null };
  }
  return { place: 'meeting', bodyField: null, appendixId: null };
}

/** Applies index changes noted by a writer that did not go through `writeTransaction`. */
export function flushPending(db: ReadDb): void {
  if (db.readonly) return;
  const isPending = stmt(db, 'SELECT 1 FROM search_dirty LIMIT 1', true).get() !== undefined;
  if (isPending) writeTransaction(db, (db) => syncSearchIndex(db));
}
