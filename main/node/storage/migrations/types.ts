import type Database from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction opened by the runner; it must not commit. */
export type Migration = {
  /** The `PRAGMA user_version` the library has after this step. */
  readonly version: number;
  readonly name: string;
  up(db: Database.Database): void;
};

/** `PRAGMA application_id` of every Referat library: "RFAT". Set by the first migration. */
export const libraryApplicationId = 0x52464154;

/** The value of `library_meta.format` in every Referat library. */
export const libraryFormatMarker = 'referat-library';
