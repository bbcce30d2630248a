/**
 * Small helpers shared by the query modules: ids, timestamps, typed not-found errors and
 * partial updates from a fixed column map (column names never come from input).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../common/contract/result';
import type { WriteDb } from '../db';
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
 * Updates the given fields of one row. `columns` maps patch keys to column names; values are
 * converted by `convert` (booleans to 0/1) and always bound as parameters.
 */
export function updateRow(
  db: WriteDb,
  table: string,
  id: string,
  patch: Record<string, unknown>,
  columns: Readonly<Record<string, string>>,
): void {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const column = columns[key];
    if (column === undefined || value === undefined) continue;
    sets.push(`${column} = ?`);
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
