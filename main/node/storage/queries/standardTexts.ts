/**
 * Standard decision texts of a committee. A committee that never saved its own list gets the
 * built-in list; saving replaces the whole list in one transaction.
 */
import { defaultStandardTexts } from '../../../../common/editor/standardTexts';
import type { ReadDb } from '../db';
import { writeTransaction } from '../library';
import { stmt } from '../statements';
import { getCommittee } from './committees';

/** A committee's standard texts in their order, and whether they are the built-in list. */
export type StandardTexts = { texts: string[]; isDefault: boolean };

/** The committee's texts, or the built-in list. @throws DomainError not_found */
export function listStandardTexts(db: ReadDb, committeeId: string): StandardTexts {
  getCommittee(db, committeeId);
  const texts = stmt(
    db,
    'SELECT text FROM standard_texts WHERE committee_id = ? ORDER BY position',
    true,
  ).all(committeeId) as string[];
  return texts.length > 0
    ? { texts, isDefault: false }
    : { texts: [...defaultStandardTexts], isDefault: true };
}

/**
 * Replaces the committee's texts (trimmed, in the given order). An empty list returns the
 * committee to the built-in list. Input is validated by the contract (length, duplicates).
 * @throws DomainError not_found
 */
export function saveStandardTexts(
  db: ReadDb,
  committeeId: string,
  texts: readonly string[],
): StandardTexts {
  writeTransaction(db, (db) => {
    getCommittee(db, committeeId);
    stmt(db, 'DELETE FROM standard_texts WHERE committee_id = ?').run(committeeId);
    const insert = stmt(
      db,
      'INSERT INTO standard_texts (committee_id, position, text) VALUES (?, ?, ?)',
    );
    texts.forEach((text, position) => insert.run(committeeId, position, text.trim()));
  });
  return listStandardTexts(db, committeeId);
}
