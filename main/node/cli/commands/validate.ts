/**
 * `referat validate FILE.json`: checks a `referat/2` or `referat/1` document without a library.
 * Prints every problem as `path: message` on standard output (exit 1), or `ok` (exit 0); for a
 * referat/1 document `ok` is followed by what reading it as referat/2 assumes.
 */
import { DomainError } from '../../../../common/contract/result';
import {
  ReferatFormatError,
  issueLine,
  maxDocumentLength,
  readReferatDocument,
} from '../../../../common/format/referatJson';
import { describeConversionNote } from '../../../../common/format/referat1Conversion';
import { readTextFile } from '../files';
import type { CliCommand } from '../types';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a referat/2 or referat/1 document and list every problem with its JSON path',
  positionals: [{ name: 'FILE', description: 'a referat/2 or referat/1 document' }],
  options: [],
  library: 'none',
  run(ctx) {
    const file = ctx.args[0] ?? '';
    const text = readTextFile(ctx.resolvePath(file), maxDocumentLength, file);
    let notes: string[];
    try {
      notes = readReferatDocument(text).notes.map(describeConversionNote);
    } catch (error) {
      if (error instanceof ReferatFormatError) {
        ctx.io.stdout(`${error.issues.map(issueLine).join('\n')}\n`);
        const count = error.issues.length;
        const version = error.message.startsWith('The document is not a valid referat/1')
          ? 'referat/1'
          : 'referat/2';
        throw new DomainError(
          'invalid_input',
          `${file} is not a valid ${version} document: ${count === 1 ? '1 error' : `${count} errors`}`,
        );
      }
      throw error;
    }
    ctx.io.stdout('ok\n');
    if (notes.length > 0) {
      ctx.io.stdout(
        `referat/1 document, read as referat/2 assuming:\n${notes.map((note) => `  - ${note}\n`).join('')}`,
      );
    }
  },
};
