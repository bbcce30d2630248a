import type { Migration } from './types';
import { rebuildMeetingAudit } from './steps/rebuildMeetingAudit';
import { auditActions as actionsOf60 } from './0060-signature-rounds';

/** The actions `meeting_audit` allows from this version on. */
export const auditActions: readonly string[] = [...actionsOf60, 'signer_confirmed'];

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
 * Rows written before this version (80) have no signers; their rounds are read by the names in the
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
    `);
    rebuildMeetingAudit(db, auditActions);
  },
};
