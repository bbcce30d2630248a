/**
 * Migration 80 (signers): a library at schema 70 keeps its audit log and signed files; the
 * new tables exist (append-only), the audit log accepts `signer_confirmed`, and a round signed
 * before it is read by the signer names in its files (signatures:status).
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../../common/format/referatJson';
import { signingStatus } from '../../../main/node/signing/recordSignatures';
import { importMeetingDocument } from '../../../main/node/storage/interchange';
import { approveMeeting, listAudit } from '../../../main/node/storage/queries/lifecycle';
import { modelMeetingFile, presentAtModelMeeting } from '../../helpers/modelMeeting';
import { libraryAtVersion } from './libraryAtVersion';
import { open } from '../storageHelpers';

describe('migration 80 (signers)', () => {
  it('keeps the audit log, adds append-only signer tables and reads older rounds by name', () => {
    // Schema 70: the version before signers (the meeting is imported with the current queries,
    // which need no more than 70).
    const { file, db } = libraryAtVersion(70);
    const { meetingId } = importMeetingDocument(
      db,
      parseReferatDocument(fs.readFileSync(modelMeetingFile, 'utf8')),
      { author: 'import' },
    );
    approveMeeting(db, { id: meetingId, author: 'Referent' });
    const sha = 'a'.repeat(64);
    db.prepare(
      `INSERT INTO files (sha256, size, media_type, created_at) VALUES (?, 10, 'application/pdf', '2017-12-13T09:00:00.000Z')`,
    ).run(sha);
    db.prepare(
      `INSERT INTO signed_pdfs (meeting_id, edition, sha256, signer, signed_at, signature_count, round, corrections_included, signer_count)
       VALUES (?, 'full', ?, ?, '2017-12-13T09:00:00.000Z', 1, 1, 0, 1)`,
    ).run(meetingId, sha, presentAtModelMeeting[0]);
    db.close();

    const library = open(file);
    expect(library.schemaVersion).toBeGreaterThanOrEqual(80);
    expect(listAudit(library.db, { meetingId }).map((a) => a.action)).toEqual(['approved']);
    const tables = library.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual(expect.arrayContaining(['signing_files', 'signature_signers']));
    library.db
      .prepare(
        `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail) VALUES (?, 'x', 'R', 'signer_confirmed', ?, '')`,
      )
      .run(meetingId, 'b'.repeat(64));
    expect(() =>
      library.db
        .prepare(
          `INSERT INTO meeting_audit (meeting_id, at, author, action, revision_sha256, detail) VALUES (?, 'x', 'R', 'bogus', ?, '')`,
        )
        .run(meetingId, 'b'.repeat(64)),
    ).toThrow(/CHECK/);
    library.db
      .prepare(
        `INSERT INTO signing_files (meeting_id, edition, round, sha256, size, corrections_included, created_at) VALUES (?, 'full', 1, ?, 10, 0, 'x')`,
      )
      .run(meetingId, sha);
    expect(() => library.db.prepare(`UPDATE signing_files SET size = 11`).run()).toThrow(
      /append-only/,
    );
    // The round signed before migration 80: its signer is read from the file's row.
    const [full] = signingStatus(library, meetingId);
    expect(full?.signers.map((s) => s.state)).toEqual([
      'signed',
      ...presentAtModelMeeting.slice(1).map(() => 'waiting'),
    ]);
  });
});
