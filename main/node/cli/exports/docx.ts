/**
 * `referat export MEETING_ID --format docx [--edition full|public] [--document minutes|agenda|
 * supplementary-agenda] --out FILE.docx`: the minutes (or the agenda) as a Word document
 * (main/node/docx/writeDocx.ts).
 */
import type { Edition } from '../../../../common/export/editions';
import { agendaDocx, minutesDocx } from '../../docx/writeDocx';
import { agendaSource } from '../../services/agendaExport';
import { writeOutput } from '../files';
import { agendaKindOption, documentOption, editionExport, editionOption } from './edition';
import type { ExportFormat } from '../types';

export const docxExport: ExportFormat = {
  name: 'docx',
  description:
    'the minutes or the agenda as a Word document (--edition full or public; --document)',
  options: [editionOption, documentOption],
  canWriteToStdout: true,
  async run(ctx, { meetingId, out }) {
    const kind = agendaKindOption(ctx);
    if (kind) {
      const source = agendaSource(ctx.library().db, meetingId);
      const bytes = await agendaDocx(source.document, {
        edition: (ctx.options.edition ?? 'full') as Edition,
        kind,
        ...(source.notes ? { changes: source.notes } : {}),
      });
      writeOutput(ctx, out, bytes);
      return;
    }
    const { edition, document, corrections } = editionExport(ctx, meetingId);
    writeOutput(ctx, out, await minutesDocx(document, { edition, corrections }));
  },
};
