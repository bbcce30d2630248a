/**
 * `referat export MEETING_ID --format pdf [--edition full|public] [--document minutes|agenda|
 * supplementary-agenda] --out FILE.pdf`: the minutes (or the agenda) as an archival PDF/A-3b and
 * PDF/UA-1 (main/node/pdf/writePdf.ts). A public export is refused with the
 * list of places when the public edition holds a CPR number; warnings about citizen members
 * named in the text go to standard error.
 */
import { PassThrough } from 'node:stream';
import { writeAgendaPdf, writeMinutesPdf } from '../../pdf/writePdf';
import { agendaSource } from '../../services/agendaExport';
import { writeOutput } from '../files';
import { agendaKindOption, documentOption, editionExport, editionOption } from './edition';
import type { Edition } from '../../../../common/export/editions';
import type { ExportFormat } from '../types';

export const pdfExport: ExportFormat = {
  name: 'pdf',
  description:
    'the minutes or the agenda as an archival, accessible PDF (PDF/A-3b, PDF/UA-1) with meeting.json inside (--edition full or public; --document)',
  options: [editionOption, documentOption],
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    // Written to memory first, then to the file by the CLI's atomic writer (or to stdout).
    const chunks: Buffer[] = [];
    const sink = new PassThrough();
    sink.on('data', (chunk: Buffer) => chunks.push(chunk));
    const kind = agendaKindOption(ctx);
    let result;
    if (kind) {
      const source = agendaSource(ctx.library().db, meetingId);
      result = await writeAgendaPdf(source.document, {
        edition: (ctx.options.edition ?? 'full') as Edition,
        kind,
        out: sink,
        ...(source.notes ? { changes: source.notes } : {}),
      });
    } else {
      const { edition, document, corrections } = editionExport(ctx, meetingId);
      result = await writeMinutesPdf(document, {
        edition,
        out: sink,
        ...(corrections.length > 0 ? { corrections } : {}),
      });
    }
    for (const warning of result.warnings)
      ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
    writeOutput(ctx, out, Buffer.concat(chunks));
  },
};
