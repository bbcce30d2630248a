/**
 * Opening libraries: creation, migrations and user_version, refusal of foreign, newer, damaged
 * and truncated files (left byte-identical), busy handling across handles and processes, and
 * the append-only revisions table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDomainError, type DomainError } from '../../common/contract/result';
import { migrate, openLibrary, writeTransaction } from '../../main/node/storage/library';
import { latestSchemaVersion, migrations } from '../../main/node/storage/migrations/index';
import { libraryApplicationId } from '../../main/node/storage/migrations/types';
import { saveBody } from '../../main/node/storage/queries/bodies';
import { createItem } from '../../main/node/storage/queries/items';
import { createMeeting } from '../../main/node/storage/queries/meetings';
import { fileHash, makeTempDir, newLibrary, open, seedCommittee, text } from './storageHelpers';

function openError(file: string, options: Parameters<typeof openLibrary>[1] = {}): DomainError {
  try {
    openLibrary(file, options).close();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error(`opening ${file} did not fail`);
}

/** Makes a library file and closes it (so no WAL is left beside it). */
function makeLibraryFile(): string {
  const file = path.join(makeTempDir(), 'lib.sqlite');
  const library = openLibrary(file);
  const { committee } = seedCommittee(library);
  createMeeting(library.db, {
    committeeId: committee.id,
    number: 1,
    date: '2017-12-12',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  library.close();
  return file;
}

describe('openLibrary', () => {
  it('creates a new library with its parent folders, at the latest schema, in WAL mode with foreign keys', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'a', 'b', 'library.sqlite');
    const library = open(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(library.schemaVersion).toBe(latestSchemaVersion);
    expect(library.db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion);
    expect(library.db.pragma('application_id', { simple: true })).toBe(libraryApplicationId);
    expect(library.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(library.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(library.db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(library.db.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(library.name).toBe('library');
    expect(library.filesDir).toBe(`${file}.files`);
    // No temporary creation file is left behind.
    expect(
      fs.readdirSync(path.dirname(file)).filter((name) => name.includes('.creating-')),
    ).toEqual([]);
  });

  it('makes every table of the first migration STRICT', () => {
    const library = newLibrary();
    const tables = library.db
      .prepare(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name IN ('committees','members','meetings','participants','participant_item_absences','agenda_items','bodies','revisions','files','appendices','settings','library_meta')",
      )
      .all() as { name: string; sql: string }[];
    expect(tables).toHaveLength(12);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT/);
  });

  it('reopens an existing library and keeps its data', () => {
    const file = makeLibraryFile();
    const library = open(file);
    expect(library.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(1);
  });

  it('lists the migrations in ascending order with unique versions, 0010 first', () => {
    const versions = migrations.map((m) => m.version);
    expect(versions[0]).toBe(10);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(latestSchemaVersion).toBe(versions[versions.length - 1]);
  });

  it('migrates an older library step by step and keeps a copy of it first', () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'old.sqlite');
    const db = new Database(file);
    const first = migrations[0];
    if (!first) throw new Error('no migrations');
    db.transaction(() => {
      first.up(db);
      db.pragma(`user_version = ${first.version}`);
    })();
    db.close();
    const library = open(file);
    expect(library.schemaVersion).toBe(latestSchemaVersion);
    if (latestSchemaVersion > first.version) {
      const copies = fs.readdirSync(path.join(dir, 'backups'));
      expect(
        copies.some((name) => name.startsWith(`old-before-schema-${first.version + 1}-`)),
      ).toBe(true);
    }
    // Running the migrations again changes nothing.
    expect(migrate(library.db, file)).toBe(latestSchemaVersion);
  });

  it('refuses a library written by a newer Referat and leaves the file byte-identical', () => {
    const file = makeLibraryFile();
    const db = new Database(file);
    db.pragma(`user_version = ${latestSchemaVersion + 5}`);
    db.close();
    const before = fileHash(file);
    const error = openError(file);
    expect(error.code).toBe('library_newer');
    expect(error.message).toContain(`schema ${latestSchemaVersion + 5}`);
    expect(error.message).toContain(`this version knows ${latestSchemaVersion}`);
    expect(error.message).toContain('left untouched');
    expect(fileHash(file)).toBe(before);
  });

  it('refuses an SQLite database that is not a Referat library and leaves it untouched', () => {
    const file = path.join(makeTempDir(), 'other.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
    db.close();
    const before = fileHash(file);
    const error = openError(file);
    expect(error.code).toBe('library_corrupt');
    expect(error.message).toContain('not a Referat library');
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a database with our application id but no format marker', () => {
    const file = path.join(makeTempDir(), 'fake.sqlite');
    const db = new Database(file);
    db.pragma(`application_id = ${libraryApplicationId}`);
    db.exec('CREATE TABLE x (a)');
    db.close();
    const before = fileHash(file);
    expect(openError(file).code).toBe('library_corrupt');
    expect(fileHash(file)).toBe(before);
  });

  it('refuses a text file, an empty file and a folder, untouched', () => {
    const dir = makeTempDir();
    const textFile = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(textFile, 'This is not a database.\n'.repeat(500));
    const empty = path.join(dir, 'empty.sqlite');
    fs.writeFileSync(empty, '');
    const folder = path.join(dir, 'folder.sqlite');
    fs.mkdirSync(folder);
    for (const file of [textFile, empty]) {
      const before = fileHash(file);
      const error = openError(file);
      expect(error.code).toBe('library_corrupt');
      expect(fileHash(file)).toBe(before);
    }
    expect(fs.statSync(empty).size).toBe(0);
    expect(openError(folder).code).toBe('library_corrupt');
  });

  it('refuses a truncated library and a library with damaged pages, untouched', () => {
    const file = makeLibraryFile();
    const bytes = fs.readFileSync(file);
    const dir = path.dirname(file);

    const truncated = path.join(dir, 'truncated.sqlite');
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const truncatedBefore = fileHash(truncated);
    expect(openError(truncated).code).toBe('library_corrupt');
    expect(fileHash(truncated)).toBe(truncatedBefore);

    const damaged = path.join(dir, 'damaged.sqlite');
    const copy = Buffer.from(bytes);
    // Overwrite everything after the first page (the header stays valid).
    for (let i = 4096; i < copy.length; i++) copy[i] = (i * 7) % 251;
    fs.writeFileSync(damaged, copy);
    const damagedBefore = fileHash(damaged);
    expect(openError(damaged).code).toBe('library_corrupt');
    expect(fileHash(damaged)).toBe(damagedBefore);
  });

  it('finds damage inside a table with quick_check (on request, and after an unclean shutdown)', () => {
    const file = path.join(makeTempDir(), 'lib.sqlite');
    const library = openLibrary(file);
    const { committee } = seedCommittee(library);
    const meeting = createMeeting(library.db, {
      committeeId: committee.id,
      number: 1,
      date: '2017-12-12',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const item = createItem(library.db, {
      meetingId: meeting.meeting.id,
      item: {
        title: 'Punkt',
        isClosed: false,
        publicTitle: '',
        caseId: '',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    for (let n = 0; n < 60; n++) {
      saveBody(library.db, {
        owner: { kind: 'item', itemId: item.id, field: 'decision' },
        content: text(`${n} ${'tekst '.repeat(300)}`),
        baseRevision: n,
        author: 'a',
      });
    }
    const pageSize = Number(library.db.pragma('page_size', { simple: true }));
    const leaf = library.db
      .prepare(
        "SELECT pageno FROM dbstat WHERE name = 'revisions' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 3",
      )
      .pluck()
      .get() as number;
    library.close();
    const bytes = fs.readFileSync(file);
    for (let i = (leaf - 1) * pageSize + 8; i < leaf * pageSize; i++) bytes[i] = (i * 13) % 256;
    fs.writeFileSync(file, bytes);
    const before = fileHash(file);

    const error = openError(file, { isCheckingIntegrity: true });
    expect(error.code).toBe('library_corrupt');
    expect(error.message).toContain('damaged');
    expect(fileHash(file)).toBe(before);

    // A WAL left beside the file (the last session did not close) turns the check on by itself.
    fs.writeFileSync(`${file}-wal`, '');
    expect(openError(file).code).toBe('library_corrupt');
    expect(fileHash(file)).toBe(before);
  });

  it('opens read-only without changing the file, and refuses writes there', () => {
    const file = makeLibraryFile();
    const before = fileHash(file);
    const library = open(file, { readonly: true });
    expect(library.isReadonly).toBe(true);
    expect(library.db.prepare('SELECT count(*) FROM committees').pluck().get()).toBe(1);
    expect(() => library.db.prepare("INSERT INTO settings VALUES ('a', 'b')").run()).toThrow();
    library.close();
    expect(fileHash(file)).toBe(before);
    expect(
      openError(path.join(path.dirname(file), 'missing.sqlite'), { readonly: true }).code,
    ).toBe('not_found');
  });
});

describe('a second handle or process on the same library', () => {
  it('waits for a competing writer within the busy timeout, then answers busy', () => {
    const file = makeLibraryFile();
    const holder = open(file);
    const waiter = open(file, { busyTimeoutMs: 150 });
    holder.db.exec('BEGIN IMMEDIATE');
    try {
      const started = Date.now();
      let caught: unknown;
      try {
        writeTransaction(waiter.db, () =>
          waiter.db.prepare("INSERT INTO settings VALUES ('k', 'v')").run(),
        );
      } catch (error) {
        caught = error;
      }
      expect(Date.now() - started).toBeGreaterThanOrEqual(100);
      const mapped = isDomainError(caught) ? caught : undefined;
      expect((caught as { code?: string }).code).toMatch(/^SQLITE_BUSY/);
      expect(mapped).toBeUndefined();
      // Reading still works in WAL mode while the other handle writes.
      expect(waiter.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(1);
    } finally {
      holder.db.exec('COMMIT');
    }
    writeTransaction(waiter.db, () =>
      waiter.db.prepare("INSERT INTO settings VALUES ('k', 'v')").run(),
    );
    expect(holder.db.prepare("SELECT value FROM settings WHERE key = 'k'").pluck().get()).toBe('v');
  });

  it('answers busy (typed) when another process holds the write lock past the timeout, and succeeds once it lets go', async () => {
    const file = makeLibraryFile();
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(process.argv[1]);
      db.exec('BEGIN IMMEDIATE');
      db.prepare("INSERT INTO settings VALUES ('other', 'process')").run();
      process.stdout.write('locked\\n');
      setTimeout(() => { db.exec('COMMIT'); db.close(); process.exit(0); }, 1200);
    `;
    const child = spawn(process.execPath, ['-e', script, file], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('locked')) resolve();
      });
      child.on('exit', (code) => reject(new Error(`holder exited early (${code})`)));
    });
    const library = open(file, { busyTimeoutMs: 200 });
    const { saveSetting } = await import('./storageSettings');
    let caught: unknown;
    try {
      saveSetting(library, 'mine', '1');
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught)).toBe(true);
    expect((caught as DomainError).code).toBe('busy');
    expect((caught as DomainError).message).toContain('in use by another program');

    // A patient writer (the default 5 s) gets through once the other process commits.
    const patient = open(file);
    saveSetting(patient, 'mine', '2');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(patient.db.prepare("SELECT value FROM settings WHERE key = 'other'").pluck().get()).toBe(
      'process',
    );
    expect(patient.db.prepare("SELECT value FROM settings WHERE key = 'mine'").pluck().get()).toBe(
      '2',
    );
  });
});

describe('schema rules', () => {
  it('keeps revisions append-only: UPDATE and DELETE are refused by triggers', () => {
    const library = newLibrary();
    const { committee } = seedCommittee(library);
    const meeting = createMeeting(library.db, {
      committeeId: committee.id,
      number: 1,
      date: '2017-12-12',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const item = createItem(library.db, {
      meetingId: meeting.meeting.id,
      item: {
        title: 'Punkt',
        isClosed: false,
        publicTitle: '',
        caseId: '',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    saveBody(library.db, {
      owner: { kind: 'item', itemId: item.id, field: 'decision' },
      content: text('Godkendt.'),
      baseRevision: 0,
      author: 'a',
    });
    expect(() => library.db.prepare("UPDATE revisions SET author = 'someone else'").run()).toThrow(
      /append-only/,
    );
    expect(() => library.db.prepare('UPDATE revisions SET content = ?').run('[]')).toThrow(
      /append-only/,
    );
    expect(() => library.db.prepare('DELETE FROM revisions').run()).toThrow(/append-only/);
    expect(library.db.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(1);
  });

  it('rejects values outside the enums and non-JSON bodies with CHECK constraints', () => {
    const library = newLibrary();
    const insert = (kind: string) =>
      library.db
        .prepare(
          "INSERT INTO committees (id, name, kind, organisation, template, created_at) VALUES ('c', 'C', ?, '', 'fagudvalg', 't')",
        )
        .run(kind);
    expect(() => insert('komite')).toThrow(/CHECK/);
    expect(() =>
      library.db
        .prepare(
          "INSERT INTO bodies (meeting_id, field, content, revision, updated_at, updated_by) VALUES ('x', 'decision', 'not json', 1, 't', 'a')",
        )
        .run(),
    ).toThrow();
    // STRICT: text in an INTEGER column is refused, not stored as text.
    expect(() =>
      library.db
        .prepare('INSERT INTO files VALUES (?, ?, ?, ?)')
        .run('a'.repeat(64), 'big', '', 't'),
    ).toThrow(/cannot store/i);
  });
});

describe('settings', () => {
  it('stores, replaces and removes library settings', async () => {
    const { getSetting, setSetting, deleteSetting } =
      await import('../../main/node/storage/queries/settings');
    const library = newLibrary();
    expect(getSetting(library.db, 'language')).toBeUndefined();
    setSetting(library.db, 'language', 'da');
    setSetting(library.db, 'language', 'en');
    expect(getSetting(library.db, 'language')).toBe('en');
    deleteSetting(library.db, 'language');
    expect(getSetting(library.db, 'language')).toBeUndefined();
  });
});
