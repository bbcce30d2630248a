import type { Migration } from './types';

/**
 * Minutes profiles and the real variety of Danish minutes (referat/2).
 *
 * - `profiles`: the library's own minutes profiles and edited copies of built-in ones (the
 *   built-ins live in code, common/domain/profiles.ts); the whole profile as JSON, validated by
 *   the code that writes it. The municipality default is the setting `defaultProfileId`.
 * - `committees.profile_id`, `meetings.profile_id`: the chosen profile (a built-in id or a row of
 *   `profiles`, so no foreign key; an unknown id falls back to the next choice when resolved).
 * - `meetings.number` may be NULL: minutes without a number get none invented.
 * - `participants.attendance` also allows `absent_without_notice`; `is_called_in` (indkaldt).
 * - `participant_presence_changes`: arrivals and departures during the meeting, with a time,
 *   an item or both.
 * - `participant_item_absences.kind` and `.reason`: inhabil or "deltog ikke"; the rows written
 *   before this version were recorded without saying why, so they become `not_participating`
 *   without a reason (what referat/1 could express).
 * - `agenda_items.is_supplementary` (tillægsdagsorden) and `.group_id` (the profile's group).
 * - `appendices.number` may be NULL (known by title or file name only);
 *   `is_added_after_meeting`.
 * - `bodies.field` also allows `decisionAuthority` and `consultation`.
 *
 * Loosening a NOT NULL or CHECK constraint of a STRICT table means rebuilding it (SQLite's
 * documented procedure): this migration asks the runner to switch foreign keys off around its
 * transaction (`isRebuildingTables`), copies each table into a new one under the loosened
 * definition, drops the old, renames the new and recreates the table's indexes and triggers as
 * they were; the runner then checks every foreign key before committing.
 */
export const migration: Migration = {
  version: 70,
  name: 'minutes-profiles',
  isRebuildingTables: true,
  up(db) {
    rebuild(db, 'meetings', [
      [
        'number INTEGER NOT NULL CHECK (number >= 1)',
        'number INTEGER CHECK (number IS NULL OR number >= 1)',
      ],
    ]);
    rebuild(db, 'participants', [
      [
        "attendance TEXT NOT NULL CHECK (attendance IN ('present', 'absent_with_notice', 'absent'))",
        "attendance TEXT NOT NULL CHECK (attendance IN ('present', 'absent_with_notice', 'absent_without_notice', 'absent'))",
      ],
    ]);
    rebuild(db, 'appendices', [
      [
        'number INTEGER NOT NULL CHECK (number >= 1)',
        'number INTEGER CHECK (number IS NULL OR number >= 1)',
      ],
    ]);
    rebuild(db, 'bodies', [
      [
        `CHECK (item_id IS NULL OR field IN ('summary', 'recommendation', 'casePresentation',
          'finances', 'previousDecisions', 'decision', 'publicDecision'))`,
        `CHECK (item_id IS NULL OR field IN ('summary', 'recommendation', 'decisionAuthority',
          'casePresentation', 'consultation', 'finances', 'previousDecisions', 'decision',
          'publicDecision'))`,
      ],
    ]);
    db.exec(`
      CREATE TABLE profiles (
        id TEXT PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64 AND id NOT GLOB '*[^A-Za-z0-9_-]*'),
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        definition TEXT NOT NULL CHECK (json_valid(definition)),
        updated_at TEXT NOT NULL
      ) STRICT;

      ALTER TABLE committees ADD COLUMN profile_id TEXT;
      ALTER TABLE meetings ADD COLUMN profile_id TEXT;

      ALTER TABLE participants ADD COLUMN is_called_in INTEGER NOT NULL DEFAULT 0
        CHECK (is_called_in IN (0, 1));

      CREATE TABLE participant_presence_changes (
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        position INTEGER NOT NULL CHECK (position >= 0),
        direction TEXT NOT NULL CHECK (direction IN ('arrived', 'left')),
        time TEXT CHECK (time IS NULL OR time GLOB '[0-2][0-9]:[0-5][0-9]'),
        item_id TEXT REFERENCES agenda_items(id) ON DELETE CASCADE,
        CHECK (time IS NOT NULL OR item_id IS NOT NULL),
        PRIMARY KEY (participant_id, position)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX participant_presence_changes_by_item ON participant_presence_changes(item_id);

      ALTER TABLE participant_item_absences ADD COLUMN kind TEXT NOT NULL
        DEFAULT 'not_participating' CHECK (kind IN ('disqualified', 'not_participating'));
      ALTER TABLE participant_item_absences ADD COLUMN reason TEXT NOT NULL DEFAULT ''
        CHECK (length(reason) <= 1000);

      ALTER TABLE agenda_items ADD COLUMN is_supplementary INTEGER NOT NULL DEFAULT 0
        CHECK (is_supplementary IN (0, 1));
      ALTER TABLE agenda_items ADD COLUMN group_id TEXT;

      ALTER TABLE appendices ADD COLUMN is_added_after_meeting INTEGER NOT NULL DEFAULT 0
        CHECK (is_added_after_meeting IN (0, 1));

      -- The search index now holds the whole text of votes and dissents as the minutes word
      -- them (not only a vote's subject): every meeting is indexed again once the schema is
      -- current.
      INSERT OR IGNORE INTO search_dirty (kind, id) SELECT 'meetingAll', id FROM meetings;
    `);
  },
};

/**
 * Rebuilds `table` under its current definition with the given text replacements (each must
 * occur exactly once), keeping every row, index and trigger. Foreign keys must be off.
 */
function rebuild(
  db: Parameters<Migration['up']>[0],
  table: string,
  replacements: ReadonlyArray<readonly [string, string]>,
): void {
  const definition = db
    .prepare("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?")
    .pluck()
    .get(table) as string | undefined;
  if (definition === undefined) throw new Error(`migration 70: no table ${table}`);
  let sql = definition;
  for (const [from, to] of replacements) {
    if (sql.split(from).length !== 2)
      throw new Error(`migration 70: the definition of ${table} is not the expected one`);
    sql = sql.replace(from, to);
  }
  const head = `CREATE TABLE ${table} (`;
  if (!sql.startsWith(head)) throw new Error(`migration 70: unexpected definition of ${table}`);
  const rebuilt = `${table}_rebuilt`;
  sql = `CREATE TABLE ${rebuilt} (${sql.slice(head.length)}`;
  const dependents = db
    .prepare(
      "SELECT sql FROM sqlite_schema WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY rowid",
    )
    .pluck()
    .all(table) as string[];
  const columns = (
    db.prepare(`SELECT name FROM pragma_table_info(?) ORDER BY cid`).pluck().all(table) as string[]
  )
    .map((name) => `"${name}"`)
    .join(', ');
  db.exec(sql);
  db.exec(`INSERT INTO ${rebuilt} (${columns}) SELECT ${columns} FROM ${table}`);
  db.exec(`DROP TABLE ${table}`);
  // Other tables' foreign keys and triggers name the table; the renamed copy takes its place
  // without their text being rewritten.
  db.pragma('legacy_alter_table = ON');
  try {
    db.exec(`ALTER TABLE ${rebuilt} RENAME TO ${table}`);
  } finally {
    db.pragma('legacy_alter_table = OFF');
  }
  for (const statement of dependents) db.exec(statement);
}
