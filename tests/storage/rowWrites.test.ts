/**
 * Writing rows from a constant field list (queries/rowWrites.ts): each listed field goes to its
 * snake-case column with booleans as 0/1, unlisted keys are never written, and a patch query
 * runs its check on the row before the change, writing nothing when the check refuses.
 */
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../common/contract/result';
import type { Member } from '../../common/domain/model';
import { writeTransaction } from '../../main/node/storage/library';
import { getMember, type MemberFields } from '../../main/node/storage/queries/members';
import {
  insertRow,
  rowPatcher,
  type PatchedTable,
} from '../../main/node/storage/queries/rowWrites';
import { newLibrary, seedCommittee } from './storageHelpers';

const membersTable: PatchedTable<Member, MemberFields> = {
  name: 'members',
  fields: ['name', 'role', 'party', 'isCitizen', 'isActive'],
  read: getMember,
};

describe('row writes', () => {
  it('inserts the listed fields into their snake-case columns, booleans as 0/1', () => {
    const library = newLibrary();
    const { committee } = seedCommittee(library);
    const row = {
      id: 'm-new',
      committeeId: committee.id,
      position: 9,
      name: 'Ny Borger',
      role: 'member',
      party: null,
      isCitizen: true,
      isActive: false,
      note: 'not a column',
    };

    writeTransaction(library.db, (db) =>
      insertRow(db, 'members', row, ['id', 'committeeId', 'position', ...membersTable.fields]),
    );

    expect(library.db.prepare(`SELECT * FROM members WHERE id = 'm-new'`).get()).toEqual({
      id: 'm-new',
      committee_id: committee.id,
      name: 'Ny Borger',
      role: 'member',
      party: null,
      is_citizen: 1,
      position: 9,
      is_active: 0,
    });
  });

  it('patches only the given fields and answers the row as it is then', () => {
    const library = newLibrary();
    const { members } = seedCommittee(library);
    const update = rowPatcher(membersTable);

    const changed = update(library.db, { id: members[1]!.id, patch: { isActive: false } });

    expect(changed).toEqual({ ...members[1], isActive: false });
    expect(getMember(library.db, members[1]!.id)).toEqual(changed);
  });

  it('runs the check with the row and the patch first and writes nothing when it refuses', () => {
    const library = newLibrary();
    const { members } = seedCommittee(library);
    const seen: unknown[] = [];
    const update = rowPatcher(membersTable, (_db, current, patch) => {
      seen.push([current.name, patch.name]);
      if (patch.name === '') throw new DomainError('invalid_input', 'name: empty');
    });

    expect(() => update(library.db, { id: members[0]!.id, patch: { name: '' } })).toThrow(
      /name: empty/,
    );
    expect(getMember(library.db, members[0]!.id)).toEqual(members[0]);
    expect(seen).toEqual([['Marie-Louise Andreassen', '']]);
    expect(() => update(library.db, { id: 'missing', patch: { name: 'X' } })).toThrow(
      /no member with id missing/,
    );
  });
});
