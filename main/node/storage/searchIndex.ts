/**
 * The full-text index of the library (SQLite FTS5, created by migration 0020).
 *
 * Layout
 * - `search_fts(text, tags)`: one row ("document") per searchable piece of a meeting: an item's
 *   heading (number, title, case id, document number, presenter), its public title, each
 *   non-empty text body (one line in the minutes' wording, `bodyOneLine`: a vote and a
 *   dissent as the full sentences the document prints, participant and appendix references
 *   resolved to names and "Bilag N"), each
 *   appendix (title, document number, case id), and per meeting its header (case id, location)
 *   and its participants' names. `tags` holds filter tokens (see {@link tagsFor}); the user's
 *   words are always confined to the `text` column.
 * - `search_docs`: the same rowid with the document's place (meeting, item, key) and filter
 *   values, for grouping results and opening the meeting at that place.
 * - `search_meetings`: the rowid block of each meeting.
 *
 * Rowids are chosen, not allocated: `dayKey(date) << 30 | slot << 20 | seq`, so FTS5's native
 * rowid order is date order and all documents of one meeting are one contiguous block. "Newest
 * first" is then `ORDER BY rowid DESC LIMIT n`, which FTS5 answers by walking its doclists
 * backwards and stopping early: a word that occurs in every item costs no more than a rare one,
 * and no match is scored that is not shown. A date range is a rowid range.
 *
 * Tokenizer: `unicode61 remove_diacritics 0`. The default (`remove_diacritics 1`) folds "å" to
 * "a" (so "år" would match "ar" and "Århus" "Arhus") while leaving "æ" and "ø" alone, which is
 * inconsistent for Danish; with 0 all three are letters of their own, and case folding still
 * makes "ÆØÅ" match "æøå". Text is NFC-normalised before indexing and parsing so a decomposed
 * "a + ring" is the same "å".
 *
 * Freshness: triggers (migration 0020) note every change to meetings, items, bodies,
 * appendices and participants in `search_dirty`; {@link syncSearchIndex} re-derives the
 * documents of what is noted and is called by `writeTransaction` before it commits, so the
 * index changes in the same transaction as the save. Deletes (also by cascade) are noted by
 * the same triggers, so nothing is ever left behind.
 */
import type { RichText } from '../../../common/domain/richText';
import { bodyOneLine } from '../../../common/wording/blocks';
import { personName } from '../../../common/wording/people';
import { normalizeSearchText } from '../../../common/search/query';
import type { ReadDb, WriteDb } from './db';
import { stmt } from './statements';

/** Bits of a rowid below the day: 10 bits of slot (meetings on one day), 20 bits of sequence. */
const seqBits = 20;
const slotBits = 10;
const dayShift = 2 ** (seqBits + slotBits);
const slotShift = 2 ** seqBits;
const maxSeq = slotShift - 1;
const maxSlot = 2 ** slotBits - 1;

