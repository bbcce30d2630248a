/** Committees (udvalg): list with counts, get, create, update. */
import type { CommitteeSummary } from '../../../../common/contract/api';
import type { Committee } from '../../../../common/domain/model';
import type { ReadDb } from '../db';
import { writeTransaction } from '../library';
import { newId, nowIso, getRow } from './common';
import { insertRow, rowPatcher, type PatchedTable } from './rowWrites';
import { stmt } from '../statements';

const committeeColumns = 'id, name, kind, organisation, template, profile_id AS profileId';
const collator = new Intl.Collator('da');

/** The fields a committee is created or patched with (no profile: the municipality default). */
export type CommitteeFields = Omit<Committee, 'id' | 'profileId'> &
  Partial<Pick<Committee, 'profileId'>>;

/** Every committee with its member and meeting counts, sorted by name (Danish collation). */
export function listCommittees(db: ReadDb): CommitteeSummary[] {
  // The columns are named as the summary's fields, so a row is a summary.
  const rows = stmt(
    db,
    `SELECT ${committeeColumns},
         (SELECT count(*) FROM members m WHERE m.committee_id = c.id) AS memberCount,
         (SELECT count(*) FROM meetings g WHERE g.committee_id = c.id) AS meetingCount
       FROM committees c`,
  ).all() as CommitteeSummary[];
  return rows.sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
}

/** One committee. @throws DomainError not_found */
export function getCommittee(db: ReadDb, id: string): Committee {
  return getRow<Committee>(
    db,
    `SELECT ${committeeColumns} FROM committees WHERE id = ?`,
    'committee',
    id,
  );
}

/** True when a committee with this id exists. */
export function hasCommittee(db: ReadDb, id: string): boolean {
  return stmt(db, 'SELECT 1 FROM committees WHERE id = ?').get(id) !== undefined;
}

/** The committees table as create and update write it: each field in its own column. */
const committeesTable: PatchedTable<Committee, CommitteeFields> = {
  name: 'committees',
  fields: ['name', 'kind', 'organisation', 'template', 'profileId'],
  read: getCommittee,
};

/** Creates a committee; `id` is kept when given (imports), else generated. */
export function createCommittee(db: ReadDb, fields: CommitteeFields & { id?: string }): Committee {
  return writeTransaction(db, (db) => {
    const id = fields.id ?? newId();
    insertRow(
      db,
      committeesTable.name,
      { ...fields, id, profileId: fields.profileId ?? null, createdAt: nowIso() },
      ['id', 'createdAt', ...committeesTable.fields],
    );
    return getCommittee(db, id);
  });
}

/** Changes some fields of a committee. @throws DomainError not_found */
export const updateCommittee = rowPatcher(committeesTable);
