/**
 * The dense order of members, participants and agenda items (queries/orderedRows.ts): a row
 * added at the end gets the list's length, a move shifts the rows in between, a deleted row's
 * gap closes, and only rows whose position changes are written.
 */
import { describe, expect, it } from 'vitest';
import type { Library } from '../../main/node/storage/library';
import { writeTransaction } from '../../main/node/storage/library';
import {
  closeGap,
  endPosition,
  moveToPosition,
  reorder,
} from '../../main/node/storage/queries/orderedRows';
import { newLibrary, seedCommittee } from './storageHelpers';

/** The committee's member names in position order, with their positions. */
function order(library: Library, committeeId: string): string[] {
  return library.db
    .prepare(
      "SELECT position || ' ' || name FROM members WHERE committee_id = ? ORDER BY position, id",
    )
    .pluck()
    .all(committeeId) as string[];
}

/** Counts the position writes on members from here on (a temporary trigger of this connection). */
function countPositionWrites(library: Library): () => number {
  library.db.exec(`
    CREATE TEMP TABLE position_writes (id TEXT);
    CREATE TEMP TRIGGER count_position_writes AFTER UPDATE OF position ON members
    BEGIN INSERT INTO position_writes VALUES (NEW.id); END;
  `);
  return () => Number(library.db.prepare('SELECT count(*) FROM position_writes').pluck().get());
}

describe('ordered rows', () => {
  it('reorders a list of ids, a position past the end meaning the end', () => {
    expect(reorder(['a', 'b', 'c', 'd'], 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(reorder(['a', 'b', 'c', 'd'], 'c', 0)).toEqual(['c', 'a', 'b', 'd']);
    expect(reorder(['a', 'b', 'c', 'd'], 'b', 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(reorder(['a', 'b', 'c', 'd'], 'b', -3)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('adds at the end, moves within the parent only, and writes only rows that moved', () => {
    const library = newLibrary();
    const { committee, members } = seedCommittee(library);
    const other = seedCommittee(library).committee.id;
    expect(endPosition(library.db, 'members', committee.id)).toBe(4);
    const writes = countPositionWrites(library);

    writeTransaction(library.db, (db) =>
      moveToPosition(db, 'members', committee.id, { id: members[3]!.id, position: 1 }),
    );

    expect(order(library, committee.id)).toEqual([
      '0 Marie-Louise Andreassen',
      '1 Tidligere Medlem',
      '2 Bo Sund',
      '3 Anna Borger',
    ]);
    // Positions 1..3 changed; the first member and the other committee were not written.
    expect(writes()).toBe(3);
    expect(order(library, other)).toHaveLength(4);

    writeTransaction(library.db, (db) =>
      moveToPosition(db, 'members', committee.id, { id: members[0]!.id, position: 10 }),
    );
    expect(order(library, committee.id).at(-1)).toBe('3 Marie-Louise Andreassen');
  });

  it('closes the gap a deleted row leaves, keeping the order of the rest', () => {
    const library = newLibrary();
    const { committee, members } = seedCommittee(library);
    const writes = countPositionWrites(library);

    writeTransaction(library.db, (db) => {
      db.prepare('DELETE FROM members WHERE id = ?').run(members[1]!.id);
      closeGap(db, 'members', committee.id);
    });

    expect(order(library, committee.id)).toEqual([
      '0 Marie-Louise Andreassen',
      '1 Anna Borger',
      '2 Tidligere Medlem',
    ]);
    expect(writes()).toBe(2);
    expect(endPosition(library.db, 'members', committee.id)).toBe(3);
  });
});
