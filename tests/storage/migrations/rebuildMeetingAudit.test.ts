/**
 * The migration step that rebuilds `meeting_audit` with another list of allowed actions (used
 * by migrations 0060, 0080 and 0090): every row is copied as it was, the CHECK allows exactly
 * the listed actions, and the index by meeting and the append-only trigger are there again.
 */
import { describe, expect, it } from 'vitest';
import { rebuildMeetingAudit } from '../../../main/node/storage/migrations/steps/rebuildMeetingAudit';
import { consistencyProblems, libraryAtVersion, seedSchema10 } from './libraryAtVersion';

/** A library at schema 30 (where the audit log begins) with a meeting and two audit rows. */
function auditedLibrary() {
  const { db } = libraryAtVersion(30);
  seedSchema10(db);
  const audit = db.prepare(
    `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail)
     VALUES ('m1', ?, 'Referent', ?, ?, ?)`,
  );
  audit.run('2017-12-13T10:00:00Z', 'approved', 'c'.repeat(64), '');
  audit.run('2017-12-14T09:00:00Z', 'signed', 'd'.repeat(64), 'Anna Andersen');
  return db;
}

describe('migration step rebuildMeetingAudit', () => {
  it('copies every row and allows exactly the listed actions', () => {
    const db = auditedLibrary();
    const before = db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all();

    db.transaction(() => rebuildMeetingAudit(db, ['approved', 'signed', 'reopened']))();

    expect(db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all()).toEqual(before);
    const insert = db.prepare(
      `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256)
       VALUES ('m1', '2017-12-15T09:00:00Z', 'Referent', ?, ?)`,
    );
    expect(Number(insert.run('reopened', 'e'.repeat(64)).lastInsertRowid)).toBe(3);
    // 'correction' was allowed before the rebuild; the new list leaves it out.
    expect(() => insert.run('correction', 'e'.repeat(64))).toThrow(/CHECK/);
    expect(() => insert.run('reopened', 'short')).toThrow(/CHECK/);
    expect(consistencyProblems(db)).toEqual([]);
    db.close();
  });

  it('leaves one STRICT table with its index by meeting and the append-only trigger', () => {
    const db = auditedLibrary();

    db.transaction(() => rebuildMeetingAudit(db, ['approved', 'signed']))();

    const objects = db
      .prepare(
        "SELECT type, name, sql FROM sqlite_schema WHERE tbl_name LIKE 'meeting_audit%' ORDER BY name",
      )
      .all() as { type: string; name: string; sql: string }[];
    expect(objects.map((o) => `${o.type} ${o.name}`)).toEqual([
      'table meeting_audit',
      'trigger meeting_audit_append_only',
      'index meeting_audit_by_meeting',
    ]);
    expect(objects[0]?.sql).toMatch(/CHECK \(action IN \('approved', 'signed'\)\)/);
    expect(objects[0]?.sql).toMatch(/\) STRICT$/);
    expect(db.prepare(`PRAGMA index_info('meeting_audit_by_meeting')`).all()).toMatchObject([
      { name: 'meeting_id' },
      { name: 'seq' },
    ]);
    expect(() => db.prepare(`UPDATE meeting_audit SET author = 'X'`).run()).toThrow(/append-only/);
    // The meeting's rows still go with it.
    db.prepare(`DELETE FROM meetings WHERE id = 'm1'`).run();
    expect(db.prepare('SELECT count(*) FROM meeting_audit').pluck().get()).toBe(0);
    db.close();
  });

  it('refuses an action that is not lower case letters and underscores, changing nothing', () => {
    const db = auditedLibrary();
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();

    expect(() =>
      db.transaction(() => rebuildMeetingAudit(db, ['approved', "x') OR (1"]))(),
    ).toThrow(/not an audit action/);

    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
    db.close();
  });
});
