/**
 * A step shared by migrations. Its SQL never changes once a migration uses it: libraries
 * migrated earlier must end with the schema a new library gets. A migration that needs a
 * different step gets a new function here.
 */
import type Database from 'better-sqlite3';

/** An audit action as the CHECK names it: lower case and underscores (it is written into SQL). */
const actionPattern = /^[a-z_]+$/;

/**
 * Rebuilds `meeting_audit` so that its `action` CHECK allows exactly `actions` (SQLite cannot
 * change a CHECK). Every row is copied as it is (same `seq`), then the index by meeting and
 * the append-only trigger are created again. Runs inside the migration's transaction.
 * @throws Error when an action is not lower case letters and underscores
 */
export function rebuildMeetingAudit(db: Database.Database, actions: readonly string[]): void {
  const wrong = actions.find((action) => !actionPattern.test(action));
  if (wrong !== undefined) throw new Error(`not an audit action: ${JSON.stringify(wrong)}`);
  const allowed = actions.map((action) => `'${action}'`).join(', ');
  db.exec(`
      -- SQLite cannot change a CHECK: the audit log is copied row for row into a new table.
      CREATE TABLE meeting_audit_new (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN (${allowed})),
        revision_sha256 TEXT NOT NULL CHECK (length(revision_sha256) = 64),
        detail TEXT NOT NULL DEFAULT ''
      ) STRICT;
      INSERT INTO meeting_audit_new (seq, meeting_id, at, author, action, revision_sha256, detail)
        SELECT seq, meeting_id, at, author, action, revision_sha256, detail FROM meeting_audit;
      DROP TABLE meeting_audit;
      ALTER TABLE meeting_audit_new RENAME TO meeting_audit;
      CREATE INDEX meeting_audit_by_meeting ON meeting_audit (meeting_id, seq);
      CREATE TRIGGER meeting_audit_append_only BEFORE UPDATE ON meeting_audit
      BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
}
