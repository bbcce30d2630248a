/**
 * "Arkivér": a meeting as a BagIt 1.0 bag (RFC 8493), as a folder or a zip.
 *
 * data/
 *   referat-full.pdf, referat-public.pdf   the signed files when the library has them,
 *                                           otherwise freshly exported editions
 *   meeting.json                            the meeting as canonical referat/1
 *   bilag/<name>                            every appendix file, original name made safe
 * bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt
 *
 * Every payload file is streamed and hashed on the way (never held whole in memory); the
 * appendix bytes are checked against their SHA-256 name in the file store while copied. The
 * output is atomic: a folder is built beside the target and renamed into place, a zip is
 * written to a temporary file and renamed; on any failure nothing is left at the target.
 * A zip holds one top-level folder named like the zip (RFC 8493 §4: a serialization unpacks
 * to a single base directory) and stores the payload uncompressed (PDFs and office files are
 * compressed already; deflating 200 MB would dominate the export time).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import yazl from 'yazl';
import packageJson from '../../../package.json';
import {
  bagitDeclaration,
  bagPayloadNames,
  formatBagInfo,
  formatManifest,
  meetingBagInfo,
  uniqueSafeFileNames,
  type ManifestEntry,
} from '../../../common/archive/bagit';
import { DomainError } from '../../../common/contract/result';
import type { Edition } from '../../../common/export/editions';
import type { ReferatDocument } from '../../../common/format/referat1';
import { serializeReferatDocument } from '../../../common/format/referatJson';
import { writeMinutesPdf } from '../pdf/writePdf';
import { fileStorePath } from '../storage/fileStore';
import { exportMeetingDocument } from '../storage/interchange';
import { editionCorrections } from '../services/editionExport';
import type { Library } from '../storage/library';
import { todayInCopenhagen } from '../storage/queries/common';
import { findSignedPdf } from './signedPdfs';
import { fsyncDirectory, tempPathBeside, writeAtomically } from '../services/atomicFile';

export type ExportBagOptions = {
  /** A folder path (must not exist, or be empty) or a file path ending in `.zip`. */
  out: string;
  /** Bagging date; default today (Copenhagen). */
  now?: Date;
  /** Signed PDFs to use instead of the library's (or fresh exports), by edition. */
  signedPdfs?: Partial<Record<Edition, string>>;
};

/** What was written. */
export type ExportBagResult = {
  out: string;
  kind: 'folder' | 'zip';
  /** Payload files (bag-relative path, size, SHA-256), sorted by path. */
  payload: { path: string; size: number; sha256: string }[];
  /**
   * SHA-256 (hex) of the package: of the zip file, or for a folder of its
   * tagmanifest-sha256.txt (it fixes the other tag files, whose manifest fixes every payload
   * file). The handover to the archive records it.
   */
  packageSha256: string;
  /** Where each PDF came from. */
  pdfSources: Record<Edition, 'signed' | 'exported'>;
};

/**
 * yazl computes each entry's CRC-32 with buffer-crc32, plain JavaScript at about 120 MB/s: for
 * a 200 MB package that is most of the export's CPU. Node's zlib.crc32 (native, same function,
 * same continuation argument) is ten times faster, so yazl's own copy of buffer-crc32 is pointed
 * at it. The tests check every entry's CRC against zlib independently.
 */
function useNativeCrc32(): void {
  if (typeof zlib.crc32 !== 'function') return;
  try {
    const fromYazl = createRequire(createRequire(import.meta.url).resolve('yazl'));
    const crc32 = fromYazl('buffer-crc32') as {
      unsigned: (data: Buffer | string, previous?: number) => number;
    };
    crc32.unsigned = (data, previous) => zlib.crc32(data, previous ?? 0);
  } catch {
    // A packaging layout where yazl's copy cannot be found: yazl keeps its own (slower) CRC.
  }
}
useNativeCrc32();

/** Large reads: fewer chunks through hash and zip for the same bytes. */
const readChunk = 1024 * 1024;

type PayloadSource = { bagPath: string; file: string; size: number; expectedSha256?: string };

/**
 * Writes the bag of `meetingId` to `options.out` (a `.zip` file or a folder).
 * @throws DomainError not_found, invalid_input (bad target), personal_data (public edition), internal (damaged file store)
 */