/** Ordinal of a YYYY-MM-DD date that grows with the date (not a day count; gaps are fine). */
export function dayKey(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date written YYYY-MM-DD`);
  return Number(match[1]) * 372 + (Number(match[2]) - 1) * 31 + (Number(match[3]) - 1);
}

/** The smallest rowid of any document dated `date`. */
export function firstRowidOfDay(date: string): number {
  return dayKey(date) * dayShift;
}

/** The largest rowid of any document dated `date`. */
export function lastRowidOfDay(date: string): number {
  return (dayKey(date) + 1) * dayShift - 1;
}

/** The first rowid of the meeting block containing `rowid`. */
export function meetingBlockOf(rowid: number): number {
  return rowid - (rowid % slotShift);
}

/**
 * A case id as compared everywhere (filters, "Tidligere beslutninger", the register): trimmed
 * and upper case, so "emn-2017-05812 " equals "EMN-2017-05812". SQL compares with
 * `upper(trim(case_id))`, which is the same for the ASCII case ids of the ESDH systems.
 */
export function caseKey(caseId: string): string {
  return caseId.trim().toUpperCase();
}

/** A filter token for the `tags` column: a prefix letter and the value's UTF-8 bytes in hex. */
function tagToken(prefix: 'c' | 'k' | 'f', value: string): string {
  return prefix + Buffer.from(value, 'utf8').toString('hex');
}

/** The `tags` token of a committee. */
export function committeeTag(committeeId: string): string {
  return tagToken('c', committeeId);
}

/** The `tags` token of a case id (after {@link caseKey}). */
export function caseTag(caseId: string): string {
  return tagToken('k', caseKey(caseId));
}

/** The `tags` token of a document key's field (e.g. `body:decision`). */
export function fieldTag(field: string): string {
  return tagToken('f', field);
}

/** Tag on documents that hold closed (confidential) text. */
export const closedTag = 'closed';

/** What one search document is about. */
export type SearchDoc = {
  /** `heading`, `publicTitle`, `body:<field>`, `appendix:<id>`, `meeting`, `participants`. */
  key: string;
  itemId: string | null;
  isClosed: boolean;
  text: string;
  tags: string;
};

type MeetingRow = {
  id: string;
  committeeId: string;
  date: string;
  isClosed: number;
  caseId: string;
  location: string;
};
type ItemRow = {
  id: string;
  number: number;
  title: string;
  isClosed: number;
  publicTitle: string;
  caseId: string;
  documentNumber: string;
  presenter: string;
};
type AppendixRow = {
  id: string;
  itemId: string | null;
  number: number;
  title: string;
  documentNumber: string;
  caseId: string;
  isClosed: number;
};
type BodyRow = { itemId: string | null; field: string; content: string };
type ParticipantRow = {
  id: string;
  name: string;
  party: string | null;
  role: 'chair' | 'vice_chair' | 'member';
};

/** Everything of one meeting the documents are derived from. */
type MeetingSource = {
  meeting: MeetingRow;
  items: ItemRow[];
  appendices: AppendixRow[];
  participants: ParticipantRow[];
  resolve: { appendix: (id: string) => string; participant: (id: string) => string };
};

function loadMeetingSource(db: ReadDb, meetingId: string): MeetingSource | null {
  const meeting = stmt(
    db,
    `SELECT id, committee_id AS committeeId, date, is_closed AS isClosed, case_id AS caseId, location
       FROM meetings WHERE id = ?`,
  ).get(meetingId) as MeetingRow | undefined;
  if (!meeting) return null;
  const items = stmt(
    db,
    `SELECT id, number, title, is_closed AS isClosed, public_title AS publicTitle, case_id AS caseId,
         document_number AS documentNumber, presenter
       FROM agenda_items WHERE meeting_id = ?`,
  ).all(meetingId) as ItemRow[];
  const appendices = stmt(
    db,
    `SELECT id, item_id AS itemId, number, title, document_number AS documentNumber, case_id AS caseId,
         is_closed AS isClosed
       FROM appendices WHERE meeting_id = ?`,
  ).all(meetingId) as AppendixRow[];
  const participants = stmt(
    db,
    'SELECT id, name, party, role FROM participants WHERE meeting_id = ? ORDER BY position, id',
  ).all(meetingId) as ParticipantRow[];
  const appendixNumbers = new Map(appendices.map((a) => [a.id, a.number]));
  const participantNames = new Map(participants.map((p) => [p.id, p.name]));
  return {
    meeting,
    items,
    appendices,
    participants,
    resolve: {
      appendix: (id) => `Bilag ${appendixNumbers.get(id) ?? '?'}`,
      participant: (id) => participantNames.get(id) ?? '',
    },
  };
}

function joinLines(...parts: string[]): string {
  return parts
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .join('\n');
}

function bodyText(content: string, source: MeetingSource): string {
  try {
    return bodyOneLine(
      JSON.parse(content) as RichText,
      { participants: source.participants, lang: 'da' },
      source.resolve,
    );
  } catch {
    // A body that does not parse is a bug elsewhere; the index must not fail the save.
    return '';
  }
}

function tagsFor(
  source: MeetingSource,
  field: string,
  isClosed: boolean,
  caseIds: readonly string[],
): string {
  const tags = [committeeTag(source.meeting.committeeId), fieldTag(field)];
  for (const caseId of new Set(caseIds.filter((c) => caseKey(c) !== '').map(caseKey)))
    tags.push(caseTag(caseId));
  if (isClosed) tags.push(closedTag);
  return tags.join(' ');
}

function doc(
  source: MeetingSource,
  key: string,
  itemId: string | null,
  isClosed: boolean,
  text: string,
  caseIds: string[],
): SearchDoc | null {
  const normalized = normalizeSearchText(text).trim();
  if (normalized === '') return null;
  const field = key.startsWith('appendix:') ? 'appendix' : key;
  return {
    key,
    itemId,
    isClosed,
    text: normalized,
    tags: tagsFor(source, field, isClosed, caseIds),
  };
}

function appendixDoc(
  source: MeetingSource,
  appendix: AppendixRow,
  isOwnerClosed: boolean,
  ownerCaseId: string,
): SearchDoc | null {
  return doc(
    source,
    `appendix:${appendix.id}`,
    appendix.itemId,
    isOwnerClosed || appendix.isClosed === 1,
    joinLines(
      `Bilag ${appendix.number}: ${appendix.title}`,
      appendix.documentNumber,
      appendix.caseId,
    ),
    [appendix.caseId, ownerCaseId],
  );
}

/** The documents of one item (heading, public title, bodies, its appendices). */
function itemDocs(source: MeetingSource, item: ItemRow, bodies: readonly BodyRow[]): SearchDoc[] {
  const isMeetingClosed = source.meeting.isClosed === 1;
  const isClosed = isMeetingClosed || item.isClosed === 1;
  const caseIds = [item.caseId];
  const docs: (SearchDoc | null)[] = [
    doc(
      source,
      'heading',
      item.id,
      isClosed,
      joinLines(`${item.number}. ${item.title}`, item.caseId, item.documentNumber, item.presenter),
      caseIds,
    ),
  ];
  if (item.isClosed === 1)
    docs.push(doc(source, 'publicTitle', item.id, isMeetingClosed, item.publicTitle, caseIds));
  for (const body of bodies) {
    // The public decision of a closed item is what the public edition prints: open text.
    const isBodyClosed = body.field === 'publicDecision' ? isMeetingClosed : isClosed;
    docs.push(
      doc(
        source,
        `body:${body.field}`,
        item.id,
        isBodyClosed,
        bodyText(body.content, source),
        caseIds,
      ),
    );
  }
  for (const appendix of source.appendices) {
    if (appendix.itemId === item.id)
      docs.push(appendixDoc(source, appendix, isClosed, item.caseId));
  }
  return docs.filter((d): d is SearchDoc => d !== null);
}

/** The meeting-level documents: header, participants, meeting bodies, unbound appendices. */
function meetingLevelDocs(source: MeetingSource, bodies: readonly BodyRow[]): SearchDoc[] {
  const m = source.meeting;
  const isClosed = m.isClosed === 1;
  const caseIds = [m.caseId];
  const docs: (SearchDoc | null)[] = [
    doc(source, 'meeting', null, isClosed, joinLines(m.caseId, m.location), caseIds),
    doc(
      source,
      'participants',
      null,
      isClosed,
      source.participants.map((p) => personName(p, 'da')).join('\n'),
      caseIds,
    ),
  ];
  for (const body of bodies)
    docs.push(
      doc(source, `body:${body.field}`, null, isClosed, bodyText(body.content, source), caseIds),
    );
  for (const appendix of source.appendices) {
    if (appendix.itemId === null) docs.push(appendixDoc(source, appendix, isClosed, m.caseId));
  }
  return docs.filter((d): d is SearchDoc => d !== null);
}

type ExistingDoc = { rowid: number; itemId: string | null; key: string };

/**
 * Makes the index match the library for one meeting. `scope` says which documents to
 * re-derive: every document (`all`), the meeting-level ones, or those of some items.
 * Unchanged documents are not rewritten. A meeting that no longer exists loses its documents.
 */
function refreshMeeting(
  db: WriteDb,
  meetingId: string,
  scope: 'all' | { isMeetingLevel: boolean; itemIds: Set<string> },
): void {
  const source = loadMeetingSource(db, meetingId);
  if (!source) {
    removeMeeting(db, meetingId);
    return;
  }
  const { base, isMoved } = meetingBase(db, source.meeting);
  // A meeting whose date changed moved to a new rowid block: every document is rewritten.
  const partial = scope === 'all' || isMoved ? null : scope;
  const wantedItems = partial ? partial.itemIds : new Set(source.items.map((i) => i.id));
  const isMeetingLevel = partial ? partial.isMeetingLevel : true;

  const bodies = stmt(
    db,
    `SELECT b.item_id AS itemId, b.field, b.content FROM bodies b
       WHERE b.meeting_id = ? OR b.item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?)`,
  ).all(meetingId, meetingId) as BodyRow[];
  const bodiesByItem = new Map<string | null, BodyRow[]>();
  for (const body of bodies) {
    const list = bodiesByItem.get(body.itemId) ?? [];
    list.push(body);
    bodiesByItem.set(body.itemId, list);
  }

  const desired = new Map<string, SearchDoc>();
  const docKey = (itemId: string | null, key: string) => `${itemId ?? ''}\u0000${key}`;
  if (isMeetingLevel) {
    for (const d of meetingLevelDocs(source, bodiesByItem.get(null) ?? []))
      desired.set(docKey(null, d.key), d);
  }
  for (const item of source.items) {
    if (!wantedItems.has(item.id)) continue;
    for (const d of itemDocs(source, item, bodiesByItem.get(item.id) ?? []))
      desired.set(docKey(item.id, d.key), d);
  }

  const existing = stmt(
    db,
    'SELECT doc_id AS rowid, item_id AS itemId, doc_key AS key FROM search_docs WHERE meeting_id = ?',
  ).all(meetingId) as ExistingDoc[];
  const readDoc = stmt(db, 'SELECT text, tags FROM search_fts WHERE rowid = ?');
  const deleteDoc = stmt(db, 'DELETE FROM search_docs WHERE doc_id = ?');
  const deleteFts = stmt(db, 'DELETE FROM search_fts WHERE rowid = ?');
  const updateFts = stmt(db, 'UPDATE search_fts SET text = ?, tags = ? WHERE rowid = ?');
  const updateDoc = stmt(db, 'UPDATE search_docs SET is_closed = ? WHERE doc_id = ?');
  const live = new Set(source.items.map((i) => i.id));
  let maxRowid = base - 1;
  for (const row of existing) {
    const isInScope =
      row.itemId === null ? isMeetingLevel : wantedItems.has(row.itemId) || !live.has(row.itemId);
    if (!isInScope) {
      maxRowid = Math.max(maxRowid, row.rowid);
      continue;
    }
    const key = docKey(row.itemId, row.key);
    const wanted = desired.get(key);
    if (!wanted) {
      deleteFts.run(row.rowid);
      deleteDoc.run(row.rowid);
      continue;
    }
    desired.delete(key);
    maxRowid = Math.max(maxRowid, row.rowid);
    const current = readDoc.get(row.rowid) as { text: string; tags: string } | undefined;
    if (!current || current.text !== wanted.text || current.tags !== wanted.tags) {
      if (current) updateFts.run(wanted.text, wanted.tags, row.rowid);
      else
        stmt(db, 'INSERT INTO search_fts (rowid, text, tags) VALUES (?, ?, ?)').run(
          row.rowid,
          wanted.text,
          wanted.tags,
        );
      updateDoc.run(wanted.isClosed ? 1 : 0, row.rowid);
    }
  }
  if (desired.size === 0) return;
  if (!Number.isSafeInteger(maxRowid))
    throw new Error(`search index: bad rowid ${maxRowid} for meeting ${meetingId}`);
  if (maxRowid + desired.size > base + maxSeq) {
    // The meeting used up its sequence numbers (a million documents added over its life):
    // renumber it from scratch.
    removeMeeting(db, meetingId, { isKeepingBlock: true });
    refreshMeeting(db, meetingId, 'all');
    return;
  }
  const insertFts = stmt(db, 'INSERT INTO search_fts (rowid, text, tags) VALUES (?, ?, ?)');
  const insertDoc = stmt(
    db,
    'INSERT INTO search_docs (doc_id, meeting_id, item_id, doc_key, is_closed) VALUES (?, ?, ?, ?, ?)',
  );
  for (const d of desired.values()) {
    maxRowid += 1;
    insertFts.run(maxRowid, d.text, d.tags);
    insertDoc.run(maxRowid, meetingId, d.itemId, d.key, d.isClosed ? 1 : 0);
  }
}

/**
 * The first rowid of the meeting's block, allocating one (or moving the meeting's documents
 * to a new one when its date changed).
 */
function meetingBase(db: WriteDb, meeting: MeetingRow): { base: number; isMoved: boolean } {
  const day = dayKey(meeting.date);
  const row = stmt(db, 'SELECT base FROM search_meetings WHERE meeting_id = ?').get(meeting.id) as
    { base: number } | undefined;
  if (row && Math.floor(row.base / dayShift) === day) return { base: row.base, isMoved: false };
  if (row) removeMeeting(db, meeting.id);
  const taken = stmt(
    db,
    'SELECT base FROM search_meetings WHERE base BETWEEN ? AND ? ORDER BY base',
    true,
  ).all(day * dayShift, (day + 1) * dayShift - 1) as number[];
  let slot = 0;
  for (const base of taken) {
    if (base !== day * dayShift + slot * slotShift) break;
    slot += 1;
  }
  if (slot > maxSlot)
    throw new Error(
      `More than ${maxSlot + 1} meetings on ${meeting.date}: the search index has no room`,
    );
  const base = day * dayShift + slot * slotShift;
  stmt(db, 'INSERT INTO search_meetings (meeting_id, base) VALUES (?, ?)').run(meeting.id, base);
  return { base, isMoved: row !== undefined };
}

function removeMeeting(
  db: WriteDb,
  meetingId: string,
  options: { isKeepingBlock?: boolean } = {},
): void {
  stmt(
    db,
    'DELETE FROM search_fts WHERE rowid IN (SELECT doc_id FROM search_docs WHERE meeting_id = ?)',
  ).run(meetingId);
  stmt(db, 'DELETE FROM search_docs WHERE meeting_id = ?').run(meetingId);
  if (!options.isKeepingBlock)
    stmt(db, 'DELETE FROM search_meetings WHERE meeting_id = ?').run(meetingId);
}

/**
 * Brings the index up to date with every change noted in `search_dirty`. Call it inside the
 * write transaction of the change (`writeTransaction` does); it costs one indexed read when
 * nothing is pending. Returns the number of meetings refreshed.
 */
export function syncSearchIndex(db: WriteDb): number {
  const pending = stmt(db, 'SELECT kind, id FROM search_dirty').all() as {
    kind: 'item' | 'meeting' | 'meetingAll';
    id: string;
  }[];
  if (pending.length === 0) return 0;
  const plans = new Map<string, 'all' | { isMeetingLevel: boolean; itemIds: Set<string> }>();
  const planFor = (meetingId: string) => {
    let plan = plans.get(meetingId);
    if (!plan) {
      plan = { isMeetingLevel: false, itemIds: new Set() };
      plans.set(meetingId, plan);
    }
    return plan;
  };
  const meetingOfItem = stmt(db, 'SELECT meeting_id FROM agenda_items WHERE id = ?', true);
  const meetingOfDocItem = stmt(
    db,
    'SELECT meeting_id FROM search_docs WHERE item_id = ? LIMIT 1',
    true,
  );
  for (const entry of pending) {
    if (entry.kind === 'meetingAll') {
      plans.set(entry.id, 'all');
      continue;
    }
    if (entry.kind === 'meeting') {
      const plan = planFor(entry.id);
      if (plan !== 'all') plan.isMeetingLevel = true;
      continue;
    }
    // An item: its meeting now, or (deleted item) the meeting its documents are filed under.
    const meetingId = (meetingOfItem.get(entry.id) ?? meetingOfDocItem.get(entry.id)) as
      string | undefined;
    if (meetingId === undefined) continue;
    const plan = planFor(meetingId);
    if (plan !== 'all') plan.itemIds.add(entry.id);
    // A deleted item, or one moved to another meeting, leaves documents elsewhere.
    const elsewhere = stmt(
      db,
      'SELECT DISTINCT meeting_id FROM search_docs WHERE item_id = ? AND meeting_id <> ?',
      true,
    ).all(entry.id, meetingId) as string[];
    for (const other of elsewhere) {
      const otherPlan = planFor(other);
      if (otherPlan !== 'all') otherPlan.itemIds.add(entry.id);
    }
  }
  for (const [meetingId, plan] of plans) refreshMeeting(db, meetingId, plan);
  stmt(db, 'DELETE FROM search_dirty').run();
  return plans.size;
}

/**
 * Rebuilds the whole index from the library (maintenance and the benchmarks; migrations note
 * the meetings in `search_dirty` instead).
 * Runs in the caller's transaction. Returns the number of documents written.
 */
export function rebuildSearchIndex(db: WriteDb): number {
  stmt(db, 'DELETE FROM search_fts').run();
  stmt(db, 'DELETE FROM search_docs').run();
  stmt(db, 'DELETE FROM search_meetings').run();
  stmt(db, 'DELETE FROM search_dirty').run();
  const meetingIds = stmt(db, 'SELECT id FROM meetings ORDER BY date, id', true).all() as string[];
  for (const id of meetingIds) refreshMeeting(db, id, 'all');
  return Number(stmt(db, 'SELECT count(*) FROM search_docs', true).get());
}

/**
 * Re-derives the documents of one item now (also done automatically through the triggers and
 * {@link syncSearchIndex}; exported for callers that change data outside `writeTransaction`).
 */
export function reindexItem(db: WriteDb, itemId: string): void {
  stmt(db, "INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('item', ?)").run(itemId);
  syncSearchIndex(db);
}

/** Re-derives every document of one meeting now (see {@link reindexItem}). */
export function reindexMeeting(db: WriteDb, meetingId: string): void {
  stmt(db, "INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', ?)").run(meetingId);
  syncSearchIndex(db);
}

/**
 * Compares the index with what the library says it should hold; answers the differences
 * (empty when consistent). For tests and `referat` maintenance; reads everything.
 */
export function checkSearchIndex(db: ReadDb): string[] {
  const problems: string[] = [];
  const pending = Number(stmt(db, 'SELECT count(*) FROM search_dirty', true).get());
  if (pending > 0) problems.push(`${pending} changes are not yet indexed`);
  const meetingIds = stmt(db, 'SELECT id FROM meetings', true).all() as string[];
  const actualByMeeting = new Map<string, Map<string, { text: string; tags: string }>>();
  const rows = stmt(
    db,
    `SELECT d.meeting_id AS meetingId, d.item_id AS itemId, d.doc_key AS key, f.text, f.tags
       FROM search_docs d LEFT JOIN search_fts f ON f.rowid = d.doc_id`,
  ).all() as {
    meetingId: string;
    itemId: string | null;
    key: string;
    text: string | null;
    tags: string | null;
  }[];
  for (const row of rows) {
    if (row.text === null || row.tags === null) {
      problems.push(
        `document ${row.key} of ${row.itemId ?? row.meetingId} has no text in the index`,
      );
      continue;
    }
    const map =
      actualByMeeting.get(row.meetingId) ?? new Map<string, { text: string; tags: string }>();
    map.set(`${row.itemId ?? ''}\u0000${row.key}`, { text: row.text, tags: row.tags });
    actualByMeeting.set(row.meetingId, map);
  }
  const ftsCount = Number(stmt(db, 'SELECT count(*) FROM search_fts', true).get());
  if (ftsCount !== rows.length)
    problems.push(`the index has ${ftsCount} texts for ${rows.length} documents`);
  for (const meetingId of meetingIds) {
    const source = loadMeetingSource(db, meetingId);
    if (!source) continue;
    const bodies = stmt(
      db,
      `SELECT b.item_id AS itemId, b.field, b.content FROM bodies b
         WHERE b.meeting_id = ? OR b.item_id IN (SELECT id FROM agenda_items WHERE meeting_id = ?)`,
    ).all(meetingId, meetingId) as BodyRow[];
    const expected = new Map<string, SearchDoc>();
    for (const d of meetingLevelDocs(
      source,
      bodies.filter((b) => b.itemId === null),
    ))
      expected.set(`\u0000${d.key}`, d);
    for (const item of source.items) {
      for (const d of itemDocs(
        source,
        item,
        bodies.filter((b) => b.itemId === item.id),
      ))
        expected.set(`${item.id}\u0000${d.key}`, d);
    }
    const actual =
      actualByMeeting.get(meetingId) ?? new Map<string, { text: string; tags: string }>();
    for (const [key, d] of expected) {
      const got = actual.get(key);
      if (!got) problems.push(`meeting ${meetingId}: ${key.replace('\u0000', ' ')} is missing`);
      else if (got.text !== d.text || got.tags !== d.tags)
        problems.push(`meeting ${meetingId}: ${key.replace('\u0000', ' ')} is stale`);
    }
    for (const key of actual.keys()) {
      if (!expected.has(key))
        problems.push(`meeting ${meetingId}: ${key.replace('\u0000', ' ')} should not be indexed`);
    }
    actualByMeeting.delete(meetingId);
  }
  for (const meetingId of actualByMeeting.keys())
    problems.push(`meeting ${meetingId} no longer exists but is indexed`);
  return problems;
}
