/**
 * Migration 0020 adds the full-text index to a library of schema 10 with meetings in it: it
 * notes every existing meeting for indexing (frozen SQL, no live index code), and the live code
 * derives the documents once the schema is current.
 */
import { describe, expect, it } from 'vitest';
import { checkSearchIndex } from '../../../main/node/storage/searchIndex';
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

describe('migration 0020 (search index)', () => {
  it('creates the index tables and notes every existing meeting, leaving the data as it was', () => {
    const old = libraryAtVersion(10);
    seedSchema10(old.db);
    const before = rowCounts(old.db, schema10Tables);
    applyMigration(old.db, 20);
    expect(schemaObjects(old.db)).toEqual(
      expect.arrayContaining([
        'table search_fts',
        'table search_docs',
        'table search_meetings',
        'table search_dirty',
        'index agenda_items_by_case',
        'trigger search_body_updated',
      ]),
    );
    expect(old.db.prepare('SELECT kind, id FROM search_dirty ORDER BY id').all()).toEqual([
      { kind: 'meetingAll', id: 'm1' },
      { kind: 'meetingAll', id: 'm2' },
    ]);
    expect(old.db.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(0);
    expect(rowCounts(old.db, schema10Tables)).toEqual(before);
    expect(consistencyProblems(old.db)).toEqual([]);

    // The triggers note later changes.
    old.db.prepare('DELETE FROM search_dirty').run();
    old.db.prepare("UPDATE agenda_items SET title = 'Velkomst' WHERE id = 'i1'").run();
    expect(old.db.prepare('SELECT kind, id FROM search_dirty').all()).toEqual([
      { kind: 'item', id: 'i1' },
    ]);
  });

  it('has the index built by this build when the library is opened', () => {
    const old = libraryAtVersion(10);
    seedSchema10(old.db);
    applyMigration(old.db, 20);
    const library = openAsThisBuild(old);
    expect(library.db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect(checkSearchIndex(library.db)).toEqual([]);
    const found = library.db
      .prepare(
        `SELECT DISTINCT d.meeting_id FROM search_fts f JOIN search_docs d ON d.doc_id = f.rowid
         WHERE search_fts MATCH 'text : præsentationen'`,
      )
      .pluck()
      .all();
    expect(found).toEqual(['m1']);
  });
});
