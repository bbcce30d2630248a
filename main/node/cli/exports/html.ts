/**
 * `referat export MEETING_ID --format html [--edition public] --out DIR`: the public minutes as
 * a self-contained folder for the municipality's website (main/node/html/htmlEdition.ts):
 * index.html, referat.css, the logo and the public appendices. Only the public edition exists
 * as HTML; a CPR number in it refuses the export, warnings go to standard error. Files already
 * in DIR with the same bytes are left alone.
 */
import { htmlEdition, writeHtmlFolder } from '../../html/htmlEdition';
import { editionSource } from '../../services/editionExport';
import { UsageError, type ExportFormat } from '../types';
import { editionOption } from './edition';

export const htmlExport: ExportFormat = {
  name: 'html',
  description:
    'the public minutes as a web page folder (index.html, referat.css, logo, public appendices); --out DIR',
  options: [editionOption],
  canWriteToStdout: false,
  run(ctx, { meetingId, out }) {
    if (ctx.options.edition !== undefined && ctx.options.edition !== 'public')
      throw new UsageError('--format html writes the public edition only (--edition public)');
    const library = ctx.library();
    const { document } = editionSource(library.db, meetingId, 'public');
    const edition = htmlEdition(document, { filesDir: library.filesDir });
    for (const warning of edition.warnings)
      ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
    const dir = ctx.resolvePath(out);
    const wrote = writeHtmlFolder(dir, edition.files);
    ctx.io.stdout(
      `${dir}: ${edition.files.length} files (${wrote.written.length} written, ${wrote.unchanged.length} unchanged)\n`,
    );
  },
};
