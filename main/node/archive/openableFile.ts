/**
 * Whether an appendix file may be handed to the system's viewer: its name must name a known
 * document type (common/archive/documentTypes.ts) and its bytes must be that type. OOXML is
 * told by its `[Content_Types].xml`, text by being UTF-8 without NUL characters.
 */
import fs from 'node:fs/promises';
import yauzl from 'yauzl';
import {
  documentKindOfName,
  documentMediaTypes,
  isPlainUtf8Text,
  ooxmlKindOfContentTypes,
  sniffDocumentHead,
  sniffHeadLength,
  type DocumentKind,
} from '../../../common/archive/documentTypes';

/** The answer of {@link checkOpenableFile}. */
export type OpenableCheck =
  | { isOpenable: true; kind: DocumentKind; mediaType: string }
  | {
      isOpenable: false;
      /** `unknownType`: the name is no known document; `contentMismatch`: the bytes are not what the name says. */
      reason: 'unknownType' | 'contentMismatch';
    };

/** The largest text file checked whole; larger "text" is not opened. */
const maxTextBytes = 32 * 1024 * 1024;
/** The largest `[Content_Types].xml` read (real ones are a few KB). */
const maxContentTypesBytes = 1024 * 1024;

/** Checks the file at `file`, to be handed over as `fileName`. */
export async function checkOpenableFile(file: string, fileName: string): Promise<OpenableCheck> {
  const kind = documentKindOfName(fileName);
  if (!kind) return { isOpenable: false, reason: 'unknownType' };
  const isMatching = await contentIs(kind, file);
  return isMatching
    ? { isOpenable: true, kind, mediaType: documentMediaTypes[kind] }
    : { isOpenable: false, reason: 'contentMismatch' };
}

async function contentIs(kind: DocumentKind, file: string): Promise<boolean> {
  if (kind === 'txt') {
    const { size } = await fs.stat(file);
    return size <= maxTextBytes && isPlainUtf8Text(await fs.readFile(file));
  }
  const sniffed = sniffDocumentHead(await readHead(file, sniffHeadLength));
  if (kind === 'docx' || kind === 'xlsx')
    return sniffed === 'zip' && (await ooxmlKind(file)) === kind;
  return sniffed === kind;
}

async function readHead(file: string, length: number): Promise<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The kind the package's content types declare; null when it has none or is no valid ZIP. */
async function ooxmlKind(file: string): Promise<'docx' | 'xlsx' | null> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, value) =>
        error || !value ? reject(error ?? new Error('no zip')) : resolve(value),
      ),
    );
  } catch {
    return null;
  }
  try {
    const xml = await new Promise<string | null>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== '[Content_Types].xml') return zip.readEntry();
        if (entry.uncompressedSize > maxContentTypesBytes) return resolve(null);
        zip.openReadStream(entry, (error, stream) => {
          if (error || !stream) return reject(error ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(null));
      zip.on('error', reject);
      zip.readEntry();
    });
    return xml === null ? null : ooxmlKindOfContentTypes(xml);
  } catch {
    return null;
  } finally {
    zip.close();
  }
}
