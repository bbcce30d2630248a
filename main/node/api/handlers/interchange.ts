/**
 * Handlers of the interchange format: a meeting out as a referat/2 JSON text, and a referat/2
 * (or older referat/1) text in. Reading and writing in main/node/storage/interchange.ts.
 */
import type { interchangeApi } from '../../../../common/contract/interchange';
import {
  readReferatDocument,
  referatFileName,
  serializeReferatDocument,
} from '../../../../common/format/referatJson';
import { exportMeetingDocument, importMeetingDocument } from '../../storage/interchange';
import type { Library } from '../../storage/library';
import { authorOf, type AreaHandlers } from '../types';

/** The interchange handlers over one library. */
export function createInterchangeHandlers(library: Library): AreaHandlers<typeof interchangeApi> {
  const db = library.db;
  return {
    'meetings:exportJson': (input) => {
      const document = exportMeetingDocument(db, input.id);
      return { fileName: referatFileName(document), json: serializeReferatDocument(document) };
    },
    'meetings:importJson': (input, ctx) => {
      const { document, notes } = readReferatDocument(input.json);
      const { meetingId } = importMeetingDocument(db, document, {
        onExisting: input.onExisting ?? 'refuse',
        author: authorOf(ctx, library),
      });
      return { meetingId, notes };
    },
  };
}
