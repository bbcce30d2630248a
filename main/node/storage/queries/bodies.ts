/**
 * Text bodies (meeting-level: summary, previousDecisions; item-level: the seven item fields)
 * and their append-only revisions. A body has no row until its first save (revision 0, empty).
 * Every save bumps the revision, updates the current text and appends a revision row with
 * time and author, in one transaction.
 */
import type { BodyOwner, Revision } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import {
  emptyBody,
  itemBodyFields,
  meetingBodyFields,
  type Body,
  type ItemBodyField,
  type MeetingBodyField,
  type MeetingStatus,
} from '../../../../common/domain/model';
import {
  richTextToPlain,
  tableInlines,
  type Inline,
  type List,
  type RichText,
} from '../../../../common/domain/richText';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { notFound, nowIso } from './common';
import { stmt } from '../statements';

type BodyRow = {
  id: number;
  itemId: string | null;
  field: string;
  content: string;
  revision: number;
  updatedAt: string;
  updatedBy: string;
};

const bodyColumns =
  'b.id, b.item_id AS itemId, b.field, b.content, b.revision, b.updated_at AS updatedAt, b.updated_by AS updatedBy';

function toBody(row: BodyRow): Body {
  return {
    content: JSON.parse(row.content) as RichText,
    revision: row.revision,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy,
  };
}

/** Every one of `fields`, empty. */
function emptyBodies<F extends string>(fields: readonly F[]): Record<F, Body> {
  return Object.fromEntries(fields.map((field) => [field, emptyBody()])) as Record<F, Body>;
}

/** Every item field, empty. */
export function emptyItemBodies(): Record<ItemBodyField, Body> {
  return emptyBodies(itemBodyFields);
}

/** The bodies of one owner (the rows `where` selects for `id`), every one of `fields` present. */
function bodiesOf<F extends string>(
  db: ReadDb,
  fields: readonly F[],
  where: 'b.meeting_id = ?' | 'b.item_id = ?',
  id: string,
): Record<F, Body> {
  const out = emptyBodies(fields);
  readBodies(db, `SELECT ${bodyColumns} FROM bodies b WHERE ${where}`, id, () => out);
  return out;
}

/** Puts each body row `sql` reads for `id` into the record `bodiesOf` gives for its row (if any). */
function readBodies<F extends string>(
  db: ReadDb,
  sql: string,
  id: string,
  bodiesOf: (row: BodyRow) => Record<F, Body> | undefined,
): void {
  for (const row of stmt(db, sql).all(id) as BodyRow[]) {
    const bodies = bodiesOf(row);
    if (bodies) bodies[row.field as F] = toBody(row);
  }
}

/** The meeting-level bodies of a meeting (every field present). */
export function getMeetingBodies(db: ReadDb, meetingId: string): Record<MeetingBodyField, Body> {
  return bodiesOf(db, meetingBodyFields, 'b.meeting_id = ?', meetingId);
}

/** The bodies of every item of a meeting, by item id (every field present for listed items). */
export function getItemBodiesOfMeeting(
  db: ReadDb,
  meetingId: string,
  itemIds: readonly string[],
): Map<string, Record<ItemBodyField, Body>> {
  const out = new Map<string, Record<ItemBodyField, Body>>();
  for (const id of itemIds) out.set(id, emptyItemBodies());
  readBodies(
    db,
    `SELECT ${bodyColumns} FROM bodies b JOIN agenda_items i ON i.id = b.item_id WHERE i.meeting_id = ?`,
    meetingId,
    (row) => (row.itemId === null ? undefined : out.get(row.itemId)),
  );
  return out;
}

/** The bodies of one item (every field present). */
export function getItemBodies(db: ReadDb, itemId: string): Record<ItemBodyField, Body> {
  return bodiesOf(db, itemBodyFields, 'b.item_id = ?', itemId);
}

/** The meeting a body belongs to, with its status. @throws DomainError not_found */
export function resolveBodyOwner(
  db: ReadDb,
  owner: BodyOwner,
): { meetingId: string; status: MeetingStatus } {
  if (owner.kind === 'meeting') {
    const row = stmt(db, 'SELECT id, status FROM meetings WHERE id = ?').get(owner.meetingId) as
      { id: string; status: MeetingStatus } | undefined;
    if (!row) throw notFound('meeting', owner.meetingId);
    return { meetingId: row.id, status: row.status };
  }
  const row = stmt(
    db,
    'SELECT m.id, m.status FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?',
  ).get(owner.itemId) as { id: string; status: MeetingStatus } | undefined;
  if (!row) throw notFound('agenda item', owner.itemId);
  return { meetingId: row.id, status: row.status };
}

