/**
 * `referat import FILE.zip|DIR`: an archive package (BagIt bag), verified completely before
 * anything is written (main/node/archive/importBag.ts). Prints the imported meeting's id.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError, isDomainError } from '../../../../common/contract/result';
import { importBag } from '../../archive/importBag';
import { printConversionNotes } from './json';
import { onExistingOf, type Importer } from '../types';

export const bagImporter: Importer = {
  name: 'bag',
  description: 'an archive package (BagIt bag): FILE.zip or a folder holding bagit.txt',
  matches: (file, stat) =>
    stat.isDirectory
      ? isBagFolder(file)
      : stat.isFile && path.extname(file).toLowerCase() === '.zip',
  async run(ctx, { file, onExisting }) {
    const library = ctx.library();
    try {
      const result = await importBag(library, ctx.resolvePath(file), {
        onExisting: onExistingOf[onExisting],
        author: library.author,
        shownName: file,
      });
      ctx.io.stdout(`${result.meetingId}\n`);
      printConversionNotes(ctx, file, result.notes);
    } catch (error) {
      if (isDomainError(error) && error.code === 'conflict' && onExisting === 'refuse') {
        throw new DomainError(
          'conflict',
          `${error.message.split('\n')[0] ?? ''} Use --on-existing keep-both or --on-existing replace.`,
        );
      }
      throw error;
    }
  },
};

/** A folder holding bagit.txt, or holding only one folder that does (an unpacked zip). */
function isBagFolder(dir: string): boolean {
  if (fs.existsSync(path.join(dir, 'bagit.txt'))) return true;
  const entries = fs.readdirSync(dir, { withFileTypes: true });
  const [only] = entries;
  return (
    entries.length === 1 &&
    only !== undefined &&
    only.isDirectory() &&
    fs.existsSync(path.join(dir, only.name, 'bagit.txt'))
  );
}
