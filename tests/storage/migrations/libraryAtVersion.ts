/**
 * Libraries as an earlier Referat left them, for the migration tests: a file taken to schema
 * version N by the frozen migrations up to N, with data written in that version's SQL, then one
 * migration applied the way the runner applies it (one transaction, `user_version` set with it).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations, runMigration } from '../../../main/node/storage/migrations/index';
import type { Migration } from '../../../main/node/storage/migrations/types';
import type { Library } from '../../../main/node/storage/library';
import { makeTempDir, open } from '../storageHelpers';

export type OldLibrary = { file: string; db: Database.Database };

/** The migration of `version` (fails the test when there is none). */
export function migrationOf(version: number): Migration {
  const found = migrations.find((m) => m.version === version);
  if (!found) throw new Error(`no migration ${version}`);
  return found;
}

/** Applies one migration as the runner does: in one transaction with its `user_version`. */
export function applyMigration(db: Database.Database, version: number): void {
  runMigration(db, migrationOf(version));
}

/** A new library file at schema `version` (0: an empty SQLite file), still open. */
export function libraryAtVersion(version: number): OldLibrary {
  const file = path.join(makeTempDir(), `schema-${version}.sqlite`);
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  for (const migration of migrations.filter((m) => m.version <= version)) {
    applyMigration(db, migration.version);
  }
  return { file, db };
}

/** Names of the tables, views, indexes and triggers in the file. */
export function schemaObjects(db: Database.Database): string[] {
  return db
    .prepare("SELECT type || ' ' || name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'")
    .pluck()
    .all() as string[];
}

/** Row counts of the given tables, to prove a migration left the existing data as it was. */
export function rowCounts(
  db: Database.Database,
  tables: readonly string[],
): Record<string, number> {
  return Object.fromEntries(
    tables.map((table) => [
      table,
      Number(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()),
    ]),
  );
}

/** Integrity and foreign keys hold after a migration. */
export function consistencyProblems(db: Database.Database): unknown[] {
  const integrity = db.pragma('integrity_check', { simple: true });
  return [
    ...(integrity === 'ok' ? [] : [integrity]),
    ...(db.pragma('foreign_key_check') as unknown[]),
  ];
}

/**
 * A committee with two members, one approved meeting (two participants, two agenda items, a
 * meeting body and item bodies with revisions, an appendix with a file) and one draft meeting:
 * written with the SQL of schema 10, so it works on every later version too.
 */
export function seedSchema10(db: Database.Database): void {
  const at = '2017-12-01T09:00:00.000Z';
  const paragraph = (text: string) =>
    JSON.stringify([{ type: 'paragraph', children: [{ type: 'text', text }] }]);
  db.transaction(() => {
    db.prepare(
      `INSERT INTO committees (id, name, kind, organisation, template, created_at)
       VALUES ('c1', 'Opgaveudvalget om Innovation', 'paragraf17_udvalg', 'Gentofte Kommune', 'opgaveudvalg', ?)`,
    ).run(at);
    db.prepare(
      `INSERT INTO members (id, committee_id, name, role, party, is_citizen, position, is_active) VALUES
       ('mb1', 'c1', 'Anna Andersen', 'chair', 'C', 0, 0, 1),
       ('mb2', 'c1', 'Bo Borg', 'member', 'A', 0, 1, 1)`,
    ).run();
    db.prepare(
      `INSERT INTO meetings (id, committee_id, number, kind, date, start_time, end_time, location, case_id, is_closed, status, template, created_at) VALUES
       ('m1', 'c1', 1, 'ordinary', '2017-12-12', '17:00', '19:00', 'Rådhuset, mødelokale 1', '', 0, 'approved', 'opgaveudvalg', ?),
       ('m2', 'c1', 2, 'ordinary', '2018-01-16', NULL, NULL, 'Rådhuset', '', 0, 'draft', 'opgaveudvalg', ?)`,
    ).run(at, at);
    db.prepare(
      `INSERT INTO participants (id, meeting_id, member_id, name, role, party, is_citizen, attendance, position) VALUES
       ('p1', 'm1', 'mb1', 'Anna Andersen', 'chair', 'C', 0, 'present', 0),
       ('p2', 'm1', 'mb2', 'Bo Borg', 'member', 'A', 0, 'absent_with_notice', 1)`,
    ).run();
    db.prepare(
      `INSERT INTO agenda_items (id, meeting_id, number, position, title, is_closed, public_title, case_id, kind) VALUES
       ('i1', 'm1', 1, 0, 'Velkomst og præsentation', 0, '', '', 'orientation'),
       ('i2', 'm1', 2, 1, 'Personalesag', 1, 'Lukket punkt', 'EMN-2017-01234', 'decision')`,
    ).run();
    const insertBody = db.prepare(
      `INSERT INTO bodies (meeting_id, item_id, field, content, revision, updated_at, updated_by)
       VALUES (?, ?, ?, ?, 1, ?, 'Referent')`,
    );
    const insertRevision = db.prepare(
      `INSERT INTO revisions (body_id, revision, content, saved_at, author) VALUES (?, 1, ?, ?, 'Referent')`,
    );
    for (const [meetingId, itemId, field, text] of [
      ['m1', null, 'summary', 'Mødet blev holdt i mødelokale 1.'],
      [null, 'i1', 'decision', 'Udvalget tog præsentationen til efterretning.'],
      [null, 'i2', 'decision', 'Indstillingen blev godkendt.'],
    ] as const) {
      const content = paragraph(text);
      const body = insertBody.run(meetingId, itemId, field, content, at);
      insertRevision.run(body.lastInsertRowid, content, at);
    }
    db.prepare(
      `INSERT INTO files (sha256, size, media_type, created_at) VALUES (?, 4, 'application/pdf', ?)`,
    ).run('a'.repeat(64), at);
    db.prepare(
      `INSERT INTO appendices (id, meeting_id, item_id, number, title, is_closed, file_sha256, file_name, file_media_type)
       VALUES ('a1', 'm1', 'i1', 1, 'Kommissorium', 0, ?, 'kommissorium.pdf', 'application/pdf')`,
    ).run('a'.repeat(64));
  })();
}

/** The tables of schema 10 the seed fills. */
export const schema10Tables = [
  'committees',
  'members',
  'meetings',
  'participants',
  'agenda_items',
  'bodies',
  'revisions',
  'files',
  'appendices',
] as const;

/** Closes the old handle and opens the file as this build does (every later migration runs). */
export function openAsThisBuild(old: OldLibrary): Library {
  old.db.close();
  return open(old.file);
}
