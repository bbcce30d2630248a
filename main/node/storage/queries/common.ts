/**
 * Small helpers shared by the query modules: ids, timestamps, typed not-found errors and
 * partial updates from a fixed column map (column names never come from input).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../common/contract/result';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { stmt } from '../statements';

/** A new record id. */
export function newId(): string {
  return randomUUID();
}

/** Now as an ISO 8601 timestamp (UTC, with offset "Z"). */
export function nowIso(): string {
  return new Date().toISOString();
}

/** SQLite has no boolean: 0/1 in, 0/1 out. */
export function toFlag(value: boolean): number {
  return value ? 1 : 0;
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `There is no ${what} with id ${id}.`);
}

/**
 * Updates the given fields of one row. Only the keys listed in `fields` are written, each to
 * its column: the key in snake case (`isClosed` → `is_closed`), so column names come from the
 * caller's constant list, never from input. Booleans become 0/1; every value is bound.
 */
export function updateRow(
  db: WriteDb,
  table: string,
  id: string,
  patch: Record<string, unknown>,
  fields: readonly string[],
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const field of fields) {
    const value = patch[field];
    if (value === undefined) continue;
    sets.push(`${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`);
    values.push(typeof value === 'boolean' ? toFlag(value) : value);
  }
  if (sets.length === 0) return;
  stmt(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

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

/** Today's date in Europe/Copenhagen as YYYY-MM-DD. */
export function todayInCopenhagen(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Copenhagen',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/**
 * A row as SQLite returns it for the model type `T` when the SELECT names each column by the
 * model's key (`is_closed AS isClosed`): the same fields, with the booleans `K` as 0/1.
 */
export type SqlRow<T, K extends keyof T = never> = Omit<T, K> & { [P in K]: number };

/** The model object of a row: the 0/1 flags `K` become booleans, every other column is copied. */
export function fromRow<R extends object, K extends keyof R = never>(
  row: R,
  flags?: readonly K[],
): Omit<R, K> & { [P in K]: boolean } {
  const out = { ...row } as Record<string, unknown>;
  for (const flag of flags ?? []) out[flag as string] = row[flag] === 1;
  return out as Omit<R, K> & { [P in K]: boolean };
}

/** The one row `sql` selects for `id`. @throws DomainError not_found (naming `what`) */
export function getRow<R>(db: ReadDb, sql: string, what: string, id: string): R {
  const row = stmt(db, sql).get(id) as R | undefined;
  if (!row) throw notFound(what, id);
  return row;
}

/** A table whose rows are patched field by field (see {@link patchRow}). */
export type PatchedTable<T> = {
  /** The table's name (a constant, never input). */
  name: string;
  /** The patch keys that may be written, each to its column (see {@link updateRow}). */
  fields: readonly string[];
  /** One row as the caller answers it. @throws DomainError not_found */
  read: (db: ReadDb, id: string) => T;
};

/**
 * Changes some fields of one row in a write transaction and answers the row as it is then.
 * `check` sees the row before the change and refuses it by throwing (a locked meeting, a
 * reference outside the meeting), so nothing is written then.
 * @throws DomainError not_found, and whatever `check` throws
 */
export function patchRow<T>(
  db: ReadDb,
  args: { id: string; patch: object },
  table: PatchedTable<T>,
  check: (db: WriteDb, current: T) => void = () => undefined,
): T {
  return writeTransaction(db, (db) => {
    check(db, table.read(db, args.id));
    updateRow(db, table.name, args.id, args.patch as Record<string, unknown>, table.fields);
    return table.read(db, args.id);
  });
}

/** The tables that keep their rows in a dense order. */
type OrderedTable = 'members' | 'participants' | 'agenda_items';

/** Writes the order of `ids` as their positions 0..n-1, changing only rows that moved. */
export function writePositions(
  db: WriteDb,
  table: OrderedTable,
  ids: readonly string[],
  current: ReadonlyMap<string, number> = new Map(),
): void {
  const update = stmt(db, `UPDATE ${table} SET position = ? WHERE id = ?`);
  ids.forEach((id, index) => {
    if (current.get(id) !== index) update.run(index, id);
  });
}