export async function exportBag(
  library: Library,
  meetingId: string,
  options: ExportBagOptions,
): Promise<ExportBagResult> {
  const target = path.resolve(options.out);
  const kind = target.toLowerCase().endsWith('.zip') ? 'zip' : 'folder';
  checkTarget(target, kind);
  const document = exportMeetingDocument(library.db, meetingId);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bag-'));
  try {
    const { sources, pdfSources } = await collectPayload(library, document, work, options);
    const baggingDate = todayInCopenhagen(options.now);
    const tagTexts = (payload: ManifestEntry[]) => {
      const bagInfo = formatBagInfo(
        meetingBagInfo({
          document,
          baggingDate,
          payload: sources,
          softwareAgent: `Referat ${packageJson.version}`,
        }),
      );
      const manifest = formatManifest(payload);
      const tags: [string, string][] = [
        ['bagit.txt', bagitDeclaration],
        ['bag-info.txt', bagInfo],
        ['manifest-sha256.txt', manifest],
      ];
      const tagManifest = formatManifest(
        tags.map(([name, text]) => ({ path: name, checksum: sha256Of(text) })),
      );
      return [...tags, ['tagmanifest-sha256.txt', tagManifest]] as [string, string][];
    };
    const payload =
      kind === 'zip'
        ? await writeZip(target, sources, tagTexts)
        : await writeFolder(target, sources, tagTexts);
    const packageSha256 = await sha256OfFile(
      kind === 'zip' ? target : path.join(target, 'tagmanifest-sha256.txt'),
    );
    return {
      out: target,
      kind,
      packageSha256,
      payload: payload
        .map((entry) => ({ path: entry.path, size: entry.size, sha256: entry.checksum }))
        .sort(byPath),
      pdfSources,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

function checkTarget(target: string, kind: 'folder' | 'zip'): void {
  const parent = path.dirname(target);
  if (!isDirectory(parent))
    throw new DomainError('invalid_input', `The folder ${parent} does not exist.`);
  const stat = statOrNull(target);
  if (!stat) return;
  if (kind === 'zip' && stat.isDirectory())
    throw new DomainError('invalid_input', `${target} is a folder, not a zip file.`);
  if (kind === 'folder') {
    if (!stat.isDirectory())
      throw new DomainError(
        'invalid_input',
        `${target} exists and is not a folder; give a new folder or a .zip file.`,
      );
    if (fs.readdirSync(target).length > 0) {
      throw new DomainError(
        'invalid_input',
        `The folder ${target} is not empty; a bag is written only into a new or empty folder.`,
      );
    }
  }
}

async function collectPayload(
  library: Library,
  document: ReferatDocument,
  work: string,
  options: ExportBagOptions,
): Promise<{ sources: PayloadSource[]; pdfSources: Record<Edition, 'signed' | 'exported'> }> {
  const sources: PayloadSource[] = [];
  const pdfSources = { full: 'exported', public: 'exported' } as Record<
    Edition,
    'signed' | 'exported'
  >;
  const pdfNames: Record<Edition, string> = {
    full: bagPayloadNames.fullPdf,
    public: bagPayloadNames.publicPdf,
  };
  for (const edition of ['full', 'public'] as const) {
    const signed =
      options.signedPdfs?.[edition] ?? findSignedPdf(library, document.meeting.id, edition);
    let file = signed;
    if (file) pdfSources[edition] = 'signed';
    else {
      file = path.join(work, pdfNames[edition]);
      const corrections = editionCorrections(library.db, document.meeting.id, edition);
      await writeMinutesPdf(document, {
        edition,
        out: file,
        ...(corrections.length > 0 ? { corrections } : {}),
      });
    }
    sources.push({ bagPath: `data/${pdfNames[edition]}`, file, size: fs.statSync(file).size });
  }
  const json = path.join(work, bagPayloadNames.meetingJson);
  fs.writeFileSync(json, serializeReferatDocument(document));
  sources.push({
    bagPath: `data/${bagPayloadNames.meetingJson}`,
    file: json,
    size: fs.statSync(json).size,
  });

  const withFiles = document.appendices.filter((appendix) => appendix.file !== null);
  const names = uniqueSafeFileNames(withFiles.map((appendix) => appendix.file?.name ?? 'bilag'));
  withFiles.forEach((appendix, index) => {
    const file = appendix.file;
    if (!file) return;
    const stored = fileStorePath(library.filesDir, file.sha256);
    const stat = statOrNull(stored);
    if (!stat) {
      throw new DomainError(
        'not_found',
        `Bilag ${appendix.number} "${appendix.title}": its file (${file.sha256}) is missing from the library's file store.`,
      );
    }
    sources.push({
      bagPath: `data/${bagPayloadNames.appendixFolder}/${names[index] ?? 'bilag'}`,
      file: stored,
      size: stat.size,
      expectedSha256: file.sha256,
    });
  });
  return { sources, pdfSources };
}

/** A pass-through that hashes and counts, and fails when the result is not `expected`. */
function hashing(
  source: PayloadSource,
  done: (entry: ManifestEntry & { size: number }) => void,
): Transform {
  const hash = createHash('sha256');
  let size = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      size += chunk.length;
      callback(null, chunk);
    },
    flush(callback) {
      const checksum = hash.digest('hex');
      if (source.expectedSha256 !== undefined && checksum !== source.expectedSha256) {
        callback(
          new DomainError(
            'internal',
            `The library's copy of ${source.bagPath.slice('data/'.length)} is damaged (its SHA-256 is ${checksum}, not ${source.expectedSha256}); the bag was not written.`,
          ),
        );
        return;
      }
      if (size !== source.size) {
        callback(
          new DomainError(
            'internal',
            `${source.file} changed while the bag was written; the bag was not written.`,
          ),
        );
        return;
      }
      done({ path: source.bagPath, checksum, size });
      callback();
    },
  });
}

