/**
 * Content-addressed file store beside a library: `<library>.files/ab/abcdef…` where the name is
 * the file's SHA-256. A file is streamed in while it is hashed, fsynced, and renamed into place
 * atomically; identical content is stored once. The SQLite `files` table indexes what is here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { DomainError } from '../../../common/contract/result';
import { makePrivateDir, privateFileMode } from './privateFiles';
import { commitTempFile } from '../services/atomicFile';

/** The stored form of one file. */
export type StoredFile = { sha256: string; size: number };

const shaPattern = /^[0-9a-f]{64}$/;

/** Where the bytes of `sha256` live (whether or not they are present). */
export function fileStorePath(filesDir: string, sha256: string): string {
  if (!shaPattern.test(sha256))
    throw new DomainError('invalid_input', `"${sha256}" is not a SHA-256 in lowercase hex.`);
  return path.join(filesDir, sha256.slice(0, 2), sha256);
}

/** True when the bytes of `sha256` are in the store. */
export function hasStoredFile(filesDir: string, sha256: string): boolean {
  return fs.existsSync(fileStorePath(filesDir, sha256));
}

/**
 * Copies the file at `sourcePath` into the store, hashing it on the way.
 * @param maxBytes refuse (`too_large`) files larger than this
 */
export async function storeFile(
  filesDir: string,
  sourcePath: string,
  options: { maxBytes?: number } = {},
): Promise<StoredFile> {
  return storeStream(filesDir, fs.createReadStream(sourcePath), options);
}

/** Stores bytes held in memory (imports, tests). */
export async function storeBytes(filesDir: string, bytes: Uint8Array): Promise<StoredFile> {
  return storeStream(filesDir, Readable.from([Buffer.from(bytes)]));
}

/** Streams `source` into the store: temp file, fsync, rename into place (kept once per hash). */
export async function storeStream(
  filesDir: string,
  source: NodeJS.ReadableStream,
  options: { maxBytes?: number } = {},
): Promise<StoredFile> {
  const tempDir = path.join(filesDir, 'tmp');
  makePrivateDir(tempDir);
  const temp = path.join(tempDir, `${process.pid}-${randomBytes(8).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  const maxBytes = options.maxBytes ?? Number.POSITIVE_INFINITY;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length;
      if (size > maxBytes) {
        callback(
          new DomainError('too_large', `The file is larger than the limit of ${maxBytes} bytes.`),
        );
        return;
      }
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  try {
    await pipeline(
      source,
      meter,
      fs.createWriteStream(temp, { flags: 'wx', mode: privateFileMode }),
    );
    const sha256 = hash.digest('hex');
    const target = fileStorePath(filesDir, sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(temp, { force: true });
    } else {
      makePrivateDir(path.dirname(target));
      commitTempFile(temp, target);
    }
    return { sha256, size };
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Reads the bytes of a stored file. @throws DomainError not_found */
export function readStoredFile(filesDir: string, sha256: string): Buffer {
  const file = fileStorePath(filesDir, sha256);
  try {
    return fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new DomainError('not_found', `The file ${sha256} is not in the library's file store.`);
    }
    throw error;
  }
}

/** Re-hashes a stored file; false when it is missing or its bytes no longer match the name. */
export async function verifyStoredFile(filesDir: string, sha256: string): Promise<boolean> {
  const file = fileStorePath(filesDir, sha256);
  if (!fs.existsSync(file)) return false;
  const hash = createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex') === sha256;
}
