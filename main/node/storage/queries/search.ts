/**
 * Search, the decision register and "Tidligere beslutninger" over the FTS5 index of
 * searchIndex.ts. Plain functions `(db, args)`; every value is bound, and the FTS5 expression
 * is built only from the parser's quoted literals and hex filter tokens.
 *
 * Speed: "newest first" walks the index backwards in rowid (= date) order and stops as soon as
 * the page is full, so no match beyond the page is scored or even read; "relevance" ranks with
 * bm25 only the newest {@link relevanceCandidates} matching passages (all of them for anything
 * but very common words). Snippets are made only for the hits shown.
 */
import type {
  DecisionCase,
  DecisionEntry,
  PreviousDecision,
  SearchFilters,
  SearchGroup,
  SearchHit,
} from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { ItemBodyField, MeetingBodyField } from '../../../../common/domain/model';
import type { RichText } from '../../../../common/domain/richText';
import { bodyOneLine } from '../../../../common/wording/blocks';
import type { WordingPerson } from '../../../../common/wording/people';
import {
  chainLineItemId,
  formatPreviousDecisionLine,
  mergePreviousDecisions,
  type PreviousDecisionSource,
} from '../../../../common/search/previousDecisions';
import { parseSearchQuery, type ParsedQuery } from '../../../../common/search/query';
import { highlightSnippet, termsPattern } from '../../../../common/search/highlight';
import type { ReadDb } from '../library';
import { writeTransaction } from '../library';
import {
  caseKey,
  caseTag,
  closedTag,
  committeeTag,
  fieldTag,
  firstRowidOfDay,
  lastRowidOfDay,
  meetingBlockOf,
  syncSearchIndex,
} from '../searchIndex';
import { getItemBodies, saveBody } from './bodies';
import { notFound } from './common';
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

function queryState(parsed: ParsedQuery): QueryState {
  return parsed.isEmpty
    ? { isEmpty: true, reason: parsed.reason, message: parsed.message, isTruncated: false }
    : { isEmpty: false, reason: null, message: null, isTruncated: parsed.isTruncated };
}

