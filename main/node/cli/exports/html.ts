/**
 * `referat export MEETING_ID --format html [--edition public] [--document minutes|agenda|
 * supplementary-agenda] --out DIR`: the public minutes (or agenda) as a self-contained folder for the municipality's website (main/node/html/htmlEdition.ts):
 * index.html, referat.css, the logo and the public appendices. Only the public edition exists
 * as HTML; a CPR number in it refuses the export, warnings go to standard error. Files already
 * in DIR with the same bytes are left alone.
 */
import { htmlEdition, writeHtmlFolder } from '../../html/htmlEdition';
import { agendaSource } from '../../services/agendaExport';
import { editionSource } from '../../services/editionExport';
import { UsageError, type ExportFormat } from '../types';
import { agendaKindOption, documentOption, editionOption } from './edition';

export const htmlExport: ExportFormat = {
  name: 'html',
  description:
    'the public minutes or agenda as a web page folder (index.html, referat.css, logo, public appendices); --out DIR; --document',
  options: [editionOption, documentOption],
  canWriteToStdout: false,
  run(ctx, { meetingId, out }) {
    if (ctx.options.edition !== undefined && ctx.options.edition !== 'public')
      throw new UsageError('--format html writes the public edition only (--edition public)');
    const library = ctx.library();
    const kind = agendaKindOption(ctx);
    let edition;
    if (kind) {
      const source = agendaSource(library.db, meetingId);
      edition = htmlEdition(source.document, {
        filesDir: library.filesDir,
        agenda: { kind, ...(source.notes ? { changes: source.notes } : {}) },
      });
    } else {
      const { document } = editionSource(library.db, meetingId, 'public');
      edition = htmlEdition(document, { filesDir: library.filesDir });
    }
    for (const warning of edition.warnings)
      ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
    const dir = ctx.resolvePath(out);
    const wrote = writeHtmlFolder(dir, edition.files);
    ctx.io.stdout(
      `${dir}: ${edition.files.length} files (${wrote.written.length} written, ${wrote.unchanged.length} unchanged)\n`,
    );
  },
};
