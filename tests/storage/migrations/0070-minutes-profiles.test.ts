/**
 * Migration 0070 takes a library of schema 60 with meetings, attendance (a substitute and an
 * absence from an item), items, bodies with revisions, an appendix, corrections, audit rows and
 * signed files to minutes profiles: every row stays, the absence becomes "did not take part"
 * without a reason, the loosened constraints accept what referat/2 holds (no meeting or
 * appendix number, "uden afbud", the new bodies), and the rebuilt tables keep their indexes,
 * triggers and foreign keys (a deleted draft meeting still takes its rows along).
 */
import { describe, expect, it } from 'vitest';
import { getMeetingDetail } from '../../../main/node/storage/queries/meetings';
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

describe('migration 0070 (minutes profiles)', () => {
  it('keeps every row of a schema-60 library and converts absences from items', () => {
    const old = libraryAtVersion(60);
    seedSchema10(old.db);
    const db = old.db;
    db.prepare(
      `INSERT INTO participants (id, meeting_id, member_id, name, role, party, is_citizen, attendance, substitute_for_id, partial_presence, position)
       VALUES ('p3', 'm1', NULL, 'Cecilie Clausen', 'member', 'A', 0, 'present', 'p2', 'til kl. 18.40', 2)`,
    ).run();
    db.prepare(
      "INSERT INTO participant_item_absences (participant_id, item_id) VALUES ('p1', 'i2')",
    ).run();
    db.prepare(
      `INSERT INTO meeting_corrections (id, meeting_id, position, created_at, author, reason, text)
       VALUES ('k1', 'm1', 1, '2017-12-13T12:00:00Z', 'Referent', 'Stavefejl', 'Rettet.')`,
    ).run();
    db.prepare(
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count)
       VALUES ('m1', 'full', ?, 'Anna Andersen', '2017-12-14T09:00:00Z', 1)`,
    ).run('a'.repeat(64));
    const tables = [
      ...schema10Tables,
      'participant_item_absences',
      'meeting_corrections',
      'signed_pdfs',
      'meeting_audit',
      'search_docs',
    ];
    const before = rowCounts(db, tables);
    const objectsBefore = schemaObjects(db).sort();
    const meetingsBefore = db.prepare('SELECT * FROM meetings ORDER BY id').all();

    applyMigration(db, 70);

    expect(rowCounts(db, tables)).toEqual(before);
    expect(consistencyProblems(db)).toEqual([]);
    // Every index and trigger of the rebuilt tables is back; the new objects are added.
    expect(schemaObjects(db).sort()).toEqual(
      [
        ...objectsBefore,
        'table profiles',
        'table participant_presence_changes',
        'index participant_presence_changes_by_item',
      ].sort(),
    );
    expect(
      db.prepare('SELECT * FROM meetings ORDER BY id').all() as Array<Record<string, unknown>>,
    ).toEqual(
      (meetingsBefore as Array<Record<string, unknown>>).map((row) => ({
        ...row,
        profile_id: null,
      })),
    );
    // Every meeting is to be indexed again (votes and dissents are now indexed as worded).
    expect(
      db.prepare("SELECT id FROM search_dirty WHERE kind = 'meetingAll' ORDER BY id").pluck().all(),
    ).toEqual((meetingsBefore as Array<{ id: string }>).map((row) => row.id));
    expect(db.prepare('SELECT * FROM participant_item_absences').all()).toEqual([
      { participant_id: 'p1', item_id: 'i2', kind: 'not_participating', reason: '' },
    ]);

    // What referat/2 holds now fits.
    db.prepare("UPDATE meetings SET number = NULL WHERE id = 'm2'").run();
    db.prepare(
      "UPDATE appendices SET number = NULL, is_added_after_meeting = 1 WHERE id = 'a1'",
    ).run();
    db.prepare(
      "UPDATE participants SET attendance = 'absent_without_notice' WHERE id = 'p2'",
    ).run();
    db.prepare(
      `INSERT INTO bodies (item_id, field, content, revision, updated_at, updated_by)
       VALUES ('i1', 'decisionAuthority', '[]', 1, '2017-12-01T09:00:00Z', 'Referent')`,
    ).run();
    expect(() => db.prepare("UPDATE participants SET attendance = 'asleep'").run()).toThrow(
      /CHECK/,
    );
    expect(() =>
      db
        .prepare(
          "INSERT INTO participant_presence_changes (participant_id, position, direction) VALUES ('p1', 0, 'left')",
        )
        .run(),
    ).toThrow(/CHECK/);
    // The triggers came back: revisions stay append-only, the search index hears of changes.
    expect(() => db.prepare('UPDATE revisions SET author = ?').run('x')).toThrow(/append-only/);
    // Foreign keys still cascade from the rebuilt tables.
    db.pragma('foreign_keys = ON');
    db.prepare("DELETE FROM meetings WHERE id = 'm2'").run();
    expect(consistencyProblems(db)).toEqual([]);

    const library = openAsThisBuild(old);
    const detail = getMeetingDetail(library.db, 'm1');
    expect(detail.participants.map((p) => [p.name, p.attendance, p.substituteForId])).toEqual([
      ['Anna Andersen', 'present', null],
      ['Bo Borg', 'absent_without_notice', null],
      ['Cecilie Clausen', 'present', 'p2'],
    ]);
    expect(detail.appendices[0]).toMatchObject({ number: null, isAddedAfterMeeting: true });
  });
});
