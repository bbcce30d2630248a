/**
 * `referat export MEETING_ID --format bag --out DIR|FILE.zip`: the archive package (BagIt 1.0),
 * as a new folder or a zip (see main/node/archive/exportBag.ts). Prints the payload summary.
 */
import { exportBag } from '../../archive/exportBag';
import type { ExportFormat } from '../types';

export const bagExport: ExportFormat = {
  name: 'bag',
  description:
    'the archive package (BagIt 1.0): PDFs, meeting.json and appendix files; --out DIR or FILE.zip',
  canWriteToStdout: false,
  async run(ctx, { meetingId, out }) {
    const result = await exportBag(ctx.library(), meetingId, { out: ctx.resolvePath(out) });
    const bytes = result.payload.reduce((sum, file) => sum + file.size, 0);
    const pdfs =
      result.pdfSources.full === 'signed' && result.pdfSources.public === 'signed'
        ? 'signed PDFs'
        : 'exported PDFs';
    ctx.io.stdout(`${result.out}: ${result.payload.length} files, ${bytes} bytes (${pdfs})\n`);
  },
};
