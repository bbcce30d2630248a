import type { Migration } from './types';
import { rebuildMeetingAudit } from './steps/rebuildMeetingAudit';
import { auditActions as actionsOf80 } from './0080-signers';

/**
 * The sent agenda (Udsend dagsorden), frozen.
 *
 * - `agenda_sendings`: each sending of a meeting's agenda, numbered per meeting (version 1, 2,
 *   ...): when and by whom, the SHA-256 and size of the exported file (the full edition PDF),
 *   and a snapshot of what the agenda said (its `referat/2` agenda document as JSON: the items
 *   with only the sections the agenda shows). Later changes are read against the newest
 *   snapshot; items created after the first sending are the tillægsdagsorden. Append-only.
 * - `meeting_audit.action` also allows `agenda_sent`.
 */
export const migration: Migration = {
  version: 90,
  name: 'agenda-sendings',
  up(db) {
    db.exec(`
      CREATE TABLE agenda_sendings (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        version INTEGER NOT NULL CHECK (version >= 1),
        sent_at TEXT NOT NULL,
        author TEXT NOT NULL CHECK (author <> ''),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size > 0),
        snapshot TEXT NOT NULL CHECK (json_valid(snapshot)),
        UNIQUE (meeting_id, version)
      ) STRICT;
      CREATE TRIGGER agenda_sendings_append_only BEFORE UPDATE ON agenda_sendings
      BEGIN SELECT RAISE(ABORT, 'agenda sendings are append-only'); END;
    `);
    rebuildMeetingAudit(db, [...actionsOf80, 'agenda_sent']);
  },
};
