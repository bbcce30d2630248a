/**
 * File input and output for CLI commands: bounded, strictly decoded reads and atomic writes,
 * with messages that name the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DomainError } from '../../../common/contract/result';
import type { CommandContext } from './types';
import { writeFileAtomically } from '../services/atomicFile';

/**
 * Reads a UTF-8 text file of at most `maxLength` characters. A larger file is refused from
 * its size before it is read (a UTF-8 file of n bytes has at least n/3 characters).
 * Messages name the file as `shownName` (what the user typed).
 * @throws DomainError not_found, too_large, invalid_input
 */
export function readTextFile(location: string, maxLength: number, shownName = location): string {
  const file = shownName;
  const stat = statOrNull(location);
  if (!stat) throw new DomainError('not_found', `${file} does not exist.`);
  if (stat.isDirectory())
    throw new DomainError('invalid_input', `${file} is a folder, not a file.`);
  if (stat.size > maxLength * 3) {
    throw new DomainError(
      'too_large',
      `${file} is ${describeBytes(stat.size)}; that is too large for a referat/1 document.`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(location);
  } catch (error) {
    throw new DomainError('forbidden', `${file} cannot be read (${(error as Error).message}).`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new DomainError('invalid_input', `${file} is not UTF-8 text.`);
  }
}

/**
 * Writes `data` to `out` atomically (a temporary file beside it, then a rename), so a reader
 * never sees half a file and a failed export leaves any earlier file untouched. `-` writes to
 * standard output.
 * @throws DomainError invalid_input (a folder, or no such folder), forbidden
 */
export function writeOutput(ctx: CommandContext, out: string, data: string | Uint8Array): void {
  if (out === '-') {
    ctx.io.stdout(data);
    return;
  }
  const target = ctx.resolvePath(out);
  const stat = statOrNull(target);
  if (stat?.isDirectory())
    throw new DomainError('invalid_input', `${out} is a folder; give a file name with --out.`);
  const dir = path.dirname(target);
  if (!statOrNull(dir)?.isDirectory())
    throw new DomainError('invalid_input', `The folder ${dir} does not exist.`);
  try {
    writeFileAtomically(target, data);
  } catch (error) {
    throw new DomainError('forbidden', `${out} cannot be written (${(error as Error).message}).`);
  }
}

export function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function describeBytes(size: number): string {
  return size >= 1024 * 1024 ? `${(size / (1024 * 1024)).toFixed(1)} MiB` : `${size} bytes`;
}
