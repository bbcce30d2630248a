/**
 * Taking in a file a request names (an upload in browser mode, the open dialog in Electron) and
 * the name and media type it is kept under. Shared by the handlers of every area.
 */
import fs from 'node:fs';
import { withoutUnsafeCharacters } from '../../../common/archive/fileNames';
import { DomainError } from '../../../common/contract/result';
import type { HandlerContext, IncomingFile, PickFileOptions } from './types';

/** The file a request names: an upload (browser mode) or the open dialog (Electron). */
export async function incomingFile(
  uploadId: string | undefined,
  ctx: HandlerContext,
  pickOptions?: PickFileOptions,
  /** What the messages call the file ("file", "package"). */
  noun = 'file',
): Promise<IncomingFile> {
  if (uploadId !== undefined) {
    if (!ctx.resolveUpload)
      throw new DomainError('forbidden', 'This transport does not accept uploads.');
    return ctx.resolveUpload(uploadId);
  }
  if (!ctx.pickFile) {
    throw new DomainError(
      'invalid_input',
      `uploadId: upload the ${noun} first; this transport has no file dialog.`,
    );
  }
  const picked = await ctx.pickFile(pickOptions);
  if (!picked) throw new DomainError('cancelled', `No ${noun} was chosen.`);
  return picked;
}

/**
 * The bytes of a file taken in, read into memory after checking its size: `not_found` when it
 * cannot be read, `too_large` ("<name> <tooLarge>.") when it has more than `maxBytes`.
 */
export function readIncomingFile(file: IncomingFile, maxBytes: number, tooLarge: string): Buffer {
  const name = safeFileName(file.fileName);
  let size: number;
  try {
    size = fs.statSync(file.path).size;
  } catch {
    throw new DomainError('not_found', `${name} cannot be read.`);
  }
  if (size > maxBytes) throw new DomainError('too_large', `${name} ${tooLarge}.`);
  return fs.readFileSync(file.path);
}

/**
 * A display name of at most 255 characters, never empty, without folders, bidirectional
 * formatting or control characters.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop()?.trim() ?? '';
  const cleaned = withoutUnsafeCharacters(base).trim();
  return (cleaned === '' ? 'bilag' : cleaned).slice(0, 255);
}

const mediaTypes: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  txt: 'text/plain',
  csv: 'text/csv',
  rtf: 'application/rtf',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  svg: 'image/svg+xml',
  zip: 'application/zip',
  msg: 'application/vnd.ms-outlook',
  eml: 'message/rfc822',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
};

/** The media type for a file name's extension; `application/octet-stream` when unknown. */
export function mediaTypeFor(fileName: string): string {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  return mediaTypes[extension] ?? 'application/octet-stream';
}
