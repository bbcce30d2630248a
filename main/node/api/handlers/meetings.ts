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
import { authorOf, queryHandlers, type AreaHandlers } from '../types';

/** The meeting handlers over one library; appendix files larger than `maxAttachmentBytes` are refused. */
export function createMeetingsHandlers(
  library: Library,
  maxAttachmentBytes: number,
): AreaHandlers<typeof meetingsApi> {
  const db = library.db;
  return {
    ...queryHandlers(db, {
      'meetings:list': listMeetings,
      'meetings:proposeNext': proposeNextMeeting,
      'meetings:create': createMeeting,
      'meetings:update': updateMeeting,
      'meetings:delete': deleteMeeting,

      'participants:create': createParticipant,
      'participants:update': updateParticipant,
      'participants:delete': deleteParticipant,

      'items:create': createItem,
      'items:update': updateItem,
      'items:move': moveItem,
      'items:delete': deleteItem,

      'bodies:history': bodyHistory,

      'appendices:create': createAppendix,
      'appendices:update': updateAppendix,
      'appendices:move': moveAppendix,
      'appendices:delete': deleteAppendix,
    }),
    'meetings:get': (input) => getMeetingDetail(db, input.id),
    'bodies:save': (input, ctx) => saveBody(db, { ...input, author: authorOf(ctx, library) }),
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
