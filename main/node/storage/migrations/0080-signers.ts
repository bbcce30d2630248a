import type { Migration } from './types';

/**
 * Who signed, and which files members may sign.
 *
 * - `signing_files`: the unsigned export a signature round starts with, as the app produced it
 *   (SHA-256 and size of the file in the file store). A signed file returned from a member's
 *   own device is accepted only when it begins with exactly such a revision or with the newest
 *   signed file of the edition, so a file from elsewhere cannot mark a meeting signed.
 * - `signature_signers`: each signature of a stored signed file matched to a participant
 *   present (by the certificate's name, or confirmed by the secretary), with the certificate,
 *   the signing time it claims and a reservation (forbehold) when the member signed with one.
 *   A participant signs a round once.
 * - `meeting_audit.action` also allows `signer_confirmed` (the secretary said who signed).
 *
 * Rows written before this version have no signers; their rounds are read by the names in the
 * signed files (see queries/signers.ts).
 */
export const migration: Migration = {
  version: 80,
  name: 'signers',
  up(db) {
    db.exec(`
      CREATE TABLE signing_files (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        edition TEXT NOT NULL CHECK (edition IN ('full', 'public')),
        round INTEGER NOT NULL CHECK (round >= 1),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size > 0),
        corrections_included INTEGER NOT NULL CHECK (corrections_included >= 0),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX signing_files_by_round ON signing_files (meeting_id, edition, round, seq);
      CREATE TRIGGER signing_files_append_only BEFORE UPDATE ON signing_files
      BEGIN SELECT RAISE(ABORT, 'signing files are append-only'); END;

      CREATE TABLE signature_signers (
        seq INTEGER PRIMARY KEY,
        signed_pdf_seq INTEGER NOT NULL REFERENCES signed_pdfs(seq) ON DELETE CASCADE,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        edition TEXT NOT NULL CHECK (edition IN ('full', 'public')),
        round INTEGER NOT NULL CHECK (round >= 1),
        field TEXT NOT NULL,
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        participant_name TEXT NOT NULL,
        certificate_subject TEXT NOT NULL,
        certificate_fingerprint TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        matched_by TEXT NOT NULL CHECK (matched_by IN ('name', 'secretary')),
        reservation TEXT NOT NULL DEFAULT '',
        UNIQUE (signed_pdf_seq, field),
        UNIQUE (meeting_id, edition, round, participant_id)
      ) STRICT;
      CREATE TRIGGER signature_signers_append_only BEFORE UPDATE ON signature_signers
      BEGIN SELECT RAISE(ABORT, 'signers are append-only'); END;

      -- SQLite cannot change a CHECK: the audit log is copied row for row into a new table.
      CREATE TABLE meeting_audit_new (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        author TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('approved', 'correction', 'signed', 'archived', 'signing_restarted', 'signer_confirmed')),
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
  },
};