/** The message for a change refused because the meeting is no longer a draft. */
export function lockedError(status: MeetingStatus): DomainError {
  return new DomainError(
    'locked',
    `The meeting is ${status === 'draft' ? 'a draft' : status}; its text can no longer be changed. Add a correction instead.`,
  );
}

function findBodyRow(db: ReadDb, owner: BodyOwner): BodyRow | undefined {
  return (
    owner.kind === 'meeting'
      ? stmt(db, `SELECT ${bodyColumns} FROM bodies b WHERE b.meeting_id = ? AND b.field = ?`).get(
          owner.meetingId,
          owner.field,
        )
      : stmt(db, `SELECT ${bodyColumns} FROM bodies b WHERE b.item_id = ? AND b.field = ?`).get(
          owner.itemId,
          owner.field,
        )
  ) as BodyRow | undefined;
}

/**
 * Saves a body with optimistic concurrency. `baseRevision` must be the body's current revision
 * (0 for a body never saved); otherwise `conflict`. Saving the text it already has changes
 * nothing and answers the current revision. Only draft meetings accept saves (`locked`).
 *
 * @param savedAt for imports; defaults to now
 */
export function saveBody(
  db: ReadDb,
  args: {
    owner: BodyOwner;
    content: RichText;
    baseRevision: number;
    author: string;
    savedAt?: string;
  },
): { revision: number; updatedAt: string } {
  return writeTransaction(db, (db) => {
    const { status, meetingId } = resolveBodyOwner(db, args.owner);
    if (status !== 'draft') throw lockedError(status);
    checkBodyReferences(db, meetingId, args.content);
    const current = findBodyRow(db, args.owner);
    const currentRevision = current?.revision ?? 0;
    if (args.baseRevision !== currentRevision) {
      throw new DomainError(
        'conflict',
        `This text was changed elsewhere (now revision ${currentRevision}, the edit was based on revision ${args.baseRevision}). Reload it and apply the edit again.`,
      );
    }
    const content = JSON.stringify(args.content);
    if (current && current.content === content) {
      return { revision: current.revision, updatedAt: current.updatedAt };
    }
    const savedAt = args.savedAt ?? nowIso();
    const revision = currentRevision + 1;
    let bodyId: number;
    if (current) {
      stmt(
        db,
        'UPDATE bodies SET content = ?, revision = ?, updated_at = ?, updated_by = ? WHERE id = ?',
      ).run(content, revision, savedAt, args.author, current.id);
      bodyId = current.id;
    } else {
      const ownerColumn = args.owner.kind === 'meeting' ? 'meeting_id' : 'item_id';
      const ownerId = args.owner.kind === 'meeting' ? args.owner.meetingId : args.owner.itemId;
      bodyId = Number(
        stmt(
          db,
          `INSERT INTO bodies (${ownerColumn}, field, content, revision, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)`,
        ).run(ownerId, args.owner.field, content, revision, savedAt, args.author).lastInsertRowid,
      );
    }
    stmt(
      db,
      'INSERT INTO revisions (body_id, revision, content, saved_at, author) VALUES (?, ?, ?, ?, ?)',
    ).run(bodyId, revision, content, savedAt, args.author);
    return { revision, updatedAt: savedAt };
  });
}

/** Every saved version of a body, newest first (empty for a body never saved). @throws not_found */
export function bodyHistory(db: ReadDb, args: { owner: BodyOwner }): Revision[] {
  resolveBodyOwner(db, args.owner);
  const body = findBodyRow(db, args.owner);
  if (!body) return [];
  const rows = stmt(
    db,
    'SELECT revision, saved_at AS savedAt, author, content FROM revisions WHERE body_id = ? ORDER BY revision DESC',
  ).all(body.id) as { revision: number; savedAt: string; author: string; content: string }[];
  return rows.map((row) => ({ ...row, content: JSON.parse(row.content) as RichText }));
}

/** True when the body has visible text (not only empty paragraphs). */
export function hasText(content: RichText): boolean {
  return (
    richTextToPlain(content).trim() !== '' ||
    content.some((block) => block.type === 'vote' || block.type === 'dissent')
  );
}

