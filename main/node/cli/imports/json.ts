/** `referat import FILE.json`: one `referat/1` document into the library, all or nothing. */
import { DomainError, isDomainError } from '../../../../common/contract/result';
import {
  ReferatFormatError,
  issueLine,
  maxDocumentLength,
  parseReferatDocument,
} from '../../../../common/format/referatJson';
import { importMeetingDocument, type OnExisting } from '../../storage/interchange';
import { readTextFile } from '../files';
import type { Importer, OnExistingChoice } from '../types';

const onExistingOf: Record<OnExistingChoice, OnExisting> = {
  refuse: 'refuse',
  'keep-both': 'keepBoth',
  replace: 'replace',
};

export const jsonImporter: Importer = {
  name: 'json',
  description: 'a referat/1 document (FILE.json)',
  // The fallback: any file that no other importer claimed is read as referat/1 JSON.
  matches: (_file, stat) => stat.isFile,
  run(ctx, { file, onExisting }) {
    const document = readDocument(file, ctx.resolvePath(file));
    const library = ctx.library();
    try {
      const { meetingId } = importMeetingDocument(library.db, document, {
        onExisting: onExistingOf[onExisting],
        author: library.author,
      });
      ctx.io.stdout(`${meetingId}\n`);
    } catch (error) {
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

/** Reads and validates a document, turning a list of problems into one line. */
export function readDocument(shownName: string, file: string) {
  const text = readTextFile(file, maxDocumentLength, shownName);
  try {
    return parseReferatDocument(text);
  } catch (error) {
    if (error instanceof ReferatFormatError) {
      const count = error.issues.length;
      const first = error.issues[0];
      throw new DomainError(
        'invalid_input',
        `${shownName} is not a valid referat/1 document: ${count === 1 ? '1 error' : `${count} errors`}, the first: ${
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
