/**
 * Files uploaded by the page in browser mode (`POST /upload`). The page only ever learns an
 * opaque upload id; handlers turn it into a file through the handler context
 * (`ctx.resolveUpload`). No path from the page is ever used.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { withoutUnsafeCharacters } from '../../../common/archive/fileNames';
import { DomainError } from '../../../common/contract/result';

/** An uploaded file as handlers see it. */
export type UploadedFile = {
  /** The opaque id the page received (32 hex characters). */
  uploadId: string;
  /** Absolute path of the temporary copy, owned by the upload store. */
  path: string;
  /** The file name the page gave, reduced to a safe base name (for display and defaults only). */
  fileName: string;
  size: number;
  /** SHA-256 of the bytes, lowercase hex. */
  sha256: string;
  /** The media type the page declared, unless it was the generic application/octet-stream. */
  mediaType?: string;
};

/** Thrown when an upload exceeds its limit; the host answers 413. */
export class UploadTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than the limit of ${limit} bytes.`);
    this.name = 'UploadTooLargeError';
  }
}

/** How long an unused upload is kept before it is removed. */
const uploadLifetimeMs = 60 * 60 * 1000;

/** A temporary folder of uploads, removed on `close()`. */
export type UploadStore = {
  /** Streams `source` to a new temporary file; rejects with UploadTooLargeError past `limit` bytes. */
  save(
    source: Readable,
    fileName: string,
    limit: number,
    mediaType?: string,
  ): Promise<UploadedFile>;
  /** The upload with this id, or a `not_found` DomainError. */
  resolve(uploadId: string): UploadedFile;
  /** Forgets one upload and deletes its file. */
  release(uploadId: string): Promise<void>;
  close(): void;
};

export function createUploadStore(): UploadStore {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'referat-uploads-'));
  const uploads = new Map<string, UploadedFile & { createdAt: number }>();

  function expire(): void {
    const now = Date.now();
    for (const [id, upload] of uploads) {
      if (now - upload.createdAt > uploadLifetimeMs) {
        uploads.delete(id);
        void rm(upload.path, { force: true });
      }
    }
  }

  return {
    save(source, fileName, limit, mediaType) {
      expire();
      const uploadId = randomBytes(16).toString('hex');
      const file = path.join(dir, uploadId);
      const hash = createHash('sha256');
      let size = 0;
      return new Promise<UploadedFile>((resolve, reject) => {
        const sink = createWriteStream(file, { flags: 'wx', mode: 0o600 });
        let isFailed = false;
        const fail = (error: Error) => {
          if (isFailed) return;
          isFailed = true;
          source.unpipe(sink);
          sink.destroy();
          void rm(file, { force: true });
          reject(error);
        };
        source.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > limit) {
            fail(new UploadTooLargeError(limit));
            return;
          }
          hash.update(chunk);
        });
        source.on('error', fail);
        source.on('aborted', () => fail(new Error('The upload was aborted.')));
        sink.on('error', fail);
        sink.on('finish', () => {
          if (isFailed) return;
          const upload: UploadedFile = {
            uploadId,
            path: file,
            fileName: safeFileName(fileName),
            size,
            sha256: hash.digest('hex'),
          };
          const declared = mediaType?.split(';')[0]?.trim().toLowerCase();
          if (
            declared &&
            declared !== 'application/octet-stream' &&
            /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(declared)
          ) {
            upload.mediaType = declared;
          }
          uploads.set(uploadId, { ...upload, createdAt: Date.now() });
          resolve(upload);
        });
        source.pipe(sink);
      });
    },
    resolve(uploadId) {
      const upload = /^[a-f0-9]{32}$/.test(uploadId) ? uploads.get(uploadId) : undefined;
      if (!upload)
        throw new DomainError(
          'not_found',
          'The uploaded file was not found (it may have expired). Upload it again.',
        );
      const { createdAt: _createdAt, ...file } = upload;
      return file;
    },
    async release(uploadId) {
      const upload = uploads.get(uploadId);
      if (!upload) return;
      uploads.delete(uploadId);
      await rm(upload.path, { force: true });
    },
    close() {
      uploads.clear();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A base name without bidirectional formatting, control characters or separators, at most 200
 * characters.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = withoutUnsafeCharacters(base).trim().slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'upload' : cleaned;
}
