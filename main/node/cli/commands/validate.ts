/**
 * `referat validate FILE.json`: checks a `referat/1` document without a library. Prints every
 * problem as `path: message` on standard output (exit 1), or `ok` (exit 0).
 */
import { DomainError } from '../../../../common/contract/result';
import {
  ReferatFormatError,
  issueLine,
  maxDocumentLength,
  parseReferatDocument,
} from '../../../../common/format/referatJson';
import { readTextFile } from '../files';
import type { CliCommand } from '../types';

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a referat/1 document and list every problem with its JSON path',
  positionals: [{ name: 'FILE', description: 'a referat/1 document' }],
  options: [],
  library: 'none',
  run(ctx) {
    const file = ctx.args[0] ?? '';
    const text = readTextFile(ctx.resolvePath(file), maxDocumentLength, file);
    try {
      parseReferatDocument(text);
    } catch (error) {
      if (error instanceof ReferatFormatError) {
        ctx.io.stdout(`${error.issues.map(issueLine).join('\n')}\n`);
        const count = error.issues.length;
        throw new DomainError(
          'invalid_input',
          `${file} is not a valid referat/1 document: ${count === 1 ? '1 error' : `${count} errors`}`,
        );
      }
      throw error;
    }
    ctx.io.stdout('ok\n');
  },
};
