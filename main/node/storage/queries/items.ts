/**
 * Agenda items of a meeting, kept in a dense order (`position` 0..n-1). The printed `number`
 * is independent of the position (it often runs through the year).
 */
import type { AgendaItemDetail } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { AgendaItem } from '../../../../common/domain/model';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { getItemBodies, hasText } from './bodies';
import { newId, fromRow, getRow, type SqlRow } from './common';
import { insertRow, rowPatcher, type PatchedTable } from './rowWrites';
import { closeGap, endPosition, moveToPosition } from './orderedRows';
import { stmt } from '../statements';
import { requireDraftMeeting } from './meetingBase';
import { profileOfCommittee, profileOfMeeting } from './profiles';

type ItemRow = SqlRow<AgendaItem, 'isClosed' | 'isSupplementary'>;

const itemColumns = `id, meeting_id AS meetingId, number, position, title, is_closed AS isClosed,
  public_title AS publicTitle, case_id AS caseId, document_number AS documentNumber, presenter, kind,
  is_supplementary AS isSupplementary, group_id AS groupId`;

const toItem = (row: ItemRow): AgendaItem => fromRow(row, ['isClosed', 'isSupplementary']);

/** The fields an item is created or patched with. */
export type ItemFields = Pick<
  AgendaItem,
  | 'number'
  | 'title'
  | 'isClosed'
  | 'publicTitle'
  | 'caseId'
  | 'documentNumber'
  | 'presenter'
  | 'kind'
> &
  Partial<Pick<AgendaItem, 'isSupplementary' | 'groupId'>>;

/**
 * The number the first item of a meeting gets: the profile's start, or, when the profile
 * numbers items through the year, one more than the highest item number of the committee's
 * earlier meetings that year ("Pkt. 42" follows "Pkt. 41" of the last meeting).
 */
export function firstItemNumber(db: ReadDb, meetingId: string): number {
  return firstItemNumberOf(db, meetingId, profileOfMeeting(db, meetingId).itemNumbering);
}

/**
 * The first item number of a meeting the committee would hold on `date` (before it exists):
 * continues the year when the committee's profile numbers items through the year.
 */
export function proposedFirstItemNumber(
  db: ReadDb,
  committeeId: string,
  template: 'opgaveudvalg' | 'fagudvalg',
  date: string,
): number {
  const numbering = profileOfCommittee(db, committeeId, template).itemNumbering;
  if (numbering.mode !== 'yearly') return numbering.start;
  const latest = stmt(
    db,
    `SELECT max(i.number) FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id
     WHERE m.committee_id = ? AND substr(m.date, 1, 4) = substr(?, 1, 4) AND m.date <= ?`,
    true,
  ).get(committeeId, date, date) as number | null;
  return latest === null ? numbering.start : Math.min(latest + 1, 100000);
}

function firstItemNumberOf(
  db: ReadDb,
  meetingId: string,
  numbering: { mode: 'per_meeting' | 'yearly'; start: number },
): number {
  if (numbering.mode !== 'yearly') return numbering.start;
  const latest = stmt(
    db,
    `SELECT max(i.number) FROM agenda_items i
       JOIN meetings other ON other.id = i.meeting_id
       JOIN meetings m ON m.id = ?
     WHERE other.committee_id = m.committee_id AND other.id <> m.id
       AND substr(other.date, 1, 4) = substr(m.date, 1, 4)
       AND (other.date < m.date OR (other.date = m.date AND other.created_at <= m.created_at))`,
    true,
  ).get(meetingId) as number | null;
  return latest === null ? numbering.start : Math.min(latest + 1, 100000);
}

/** The items of a meeting in agenda order. */
export function listItems(db: ReadDb, meetingId: string): AgendaItem[] {
  const rows = stmt(
    db,
    `SELECT ${itemColumns} FROM agenda_items WHERE meeting_id = ? ORDER BY position, id`,
  ).all(meetingId) as ItemRow[];
  return rows.map(toItem);
}

/** One item. @throws DomainError not_found */
export function getItem(db: ReadDb, id: string): AgendaItem {
  return toItem(
    getRow<ItemRow>(db, `SELECT ${itemColumns} FROM agenda_items WHERE id = ?`, 'agenda item', id),
  );
}

/** One item with all its bodies. @throws DomainError not_found */
export function getItemDetail(db: ReadDb, id: string): AgendaItemDetail {
  return { ...getItem(db, id), bodies: getItemBodies(db, id) };
}

