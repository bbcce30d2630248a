/**
 * "Åbn pakke": verifies a BagIt bag completely, then imports its meeting.
 *
 * Verification comes first and writes nothing: bagit.txt (version 1.0, UTF-8), every payload
 * manifest and tag manifest checksum, Payload-Oxum, no payload file missing from or extra to a
 * manifest, no tag file outside the tag manifest. A bag failing any check is refused with the
 * list of problems (`BagVerificationError`), and the library is not touched.
 *
 * Import then: meeting.json is parsed as referat/1; every appendix file it names must be in
 * the payload with the same SHA-256 and size; an existing meeting is refused unless the caller
 * chose keep both or replace (never overwritten silently); appendix files go into the file
 * store by SHA-256 (bytes already there are not copied again); the meeting is imported in one
 * transaction. If that fails, files this import added to the store are removed again.
 */
import { createHash, getHashes, type Hash } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import {
  bagAlgorithm,
  bagInfoValue,
  bagPayloadNames,
  isSafeBagPath,
  parseBagInfo,
  parseManifest,
} from '../../../common/archive/bagit';
import { DomainError, type ApiErrorDetail } from '../../../common/contract/result';
import type { ConversionNote } from '../../../common/format/referat1Conversion';
import type { ReferatDocument } from '../../../common/format/referat2';
import {
  maxDocumentLength,
  readReferatDocument,
  type ReferatReading,
} from '../../../common/format/referatJson';
import { fileStorePath, hasStoredFile, storeStream } from '../storage/fileStore';
import { importMeetingDocument, type OnExisting } from '../storage/interchange';
import type { Library } from '../storage/library';
import { stmt } from '../storage/statements';
import { openBagSource, type BagLimits, type BagSource } from './bagSource';

/** One reason a bag failed verification. */
export type BagProblem = { path: string; problem: string };

/** A bag that failed verification: `problems` lists every bad file. Nothing was written. */
export class BagVerificationError extends DomainError {
  readonly problems: readonly BagProblem[];
  constructor(shownName: string, problems: readonly BagProblem[]) {
    const details = problems.slice(0, 200).map((p) => ({ path: p.path, message: p.problem }));
    if (problems.length > 200)
      details.push({ path: '(more)', message: `… and ${problems.length - 200} more` });
    super(
      'invalid_input',
      `${shownName} failed verification (${problems.length === 1 ? '1 problem' : `${problems.length} problems`}); nothing was imported:`,
      undefined,
      { details },
    );
    this.name = 'DomainError';
    this.problems = problems;
  }
}

/** What a verified bag holds. */
export type VerifiedBag = {
  /** Payload files (bag-relative) with size and SHA-256. */
  payload: Map<string, { size: number; sha256: string }>;
  bagInfo: readonly (readonly [string, string])[];
};

const algorithms: Readonly<Record<string, string>> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
};

/**
 * Checks every file of `source` against the bag's manifests. Reads every byte once.
 * @throws BagVerificationError listing every problem
 */
