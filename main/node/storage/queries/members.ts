/** Standing members of a committee, kept in a dense order (`position` 0..n-1). */
import type { Member } from '../../../../common/domain/model';
import type { ReadDb } from '../db';
import { writeTransaction } from '../library';
import { getCommittee } from './committees';
import { newId, fromRow, getRow, type SqlRow } from './common';
import { insertRow, rowPatcher, type PatchedTable } from './rowWrites';
import { endPosition, moveToPosition } from './orderedRows';
import { stmt } from '../statements';

type MemberRow = SqlRow<Member, 'isCitizen' | 'isActive'>;

const memberColumns =
  'id, committee_id AS committeeId, name, role, party, is_citizen AS isCitizen, position, is_active AS isActive';

const toMember = (row: MemberRow): Member => fromRow(row, ['isCitizen', 'isActive']);

/** The fields a member is created or patched with. */
export type MemberFields = Pick<Member, 'name' | 'role' | 'party' | 'isCitizen' | 'isActive'>;

/** The members of a committee in their order. @throws DomainError not_found (committee) */
export function listMembers(db: ReadDb, args: { committeeId: string }): Member[] {
  getCommittee(db, args.committeeId);
  const rows = stmt(
    db,
    `SELECT ${memberColumns} FROM members WHERE committee_id = ? ORDER BY position, id`,
  ).all(args.committeeId) as MemberRow[];
  return rows.map(toMember);
}

/** One member. @throws DomainError not_found */
export function getMember(db: ReadDb, id: string): Member {
  return toMember(
    getRow<MemberRow>(db, `SELECT ${memberColumns} FROM members WHERE id = ?`, 'member', id),
  );
}

/** The members table as create and update write it: each field in its own column. */
const membersTable: PatchedTable<Member, MemberFields> = {
  name: 'members',
  fields: ['name', 'role', 'party', 'isCitizen', 'isActive'],
  read: getMember,
};

/** Adds a member at the end of the committee's list (or at `position` for imports). */
export function createMember(
  db: ReadDb,
  args: { committeeId: string; member: MemberFields; id?: string; position?: number },
): Member {
  return writeTransaction(db, (db) => {
    getCommittee(db, args.committeeId);
    const id = args.id ?? newId();
    const position = args.position ?? endPosition(db, 'members', args.committeeId);
    insertRow(
      db,
      membersTable.name,
      { ...args.member, id, committeeId: args.committeeId, position },
      ['id', 'committeeId', 'position', ...membersTable.fields],
    );
    return getMember(db, id);
  });
}

/** Changes some fields of a member. @throws DomainError not_found */
export const updateMember = rowPatcher(membersTable);

/** Moves a member to `position` and returns the committee's members in their new order. */
export function moveMember(db: ReadDb, args: { id: string; position: number }): Member[] {
  return writeTransaction(db, (db) => {
    const member = getMember(db, args.id);
    moveToPosition(db, 'members', member.committeeId, args);
    return listMembers(db, { committeeId: member.committeeId });
  });
}
