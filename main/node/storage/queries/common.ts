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
  patch: object,
  fields: readonly string[],
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const field of fields) {
    const value = (patch as Record<string, unknown>)[field];
    if (value === undefined) continue;
    sets.push(`${field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} = ?`);
    values.push(typeof value === 'boolean' ? toFlag(value) : value);
  }
  if (sets.length === 0) return;
  stmt(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
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

/** A table whose rows are patched field by field (see {@link rowPatcher}). */
export type PatchedTable<T, F> = {
  /** The table's name (a constant, never input). */
  name: string;
  /** The patch keys that may be written, each to its column (see {@link updateRow}). */
  fields: readonly (keyof F & string)[];
  /** One row as the caller answers it. @throws DomainError not_found */
  read: (db: ReadDb, id: string) => T;
};

/**
 * The update query of a table: `(db, { id, patch })` changes the given fields of one row in a
 * write transaction and answers the row as it is then. `check` sees the row before the change
 * and the patch, and refuses the change by throwing (a locked meeting, a reference outside the
 * meeting), so nothing is written then. The query throws DomainError not_found, and whatever
 * `check` throws.
 */
export function rowPatcher<T, F extends object>(
  table: PatchedTable<T, F>,
  check: (db: WriteDb, current: T, patch: Partial<F>) => void = () => undefined,
): (db: ReadDb, args: { id: string; patch: Partial<F> }) => T {
  return (db, args) =>
    writeTransaction(db, (db) => {
      check(db, table.read(db, args.id), args.patch);
      updateRow(db, table.name, args.id, args.patch, table.fields);
      return table.read(db, args.id);
    });
}
