/**
 * `referat import FILE.json`: one `referat/2` (or older `referat/1`) document into the library,
 * all or nothing. What converting a referat/1 document assumed is printed on stderr.
 */
import { DomainError, isDomainError } from '../../../../common/contract/result';
import {
  describeConversionNote,
  type ConversionNote,
} from '../../../../common/format/referat1Conversion';
import {
  ReferatFormatError,
  issueLine,
  maxDocumentLength,
  readReferatDocument,
  type ReferatReading,
} from '../../../../common/format/referatJson';
import { IdCollisionError, importMeetingDocument } from '../../storage/interchange';
import { readTextFile } from '../files';
import { onExistingOf, type CliIo, type Importer } from '../types';

export const jsonImporter: Importer = {
  name: 'json',
  description: 'a referat/2 or referat/1 document (FILE.json)',
  // The fallback: any file that no other importer claimed is read as referat JSON.
  matches: (_file, stat) => stat.isFile,
  run(ctx, { file, onExisting }) {
    const { document, notes } = readDocument(file, ctx.resolvePath(file));
    const library = ctx.library();
    try {
      const { meetingId } = importMeetingDocument(library.db, document, {
        onExisting: onExistingOf[onExisting],
        author: library.author,
      });
      ctx.io.stdout(`${meetingId}\n`);
      printConversionNotes(ctx, file, notes);
    } catch (error) {
      if (error instanceof IdCollisionError) {
        // Replacing would not help: the ids belong to another meeting; only new ids do.
        throw new DomainError(
          'conflict',
          `${firstLine(error.message)} Use --on-existing keep-both (the copy gets new ids).`,
        );
      }
      if (isDomainError(error) && error.code === 'conflict' && onExisting === 'refuse') {
        throw new DomainError(
          'conflict',
          `${firstLine(error.message)} Use --on-existing keep-both or --on-existing replace.`,
        );
      }
      throw error;
    }
  },
};

/** "FILE is referat/1, read as referat/2 assuming:" and one line per note, on stderr. */
export function printConversionNotes(
  ctx: { io: CliIo },
  shownName: string,
  notes: readonly ConversionNote[],
): void {
  if (notes.length === 0) return;
  ctx.io.stderr(
    `${shownName} is a referat/1 document, read as referat/2 assuming:\n${notes
      .map((note) => `  - ${describeConversionNote(note)}\n`)
      .join('')}`,
  );
}

/** Reads and validates a document, turning a list of problems into one line. */
export function readDocument(shownName: string, file: string): ReferatReading {
  const text = readTextFile(file, maxDocumentLength, shownName);
  try {
    return readReferatDocument(text);
  } catch (error) {
    if (error instanceof ReferatFormatError) {
      const count = error.issues.length;
      const first = error.issues[0];
      const version = firstLine(error.message).includes('referat/1') ? 'referat/1' : 'referat/2';
      throw new DomainError(
        'invalid_input',
        `${shownName} is not a valid ${version} document: ${count === 1 ? '1 error' : `${count} errors`}, the first: ${
          first ? issueLine(first) : '?'
        }${count > 1 ? ` (referat validate ${shownName} lists them all)` : ''}`,
      );
    }
    if (isDomainError(error)) throw new DomainError(error.code, `${shownName}: ${error.message}`);
    throw error;
  }
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
