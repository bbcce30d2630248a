/**
 * Handlers of meetings: listing, proposing the next, creating, opening, changing the header and
 * deleting. Rules in main/node/storage/queries/meetings.ts.
 */
import type { meetingsApi } from '../../../../common/contract/meetings';
import type { Library } from '../../storage/library';
import {
  createMeeting,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  proposeNextMeeting,
  updateMeeting,
} from '../../storage/queries/meetings';
import type { AreaHandlers } from '../types';

/** The meeting handlers over one library. */
export function createMeetingsHandlers(library: Library): AreaHandlers<typeof meetingsApi> {
  const db = library.db;
  return {
    'meetings:list': (input) => listMeetings(db, input),
    'meetings:proposeNext': (input) => proposeNextMeeting(db, input),
    'meetings:create': (input) => createMeeting(db, input),
    'meetings:get': (input) => getMeetingDetail(db, input.id),
    'meetings:update': (input) => updateMeeting(db, input),
    'meetings:delete': (input) => deleteMeeting(db, input),
  };
}
