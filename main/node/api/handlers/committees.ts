/**
 * Handlers of committees and their members. Rules in main/node/storage/queries/committees.ts
 * and members.ts.
 */
import type { committeesApi } from '../../../../common/contract/committees';
import type { Library } from '../../storage/library';
import { createCommittee, listCommittees, updateCommittee } from '../../storage/queries/committees';
import { createMember, listMembers, moveMember, updateMember } from '../../storage/queries/members';
import type { AreaHandlers } from '../types';

/** The committee and member handlers over one library. */
export function createCommitteesHandlers(library: Library): AreaHandlers<typeof committeesApi> {
  const db = library.db;
  return {
    'committees:list': () => listCommittees(db),
    'committees:create': (input) => createCommittee(db, input),
    'committees:update': (input) => updateCommittee(db, input),
    'members:list': (input) => listMembers(db, input),
    'members:create': (input) => createMember(db, input),
    'members:update': (input) => updateMember(db, input),
    'members:move': (input) => moveMember(db, input),
  };
}
