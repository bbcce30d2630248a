/**
 * The ordered list of schema migrations. Each file in this folder is one version; the
 * runner (library.ts) applies every migration whose version is above the library's
 * `PRAGMA user_version`, each in its own transaction, and sets `user_version` with it.
 *
 * Reserved version numbers (owned by other features, add them here in order):
 *   0020 search index, 0030 lifecycle and audit,
 *   0040 standard decision texts, 0050 signed PDFs,
 *   0060 signature rounds (signing again after a correction),
 *   0070 minutes profiles and the real variety of minutes (referat/2),
 *   0080 signers (who signed; the files members may sign; signer_confirmed in the audit log),
 *   0090 agenda sendings (the sent agenda frozen; agenda_sent in the audit log).
 */
import { migration as createLibrary } from './0010-create-library';
import { migration as createSearchIndex } from './0020-create-search-index';
import { migration as createLifecycle } from './0030-create-lifecycle';
import { migration as createStandardTexts } from './0040-create-standard-texts';
import { migration as createSignedPdfs } from './0050-create-signed-pdfs';
import { migration as signatureRounds } from './0060-signature-rounds';
import { migration as minutesProfiles } from './0070-minutes-profiles';
import { migration as signers } from './0080-signers';
import { migration as agendaSendings } from './0090-agenda-sendings';
import type Database from 'better-sqlite3';
import type { Migration } from './types';

export type { Migration } from './types';

/** Every migration, in ascending version order. */
export const migrations: readonly Migration[] = [
  createLibrary,
  createSearchIndex,
  createLifecycle,
  createStandardTexts,
  createSignedPdfs,
  signatureRounds,
  minutesProfiles,
  signers,
  agendaSendings,
];

/**
 * Applies one migration in its own IMMEDIATE transaction with its `user_version`; skipped when
 * another process applied it meanwhile (the version is read again inside the transaction). A
 * step that rebuilds tables runs with foreign keys off and is committed only when
 * `PRAGMA foreign_key_check` finds nothing.
 */
export function runMigration(db: Database.Database, migration: Migration): void {
  const isRebuilding = migration.isRebuildingTables === true;
  // Only outside a transaction does this pragma take effect.
  if (isRebuilding) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      const current = Number(db.pragma('user_version', { simple: true }));
      if (current >= migration.version) return;
      migration.up(db);
      if (isRebuilding) {
        const broken = db.pragma('foreign_key_check') as unknown[];
        if (broken.length > 0)
          throw new Error(
            `migration ${migration.version} would leave ${broken.length} broken references`,
          );
      }
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  } finally {
    if (isRebuilding) db.pragma('foreign_keys = ON');
  }
}

/** The schema version this build writes: the highest migration version. */
export const latestSchemaVersion: number = migrations.reduce(
  (max, m) => Math.max(max, m.version),
  0,
);
