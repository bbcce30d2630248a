/**
 * `referat export MEETING_ID --format pdf [--edition full|public] --out FILE.pdf`: the minutes
 * as an archival PDF/A-3b (main/node/pdf/writePdf.ts). A public export is refused with the
 * list of places when the public edition holds a CPR number; warnings about citizen members
 * named in the text go to standard error.
 */
import { PassThrough } from 'node:stream';
import { writeMinutesPdf } from '../../pdf/writePdf';
import { writeOutput } from '../files';
import { editionExport, editionOption } from './edition';
import type { ExportFormat } from '../types';

export const pdfExport: ExportFormat = {
  name: 'pdf',
  description:
    'the minutes as an archival PDF/A-3b with meeting.json inside (--edition full or public)',
  options: [editionOption],
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    const { edition, document, corrections } = editionExport(ctx, meetingId);
    // Written to memory first, then to the file by the CLI's atomic writer (or to stdout).
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const result = await writeMinutesPdf(document, {
      edition,
      out: sink,
      ...(corrections.length > 0 ? { corrections } : {}),
    });
    for (const warning of result.warnings)
      ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
    writeOutput(ctx, out, Buffer.concat(chunks));
  },
};
