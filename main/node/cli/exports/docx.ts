/**
 * `referat export MEETING_ID --format docx [--edition full|public] --out FILE.docx`: the
 * minutes as a Word document (main/node/docx/writeDocx.ts).
 */
import { minutesDocx } from '../../docx/writeDocx';
import { writeOutput } from '../files';
import { editionExport, editionOption } from './edition';
import type { ExportFormat } from '../types';

export const docxExport: ExportFormat = {
  name: 'docx',
  description: 'the minutes as a Word document (--edition full or public)',
  options: [editionOption],
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    const { edition, document, corrections } = editionExport(ctx, meetingId);
    writeOutput(ctx, out, await minutesDocx(document, { edition, corrections }));
  },
};
