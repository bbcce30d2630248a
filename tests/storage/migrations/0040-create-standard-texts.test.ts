/**
 * Migration 0040 adds per-committee standard decision texts to a library of schema 30 with
 * meetings, corrections and audit rows: the existing data stays, the new table starts empty
 * (committees use the built-in list) and keeps one copy of each text per committee.
 */
import { describe, expect, it } from 'vitest';
import {
  applyMigration,
  consistencyProblems,
  libraryAtVersion,
  openAsThisBuild,
  rowCounts,
  schema10Tables,
  schemaObjects,
  seedSchema10,
} from './libraryAtVersion';

describe('migration 0040 (standard texts)', () => {
  it('adds an empty standard_texts table without touching the meetings', () => {
    const old = libraryAtVersion(30);
    seedSchema10(old.db);
    old.db
      .prepare(
        `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256)
         VALUES ('m1', '2017-12-13T10:00:00Z', 'Referent', 'approved', ?)`,
      )
      .run('c'.repeat(64));
    const tables = [...schema10Tables, 'meeting_audit'];
    const before = rowCounts(old.db, tables);
    applyMigration(old.db, 40);
    expect(schemaObjects(old.db)).toContain('table standard_texts');
    expect(rowCounts(old.db, tables)).toEqual(before);
    expect(old.db.prepare('SELECT count(*) FROM standard_texts').pluck().get()).toBe(0);

    const insert = old.db.prepare(
      'INSERT INTO standard_texts (committee_id, position, text) VALUES (?, ?, ?)',
    );
    insert.run('c1', 0, 'Godkendt.');
    expect(() => insert.run('c1', 1, 'Godkendt.')).toThrow(/UNIQUE/);
    expect(() => insert.run('c1', 2, '   ')).toThrow(/CHECK/);
    expect(() => insert.run('no-such-committee', 0, 'Godkendt.')).toThrow(/FOREIGN KEY/);
    expect(consistencyProblems(old.db)).toEqual([]);

    const library = openAsThisBuild(old);
    expect(library.db.prepare('SELECT text FROM standard_texts').pluck().all()).toEqual([
      'Godkendt.',
    ]);
  });
});
