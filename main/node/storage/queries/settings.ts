/** Library-wide settings as key/value text (preferences that travel with the library). */
import type { ReadDb } from '../db';
import { writeTransaction } from '../library';
import { stmt } from '../statements';

/** The value of a setting, or undefined. */
export function getSetting(db: ReadDb, key: string): string | undefined {
  return stmt(db, 'SELECT value FROM settings WHERE key = ?', true).get(key) as string | undefined;
}

/** Sets (or replaces) a setting. */
export function setSetting(db: ReadDb, key: string, value: string): void {
  writeTransaction(db, (db) => {
    stmt(
      db,
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    ).run(key, value);
  });
}

/** Removes a setting (nothing happens when it is not set). */
export function deleteSetting(db: ReadDb, key: string): void {
  writeTransaction(db, (db) => {
    stmt(db, 'DELETE FROM settings WHERE key = ?').run(key);
  });
}
