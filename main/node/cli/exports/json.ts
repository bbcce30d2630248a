/** `referat export MEETING_ID --format json --out FILE`: the meeting as canonical `referat/1`. */
import { serializeReferatDocument } from '../../../../common/format/referatJson';
import { exportMeetingDocument } from '../../storage/interchange';
import { writeOutput } from '../files';
import type { ExportFormat } from '../types';

export const jsonExport: ExportFormat = {
  name: 'json',
  description: 'the meeting as a referat/1 document (canonical JSON, docs/format.md)',
  canWriteToStdout: true,
  run(ctx, { meetingId, out }) {
    const document = exportMeetingDocument(ctx.library().db, meetingId);
    writeOutput(ctx, out, serializeReferatDocument(document));
  },
};
