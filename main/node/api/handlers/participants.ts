/**
 * Handlers of attendance: the participants of a meeting. Rules in
 * main/node/storage/queries/participants.ts.
 */
import type { participantsApi } from '../../../../common/contract/participants';
import type { Library } from '../../storage/library';
import {
  createParticipant,
  deleteParticipant,
  updateParticipant,
} from '../../storage/queries/participants';
import type { AreaHandlers } from '../types';

/** The participant handlers over one library. */
export function createParticipantsHandlers(library: Library): AreaHandlers<typeof participantsApi> {
  const db = library.db;
  return {
    'participants:create': (input) => createParticipant(db, input),
    'participants:update': (input) => updateParticipant(db, input),
    'participants:delete': (input) => deleteParticipant(db, input),
  };
}
