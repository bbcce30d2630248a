/**
 * Migration 0010 turns an empty SQLite file into a Referat library: the application id and
 * format marker, STRICT tables that take a meeting's data, and append-only revisions.
 */
import { describe, expect, it } from 'vitest';
import { libraryApplicationId } from '../../../main/node/storage/migrations/types';
import {
  applyMigration,
  consistencyProblems,
  libraryAtVersion,
  openAsThisBuild,
  rowCounts,
  schema10Tables,
  seedSchema10,
} from './libraryAtVersion';

describe('migration 0010 (create library)', () => {
  it('makes an empty file a library with the header marks and STRICT tables', () => {
    const old = libraryAtVersion(0);
    applyMigration(old.db, 10);
    expect(old.db.pragma('application_id', { simple: true })).toBe(libraryApplicationId);
    expect(
      old.db.prepare("SELECT value FROM library_meta WHERE key = 'format'").pluck().get(),
    ).toBe('referat-library');
    const tables = old.db
      .prepare(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%'",
      )
      .all() as { name: string; strict: number }[];
    expect(tables.map((t) => t.name).sort()).toEqual(
      [...schema10Tables, 'library_meta', 'settings', 'participant_item_absences'].sort(),
    );
    expect(tables.every((t) => t.strict === 1)).toBe(true);
  });

  it('holds a meeting written with its SQL, keeps revisions append-only, and opens in this build', () => {
    const old = libraryAtVersion(10);
    seedSchema10(old.db);
    expect(consistencyProblems(old.db)).toEqual([]);
    expect(() => old.db.prepare("UPDATE revisions SET author = 'x'").run()).toThrow(/append-only/);
    expect(() => old.db.prepare('DELETE FROM revisions').run()).toThrow(/append-only/);
    // A body belongs to the meeting or to one item, never both.
    expect(() =>
      old.db
        .prepare(
          `INSERT INTO bodies (meeting_id, item_id, field, content, revision, updated_at, updated_by)
           VALUES ('m1', 'i1', 'summary', '[]', 1, 'now', 'x')`,
        )
        .run(),
    ).toThrow(/CHECK/);
    const before = rowCounts(old.db, schema10Tables);
    const library = openAsThisBuild(old);
    expect(rowCounts(library.db, schema10Tables)).toEqual(before);
  });
});
