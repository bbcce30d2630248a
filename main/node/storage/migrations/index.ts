/**
 * The ordered list of schema migrations. Each file in this folder is one version; the
 * runner (library.ts) applies every migration whose version is above the library's
 * `PRAGMA user_version`, each in its own transaction, and sets `user_version` with it.
 *
 * Reserved version numbers (owned by other features, add them here in order):
 *   0020 search index, 0030 lifecycle and audit,
 *   0040 standard decision texts, 0050 signed PDFs,
 *   0060 signature rounds (signing again after a correction).
 */
import { migration as createLibrary } from './0010-create-library';
import { migration as createSearchIndex } from './0020-create-search-index';
import { migration as createLifecycle } from './0030-create-lifecycle';
import { migration as createStandardTexts } from './0040-create-standard-texts';
import { migration as createSignedPdfs } from './0050-create-signed-pdfs';
import { migration as signatureRounds } from './0060-signature-rounds';
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
];

/** The schema version this build writes: the highest migration version. */
export const latestSchemaVersion: number = migrations.reduce(
  (max, m) => Math.max(max, m.version),
  0,
);
