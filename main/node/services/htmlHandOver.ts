/**
 * Handing an HTML edition (minutes or agenda) to the user. The app writes it as a folder where
 * the user chooses; a browser can take only one file, so it gets the folder as a zip.
 */
import { writeHtmlFolder, writeHtmlZip, type HtmlEditionFile } from '../html/htmlEdition';
import { handOverFile, type HandedOver, type HandOverContext } from './handOver';

/** Hands over `files` as a folder (app) or zip (browser) named after `htmlFileName` (`….html`). */
export async function handOverHtmlEdition(
  ctx: HandOverContext,
  htmlFileName: string,
  files: readonly HtmlEditionFile[],
): Promise<HandedOver> {
  const isFolder = ctx.pickSaveFile !== undefined;
  return handOverFile(ctx, {
    fileName: htmlFileName.replace(/\.html$/, isFolder ? '-html' : '-html.zip'),
    mediaType: isFolder ? 'inode/directory' : 'application/zip',
    write: async (out) => {
      if (isFolder) writeHtmlFolder(out, files);
      else await writeHtmlZip(out, files);
    },
  });
}
