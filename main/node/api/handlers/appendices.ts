/**
 * Handlers of a meeting's appendices and their files. Rules in
 * main/node/storage/queries/appendices.ts; the files are kept in the library's file store.
 */
import type { appendicesApi } from '../../../../common/contract/appendices';
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
import { requireDraftMeeting } from '../../storage/queries/meetings';
import { incomingFile, mediaTypeFor, safeFileName } from '../incomingFile';
import type { AreaHandlers } from '../types';

/** The appendix handlers over one library; files larger than `maxAttachmentBytes` are refused. */
export function createAppendicesHandlers(
  library: Library,
  maxAttachmentBytes: number,
): AreaHandlers<typeof appendicesApi> {
  const db = library.db;
  return {
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