/** The appendix and participant ids a body refers to (inline references, votes, dissents). */
export function collectReferences(content: RichText): {
  appendixIds: Set<string>;
  participantIds: Set<string>;
} {
  const appendixIds = new Set<string>();
  const participantIds = new Set<string>();
  const inlines = (children: readonly Inline[]) => {
    for (const inline of children) {
      if (inline.type === 'appendixRef') appendixIds.add(inline.appendixId);
      else if (inline.type === 'participantRef') participantIds.add(inline.participantId);
    }
  };
  const pending: List[] = [];
  for (const block of content) {
    if (block.type === 'paragraph' || block.type === 'heading') inlines(block.children);
    else if (block.type === 'list') pending.push(block);
    else if (block.type === 'table') for (const children of tableInlines(block)) inlines(children);
    else if (block.type === 'dissent') {
      if (block.participantId !== null) participantIds.add(block.participantId);
    } else if (block.type === 'vote') {
      for (const group of [block.for, block.against, block.abstained]) {
        for (const id of group.participantIds) participantIds.add(id);
      }
    }
  }
  while (pending.length > 0) {
    const list = pending.pop();
    for (const item of list?.items ?? []) {
      inlines(item.children);
      if (item.sublist) pending.push(item.sublist);
    }
  }
  return { appendixIds, participantIds };
}

/**
 * Checks that a body's references point at appendices and participants of its own meeting
 * and that nobody is counted twice in a vote. @throws DomainError invalid_input
 */
export function checkBodyReferences(db: ReadDb, meetingId: string, content: RichText): void {
  const { appendixIds, participantIds } = collectReferences(content);
  const references = [
    { table: 'appendices', ids: appendixIds, what: 'appendix', who: 'which is not an appendix' },
    {
      table: 'participants',
      ids: participantIds,
      what: 'participant',
      who: 'who is not a participant',
    },
  ] as const;
  for (const { table, ids, what, who } of references) {
    const meetingOf = stmt(db, `SELECT meeting_id FROM ${table} WHERE id = ?`, true);
    for (const id of ids) {
      if (meetingOf.get(id) !== meetingId) {
        throw new DomainError(
          'invalid_input',
          `content: the text refers to ${what} ${id}, ${who} of this meeting.`,
        );
      }
    }
  }
  content.forEach((block, index) => {
    if (block.type !== 'vote') return;
    const seen = new Set<string>();
    for (const group of [block.for, block.against, block.abstained]) {
      for (const id of group.participantIds) {
        if (seen.has(id)) {
          throw new DomainError(
            'invalid_input',
            `content[${index}]: participant ${id} is counted more than once in the vote.`,
          );
        }
        seen.add(id);
      }
    }
  });
}

/**
 * Where the bodies of a meeting refer to a record (appendix or participant id): a short
 * description per body, e.g. "item 3, decision". Empty when nothing refers to it.
 */
export function findBodyReferences(
  db: ReadDb,
  meetingId: string,
  kind: 'appendix' | 'participant',
  id: string,
): string[] {
  const rows = stmt(
    db,
    `SELECT b.field, b.content, i.number AS itemNumber
       FROM bodies b LEFT JOIN agenda_items i ON i.id = b.item_id
       WHERE (b.meeting_id = ? OR i.meeting_id = ?) AND instr(b.content, ?) > 0`,
  ).all(meetingId, meetingId, id) as {
    field: string;
    content: string;
    itemNumber: number | null;
  }[];
  const places: string[] = [];
  for (const row of rows) {
    const refs = collectReferences(JSON.parse(row.content) as RichText);
    const isReferred = kind === 'appendix' ? refs.appendixIds.has(id) : refs.participantIds.has(id);
    if (isReferred)
      places.push(
        row.itemNumber === null
          ? `the meeting's ${row.field}`
          : `item ${row.itemNumber}, ${row.field}`,
      );
  }
  return places;
}

/**
 * Inserts a body at revision 1 with its first revision row, without status checks (imports
 * of approved or signed meetings keep their text). Empty content inserts nothing.
 */
export function insertImportedBody(
  db: WriteDb,
  args: { owner: BodyOwner; content: RichText; author: string; savedAt: string },
): void {
  if (args.content.length === 0) return;
  const content = JSON.stringify(args.content);
  const ownerColumn = args.owner.kind === 'meeting' ? 'meeting_id' : 'item_id';
  const ownerId = args.owner.kind === 'meeting' ? args.owner.meetingId : args.owner.itemId;
  const bodyId = stmt(
    db,
    `INSERT INTO bodies (${ownerColumn}, field, content, revision, updated_at, updated_by) VALUES (?, ?, ?, 1, ?, ?)`,
  ).run(ownerId, args.owner.field, content, args.savedAt, args.author).lastInsertRowid;
  stmt(
    db,
    'INSERT INTO revisions (body_id, revision, content, saved_at, author) VALUES (?, 1, ?, ?, ?)',
  ).run(bodyId, content, args.savedAt, args.author);
}
