/**
 * `referat export MEETING_ID --format docx [--edition full|public] --out FILE.docx`: the
 * minutes as a Word document (main/node/docx/writeDocx.ts).
 */
import type { Edition } from '../../../common/export/editions';
import { minutesDocx } from '../../docx/writeDocx';
import { exportMeetingDocument } from '../../storage/interchange';
import { correctionsForExport } from '../../storage/queries/lifecycle';
import { writeOutput } from '../files';
import type { ExportFormat } from '../types';

export const docxExport: ExportFormat = {
  name: 'docx',
  description: 'the minutes as a Word document (--edition full or public)',
  options: [
    {
      name: 'edition',
      kind: 'value',
      valueName: 'EDITION',
      values: ['full', 'public'],
      description: 'pdf/docx: full (default) or public (closed items and appendices left out)',
    },
  ],
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    const edition = (ctx.options.edition ?? 'full') as Edition;
    const document = exportMeetingDocument(ctx.library().db, meetingId);
    const corrections = edition === 'full' ? correctionsForExport(ctx.library().db, meetingId) : [];
    writeOutput(ctx, out, await minutesDocx(document, { edition, corrections }));
  },
};
