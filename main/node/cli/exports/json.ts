/** `referat export MEETING_ID --format json --out FILE`: the meeting as canonical `referat/1`. */
import { writeOutput } from '../files';
import type { ExportFormat } from '../types';

export const jsonExport: ExportFormat = {
  name: 'json',
  description: 'the meeting as a referat/1 document (canonical JSON, docs/format.md)',
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    const { json } = await ctx.request('meetings:exportJson', { id: meetingId });
    writeOutput(ctx, out, json);
  },
};
