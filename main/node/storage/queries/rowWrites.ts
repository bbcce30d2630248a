/**
 * Writing rows from a constant list of fields: each field goes to the column named as the field
 * in snake case (`isClosed` → `is_closed`), so column names come from the code, never from
 * input. Insert and update of committees, members, meetings, items, participants and appendices
 * go through here; each module declares its table once ({@link PatchedTable}).
 */
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { stmt } from '../statements';
import { toFlag } from './common';

/** The column a field is stored in: the key in snake case (`isClosed` → `is_closed`). */
function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * Inserts one row: each key in `fields` is written to its column (the key in snake case, as in
 * {@link updateRow}), so column names come from the caller's constant list, never from input;
 * keys of `row` not listed are not written. Booleans become 0/1; every value is bound.
 */
export function insertRow<R extends object>(
  db: WriteDb,
  table: string,
  row: R,
  fields: readonly (keyof R & string)[],
): void {
  const values = fields.map((field) => {
    const value: unknown = row[field];
    return typeof value === 'boolean' ? toFlag(value) : value;
  });
  stmt(
    db,
    `INSERT INTO ${table} (${fields.map(columnOf).join(', ')}) VALUES (${fields.map(() => '?').join(', ')})`,
  ).run(...values);
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
    sets.push(`${columnOf(field)} = ?`);
    values.push(typeof value === 'boolean' ? toFlag(value) : value);
  }
  if (sets.length === 0) return;
  stmt(db, `UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
}

/**
 * A table whose rows are inserted from and patched by its fields `F` (see {@link insertRow},
 * {@link rowPatcher}); `T` is a row as the queries answer it.
 */
export type PatchedTable<T, F> = {
  /** The table's name (a constant, never input). */
  name: string;
  /** The keys of `F` a create or patch writes, each to its column (see {@link updateRow}). */
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
