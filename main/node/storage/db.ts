/**
 * The database handle type every query function takes first. Its own module so that the
 * modules `openLibrary` depends on (the search index, migrations) can name it without importing
 * library.ts back.
 */
import type Database from 'better-sqlite3';

/** The better-sqlite3 handle type used by every query function. */
export type Db = Database.Database;