export async function verifyBagSource(source: BagSource): Promise<VerifiedBag> {
  const problems: BagProblem[] = [];
  const files = source.files;
  const readText = async (bagPath: string): Promise<string | null> => {
    if (!files.has(bagPath)) return null;
    const size = files.get(bagPath)?.size ?? 0;
    if (size > 64 * 1024 * 1024) {
      problems.push({ path: bagPath, problem: 'is too large for a tag file' });
      return null;
    }
    const bytes = await readAll(await source.open(bagPath));
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      problems.push({ path: bagPath, problem: 'is not valid UTF-8' });
      return null;
    }
  };

  const declaration = await readText('bagit.txt');
  if (declaration === null)
    problems.push({ path: 'bagit.txt', problem: 'is missing (this is not a BagIt bag)' });
  else {
    const { fields, problems: lineProblems } = parseBagInfo(declaration);
    for (const problem of lineProblems) problems.push({ path: 'bagit.txt', problem });
    const version = bagInfoValue(fields, 'BagIt-Version');
    const encoding = bagInfoValue(fields, 'Tag-File-Character-Encoding');
    if (version === undefined || !/^\d+\.\d+$/.test(version))
      problems.push({ path: 'bagit.txt', problem: 'has no BagIt-Version' });
    else if (version !== '1.0' && version !== '0.97')
      problems.push({ path: 'bagit.txt', problem: `BagIt-Version ${version} is not supported` });
    if (encoding?.toUpperCase() !== 'UTF-8')
      problems.push({
        path: 'bagit.txt',
        problem: `Tag-File-Character-Encoding must be UTF-8 (is ${encoding ?? 'missing'})`,
      });
  }

  const manifestNames = [...files.keys()].filter((name) => /^manifest-[a-z0-9]+\.txt$/.test(name));
  const tagManifestNames = [...files.keys()].filter((name) =>
    /^tagmanifest-[a-z0-9]+\.txt$/.test(name),
  );
  if (!files.has(`manifest-${bagAlgorithm}.txt`)) {
    problems.push({
      path: `manifest-${bagAlgorithm}.txt`,
      problem: 'is missing (Referat needs SHA-256 checksums)',
    });
  }
  if (!files.has(`tagmanifest-${bagAlgorithm}.txt`)) {
    problems.push({
      path: `tagmanifest-${bagAlgorithm}.txt`,
      problem: 'is missing (the tag files could be changed unnoticed)',
    });
  }

  // Expected checksums: path -> algorithm -> checksum.
  const expected = new Map<string, Map<string, string>>();
  const payloadManifests: string[] = [];
  const tagFilesListed = new Set<string>();
  for (const name of [...manifestNames, ...tagManifestNames]) {
    const algorithm = /-([a-z0-9]+)\.txt$/.exec(name)?.[1] ?? '';
    const isTag = name.startsWith('tagmanifest-');
    const nodeAlgorithm = algorithms[algorithm];
    if (!nodeAlgorithm || !getHashes().includes(nodeAlgorithm)) {
      problems.push({ path: name, problem: `the algorithm ${algorithm} is not supported` });
      continue;
    }
    if (!isTag) payloadManifests.push(algorithm);
    const text = await readText(name);
    if (text === null) continue;
    const parsed = parseManifest(text);
    for (const problem of parsed.problems) problems.push({ path: name, problem });
    for (const entry of parsed.entries) {
      if (!isSafeBagPath(entry.path)) {
        problems.push({
          path: name,
          problem: `lists an unsafe path ${JSON.stringify(entry.path)}`,
        });
        continue;
      }
      const isPayload = entry.path.startsWith('data/');
      if (isTag === isPayload) {
        problems.push({
          path: name,
          problem: `lists ${entry.path}, which belongs in a ${isTag ? 'payload' : 'tag'} manifest`,
        });
        continue;
      }
      if (isTag) tagFilesListed.add(entry.path);
      const byAlgorithm = expected.get(entry.path) ?? new Map<string, string>();
      if (byAlgorithm.has(algorithm))
        problems.push({ path: name, problem: `lists ${entry.path} twice` });
      byAlgorithm.set(algorithm, entry.checksum);
      expected.set(entry.path, byAlgorithm);
      if (!files.has(entry.path))
        problems.push({ path: entry.path, problem: `is listed in ${name} but missing` });
    }
  }

  // Every payload file in every payload manifest; every tag file in the tag manifest.
  const payloadFiles = [...files.keys()].filter((name) => name.startsWith('data/'));
  for (const file of payloadFiles) {
    for (const algorithm of payloadManifests) {
      if (!expected.get(file)?.has(algorithm))
        problems.push({ path: file, problem: `is not listed in manifest-${algorithm}.txt` });
    }
  }
  for (const file of files.keys()) {
    if (file.startsWith('data/') || tagManifestNames.includes(file)) continue;
    if (!tagFilesListed.has(file))
      problems.push({ path: file, problem: 'is not listed in the tag manifest' });
  }

  // Hash every listed file that exists, each read once for all its algorithms.
  const payload = new Map<string, { size: number; sha256: string }>();
  for (const [file, byAlgorithm] of expected) {
    const info = files.get(file);
    if (!info) continue;
    const hashes = new Map<string, Hash>(
      [...byAlgorithm.keys()].map((a) => [a, createHash(algorithms[a] ?? a)]),
    );
    if (!hashes.has(bagAlgorithm) && file.startsWith('data/'))
      hashes.set(bagAlgorithm, createHash('sha256'));
    let size = 0;
    try {
      for await (const chunk of await source.open(file)) {
        const bytes = chunk as Buffer;
        size += bytes.length;
        for (const hash of hashes.values()) hash.update(bytes);
      }
    } catch (error) {
      problems.push({ path: file, problem: `cannot be read (${(error as Error).message})` });
      continue;
    }
    const digests = new Map([...hashes].map(([a, hash]) => [a, hash.digest('hex')]));
    for (const [algorithm, checksum] of byAlgorithm) {
      if (digests.get(algorithm) !== checksum)
        problems.push({
          path: file,
          problem: `its ${algorithm} checksum does not match the manifest`,
        });
    }
    if (file.startsWith('data/'))
      payload.set(file, { size, sha256: digests.get(bagAlgorithm) ?? '' });
  }

  const bagInfoText = await readText('bag-info.txt');
  const bagInfo = bagInfoText === null ? [] : parseBagInfo(bagInfoText).fields;
  if (bagInfoText !== null) {
    for (const problem of parseBagInfo(bagInfoText).problems)
      problems.push({ path: 'bag-info.txt', problem });
    const oxum = bagInfoValue(bagInfo, 'Payload-Oxum');
    if (oxum !== undefined) {
      const actualBytes = payloadFiles.reduce((sum, file) => sum + (files.get(file)?.size ?? 0), 0);
      const actual = `${actualBytes}.${payloadFiles.length}`;
      if (oxum !== actual)
        problems.push({
          path: 'bag-info.txt',
          problem: `Payload-Oxum is ${oxum} but the payload is ${actual}`,
        });
    }
  }

  if (problems.length > 0) throw new BagVerificationError(source.shownName, problems);
  return { payload, bagInfo };
}

