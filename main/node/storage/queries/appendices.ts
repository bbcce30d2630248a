/**
 * Appendices (bilag) of a meeting. Their `number` is their order: 1..n, kept dense by move and
 * delete (text refers to appendices by id, so "Bilag N" follows the renumbering). A file is
 * attached by SHA-256; the bytes are in the file store, the `files` table indexes them.
 */
import { DomainError } from '../../../../common/contract/result';
import type { Appendix } from '../../../../common/domain/model';
import type { ReadDb, WriteDb } from '../db';
import { writeTransaction } from '../library';
import { fromRow, getRow, newId, nowIso, type SqlRow } from './common';
import { insertRow, rowPatcher, type PatchedTable } from './rowWrites';
import { reorder } from './orderedRows';
import { stmt } from '../statements';
import { requireDraftMeeting, unreferencedDeleter } from './meetingBase';

type AppendixRow = SqlRow<Omit<Appendix, 'file'>, 'isClosed' | 'isAddedAfterMeeting'> & {
  fileSha256: string | null;
  fileName: string | null;
  fileMediaType: string | null;
  fileSize: number | null;
};

const appendixColumns = `a.id, a.meeting_id AS meetingId, a.item_id AS itemId, a.number, a.title,
  a.document_number AS documentNumber, a.case_id AS caseId, a.is_closed AS isClosed,
  a.file_sha256 AS fileSha256, a.file_name AS fileName, a.file_media_type AS fileMediaType, f.size AS fileSize,
  a.is_added_after_meeting AS isAddedAfterMeeting`;

function toAppendix(row: AppendixRow): Appendix {
  const { fileSha256, fileName, fileMediaType, fileSize, ...fields } = row;
  return {
    ...fromRow(fields, ['isClosed', 'isAddedAfterMeeting']),
    file:
      fileSha256 === null
        ? null
        : {
            name: fileName ?? '',
            sha256: fileSha256,
            size: fileSize ?? 0,
            mediaType: fileMediaType ?? '',
          },
  };
}

/** The fields an appendix is created or patched with. */
export type AppendixFields = Pick<
  Appendix,
  'title' | 'documentNumber' | 'caseId' | 'isClosed' | 'itemId'
> &
  Partial<Pick<Appendix, 'isAddedAfterMeeting'>>;

/** The appendices of a meeting by number. */
export function listAppendices(db: ReadDb, meetingId: string): Appendix[] {
  const rows = stmt(
    db,
    `SELECT ${appendixColumns} FROM appendices a LEFT JOIN files f ON f.sha256 = a.file_sha256
       WHERE a.meeting_id = ? ORDER BY a.number IS NULL, a.number, a.id`,
  ).all(meetingId) as AppendixRow[];
  return rows.map(toAppendix);
}

/** One appendix. @throws DomainError not_found */
export function getAppendix(db: ReadDb, id: string): Appendix {
  return toAppendix(
    getRow<AppendixRow>(
      db,
      `SELECT ${appendixColumns} FROM appendices a LEFT JOIN files f ON f.sha256 = a.file_sha256 WHERE a.id = ?`,
      'appendix',
      id,
    ),
  );
}

function checkItem(db: ReadDb, meetingId: string, itemId: string | null | undefined): void {
  if (!itemId) return;
  if (
    stmt(db, 'SELECT meeting_id FROM agenda_items WHERE id = ?', true).get(itemId) !== meetingId
  ) {
    throw new DomainError(
      'invalid_input',
      `itemId: ${itemId} is not an agenda item of this meeting.`,
    );
  }
}

/**
 * Records a file in the `files` index (once per hash) after its bytes are in the file store.
 * @throws DomainError conflict when the hash is known with another size
 */
export function registerFile(
  db: WriteDb,
  file: { sha256: string; size: number; mediaType: string },
): void {
  const known = stmt(db, 'SELECT size FROM files WHERE sha256 = ?', true).get(file.sha256) as
    number | undefined;
  if (known === undefined) {
    stmt(db, 'INSERT INTO files (sha256, size, media_type, created_at) VALUES (?, ?, ?, ?)').run(
      file.sha256,
      file.size,
      file.mediaType,
      nowIso(),
    );
  } else if (known !== file.size) {
    throw new DomainError(
      'conflict',
      `The file ${file.sha256} is known with ${known} bytes, not ${file.size}; the same SHA-256 cannot have two sizes.`,
    );
  }
}