type TagTexts = (payload: ManifestEntry[]) => [string, string][];

async function writeFolder(
  target: string,
  sources: PayloadSource[],
  tagTexts: TagTexts,
): Promise<(ManifestEntry & { size: number })[]> {
  const stage = tempPathBeside(target);
  fs.mkdirSync(stage);
  try {
    const payload: (ManifestEntry & { size: number })[] = [];
    for (const source of sources) {
      const destination = path.join(stage, ...source.bagPath.split('/'));
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      await pipeline(
        fs.createReadStream(source.file, { highWaterMark: readChunk }),
        hashing(source, (entry) => payload.push(entry)),
        fs.createWriteStream(destination, { flags: 'wx' }),
      );
    }
    for (const [name, text] of tagTexts(payload))
      fs.writeFileSync(path.join(stage, name), text, { flag: 'wx' });
    if (statOrNull(target)) fs.rmdirSync(target); // checked empty before
    fs.renameSync(stage, target);
    fsyncDirectory(path.dirname(target));
    return payload;
  } catch (error) {
    fs.rmSync(stage, { recursive: true, force: true });
    throw error;
  }
}

async function writeZip(
  target: string,
  sources: PayloadSource[],
  tagTexts: TagTexts,
): Promise<(ManifestEntry & { size: number })[]> {
  const root = path.basename(target).replace(/\.zip$/i, '') || 'bag';
  const zip = new yazl.ZipFile();
  const payload: (ManifestEntry & { size: number })[] = [];
  const failures: unknown[] = [];
  // A fixed time keeps the zip's bytes independent of the clock's seconds; DOS time is local.
  const mtime = new Date(2000, 0, 1);
  for (const source of sources) {
    zip.addReadStreamLazy(
      `${root}/${source.bagPath}`,
      { compress: false, mtime, size: source.size },
      (callback) => {
        const stream = fs
          .createReadStream(source.file, { highWaterMark: readChunk })
          .pipe(hashing(source, (entry) => payload.push(entry)));
        stream.on('error', (error) => {
          failures.push(error);
          // yazl waits forever for an entry that failed; end the whole output instead.
          (zip.outputStream as Readable).destroy(error);
        });
        callback(null, stream);
      },
    );
  }
  // Lazy: yazl asks for these only after every payload entry was read, so the hashes are known.
  const tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'];
  let texts: Map<string, string> | null = null;
  for (const name of tags) {
    zip.addReadStreamLazy(`${root}/${name}`, { compress: true, mtime }, (callback) => {
      texts ??= new Map(tagTexts(payload));
      callback(null, Readable.from([Buffer.from(texts.get(name) ?? '', 'utf8')]));
    });
  }
  zip.end();
  try {
    await writeAtomically(target, async (temp) => {
      await pipeline(zip.outputStream, fs.createWriteStream(temp, { flags: 'wx' }));
      if (failures.length > 0) throw failures[0];
      if (payload.length !== sources.length)
        throw new DomainError('internal', 'The zip was not completed; the bag was not written.');
    });
    return payload;
  } catch (error) {
    throw failures[0] ?? error;
  }
}

async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: readChunk }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function isDirectory(file: string): boolean {
  return statOrNull(file)?.isDirectory() ?? false;
}