/** The agenda items table as insert and update write it: each field in its own column. */
const itemsTable: PatchedTable<AgendaItem, ItemFields> = {
  name: 'agenda_items',
  fields: [
    'number',
    'title',
    'isClosed',
    'publicTitle',
    'caseId',
    'documentNumber',
    'presenter',
    'kind',
    'isSupplementary',
    'groupId',
  ],
  read: getItem,
};

/**
 * Adds an item at the end of a draft meeting's agenda. Without a number it gets the highest
 * number of the meeting plus one (1 for the first item).
 * @throws DomainError not_found, locked
 */
export function createItem(
  db: ReadDb,
  args: { meetingId: string; item: Omit<ItemFields, 'number'> & { number?: number }; id?: string },
): AgendaItemDetail {
  return writeTransaction(db, (db) => {
    requireDraftMeeting(db, args.meetingId);
    const maxNumber = stmt(
      db,
      'SELECT max(number) FROM agenda_items WHERE meeting_id = ?',
      true,
    ).get(args.meetingId) as number | null;
    const id = args.id ?? newId();
    // An item created after the agenda was sent belongs to the tillægsdagsorden.
    const isAfterSending =
      stmt(db, 'SELECT 1 FROM agenda_sendings WHERE meeting_id = ? LIMIT 1').get(args.meetingId) !==
      undefined;
    insertItem(db, {
      id,
      meetingId: args.meetingId,
      position: endPosition(db, 'agenda_items', args.meetingId),
      ...args.item,
      ...(isAfterSending ? { isSupplementary: true } : {}),
      number:
        args.item.number ??
        (maxNumber === null ? firstItemNumber(db, args.meetingId) : maxNumber + 1),
    });
    return getItemDetail(db, id);
  });
}

/** Inserts an item row as given (no checks beyond the schema); used by create, copy and import. */
export function insertItem(
  db: WriteDb,
  item: Omit<AgendaItem, 'isSupplementary' | 'groupId'> &
    Partial<Pick<AgendaItem, 'isSupplementary' | 'groupId'>>,
): void {
  insertRow(
    db,
    itemsTable.name,
    { ...item, isSupplementary: item.isSupplementary ?? false, groupId: item.groupId ?? null },
    ['id', 'meetingId', 'position', ...itemsTable.fields],
  );
}

/** Changes some fields of an item of a draft meeting. @throws DomainError not_found, locked */
export const updateItem = rowPatcher(itemsTable, (db, item) =>
  requireDraftMeeting(db, item.meetingId),
);

/** Moves an item to `position`; answers the meeting's items in their new (dense) order. */
export function moveItem(db: ReadDb, args: { id: string; position: number }): AgendaItem[] {
  return writeTransaction(db, (db) => {
    const item = getItem(db, args.id);
    requireDraftMeeting(db, item.meetingId);
    moveToPosition(db, 'agenda_items', item.meetingId, args);
    return listItems(db, item.meetingId);
  });
}

/**
 * Deletes an item of a draft meeting with its bodies and history; the remaining items close
 * up. An item whose decision has text is deleted only with `isDecisionLossConfirmed`.
 * Appendices bound to the item stay with the meeting, unbound.
 * @throws DomainError not_found, locked, conflict
 */
export function deleteItem(
  db: ReadDb,
  args: { id: string; isDecisionLossConfirmed?: boolean },
): { id: string } {
  return writeTransaction(db, (db) => {
    const item = getItem(db, args.id);
    requireDraftMeeting(db, item.meetingId);
    const decision = getItemBodies(db, args.id).decision;
    if (hasText(decision.content) && args.isDecisionLossConfirmed !== true) {
      throw new DomainError(
        'conflict',
        `Item ${item.number} "${item.title}" has a decision text. Deleting the item deletes the decision; confirm to delete it.`,
      );
    }
    // Unbind appendices explicitly rather than through the foreign key's SET NULL action, so
    // triggers on appendices see an ordinary UPDATE.
    stmt(db, 'UPDATE appendices SET item_id = NULL WHERE item_id = ?').run(args.id);
    stmt(db, 'DELETE FROM agenda_items WHERE id = ?').run(args.id);
    closeGap(db, 'agenda_items', item.meetingId);
    return { id: args.id };
  });
}
