/**
 * The decision register: every decided item of the library grouped by case (newest case
 * first), filtered like a search and optionally by words in the decisions (through the FTS5
 * index, see search.ts). The entries and their wording are shared with previousDecisions.ts.
 */
import type { DecisionCase, DecisionEntry, SearchFilters } from '../../../../common/contract/api';
import type { RichText } from '../../../../common/domain/richText';
import { bodyOneLine } from '../../../../common/wording/blocks';
import type { WordingPerson } from '../../../../common/wording/people';
import { parseSearchQuery } from '../../../../common/search/query';
import type { ReadDb } from '../library';
import { caseKey, fieldTag } from '../searchIndex';
import { stmt } from '../statements';
import {
  buildMatch,
  flushPending,
  parseCursor,
  queryState,
  rowidRange,
  type QueryState,
} from './search';

/** A decided item as decisionSelect reads it. */
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

/** The SELECT of a decided item with its meeting, committee and decision bodies. */
export const decisionSelect = `SELECT i.id AS itemId, i.meeting_id AS meetingId, m.committee_id AS committeeId, c.name AS committeeName,
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

/** Reads each meeting's participants once, as the wording of the decisions needs them. */
export function peopleLookup(db: ReadDb): PeopleOf {
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
export function toEntry(
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

/** Entries in date order, then by meeting and item number. */
export function compareEntries(a: DecisionEntry, b: DecisionEntry): number {
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
