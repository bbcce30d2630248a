/**
 * Migration 90 (agenda sendings): a library at schema 80 with a meeting and its audit log keeps
 * every row; the new table is STRICT, append-only and checks its SHA-256 and snapshot; the audit
 * log accepts `agenda_sent` and still refuses unknown actions and updates.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../../common/format/referatJson';
import { importMeetingDocument } from '../../../main/node/storage/interchange';
import { approveMeeting } from '../../../main/node/storage/queries/lifecycle';
import { modelMeetingFile } from '../../helpers/modelMeeting';
import {
  applyMigration,
  consistencyProblems,
  libraryAtVersion,
  rowCounts,
} from './libraryAtVersion';

const tables = ['meetings', 'agenda_items', 'meeting_audit', 'participants', 'appendices'];

describe('migration 90 (agenda sendings)', () => {
  it('keeps the audit log and the meetings, adds the append-only sendings table and agenda_sent', () => {
    const { db } = libraryAtVersion(80);
    const { meetingId } = importMeetingDocument(
      db,
      parseReferatDocument(fs.readFileSync(modelMeetingFile, 'utf8')),
      { author: 'import' },
    );
    approveMeeting(db, { id: meetingId, author: 'Referent' });
    const before = rowCounts(db, tables);
    const audit = db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all();

    applyMigration(db, 90);

    expect(db.pragma('user_version', { simple: true })).toBe(90);
    expect(rowCounts(db, tables)).toEqual(before);
    expect(db.prepare('SELECT * FROM meeting_audit ORDER BY seq').all()).toEqual(audit);
    expect(consistencyProblems(db)).toEqual([]);

    const sql = db
      .prepare(`SELECT sql FROM sqlite_schema WHERE name = 'agenda_sendings'`)
      .pluck()
      .get() as string;
    expect(sql).toMatch(/\) STRICT$/);
    const insert = db.prepare(
      `INSERT INTO agenda_sendings (meeting_id, version, sent_at, author, sha256, size, snapshot)
       VALUES (?, ?, '2017-12-05T09:00:00.000Z', 'Referent', ?, 100, ?)`,
    );
    insert.run(meetingId, 1, 'c'.repeat(64), '{"format":"referat/2"}');
    expect(() => insert.run(meetingId, 1, 'c'.repeat(64), '{}')).toThrow(/UNIQUE/);
    expect(() => insert.run(meetingId, 2, 'C'.repeat(64), '{}')).toThrow(/CHECK/);
    expect(() => insert.run(meetingId, 2, 'c'.repeat(64), 'not json')).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE agenda_sendings SET size = 1').run()).toThrow(/append-only/);

    const audited = db.prepare(
      `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail) VALUES (?, 'x', 'R', ?, ?, '')`,
    );
    audited.run(meetingId, 'agenda_sent', 'b'.repeat(64));
    expect(() => audited.run(meetingId, 'bogus', 'b'.repeat(64))).toThrow(/CHECK/);
    expect(() => db.prepare(`UPDATE meeting_audit SET author = 'X'`).run()).toThrow(/append-only/);
    // Deleting the meeting takes its sendings with it.
    db.prepare('DELETE FROM meetings WHERE id = ?').run(meetingId);
    expect(db.prepare('SELECT count(*) FROM agenda_sendings').pluck().get()).toBe(0);
    db.close();
  });
});
