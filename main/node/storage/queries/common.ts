/**
 * Small helpers shared by the query modules: ids, timestamps, flags, typed not-found errors and
 * rows read by id (writes from a field list are in rowWrites.ts).
 */
import { randomUUID } from 'node:crypto';
import { DomainError } from '../../../../common/contract/result';
import type { ReadDb } from '../db';
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
