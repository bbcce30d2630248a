/**
 * Migration 0050 adds the signed PDFs to a library of schema 40 with an approved meeting and its
 * audit log: the existing data stays, a row must name a stored file, and rows are append-only.
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

describe('migration 0050 (signed PDFs)', () => {
  it('adds append-only signed_pdfs rows that refer to stored files', () => {
    const old = libraryAtVersion(40);
    seedSchema10(old.db);
    old.db
      .prepare(
        `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256)
         VALUES ('m1', '2017-12-13T10:00:00Z', 'Referent', 'approved', ?)`,
      )
      .run('c'.repeat(64));
    old.db
      .prepare(
        "INSERT INTO standard_texts (committee_id, position, text) VALUES ('c1', 0, 'Godkendt.')",
      )
      .run();
    const tables = [...schema10Tables, 'meeting_audit', 'standard_texts'];
    const before = rowCounts(old.db, tables);
    applyMigration(old.db, 50);
    expect(schemaObjects(old.db)).toEqual(
      expect.arrayContaining(['table signed_pdfs', 'trigger signed_pdfs_append_only']),
    );
    expect(rowCounts(old.db, tables)).toEqual(before);

    const insert = old.db.prepare(
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count)
       VALUES ('m1', ?, ?, 'Anna Andersen', '2017-12-14T09:00:00Z', 1)`,
    );
    insert.run('full', 'a'.repeat(64));
    expect(() => insert.run('full', 'f'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(() => insert.run('draft', 'a'.repeat(64))).toThrow(/CHECK/);
    expect(() => old.db.prepare("UPDATE signed_pdfs SET signer = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(consistencyProblems(old.db)).toEqual([]);

    const library = openAsThisBuild(old);
    expect(library.db.prepare('SELECT signer FROM signed_pdfs').pluck().all()).toEqual([
      'Anna Andersen',
    ]);
  });
});
