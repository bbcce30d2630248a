/**
 * The database handle types. Their own module so that the modules `openLibrary` depends on (the
 * search index, migrations) can name them without importing library.ts back.
 *
 * A library has one better-sqlite3 connection, but the code sees it through two types:
 * - `ReadDb`, the handle `openLibrary` gives out. Query functions that only read take it, and
 *   the statement cache (`stmt`) gives it statements without `run`.
 * - `WriteDb`, the same connection inside `writeTransaction`, the only place that makes one
 *   (the brand is a type, nothing at run time). Query functions that write take it, so a write
 *   outside `writeTransaction` (which would skip the search-index sync and the IMMEDIATE lock)
 *   does not compile. A write handle may be used wherever a read handle is asked for.
 */
import type Database from 'better-sqlite3';

/**
 * The raw better-sqlite3 handle: opening, checking and migrating a library only (library.ts,
 * migrations). Everything else takes `ReadDb` or `WriteDb`.
 */
export type Db = Database.Database;

declare const writeBrand: unique symbol;

/** A library handle for reading; query functions that only read take it. */
export type ReadDb = Database.Database;

/**
 * The library handle inside `writeTransaction` (the only way to get one); query functions that
 * write take it.
 */
export type WriteDb = Database.Database & { readonly [writeBrand]: true };
