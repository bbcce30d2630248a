import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction opened by the runner; it must not commit. */
export type Migration = {
  /** The `PRAGMA user_version` the library has after this step. */
  readonly version: number;
  readonly name: string;
  /**
   * The step rebuilds tables (to loosen a NOT NULL or CHECK constraint): the runner turns
   * foreign keys off around its transaction, so dropping the old table deletes nothing, and
   * runs `PRAGMA foreign_key_check` before committing.
   */
  readonly isRebuildingTables?: boolean;
  up(db: Database.Database): void;
};

/** `PRAGMA application_id` of every Referat library: "RFAT". Set by the first migration. */
export const libraryApplicationId = 0x52464154;

/** The value of `library_meta.format` in every Referat library. */
export const libraryFormatMarker = 'referat-library';