/** The appendices table as insert and update write it: each field in its own column. */
const appendicesTable: PatchedTable<Appendix, AppendixFields> = {
  name: 'appendices',
  fields: ['title', 'documentNumber', 'caseId', 'isClosed', 'itemId', 'isAddedAfterMeeting'],
  read: getAppendix,
};

/** Inserts an appendix row as given (its file, if any, is registered first); used by create and import. */
export function insertAppendix(
  db: WriteDb,
  appendix: Omit<Appendix, 'isAddedAfterMeeting'> & Partial<Pick<Appendix, 'isAddedAfterMeeting'>>,
): void {
  const a = appendix;
  if (a.file) registerFile(db, a.file);
  insertRow(
    db,
    appendicesTable.name,
    {
      ...a,
      fileSha256: a.file?.sha256 ?? null,
      fileName: a.file?.name ?? null,
      fileMediaType: a.file?.mediaType ?? null,
      isAddedAfterMeeting: a.isAddedAfterMeeting ?? false,
    },
    [
      'id',
      'meetingId',
      'number',
      'fileSha256',
      'fileName',
      'fileMediaType',
      ...appendicesTable.fields,
    ],
  );
}

/** Adds an appendix (without a file) as the last of a draft meeting. @throws not_found, locked, invalid_input */
export function createAppendix(
  db: ReadDb,
  args: { meetingId: string; appendix: AppendixFields; id?: string },
): Appendix {
  return writeTransaction(db, (db) => {
    requireDraftMeeting(db, args.meetingId);
    checkItem(db, args.meetingId, args.appendix.itemId);
    const id = args.id ?? newId();
    const last = stmt(db, 'SELECT max(number) FROM appendices WHERE meeting_id = ?', true).get(
      args.meetingId,
    ) as number | null;
    insertAppendix(db, {
      ...args.appendix,
      id,
      meetingId: args.meetingId,
      number: (last ?? 0) + 1,
      file: null,
    });
    return getAppendix(db, id);
  });
}

/** Changes some fields of an appendix of a draft meeting. @throws not_found, locked, invalid_input */
export const updateAppendix = rowPatcher(appendicesTable, (db, appendix, patch) => {
  requireDraftMeeting(db, appendix.meetingId);
  checkItem(db, appendix.meetingId, patch.itemId);
});

function renumber(db: WriteDb, ids: readonly string[]): void {
  // Two passes so a future unique (meeting, number) index never sees a duplicate mid-way.
  const update = stmt(db, 'UPDATE appendices SET number = ? WHERE id = ?');
  ids.forEach((id, index) => update.run(100_000 + index + 1, id));
  ids.forEach((id, index) => update.run(index + 1, id));
}

/** Moves an appendix to `position` (0-based) and renumbers all 1..n. Answers the new order. */
export function moveAppendix(db: ReadDb, args: { id: string; position: number }): Appendix[] {
  return writeTransaction(db, (db) => {
    const appendix = getAppendix(db, args.id);
    requireDraftMeeting(db, appendix.meetingId);
    const ids = listAppendices(db, appendix.meetingId).map((other) => other.id);
    renumber(db, reorder(ids, args.id, args.position));
    return listAppendices(db, appendix.meetingId);
  });
}

/** Deletes an appendix of a draft meeting and renumbers the rest. The file stays in the store. */
export const deleteAppendix = unreferencedDeleter({
  kind: 'appendix',
  read: getAppendix,
  describe: (appendix) => `Bilag ${appendix.number} "${appendix.title}"`,
  closeUp: (db, meetingId) =>
    renumber(
      db,
      listAppendices(db, meetingId).map((other) => other.id),
    ),
});

/**
 * Attaches a stored file to an appendix of a draft meeting (replacing any earlier file).
 * The bytes must already be in the file store.
 */
export function attachFileToAppendix(
  db: ReadDb,
  args: { id: string; file: { sha256: string; size: number; name: string; mediaType: string } },
): Appendix {
  return writeTransaction(db, (db) => {
    const appendix = getAppendix(db, args.id);
    requireDraftMeeting(db, appendix.meetingId);
    registerFile(db, args.file);
    stmt(
      db,
      'UPDATE appendices SET file_sha256 = ?, file_name = ?, file_media_type = ? WHERE id = ?',
    ).run(args.file.sha256, args.file.name, args.file.mediaType, args.id);
    return getAppendix(db, args.id);
  });
}
