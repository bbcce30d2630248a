/**
 * The read/write handles and the one statement cache (main/node/storage/db.ts, statements.ts).
 * The compile-time half (a write with the read handle does not compile) is
 * tests/storage/dbHandleBrands.types.ts; this file checks what runs: the cache, the write
 * handle writeTransaction hands out, and the lint rule that keeps statements in the cache.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { writeTransaction } from '../../main/node/storage/library';
import { stmt } from '../../main/node/storage/statements';
import { newLibrary } from './storageHelpers';

const root = path.resolve(import.meta.dirname, '../..');

describe('the statement cache', () => {
  it('prepares one SQL text once per connection and never across connections', () => {
    const one = newLibrary();
    const other = newLibrary();
    const sql = 'SELECT value FROM settings WHERE key = ?';
    expect(stmt(one.db, sql)).toBe(stmt(one.db, sql));
    expect(stmt(other.db, sql)).not.toBe(stmt(one.db, sql));
  });

  it('applies the pluck mode of each call, so one call site cannot leak it into another', () => {
    const library = newLibrary();
    writeTransaction(library.db, (db) =>
      stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('colour', 'blue'),
    );
    const sql = 'SELECT value FROM settings WHERE key = ?';
    expect(stmt(library.db, sql, true).get('colour')).toBe('blue');
    expect(stmt(library.db, sql).get('colour')).toEqual({ value: 'blue' });
  });
});

describe('the write handle', () => {
  it('is the library connection inside an IMMEDIATE transaction, handed out only there', () => {
    const library = newLibrary();
    expect(library.db.inTransaction).toBe(false);
    const seen = writeTransaction(library.db, (db) => ({
      isSameConnection: (db as unknown) === library.db,
      isInTransaction: db.inTransaction,
    }));
    expect(seen).toEqual({ isSameConnection: true, isInTransaction: true });
  });

  it('rolls the whole transaction back when its work throws', () => {
    const library = newLibrary();
    expect(() =>
      writeTransaction(library.db, (db) => {
        stmt(db, 'INSERT INTO settings (key, value) VALUES (?, ?)').run('half', 'written');
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(stmt(library.db, 'SELECT count(*) FROM settings WHERE key = ?', true).get('half')).toBe(
      0,
    );
  });
});

describe('the lint rule for statements', () => {
  const eslint = new ESLint({ cwd: root });
  const source =
    "import type { ReadDb } from './db';\n\nexport const count = (db: ReadDb): unknown =>\n  db.prepare('DELETE FROM settings').run();\n";

  it('refuses db.prepare outside the statement cache', async () => {
    const [result] = await eslint.lintText(source, {
      filePath: path.join(root, 'main/node/storage/queries/fixture.ts'),
    });
    const messages = (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax');
    expect(messages).toHaveLength(1);
    expect(messages[0]?.message).toContain('Prepare SQL through stmt()');
  });

  it('allows it in the statement cache itself', async () => {
    const [result] = await eslint.lintText(source, {
      filePath: path.join(root, 'main/node/storage/statements.ts'),
    });
    expect((result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-syntax')).toEqual([]);
  });
});
