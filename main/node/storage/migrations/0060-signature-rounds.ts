import type { Migration } from './types';
import { rebuildMeetingAudit } from './steps/rebuildMeetingAudit';

/** The actions `meeting_audit` allows from this version on. */
export const auditActions: readonly string[] = [
  'approved',
  'correction',
  'signed',
  'archived',
  'signing_restarted',
];

/**
 * Signature rounds (signing again after a correction). A correction added after an
 * edition was signed is not in the signed file; the next signature of that edition signs a
 * fresh export and starts a new round, the earlier files stay stored.
 *
 * - `signed_pdfs.round`: 1, 2, ... per meeting and edition; a new round starts with a fresh export.
 * - `signed_pdfs.corrections_included`: how many corrections the file prints (corrections are
 *   numbered 1, 2, ... without gaps and never removed, so a count names them exactly; read in
 *   the same call that hands them to the export, so a correction added during the export is
 *   not counted). Always 0 for the public edition, which prints no corrections.
 * - `signed_pdfs.signer_count`: distinct signers in the file (a member signing twice counts once).
 * - `meeting_audit.action` also allows `signing_restarted` (a new round began).
 *
 * Rows written before this version were all round 1 (every later signature was an update of the
 * first export). Their corrections count is derived from time: the corrections created before
 * the edition's first signature (the export happened just before it); their signer count from
 * the distinct signer names up to the row.
 */
export const migration: Migration = {
  version: 60,
  name: 'signature-rounds',
  up(db) {
    db.exec(`
      ALTER TABLE signed_pdfs ADD COLUMN round INTEGER NOT NULL DEFAULT 1 CHECK (round >= 1);
      ALTER TABLE signed_pdfs ADD COLUMN corrections_included INTEGER NOT NULL DEFAULT 0
        CHECK (corrections_included >= 0);
      ALTER TABLE signed_pdfs ADD COLUMN signer_count INTEGER NOT NULL DEFAULT 1
        CHECK (signer_count >= 1);

      -- The backfill is the one change ever made to existing rows: lift the guard for it only.
      DROP TRIGGER signed_pdfs_append_only;
      UPDATE signed_pdfs AS s SET
        corrections_included = CASE WHEN s.edition = 'full' THEN (
          SELECT count(*) FROM meeting_corrections c
          WHERE c.meeting_id = s.meeting_id AND c.created_at <= (
            SELECT min(f.signed_at) FROM signed_pdfs f
            WHERE f.meeting_id = s.meeting_id AND f.edition = s.edition)
        ) ELSE 0 END,
        signer_count = max(1, (
          SELECT count(DISTINCT p.signer) FROM signed_pdfs p
          WHERE p.meeting_id = s.meeting_id AND p.edition = s.edition AND p.seq <= s.seq));
      CREATE TRIGGER signed_pdfs_append_only BEFORE UPDATE ON signed_pdfs
      BEGIN SELECT RAISE(ABORT, 'signed PDFs are append-only'); END;
      CREATE INDEX signed_pdfs_by_round ON signed_pdfs (meeting_id, edition, round, seq);
    `);
    rebuildMeetingAudit(db, auditActions);
  },
};
