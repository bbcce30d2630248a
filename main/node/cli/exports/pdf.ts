/**
 * `referat export MEETING_ID --format pdf [--edition full|public] --out FILE.pdf`: the minutes
 * as an archival PDF/A-3b (main/node/pdf/writePdf.ts). A public export is refused with the
 * list of places when the public edition holds a CPR number; warnings about citizen members
 * named in the text go to standard error.
 */
import { PassThrough } from 'node:stream';
import type { Edition } from '../../../common/export/editions';
import { writeMinutesPdf } from '../../pdf/writePdf';
import { exportMeetingDocument } from '../../storage/interchange';
import { correctionsForExport } from '../../storage/queries/lifecycle';
import { writeOutput } from '../files';
import type { ExportFormat } from '../types';

export const pdfExport: ExportFormat = {
  name: 'pdf',
  description: 'the minutes as an archival PDF/A-3b with meeting.json inside (--edition full or public)',
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
    // Written to memory first, then to the file by the CLI's atomic writer (or to stdout).
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    // Corrections after approval are printed as additions. Only in the full edition: a correction
    // may concern a closed item, and the public edition must not reveal it.
    const corrections = edition === 'full' ? correctionsForExport(ctx.library().db, meetingId) : [];
    const result = await writeMinutesPdf(document, { edition, out: sink, ...(corrections.length > 0 ? { corrections } : {}) });
    for (const warning of result.warnings) ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
    writeOutput(ctx, out, Buffer.concat(chunks));
  },
};