/**
 * Verifies a bag folder or zip without importing it.
 * @throws BagVerificationError, DomainError (unsafe or unreadable package)
 */
export async function verifyBag(
  location: string,
  options: { limits?: BagLimits; shownName?: string } = {},
): Promise<VerifiedBag> {
  const source = await openBagSource(location, options.limits, options.shownName);
  try {
    return await verifyBagSource(source);
  } finally {
    source.close();
  }
}

export type ImportBagOptions = {
  /** What to do when the meeting is already in the library (default `refuse`: a `conflict` error). */
  onExisting?: OnExisting;
  author?: string;
  limits?: BagLimits;
  /** The name shown in messages (e.g. the uploaded file's name). */
  shownName?: string;
  /** Largest appendix file accepted into the store. */
  maxFileBytes?: number;
};

/** What an import did. */
export type ImportBagResult = {
  meetingId: string;
  filesAdded: number;
  filesAlreadyStored: number;
  /** What converting a referat/1 meeting.json assumed (empty for referat/2). */
  notes: ConversionNote[];
};

/**
 * Verifies and imports a bag (folder or zip). All or nothing: a bag that fails any check, an
 * existing meeting with `onExisting` refuse, or an invalid meeting.json leave the library as it was.
 * @throws BagVerificationError, DomainError conflict / locked / invalid_input / too_large
 */
