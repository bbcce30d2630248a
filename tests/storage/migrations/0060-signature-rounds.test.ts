/**
 * Migration 0060 adds signature rounds to a library of schema 50 with signed files, corrections
 * and audit rows: the rows signed before it become round 1 with their corrections and signer
 * counts derived, the audit log is copied row for row into a table that also allows
 * 'signing_restarted', and both stay append-only.
 */
import { describe, expect, it } from 'vitest';
import {
  applyMigration,
  consistencyProblems,
  libraryAtVersion,
  openAsThisBuild,
  rowCounts,
  schema10Tables,
  seedSchema10,
} from './libraryAtVersion';

describe('migration 0060 (signature rounds)', () => {
  it('backfills round, corrections and signers of earlier signatures and keeps the audit log', () => {
    const old = libraryAtVersion(50);
    seedSchema10(old.db);
    const db = old.db;
    db.prepare(
      `INSERT INTO meeting_corrections (id, meeting_id, position, created_at, author, reason, text) VALUES
       ('k1', 'm1', 1, '2017-12-13T12:00:00Z', 'Referent', 'Før', 'Før underskrift.'),
       ('k2', 'm1', 2, '2017-12-20T12:00:00Z', 'Referent', 'Efter', 'Efter underskrift.')`,
    ).run();
    const audit = db.prepare(
      `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail)
       VALUES ('m1', ?, 'Referent', ?, ?, ?)`,
    );
    audit.run('2017-12-13T10:00:00Z', 'approved', 'c'.repeat(64), '');
    audit.run('2017-12-14T09:00:00Z', 'signed', 'd'.repeat(64), 'Anna Andersen');
    const signed = db.prepare(
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count)
       VALUES ('m1', ?, ?, ?, ?, ?)`,
    );
    signed.run('full', 'a'.repeat(64), 'Anna Andersen', '2017-12-14T09:00:00Z', 1);
    signed.run('public', 'a'.repeat(64), 'Anna Andersen', '2017-12-14T09:05:00Z', 1);
    signed.run('full', 'a'.repeat(64), 'Bo Borg', '2017-12-15T09:00:00Z', 2);
    signed.run('full', 'a'.repeat(64), 'Anna Andersen', '2017-12-16T09:00:00Z', 3);
    const tables = [...schema10Tables, 'meeting_corrections'];
    const before = rowCounts(db, tables);
    const auditBefore = db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all();

    applyMigration(db, 60);

    expect(
      db
        .prepare(
          'SELECT edition, round, corrections_included, signer_count FROM signed_pdfs ORDER BY seq',
        )
        .raw()
        .all(),
    ).toEqual([
      ['full', 1, 1, 1],
      ['public', 1, 0, 1],
      ['full', 1, 1, 2],
      ['full', 1, 1, 2],
    ]);
    expect(db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all()).toEqual(auditBefore);
    expect(rowCounts(db, tables)).toEqual(before);
    audit.run('2017-12-21T09:00:00Z', 'signing_restarted', 'e'.repeat(64), 'full');
    expect(() => db.prepare("UPDATE meeting_audit SET author = 'x'").run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE signed_pdfs SET round = 2').run()).toThrow(/append-only/);
    expect(consistencyProblems(db)).toEqual([]);

    const library = openAsThisBuild(old);
    expect(rowCounts(library.db, ['signed_pdfs', 'meeting_audit'])).toEqual({
      signed_pdfs: 4,
      meeting_audit: 3,
    });
  });
});
