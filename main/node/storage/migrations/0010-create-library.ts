import { libraryApplicationId, libraryFormatMarker, type Migration } from './types';

/**
 * The first schema: committees, members, meetings, attendance, agenda items, text bodies with
 * their append-only revisions, appendices and the file index.
 *
 * Conventions: ids are TEXT (UUIDs or ids kept from imported files); booleans are INTEGER 0/1
 * with a CHECK; enums are TEXT with a CHECK listing the values of `common/domain/model.ts`;
 * rich text is the `referat/1` block structure stored as JSON text.
 */
export const migration: Migration = {
  version: 10,
  name: 'create-library',
  up(db) {
    db.exec(`
      CREATE TABLE library_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE committees (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind TEXT NOT NULL CHECK (kind IN ('kommunalbestyrelse', 'staaende_udvalg', 'paragraf17_udvalg')),
        organisation TEXT NOT NULL DEFAULT '',
        template TEXT NOT NULL CHECK (template IN ('opgaveudvalg', 'fagudvalg')),
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE members (
        id TEXT PRIMARY KEY,
        committee_id TEXT NOT NULL REFERENCES committees(id) ON DELETE CASCADE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
        party TEXT,
        is_citizen INTEGER NOT NULL CHECK (is_citizen IN (0, 1)),
        position INTEGER NOT NULL CHECK (position >= 0),
        is_active INTEGER NOT NULL CHECK (is_active IN (0, 1))
      ) STRICT;
      CREATE INDEX members_by_committee ON members(committee_id, position);

      CREATE TABLE meetings (
        id TEXT PRIMARY KEY,
        committee_id TEXT NOT NULL REFERENCES committees(id) ON DELETE RESTRICT,
        number INTEGER NOT NULL CHECK (number >= 1),
        kind TEXT NOT NULL CHECK (kind IN ('ordinary', 'extraordinary')),
        date TEXT NOT NULL CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        start_time TEXT CHECK (start_time IS NULL OR start_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        end_time TEXT CHECK (end_time IS NULL OR end_time GLOB '[0-2][0-9]:[0-5][0-9]'),
        location TEXT NOT NULL DEFAULT '',
        case_id TEXT NOT NULL DEFAULT '',
        is_closed INTEGER NOT NULL CHECK (is_closed IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('draft', 'approved', 'signed', 'archived')),
        template TEXT NOT NULL CHECK (template IN ('opgaveudvalg', 'fagudvalg')),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX meetings_by_committee ON meetings(committee_id, date DESC, number DESC);
      CREATE INDEX meetings_by_date ON meetings(date DESC, number DESC);

      CREATE TABLE agenda_items (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number >= 0),
        position INTEGER NOT NULL CHECK (position >= 0),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        is_closed INTEGER NOT NULL CHECK (is_closed IN (0, 1)),
        public_title TEXT NOT NULL DEFAULT '',
        case_id TEXT NOT NULL DEFAULT '',
        document_number TEXT NOT NULL DEFAULT '',
        presenter TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'orientation', 'discussion'))
      ) STRICT;
      CREATE INDEX agenda_items_by_meeting ON agenda_items(meeting_id, position);

      CREATE TABLE participants (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        member_id TEXT REFERENCES members(id) ON DELETE SET NULL,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
        party TEXT,
        is_citizen INTEGER NOT NULL CHECK (is_citizen IN (0, 1)),
        attendance TEXT NOT NULL CHECK (attendance IN ('present', 'absent_with_notice', 'absent')),
        substitute_for_id TEXT REFERENCES participants(id) ON DELETE SET NULL,
        partial_presence TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL CHECK (position >= 0),
        CHECK (substitute_for_id IS NULL OR substitute_for_id <> id)
      ) STRICT;
      CREATE INDEX participants_by_meeting ON participants(meeting_id, position);
      CREATE INDEX participants_by_member ON participants(member_id);
      CREATE INDEX participants_by_substitute ON participants(substitute_for_id);

      -- Items a participant did not take part in (inhabilitet, left early).
      CREATE TABLE participant_item_absences (
        participant_id TEXT NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        PRIMARY KEY (participant_id, item_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX participant_item_absences_by_item ON participant_item_absences(item_id);

      -- The current text of each body. A body row exists from its first save; before that
      -- the body is empty at revision 0. Exactly one owner: the meeting or one agenda item.
      CREATE TABLE bodies (
        id INTEGER PRIMARY KEY,
        meeting_id TEXT REFERENCES meetings(id) ON DELETE CASCADE,
        item_id TEXT REFERENCES agenda_items(id) ON DELETE CASCADE,
        field TEXT NOT NULL,
        content TEXT NOT NULL CHECK (json_valid(content)),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        CHECK ((meeting_id IS NULL) <> (item_id IS NULL)),
        CHECK (meeting_id IS NULL OR field IN ('summary', 'previousDecisions')),
        CHECK (item_id IS NULL OR field IN ('summary', 'recommendation', 'casePresentation',
          'finances', 'previousDecisions', 'decision', 'publicDecision'))
      ) STRICT;
      CREATE UNIQUE INDEX bodies_by_meeting ON bodies(meeting_id, field) WHERE meeting_id IS NOT NULL;
      CREATE UNIQUE INDEX bodies_by_item ON bodies(item_id, field) WHERE item_id IS NOT NULL;

      -- Every save of a body, append-only. Rows go away only together with their body
      -- (deleting a draft item or draft meeting); see the triggers below.
      CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        body_id INTEGER NOT NULL REFERENCES bodies(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        content TEXT NOT NULL CHECK (json_valid(content)),
        saved_at TEXT NOT NULL,
        author TEXT NOT NULL,
        UNIQUE (body_id, revision)
      ) STRICT;

      CREATE TRIGGER revisions_are_append_only_update
      BEFORE UPDATE ON revisions
      BEGIN
        SELECT RAISE(ABORT, 'revisions are append-only: a saved revision cannot be changed');
      END;

      CREATE TRIGGER revisions_are_append_only_delete
      BEFORE DELETE ON revisions
      WHEN EXISTS (SELECT 1 FROM bodies WHERE bodies.id = OLD.body_id)
      BEGIN
        SELECT RAISE(ABORT, 'revisions are append-only: a saved revision cannot be deleted');
      END;

      -- Files kept by content; the bytes live in "<library>.files/ab/abcdef..." (fileStore.ts).
      CREATE TABLE files (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
        size INTEGER NOT NULL CHECK (size >= 0),
        media_type TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE appendices (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        item_id TEXT REFERENCES agenda_items(id) ON DELETE SET NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        title TEXT NOT NULL CHECK (length(trim(title)) > 0),
        document_number TEXT NOT NULL DEFAULT '',
        case_id TEXT NOT NULL DEFAULT '',
        is_closed INTEGER NOT NULL CHECK (is_closed IN (0, 1)),
        file_sha256 TEXT REFERENCES files(sha256) ON DELETE RESTRICT,
        file_name TEXT,
        file_media_type TEXT,
        CHECK ((file_sha256 IS NULL) = (file_name IS NULL)),
        CHECK ((file_sha256 IS NULL) = (file_media_type IS NULL))
      ) STRICT;
      CREATE INDEX appendices_by_meeting ON appendices(meeting_id, number);
      CREATE INDEX appendices_by_item ON appendices(item_id);
      CREATE INDEX appendices_by_file ON appendices(file_sha256);
    `);
    db.prepare('INSERT INTO library_meta (key, value) VALUES (?, ?), (?, ?)').run(
      'format',
      libraryFormatMarker,
      'created_at',
      new Date().toISOString(),
    );
    // The application id is part of the database header and commits with this transaction.
    db.pragma(`application_id = ${libraryApplicationId}`);
  },
};
