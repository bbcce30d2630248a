/**
 * Checks a closed library file for damage and for half-written changes: SQLite's own
 * `integrity_check` and `foreign_key_check`, then the rules the queries keep (dense orders,
 * every body owned by an existing record, history at least as long as the body's revision).
 * Answers a list of problems; empty means consistent.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export function findLibraryProblems(file: string): string[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
    if (integrity.length !== 1 || integrity[0] !== 'ok')
      problems.push(`integrity_check: ${integrity.slice(0, 5).join('; ')}`);
    const foreign = db.prepare('PRAGMA foreign_key_check').all() as Array<{
      table: string;
      rowid: number;
      parent: string;
    }>;
    for (const row of foreign.slice(0, 5))
      problems.push(`foreign key: ${row.table} row ${row.rowid} → missing ${row.parent}`);

    const dense = (label: string, sql: string) => {
      // Each group's positions must be exactly first..first+n-1.
      const rows = db.prepare(sql).all() as Array<{
        owner: string;
        n: number;
        lo: number;
        hi: number;
        distinct_n: number;
      }>;
      for (const row of rows) {
        const first = label.startsWith('appendix') ? 1 : 0;
        if (row.lo !== first || row.hi !== first + row.n - 1 || row.distinct_n !== row.n) {
          problems.push(
            `${label} of ${row.owner} not dense: ${row.n} rows, ${row.distinct_n} distinct, ${row.lo}..${row.hi}`,
          );
        }
      }
    };
    dense(
      'member positions',
      'SELECT committee_id AS owner, count(*) AS n, min(position) AS lo, max(position) AS hi, count(DISTINCT position) AS distinct_n FROM members GROUP BY committee_id',
    );
    dense(
      'participant positions',
      'SELECT meeting_id AS owner, count(*) AS n, min(position) AS lo, max(position) AS hi, count(DISTINCT position) AS distinct_n FROM participants GROUP BY meeting_id',
    );
    dense(
      'item positions',
      'SELECT meeting_id AS owner, count(*) AS n, min(position) AS lo, max(position) AS hi, count(DISTINCT position) AS distinct_n FROM agenda_items GROUP BY meeting_id',
    );
    dense(
      'appendix numbers',
      'SELECT meeting_id AS owner, count(*) AS n, min(number) AS lo, max(number) AS hi, count(DISTINCT number) AS distinct_n FROM appendices GROUP BY meeting_id',
    );

    const orphanBodies = db
      .prepare(
        `SELECT id FROM bodies
          WHERE (item_id IS NOT NULL AND item_id NOT IN (SELECT id FROM agenda_items))
             OR (meeting_id IS NOT NULL AND meeting_id NOT IN (SELECT id FROM meetings))`,
      )
      .pluck()
      .all();
    if (orphanBodies.length > 0)
      problems.push(`${orphanBodies.length} bodies belong to no item or meeting`);

    const shortHistory = db
      .prepare(
        `SELECT b.id, b.revision, (SELECT count(*) FROM revisions r WHERE r.body_id = b.id) AS saved,
                (SELECT max(revision) FROM revisions r WHERE r.body_id = b.id) AS newest
           FROM bodies b`,
      )
      .all() as Array<{ id: number; revision: number; saved: number; newest: number | null }>;
    for (const row of shortHistory) {
      if (row.saved < row.revision || (row.newest ?? 0) !== row.revision) {
        problems.push(
          `body ${row.id} at revision ${row.revision} has ${row.saved} saved revisions (newest ${row.newest})`,
        );
      }
    }
    const orphanRevisions = db
      .prepare('SELECT count(*) FROM revisions WHERE body_id NOT IN (SELECT id FROM bodies)')
      .pluck()
      .get() as number;
    if (orphanRevisions > 0) problems.push(`${orphanRevisions} revisions belong to no body`);

    const badJson = db
      .prepare("SELECT count(*) FROM bodies WHERE json_type(content) <> 'array'")
      .pluck()
      .get() as number;
    if (badJson > 0) problems.push(`${badJson} bodies hold JSON that is not a block list`);

    const crossMeeting = db
      .prepare(
        `SELECT count(*) FROM appendices a JOIN agenda_items i ON i.id = a.item_id WHERE i.meeting_id <> a.meeting_id`,
      )
      .pluck()
      .get() as number;
    if (crossMeeting > 0)
      problems.push(`${crossMeeting} appendices point at an item of another meeting`);
    const crossSubstitute = db
      .prepare(
        `SELECT count(*) FROM participants p JOIN participants s ON s.id = p.substitute_for_id WHERE s.meeting_id <> p.meeting_id`,
      )
      .pluck()
      .get() as number;
    if (crossSubstitute > 0)
      problems.push(`${crossSubstitute} substitutes stand in for a participant of another meeting`);
    const crossAbsence = db
      .prepare(
        `SELECT count(*) FROM participant_item_absences x
           JOIN participants p ON p.id = x.participant_id JOIN agenda_items i ON i.id = x.item_id
          WHERE p.meeting_id <> i.meeting_id`,
      )
      .pluck()
      .get() as number;
    if (crossAbsence > 0)
      problems.push(`${crossAbsence} item absences name an item of another meeting`);
    return problems;
  } finally {
    db.close();
  }
}

/** A reader of a library's whole contents, for checks that a refused request changed nothing. */
export type LibraryFingerprinter = {
  /** A hash of every row of every table and of the names and sizes of the stored files. */
  fingerprint(): string;
  close(): void;
};

/**
 * Opens `file` read-only beside the process that owns it (WAL: readers see each commit). The
 * rows are hashed again only after another connection committed (SQLite's `data_version`
 * changes exactly then), so a check after each of thousands of refused requests stays cheap;
 * the files folder is listed every time.
 */
export function openLibraryFingerprinter(file: string): LibraryFingerprinter {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  const filesDir = `${file}.files`;
  let seenVersion = -1;
  let rowsHash = '';
  const rowsFingerprint = (): string => {
    const version = Number(db.pragma('data_version', { simple: true }));
    if (version === seenVersion) return rowsHash;
    const hash = createHash('sha256');
    db.transaction(() => {
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
        )
        .pluck()
        .all() as string[];
      for (const table of tables) {
        const rows = db
          .prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`)
          .raw()
          .all()
          .map((row) =>
            JSON.stringify(row, (_key, value: unknown) =>
              value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
            ),
          )
          .sort();
        hash.update(`${table}\n${rows.join('\n')}\n`);
      }
    })();
    seenVersion = version;
    rowsHash = hash.digest('hex');
    return rowsHash;
  };
  const filesListing = (): string => {
    if (!fs.existsSync(filesDir)) return '';
    return (fs.readdirSync(filesDir, { recursive: true }) as string[])
      .sort()
      .map((name) => `${name} ${fs.statSync(path.join(filesDir, name)).size}`)
      .join('\n');
  };
  return {
    fingerprint: () =>
      createHash('sha256').update(rowsFingerprint()).update(filesListing()).digest('hex'),
    close: () => db.close(),
  };
}