/** The FTS5 expression for the user's words plus the filters that live in the `tags` column. */
function buildMatch(textMatch: string, filters: SearchFilters, extraTags: string[] = []): string {
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

function rowidRange(filters: SearchFilters): { low: number; high: number } {
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

function parseCursor(cursor: string | undefined, kind: 'n' | 'r' | 'o'): number | null {
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
function flushPending(db: ReadDb): void {
  if (db.readonly) return;
  const isPending = stmt(db, 'SELECT 1 FROM search_dirty LIMIT 1', true).get() !== undefined;
  if (isPending) writeTransaction(db, (db) => syncSearchIndex(db));
}

// --- decisions ------------------------------------------------------------------------------

type DecisionRow = {
  itemId: string;
  meetingId: string;
  committeeId: string;
  committeeName: string;
  date: string;
  meetingNumber: number;
  itemNumber: number;
  title: string;
  publicTitle: string;
  caseId: string;
  isItemClosed: number;
  isMeetingClosed: number;
  decision: string | null;
  publicDecision: string | null;
};

const decisionSelect = `SELECT i.id AS itemId, i.meeting_id AS meetingId, m.committee_id AS committeeId, c.name AS committeeName,
    m.date, m.number AS meetingNumber, i.number AS itemNumber, i.title, i.public_title AS publicTitle, i.case_id AS caseId,
    i.is_closed AS isItemClosed, m.is_closed AS isMeetingClosed, d.content AS decision, pd.content AS publicDecision
  FROM agenda_items i
  JOIN meetings m ON m.id = i.meeting_id
  JOIN committees c ON c.id = m.committee_id
  LEFT JOIN bodies d ON d.item_id = i.id AND d.field = 'decision'
  LEFT JOIN bodies pd ON pd.item_id = i.id AND pd.field = 'publicDecision'`;

const decisionGroupKey = `CASE WHEN trim(i.case_id) = '' THEN 'i:' || i.id ELSE 'k:' || upper(trim(i.case_id)) END`;

/** The participants of a meeting as the wording needs them, read once per meeting. */
type PeopleOf = (meetingId: string) => WordingPerson[];

function peopleLookup(db: ReadDb): PeopleOf {
  const cache = new Map<string, WordingPerson[]>();
  return (meetingId) => {
    let people = cache.get(meetingId);
    if (!people) {
      people = stmt(
        db,
        'SELECT id, name, party, role FROM participants WHERE meeting_id = ? ORDER BY position, id',
      ).all(meetingId) as WordingPerson[];
      cache.set(meetingId, people);
    }
    return people;
  };
}

/**
 * A decision body as one line in the minutes' wording: its vote and dissents as the sentences
 * the document prints, the blocks kept apart (bodyOneLine).
 */
function plainOf(content: string | null, people: WordingPerson[]): string {
  if (content === null) return '';
  try {
    return bodyOneLine(JSON.parse(content) as RichText, { participants: people, lang: 'da' });
  } catch {
    return '';
  }
}

/** A decision entry as the caller may see it, or null when it has no visible decision. */
function toEntry(
  row: DecisionRow,
  isClosedIncluded: boolean,
  peopleOf: PeopleOf,
): DecisionEntry | null {
  const isClosed = row.isItemClosed === 1 || row.isMeetingClosed === 1;
  if (row.isMeetingClosed === 1 && !isClosedIncluded) return null;
  const isShowingClosed = isClosed && isClosedIncluded;
  const people = peopleOf(row.meetingId);
  const text =
    isClosed && !isShowingClosed
      ? plainOf(row.publicDecision, people)
      : plainOf(row.decision, people);
  if (text === '') return null;
  return {
    meetingId: row.meetingId,
    itemId: row.itemId,
    committeeId: row.committeeId,
    committeeName: row.committeeName,
    date: row.date,
    meetingNumber: row.meetingNumber,
    itemNumber: row.itemNumber,
    itemTitle: isClosed && !isShowingClosed ? row.publicTitle : row.title,
    caseId: row.caseId.trim(),
    decisionText: text,
    isClosed: isShowingClosed,
  };
}

function compareEntries(a: DecisionEntry, b: DecisionEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return (
    (a.meetingNumber ?? 0) - (b.meetingNumber ?? 0) ||
    a.itemNumber - b.itemNumber ||
    a.committeeName.localeCompare(b.committeeName, 'da')
  );
}

/** Most items a text filter of the register can select. */
const maxRegisterTextMatches = 20_000;

/** Input of {@link listDecisions}. */
export type DecisionListArgs = SearchFilters & { text?: string; limit?: number; cursor?: string };

/**
 * The decision register: every decision (item body `decision`; for closed items without closed
 * text the public decision), grouped by case id, the case with the latest decision first and
 * each case's history oldest first. Items without a case id are cases of their own.
 */
export function listDecisions(
  db: ReadDb,
  args: DecisionListArgs,
): { query: QueryState | null; cases: DecisionCase[]; nextCursor: string | null } {
  const isClosedIncluded = args.isClosedIncluded === true;
  const where: string[] = ['(d.id IS NOT NULL OR pd.id IS NOT NULL)'];
  const params: unknown[] = [];
  const committees = args.committeeIds ?? [];
  if (committees.length > 0) {
    where.push('m.committee_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(committees));
  }
  rowidRange(args);
  if (args.from !== undefined) {
    where.push('m.date >= ?');
    params.push(args.from);
  }
  if (args.to !== undefined) {
    where.push('m.date <= ?');
    params.push(args.to);
  }
  if (args.caseId !== undefined && caseKey(args.caseId) !== '') {
    where.push("i.case_id <> '' AND upper(trim(i.case_id)) = upper(trim(?))");
    params.push(args.caseId);
  }
  if (!isClosedIncluded) where.push('m.is_closed = 0 AND (i.is_closed = 0 OR pd.id IS NOT NULL)');

  let query: QueryState | null = null;
  if (args.text !== undefined && args.text.trim() !== '') {
    const parsed = parseSearchQuery(args.text, { column: 'text' });
    query = queryState(parsed);
    if (parsed.isEmpty) return { query, cases: [], nextCursor: null };
    flushPending(db);
    const match = buildMatch(parsed.match, { ...args, isClosedIncluded }, [
      fieldTag('body:decision'),
      fieldTag('body:publicDecision'),
    ]);
    const range = rowidRange(args);
    const itemIds = stmt(
      db,
      `SELECT DISTINCT d.item_id FROM search_fts f JOIN search_docs d ON d.doc_id = f.rowid
         WHERE search_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND d.item_id IS NOT NULL
         ORDER BY f.rowid DESC LIMIT ?`,
      true,
    ).all(match, range.low, range.high, maxRegisterTextMatches) as string[];
    where.push('i.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(itemIds));
  }

  const limit = args.limit ?? 50;
  const offset = parseCursor(args.cursor, 'o') ?? 0;
  const keys = stmt(
    db,
    `SELECT ${decisionGroupKey} AS groupKey, max(m.date) AS lastDate
       FROM agenda_items i
       JOIN meetings m ON m.id = i.meeting_id
       LEFT JOIN bodies d ON d.item_id = i.id AND d.field = 'decision'
       LEFT JOIN bodies pd ON pd.item_id = i.id AND pd.field = 'publicDecision'
       WHERE ${where.join(' AND ')}
       GROUP BY groupKey ORDER BY lastDate DESC, groupKey LIMIT ? OFFSET ?`,
  ).all(...params, limit + 1, offset) as { groupKey: string; lastDate: string }[];
  const page = keys.slice(0, limit);
  const nextCursor = keys.length > limit ? `o:${offset + limit}` : null;
  if (page.length === 0) return { query, cases: [], nextCursor: null };

  const caseKeys = page.filter((k) => k.groupKey.startsWith('k:')).map((k) => k.groupKey.slice(2));
  const itemKeys = page.filter((k) => k.groupKey.startsWith('i:')).map((k) => k.groupKey.slice(2));
  const rows = stmt(
    db,
    `${decisionSelect}
       WHERE ${where.join(' AND ')} AND (
         (i.case_id <> '' AND upper(trim(i.case_id)) IN (SELECT value FROM json_each(?)))
         OR i.id IN (SELECT value FROM json_each(?)))`,
  ).all(...params, JSON.stringify(caseKeys), JSON.stringify(itemKeys)) as DecisionRow[];
  const byKey = new Map<string, DecisionEntry[]>();
  const peopleOf = peopleLookup(db);
  for (const row of rows) {
    const entry = toEntry(row, isClosedIncluded, peopleOf);
    if (!entry) continue;
    const key = row.caseId.trim() === '' ? `i:${row.itemId}` : `k:${caseKey(row.caseId)}`;
    const list = byKey.get(key) ?? [];
    list.push(entry);
    byKey.set(key, list);
  }
  const cases: DecisionCase[] = [];
  for (const { groupKey } of page) {
    const entries = (byKey.get(groupKey) ?? []).sort(compareEntries);
    const first = entries[0];
    if (!first) continue;
    cases.push({ caseId: first.caseId, entries });
  }
  return { query, cases, nextCursor };
}

type TargetItem = { id: string; meetingId: string; caseId: string; isClosed: number; date: string };

function getTarget(db: ReadDb, itemId: string): TargetItem {
  const row = stmt(
    db,
    `SELECT i.id, i.meeting_id AS meetingId, i.case_id AS caseId, (i.is_closed OR m.is_closed) AS isClosed, m.date
       FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?`,
  ).get(itemId) as TargetItem | undefined;
  if (!row) throw notFound('agenda item', itemId);
  return row;
}

/**
 * Earlier decisions on the item's case id, from any committee, oldest first: items of other
 * meetings dated on or before the item's meeting, with a decision. Closed decision text is
 * offered only when asked for AND the item itself is closed (it would otherwise end up in open
 * text); otherwise closed items contribute their public decision.
 */
export function previousDecisions(
  db: ReadDb,
  args: { itemId: string; isClosedIncluded?: boolean },
): { caseId: string; entries: PreviousDecision[] } {
  const target = getTarget(db, args.itemId);
  const caseId = target.caseId.trim();
  if (caseId === '') return { caseId: '', entries: [] };
  const isClosedIncluded = args.isClosedIncluded === true && target.isClosed === 1;
  const rows = stmt(
    db,
    `${decisionSelect}
       WHERE i.case_id <> '' AND upper(trim(i.case_id)) = upper(trim(?)) AND i.meeting_id <> ? AND m.date <= ?
         AND (d.id IS NOT NULL OR pd.id IS NOT NULL)`,
  ).all(caseId, target.meetingId, target.date) as DecisionRow[];
  const inserted = new Set(
    getItemBodies(db, args.itemId)
      .previousDecisions.content.map(chainLineItemId)
      .filter((id): id is string => id !== null),
  );
  const peopleOf = peopleLookup(db);
  const entries = rows
    .map((row) => toEntry(row, isClosedIncluded, peopleOf))
    .filter((entry): entry is DecisionEntry => entry !== null)
    .sort(compareEntries)
    .map((entry) => ({
      ...entry,
      line: formatPreviousDecisionLine(toSource(entry)),
      isInserted: inserted.has(entry.itemId),
    }));
  return { caseId, entries };
}

function toSource(entry: DecisionEntry): PreviousDecisionSource {
  return {
    meetingId: entry.meetingId,
    itemId: entry.itemId,
    committeeName: entry.committeeName,
    date: entry.date,
    meetingNumber: entry.meetingNumber,
    itemNumber: entry.itemNumber,
    decisionText: entry.decisionText,
  };
}

/**
 * Inserts the chosen earlier decisions into the item's previousDecisions body (one linked line
 * each, the chain in date order, nothing twice) and saves it as a new revision.
 * @throws DomainError not_found, invalid_input (a source that is not an earlier decision on the case), conflict, locked
 */
export function insertPreviousDecisions(
  db: ReadDb,
  args: {
    itemId: string;
    sourceItemIds: readonly string[];
    baseRevision: number;
    isClosedIncluded?: boolean;
    author: string;
  },
): { revision: number; updatedAt: string; content: RichText; insertedItemIds: string[] } {
  return writeTransaction(db, (db) => {
    const chain = previousDecisions(db, {
      itemId: args.itemId,
      isClosedIncluded: args.isClosedIncluded,
    });
    const byItem = new Map(chain.entries.map((entry) => [entry.itemId, entry]));
    const unknown = args.sourceItemIds.filter((id) => !byItem.has(id));
    if (unknown.length > 0) {
      throw new DomainError(
        'invalid_input',
        chain.caseId === ''
          ? 'The item has no case id, so it has no earlier decisions to insert.'
          : `Not an earlier decision on case ${chain.caseId}: item ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}.`,
      );
    }
    const body = getItemBodies(db, args.itemId).previousDecisions;
    if (body.revision !== args.baseRevision) {
      throw new DomainError(
        'conflict',
        `"Tidligere beslutninger" was changed elsewhere (now revision ${body.revision}, the choice was based on revision ${args.baseRevision}). Reload and choose again.`,
      );
    }
    const known = new Map(
      chain.entries.map((e) => [
        e.itemId,
        { date: e.date, committeeName: e.committeeName, itemNumber: e.itemNumber },
      ]),
    );
    const sources = args.sourceItemIds.map((id) => toSource(byItem.get(id) as DecisionEntry));
    const merged = mergePreviousDecisions(body.content, sources, known);
    if (merged.insertedItemIds.length === 0) {
      return {
        revision: body.revision,
        updatedAt: body.updatedAt ?? '',
        content: body.content,
        insertedItemIds: [],
      };
    }
    const saved = saveBody(db, {
      owner: { kind: 'item', itemId: args.itemId, field: 'previousDecisions' },
      content: merged.content,
      baseRevision: args.baseRevision,
      author: args.author,
    });
    return { ...saved, content: merged.content, insertedItemIds: merged.insertedItemIds };
  });
}
