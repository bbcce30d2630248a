/**
 * The one statement cache: every query outside the (frozen) migrations and the opening checks
 * prepares its SQL here, once per connection, keyed by the SQL text. Preparing costs more than
 * running most of these queries, and a search runs several many times a second while typing.
 *
 * The handle's type decides what a statement may do: a read handle gets statements without
 * `run`, a write handle (only `writeTransaction` makes one, see db.ts) gets the full statement.
 */
import type { Statement } from 'better-sqlite3';
import type { ReadDb, WriteDb } from './db';

/** A statement prepared through a read handle: it can read rows but not `run` a change. */
export type ReadStatement = Omit<Statement, 'run'>;

const statementCache = new WeakMap<ReadDb, Map<string, Statement>>();

/**
 * A prepared statement for `sql`, compiled once per connection and reused. `isPluck` is applied
 * on every call, so one SQL text can never leak a pluck mode into another call site.
 */
export function stmt(db: WriteDb, sql: string, isPluck?: boolean): Statement;
export function stmt(db: ReadDb, sql: string, isPluck?: boolean): ReadStatement;
export function stmt(db: ReadDb, sql: string, isPluck = false): Statement {
  let cache = statementCache.get(db);
  if (!cache) {
    cache = new Map();
    statementCache.set(db, cache);
  }
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement.reader ? statement.pluck(isPluck) : statement;
}
