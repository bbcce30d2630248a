import type { Migration } from './types';

/**
 * The full-text search index; see searchIndex.ts for the layout and the rowid scheme.
 *
 * - `search_fts`: FTS5 over `text` (what users search) and `tags` (filter tokens: committee,
 *   case id, field, "closed"). Tokenizer `unicode61 remove_diacritics 0`: keeps "å" distinct
 *   from "a" as "æ" and "ø" already are, while still folding case (ÆØÅ = æøå). Prefix
 *   indexes for 2 and 3 characters: search-as-you-type asks for "fo"*, "for"* at every
 *   keystroke, and without them FTS5 merges the doclists of every word starting so.
 * - `search_docs`: where each document belongs (meeting, item, key). No foreign keys on
 *   purpose: documents of a deleted meeting must stay findable until they are removed in the
 *   same transaction.
 * - `search_meetings`: the rowid block of each meeting (date-ordered rowids).
 * - `search_dirty` and the triggers: every change to meetings, items, bodies, appendices and
 *   participants (cascading deletes included) is noted, and `syncSearchIndex` (called by
 *   `writeTransaction` before commit) re-derives the affected documents.
 * - `agenda_items_by_case`: case-id lookups for "Tidligere beslutninger" and the register.
 *
 * Frozen like every migration: it creates the tables and notes every existing meeting in
 * `search_dirty` (plain SQL of this version) instead of calling the live index code, which reads
 * the columns of the latest schema. `migrate` (library.ts) derives the noted documents with the
 * live code once every migration has run, so the index of an old library is built at the schema
 * the code expects.
 */
export const migration: Migration = {
  version: 20,
  name: 'create-search-index',
  up(db) {
    db.exec(`
      CREATE VIRTUAL TABLE search_fts USING fts5(
        text,
        tags,
        tokenize = 'unicode61 remove_diacritics 0',
        prefix = '2 3'
      );

      CREATE TABLE search_docs (
        doc_id INTEGER PRIMARY KEY,
        meeting_id TEXT NOT NULL,
        item_id TEXT,
        doc_key TEXT NOT NULL,
        is_closed INTEGER NOT NULL CHECK (is_closed IN (0, 1))
      ) STRICT;
      CREATE INDEX search_docs_by_meeting ON search_docs(meeting_id);
      CREATE INDEX search_docs_by_item ON search_docs(item_id) WHERE item_id IS NOT NULL;

      CREATE TABLE search_meetings (
        meeting_id TEXT PRIMARY KEY,
        base INTEGER NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE search_dirty (
        kind TEXT NOT NULL CHECK (kind IN ('item', 'meeting', 'meetingAll')),
        id TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      ) STRICT, WITHOUT ROWID;

      CREATE INDEX agenda_items_by_case ON agenda_items(upper(trim(case_id))) WHERE case_id <> '';

      CREATE TRIGGER search_meeting_inserted AFTER INSERT ON meetings BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', NEW.id);
      END;
      CREATE TRIGGER search_meeting_moved AFTER UPDATE OF id, date, committee_id, is_closed ON meetings BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.id), ('meetingAll', NEW.id);
      END;
      CREATE TRIGGER search_meeting_header AFTER UPDATE OF case_id, location ON meetings BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meeting', NEW.id);
      END;
      CREATE TRIGGER search_meeting_deleted AFTER DELETE ON meetings BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.id);
      END;

      CREATE TRIGGER search_item_inserted AFTER INSERT ON agenda_items BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('item', NEW.id);
      END;
      CREATE TRIGGER search_item_updated AFTER UPDATE OF id, meeting_id, number, title, is_closed, public_title,
        case_id, document_number, presenter ON agenda_items BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('item', OLD.id), ('item', NEW.id);
      END;
      CREATE TRIGGER search_item_deleted AFTER DELETE ON agenda_items BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('item', OLD.id);
      END;

      CREATE TRIGGER search_body_inserted AFTER INSERT ON bodies BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id)
          SELECT 'item', NEW.item_id WHERE NEW.item_id IS NOT NULL
          UNION ALL SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL;
      END;
      CREATE TRIGGER search_body_updated AFTER UPDATE ON bodies BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id)
          SELECT 'item', NEW.item_id WHERE NEW.item_id IS NOT NULL
          UNION ALL SELECT 'meeting', NEW.meeting_id WHERE NEW.meeting_id IS NOT NULL
          UNION ALL SELECT 'item', OLD.item_id WHERE OLD.item_id IS NOT NULL
          UNION ALL SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL;
      END;
      CREATE TRIGGER search_body_deleted AFTER DELETE ON bodies BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id)
          SELECT 'item', OLD.item_id WHERE OLD.item_id IS NOT NULL
          UNION ALL SELECT 'meeting', OLD.meeting_id WHERE OLD.meeting_id IS NOT NULL;
      END;

      -- Appendix numbers appear in every body that refers to an appendix ("Bilag 2"), and
      -- participant names in every body that refers to a participant: re-derive the meeting.
      CREATE TRIGGER search_appendix_inserted AFTER INSERT ON appendices BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', NEW.meeting_id);
      END;
      CREATE TRIGGER search_appendix_updated AFTER UPDATE OF meeting_id, item_id, number, title, document_number,
        case_id, is_closed ON appendices BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.meeting_id), ('meetingAll', NEW.meeting_id);
      END;
      CREATE TRIGGER search_appendix_deleted AFTER DELETE ON appendices BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.meeting_id);
      END;

      CREATE TRIGGER search_participant_inserted AFTER INSERT ON participants BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', NEW.meeting_id);
      END;
      CREATE TRIGGER search_participant_updated AFTER UPDATE OF meeting_id, name, party ON participants BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.meeting_id), ('meetingAll', NEW.meeting_id);
      END;
      CREATE TRIGGER search_participant_deleted AFTER DELETE ON participants BEGIN
        INSERT OR IGNORE INTO search_dirty (kind, id) VALUES ('meetingAll', OLD.meeting_id);
      END;

      INSERT INTO search_dirty (kind, id) SELECT 'meetingAll', id FROM meetings;
    `);
  },
};
