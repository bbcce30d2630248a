/**
 * Handlers of committees and their members. Rules in main/node/storage/queries/committees.ts
 * and members.ts.
 */
import type { committeesApi } from '../../../../common/contract/committees';
import type { Library } from '../../storage/library';
import { createCommittee, listCommittees, updateCommittee } from '../../storage/queries/committees';
import { createMember, listMembers, moveMember, updateMember } from '../../storage/queries/members';
import { queryHandlers, type AreaHandlers } from '../types';

/** The committee and member handlers over one library. */
export function createCommitteesHandlers(library: Library): AreaHandlers<typeof committeesApi> {
  return queryHandlers(library.db, {
    'committees:list': listCommittees,
    'committees:create': createCommittee,
    'committees:update': updateCommittee,
    'members:list': listMembers,
    'members:create': createMember,
    'members:update': updateMember,
    'members:move': moveMember,
  });
}
