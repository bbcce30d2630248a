/**
 * Compile-time proof of the read/write handle brands (main/node/storage/db.ts): `npm run
 * typecheck` (tests' tsconfig includes this file) fails when a write can be compiled with the
 * read handle `openLibrary` gives out, because each `@ts-expect-error` below then has no error
 * to expect. Nothing here runs; tests/storage/dbHandles.test.ts checks the behaviour.
 */
import type { Library } from '../../main/node/storage/library';
import { writeTransaction, type ReadDb, type WriteDb } from '../../main/node/storage/library';
import { insertItem } from '../../main/node/storage/queries/items';
import { listCommittees } from '../../main/node/storage/queries/committees';
import { recordSigners } from '../../main/node/storage/queries/signers';
import { reindexMeeting, syncSearchIndex } from '../../main/node/storage/searchIndex';
import { stmt } from '../../main/node/storage/statements';

/** Writes with the read handle: each must fail to compile. */
export function writesOutsideWriteTransaction(library: Library, db: ReadDb): void {
  // @ts-expect-error a write query takes the write handle, which only writeTransaction gives
  reindexMeeting(library.db, 'm1');
  // @ts-expect-error syncing the search index writes too
  syncSearchIndex(db);
  // @ts-expect-error inserting an item (used by imports) writes
  insertItem(db, {
    id: 'i1',
    meetingId: 'm1',
    number: 1,
    position: 0,
    title: 'Godkendelse af dagsorden',
    isClosed: false,
    publicTitle: '',
    caseId: '',
    documentNumber: '',
    presenter: '',
    kind: 'decision',
  });
  // @ts-expect-error recording signers writes
  recordSigners(db, []);
  // @ts-expect-error a statement prepared through the read handle has no run()
  stmt(db, 'DELETE FROM settings WHERE key = ?').run('k');
  // @ts-expect-error a plain better-sqlite3 handle is not a write handle either
  reindexMeeting(db as import('better-sqlite3').Database, 'm1');
}

/** The same work inside writeTransaction compiles, and the write handle also reads. */
export function writesInsideWriteTransaction(library: Library): number {
  return writeTransaction(library.db, (db: WriteDb) => {
    reindexMeeting(db, 'm1');
    stmt(db, 'DELETE FROM settings WHERE key = ?').run('k');
    return listCommittees(db).length;
  });
}
