/**
 * `referat export MEETING_ID --format html [--edition public] [--document minutes|agenda|
 * supplementary-agenda] --out DIR`: the public minutes (or agenda) as a self-contained folder for the municipality's website (main/node/html/htmlEdition.ts):
 * index.html, referat.css, the logo and the public appendices. Only the public edition exists
 * as HTML; a CPR number in it refuses the export, warnings go to standard error. Files already
 * in DIR with the same bytes are left alone.
 */
import { htmlEdition, writeHtmlFolder } from '../../html/htmlEdition';
import { UsageError } from '../types';
import { editionFormat, printWarnings } from './edition';

export const htmlExport = editionFormat({
  name: 'html',
  description:
    'the public minutes or agenda as a web page folder (index.html, referat.css, logo, public appendices); --out DIR; --document',
  canWriteToStdout: false,
  edition(ctx) {
    if (ctx.options.edition !== undefined && ctx.options.edition !== 'public')
      throw new UsageError('--format html writes the public edition only (--edition public)');
    return 'public';
  },
  write(ctx, { document, request }, out) {
    const edition = htmlEdition(document, {
      filesDir: ctx.library().filesDir,
      lang: request.lang,
      agenda: request.agenda,
    });
    printWarnings(ctx, edition.warnings);
    const dir = ctx.resolvePath(out);
    const wrote = writeHtmlFolder(dir, edition.files);
    ctx.io.stdout(
      `${dir}: ${edition.files.length} files (${wrote.written.length} written, ${wrote.unchanged.length} unchanged)\n`,
    );
  },
});
