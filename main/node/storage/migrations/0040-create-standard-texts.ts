import type { Migration } from './types';

/**
 * Standard decision texts per committee: "Godkendt.", "Taget til efterretning." ...
 * inserted in a decision with one click or shortcut and edited in the committee's settings.
 * A committee without rows uses the built-in list (common/editor/standardTexts.ts).
 */
export const migration: Migration = {
  version: 40,
  name: 'create-standard-texts',
  up(db) {
    db.exec(`
      CREATE TABLE standard_texts (
        committee_id TEXT NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        text TEXT NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 1000),
        PRIMARY KEY (committee_id, position),
        UNIQUE (committee_id, text)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
