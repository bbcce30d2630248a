import type { Migration } from './types';

/**
 * Signed PDFs: every signature made in the app stores the whole signed file in the
 * file store (by SHA-256) and one row here. A later signer signs the newest file of the same
 * meeting and edition, so each row's file is the previous one plus one incremental update.
 * Append-only (UPDATE is refused); rows go with their meeting only when a meeting is deleted.
 */
export const migration: Migration = {
  version: 50,
  name: 'create-signed-pdfs',
  up(db) {
    db.exec(`
      CREATE TABLE signed_pdfs (
        seq INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        edition TEXT NOT NULL CHECK (edition IN ('full', 'public')),
        sha256 TEXT NOT NULL REFERENCES files(sha256),
        signer TEXT NOT NULL CHECK (length(trim(signer)) > 0),
        signed_at TEXT NOT NULL,
        signature_count INTEGER NOT NULL CHECK (signature_count >= 1)
      ) STRICT;
      CREATE INDEX signed_pdfs_by_meeting ON signed_pdfs (meeting_id, edition, seq);
      CREATE TRIGGER signed_pdfs_append_only BEFORE UPDATE ON signed_pdfs
      BEGIN SELECT RAISE(ABORT, 'signed PDFs are append-only'); END;
    `);
  },
};
