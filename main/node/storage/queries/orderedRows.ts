/**
 * Rows kept in a dense order under their parent: the members of a committee, the participants
 * and the agenda items of a meeting (`position` 0..n-1, no gaps). A row is added at the end,
 * moved to a position (the rows in between shift by one) and, when one is deleted, the rest
 * close up. Each step here is the same for the three tables.
 */
import type { ReadDb, WriteDb } from '../db';
import { stmt } from '../statements';

/** The parent column of each table whose rows keep a dense order (constants, never input). */
const parentColumn = {
  members: 'committee_id',
  participants: 'meeting_id',
  agenda_items: 'meeting_id',
} as const;

/** A table whose rows keep a dense `position` per parent. */
export type OrderedTable = keyof typeof parentColumn;

/**
 * Moves `id` to `position` within `orderedIds` and returns the new order (dense 0..n-1).
 * A position past the end moves it to the end.
 */
export function reorder(orderedIds: readonly string[], id: string, position: number): string[] {
  const rest = orderedIds.filter((other) => other !== id);
  const at = Math.max(0, Math.min(position, rest.length));
  rest.splice(at, 0, id);
  return rest;
}

/** The position a row added at the end of its parent's list gets: the list's length. */
export function endPosition(db: ReadDb, table: OrderedTable, parentId: string): number {
  return Number(
    stmt(db, `SELECT count(*) FROM ${table} WHERE ${parentColumn[table]} = ?`, true).get(parentId),
  );
}

/** Moves row `id` to `position` in its parent's list (a position past the end: to the end). */
export function moveToPosition(
  db: WriteDb,
  table: OrderedTable,
  parentId: string,
  args: { id: string; position: number },
): void {
  const rows = rowsInOrder(db, table, parentId);
  const ids = rows.map((row) => row.id);
  writePositions(db, table, reorder(ids, args.id, args.position), rows);
}

/** Numbers the parent's rows 0..n-1 again in their order, after one of them was deleted. */
export function closeGap(db: WriteDb, table: OrderedTable, parentId: string): void {
  const rows = rowsInOrder(db, table, parentId);
  const ids = rows.map((row) => row.id);
  writePositions(db, table, ids, rows);
}

/** Writes the order of `ids` as their positions 0..n-1, changing only rows that moved. */
function writePositions(
  db: WriteDb,
  table: OrderedTable,
  ids: readonly string[],
  current: readonly { id: string; position: number }[],
): void {
  const positionOf = new Map(current.map((row) => [row.id, row.position]));
  const update = stmt(db, `UPDATE ${table} SET position = ? WHERE id = ?`);
  ids.forEach((id, index) => {
    if (positionOf.get(id) !== index) update.run(index, id);
  });
}

function rowsInOrder(
  db: ReadDb,
  table: OrderedTable,
  parentId: string,
): { id: string; position: number }[] {
  return stmt(
    db,
    `SELECT id, position FROM ${table} WHERE ${parentColumn[table]} = ? ORDER BY position, id`,
  ).all(parentId) as { id: string; position: number }[];
}
