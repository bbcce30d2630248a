/**
 * Handlers of a meeting and what it holds: the meeting itself, its participants, its agenda
 * items with their text bodies, and its appendices with their files (kept in the library's file
 * store). The rules live in main/node/storage/queries/ (meetings, participants, items, bodies,
 * appendices).
 */
import type { meetingsApi } from '../../../../common/contract/meetings';
import { storeFile } from '../../storage/fileStore';
import type { Library } from '../../storage/library';
import {
  attachFileToAppendix,
  createAppendix,
  deleteAppendix,
  getAppendix,
  moveAppendix,
  updateAppendix,
} from '../../storage/queries/appendices';
import { bodyHistory, saveBody } from '../../storage/queries/bodies';
import { createItem, deleteItem, moveItem, updateItem } from '../../storage/queries/items';
import {
  createMeeting,
  deleteMeeting,
  getMeetingDetail,
  listMeetings,
  proposeNextMeeting,
  requireDraftMeeting,
  updateMeeting,
} from '../../storage/queries/meetings';
import {
  createParticipant,
  deleteParticipant,
  updateParticipant,
} from '../../storage/queries/participants';
import { incomingFile, mediaTypeFor, safeFileName } from '../incomingFile';
import { authorOf, type AreaHandlers } from '../types';

/** The meeting handlers over one library; appendix files larger than `maxAttachmentBytes` are refused. */
export function createMeetingsHandlers(
  library: Library,
  maxAttachmentBytes: number,
): AreaHandlers<typeof meetingsApi> {
  const db = library.db;
  return {
    'meetings:list': (input) => listMeetings(db, input),
    'meetings:proposeNext': (input) => proposeNextMeeting(db, input),
    'meetings:create': (input) => createMeeting(db, input),
    'meetings:get': (input) => getMeetingDetail(db, input.id),
    'meetings:update': (input) => updateMeeting(db, input),
    'meetings:delete': (input) => deleteMeeting(db, input),

    'participants:create': (input) => createParticipant(db, input),
    'participants:update': (input) => updateParticipant(db, input),
    'participants:delete': (input) => deleteParticipant(db, input),

    'items:create': (input) => createItem(db, input),
    'items:update': (input) => updateItem(db, input),
    'items:move': (input) => moveItem(db, input),
    'items:delete': (input) => deleteItem(db, input),

    'bodies:save': (input, ctx) => saveBody(db, { ...input, author: authorOf(ctx, library) }),
    'bodies:history': (input) => bodyHistory(db, input),

    'appendices:create': (input) => createAppendix(db, input),
    'appendices:update': (input) => updateAppendix(db, input),
    'appendices:move': (input) => moveAppendix(db, input),
    'appendices:delete': (input) => deleteAppendix(db, input),
    'appendices:attachFile': async (input, ctx) => {
      // Refuse before a dialog opens or bytes are copied.
      requireDraftMeeting(db, getAppendix(db, input.id).meetingId);
      const file = await incomingFile(input.uploadId, ctx);
      const stored = await storeFile(library.filesDir, file.path, { maxBytes: maxAttachmentBytes });
      const appendix = attachFileToAppendix(db, {
        id: input.id,
        file: {
          ...stored,
          name: safeFileName(file.fileName),
          mediaType: file.mediaType ?? mediaTypeFor(file.fileName),
        },
      });
      if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      return appendix;
    },
  };
}
