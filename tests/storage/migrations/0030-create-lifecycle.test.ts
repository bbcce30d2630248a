/**
 * Migration 0030 adds corrections and the audit log to a library of schema 20 with an approved
 * meeting: the existing data stays, and both new tables refuse changes to a written row.
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

const sha = 'b'.repeat(64);

describe('migration 0030 (lifecycle and audit)', () => {
  it('adds append-only corrections and audit rows beside the existing meetings', () => {
    const old = libraryAtVersion(20);
    seedSchema10(old.db);
    const before = rowCounts(old.db, schema10Tables);
    applyMigration(old.db, 30);
    expect(schemaObjects(old.db)).toEqual(
      expect.arrayContaining(['table meeting_corrections', 'table meeting_audit']),
    );
    expect(rowCounts(old.db, schema10Tables)).toEqual(before);

    old.db
      .prepare(
        `INSERT INTO meeting_corrections (id, meeting_id, position, created_at, author, reason, text)
         VALUES ('k1', 'm1', 1, '2017-12-20T10:00:00Z', 'Referent', 'Stavefejl', 'Punkt 1: "præsentation".')`,
      )
      .run();
    old.db
      .prepare(
        `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256)
         VALUES ('m1', '2017-12-13T10:00:00Z', 'Referent', 'approved', ?)`,
      )
      .run(sha);
    expect(() => old.db.prepare("UPDATE meeting_corrections SET text = 'x'").run()).toThrow(
      /append-only/,
    );
    expect(() => old.db.prepare("UPDATE meeting_audit SET author = 'x'").run()).toThrow(
      /append-only/,
    );
    // Actions of this version only (signing rounds came with 0060).
    expect(() =>
      old.db
        .prepare(
          `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256)
           VALUES ('m1', 'now', 'x', 'signing_restarted', ?)`,
        )
        .run(sha),
    ).toThrow(/CHECK/);
    expect(consistencyProblems(old.db)).toEqual([]);

    const library = openAsThisBuild(old);
    expect(rowCounts(library.db, ['meeting_corrections', 'meeting_audit'])).toEqual({
      meeting_corrections: 1,
      meeting_audit: 1,
    });
  });
});
