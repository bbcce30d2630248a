import type { Migration } from './types';

/**
 * Lifecycle and audit: the approval of a meeting, corrections ("Rettelser") appended
 * after approval, and the audit log of every state change and correction.
 *
 * - `meeting_corrections`: append-only additions to an approved meeting (date, author, reason,
 *   text); the approved text itself never changes.
 * - `meeting_audit`: one row per state change or correction: time, author, action and the
 *   SHA-256 of the revision it produced (for `approved`: the referat/1 document as approved).
 *
 * Both refuse UPDATE (triggers). Rows go with their meeting only when a meeting is deleted,
 * which the queries allow for drafts alone.
 */
export const migration: Migration = {
  version: 30,
  name: 'create-lifecycle',
  up(db) {
    db.exec(`
      CREATE TABLE meeting_corrections (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 1),
        created_at TEXT NOT NULL,
        author TEXT NOT NULL CHECK (length(trim(author)) > 0),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0),
        UNIQUE (meeting_id, position)
      ) STRICT;

      CREATE TABLE meeting_audit (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('approved', 'correction', 'signed', 'archived')),
        revision_sha256 TEXT NOT NULL CHECK (length(revision_sha256) = 64),
        detail TEXT NOT NULL DEFAULT ''
      ) STRICT;
      CREATE INDEX meeting_audit_by_meeting ON meeting_audit (meeting_id, seq);

      CREATE TRIGGER meeting_corrections_append_only BEFORE UPDATE ON meeting_corrections
      BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
      CREATE TRIGGER meeting_audit_append_only BEFORE UPDATE ON meeting_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