export async function importBag(
  library: Library,
  location: string,
  options: ImportBagOptions = {},
): Promise<ImportBagResult> {
  const source = await openBagSource(location, options.limits, options.shownName);
  try {
    const verified = await verifyBagSource(source);
    const { document, notes } = await readMeetingJson(source, verified);
    const needed = appendixFiles(source.shownName, document, verified);
    const onExisting = options.onExisting ?? 'refuse';
    if (
      onExisting === 'refuse' &&
      stmt(library.db, 'SELECT 1 FROM meetings WHERE id = ?').get(document.meeting.id) !== undefined
    ) {
      throw new DomainError(
        'conflict',
        `The library already has this meeting (id ${document.meeting.id}). Import it as a copy (keep both) or replace the existing meeting.`,
      );
    }
    const added: string[] = [];
    let alreadyStored = 0;
    try {
      for (const [sha256, bagPath] of needed) {
        if (hasStoredFile(library.filesDir, sha256)) {
          alreadyStored += 1;
          continue;
        }
        const stored = await storeStream(library.filesDir, await source.open(bagPath), {
          maxBytes: options.maxFileBytes,
        });
        added.push(stored.sha256);
        if (stored.sha256 !== sha256) {
          throw new DomainError(
            'conflict',
            `${bagPath} changed while it was imported; nothing was imported.`,
          );
        }
      }
      const { meetingId } = importMeetingDocument(library.db, document, {
        onExisting,
        author: options.author,
      });
      return { meetingId, filesAdded: added.length, filesAlreadyStored: alreadyStored, notes };
    } catch (error) {
      for (const sha256 of added) removeUnusedStoredFile(library, sha256);
      throw error;
    }
  } finally {
    source.close();
  }
}

async function readMeetingJson(source: BagSource, verified: VerifiedBag): Promise<ReferatReading> {
  const bagPath = `data/${bagPayloadNames.meetingJson}`;
  const info = verified.payload.get(bagPath);
  if (!info)
    throw new DomainError(
      'invalid_input',
      `${source.shownName} has no ${bagPath}; it is not a Referat package.`,
    );
  if (info.size > maxDocumentLength)
    throw new DomainError('too_large', `${bagPath} is larger than ${maxDocumentLength} bytes.`);
  const text = (await readAll(await source.open(bagPath))).toString('utf8');
  try {
    return readReferatDocument(text);
  } catch (error) {
    if (error instanceof DomainError)
      throw new DomainError(error.code, `${source.shownName}, ${bagPath}: ${error.message}`);
    throw error;
  }
}

/** sha256 → a payload path holding those bytes, for every appendix file of the document. */
function appendixFiles(
  shownName: string,
  document: ReferatDocument,
  verified: VerifiedBag,
): Map<string, string> {
  const bySha = new Map<string, string>();
  for (const [bagPath, info] of verified.payload)
    if (!bySha.has(info.sha256)) bySha.set(info.sha256, bagPath);
  const needed = new Map<string, string>();
  const missing: ApiErrorDetail[] = [];
  for (const appendix of document.appendices) {
    if (!appendix.file) continue;
    const bagPath = bySha.get(appendix.file.sha256);
    const size = bagPath === undefined ? undefined : verified.payload.get(bagPath)?.size;
    if (bagPath === undefined || size !== appendix.file.size) {
      missing.push({
        path: `Bilag ${appendix.number} "${appendix.title}"`,
        message: `the file ${appendix.file.name} (SHA-256 ${appendix.file.sha256}) is not in the package`,
      });
    } else needed.set(appendix.file.sha256, bagPath);
  }
  if (missing.length > 0) {
    throw new DomainError(
      'invalid_input',
      `${shownName} is incomplete; nothing was imported:`,
      undefined,
      { details: missing },
    );
  }
  return needed;
}

/** Removes a file this import put in the store, unless the library has come to use it. */
function removeUnusedStoredFile(library: Library, sha256: string): void {
  if (stmt(library.db, 'SELECT 1 FROM files WHERE sha256 = ?').get(sha256) !== undefined) return;
  fs.rmSync(fileStorePath(library.filesDir, sha256), { force: true });
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
