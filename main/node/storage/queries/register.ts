/**
 * The decision register: every decision, grouped by case id, over the search index (the text
 * filter uses the same query parser and FTS5 match as search.ts).
 */
import type { DecisionCase, DecisionEntry, SearchFilters } from '../../../../common/contract/api';
import { richTextToPlain, type RichText } from '../../../../common/domain/richText';
import { parseSearchQuery } from '../../../../common/search/query';
import type { Db } from '../library';
import { caseKey, fieldTag } from '../searchIndex';
import {
  buildMatch,
  flushPending,
  parseCursor,
  queryState,
  rowidRange,
  type QueryState,
} from './search';

export type DecisionRow = {
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

export const decisionSelect = `SELECT i.id AS itemId, i.meeting_id AS meetingId, m.committee_id AS committeeId, c.name AS committeeName,
    m.date, m.number AS meetingNumber, i.number AS itemNumber, i.title, i.public_title AS publicTitle, i.case_id AS caseId,
    i.is_closed AS isItemClosed, m.is_closed AS isMeetingClosed, d.content AS decision, pd.content AS publicDecision
  FROM agenda_items i
  JOIN meetings m ON m.id = i.meeting_id
  JOIN committees c ON c.id = m.committee_id
  LEFT JOIN bodies d ON d.item_id = i.id AND d.field = 'decision'
  LEFT JOIN bodies pd ON pd.item_id = i.id AND pd.field = 'publicDecision'`;

const decisionGroupKey = `CASE WHEN trim(i.case_id) = '' THEN 'i:' || i.id ELSE 'k:' || upper(trim(i.case_id)) END`;

function plainOf(content: string | null): string {
  if (content === null) return '';
  try {
    return richTextToPlain(JSON.parse(content) as RichText).trim();
  } catch {
    return '';
  }
}

/** A decision entry as the caller may see it, or null when it has no visible decision. */
export function toEntry(row: DecisionRow, isClosedIncluded: boolean): DecisionEntry | null {
  const isClosed = row.isItemClosed === 1 || row.isMeetingClosed === 1;
  if (row.isMeetingClosed === 1 && !isClosedIncluded) return null;
  const isShowingClosed = isClosed && isClosedIncluded;
  const text = isClosed && !isShowingClosed ? plainOf(row.publicDecision) : plainOf(row.decision);
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

export function compareEntries(a: DecisionEntry, b: DecisionEntry): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  return (
    a.meetingNumber - b.meetingNumber ||
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
  db: Db,
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
    const itemIds = db
      .prepare(
        `SELECT DISTINCT d.item_id FROM search_fts f JOIN search_docs d ON d.doc_id = f.rowid
         WHERE search_fts MATCH ? AND f.rowid BETWEEN ? AND ? AND d.item_id IS NOT NULL
         ORDER BY f.rowid DESC LIMIT ?`,
      )
      .pluck()
      .all(match, range.low, range.high, maxRegisterTextMatches) as string[];
    where.push('i.id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(itemIds));
  }

  const limit = args.limit ?? 50;
  const offset = parseCursor(args.cursor, 'o') ?? 0;
  const keys = db
    .prepare(
      `SELECT ${decisionGroupKey} AS groupKey, max(m.date) AS lastDate
       FROM agenda_items i
       JOIN meetings m ON m.id = i.meeting_id
       LEFT JOIN bodies d ON d.item_id = i.id AND d.field = 'decision'
       LEFT JOIN bodies pd ON pd.item_id = i.id AND pd.field = 'publicDecision'
       WHERE ${where.join(' AND ')}
       GROUP BY groupKey ORDER BY lastDate DESC, groupKey LIMIT ? OFFSET ?`,
    )
    .all(...params, limit + 1, offset) as { groupKey: string; lastDate: string }[];
  const page = keys.slice(0, limit);
  const nextCursor = keys.length > limit ? `o:${offset + limit}` : null;
  if (page.length === 0) return { query, cases: [], nextCursor: null };

  const caseKeys = page.filter((k) => k.groupKey.startsWith('k:')).map((k) => k.groupKey.slice(2));
  const itemKeys = page.filter((k) => k.groupKey.startsWith('i:')).map((k) => k.groupKey.slice(2));
  const rows = db
    .prepare(
      `${decisionSelect}
       WHERE ${where.join(' AND ')} AND (
         (i.case_id <> '' AND upper(trim(i.case_id)) IN (SELECT value FROM json_each(?)))
         OR i.id IN (SELECT value FROM json_each(?)))`,
    )
    .all(...params, JSON.stringify(caseKeys), JSON.stringify(itemKeys)) as DecisionRow[];
  const byKey = new Map<string, DecisionEntry[]>();
  for (const row of rows) {
    const entry = toEntry(row, isClosedIncluded);
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
