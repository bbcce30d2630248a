/**
 * The archive package on real libraries in temporary folders: bags made by Referat
 * checked by the independent RFC 8493 validator (tests/helpers/bagitValidator.ts), tampering
 * refused by both the validator and importBag with the library unchanged, zip safety,
 * export → import → export, existing meetings, and the CLI.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument, serializeReferatDocument } from '../../common/format/referatJson';
import { exportBag } from '../../main/node/archive/exportBag';
import { BagVerificationError, importBag, verifyBag } from '../../main/node/archive/importBag';
import { runCli } from '../../main/node/cli/cli';
import { storeBytes } from '../../main/node/storage/fileStore';
import { exportMeetingDocument, importMeetingDocument } from '../../main/node/storage/interchange';
import { addCorrection, approveMeeting } from '../../main/node/storage/queries/lifecycle';
import type { Library } from '../../main/node/storage/library';
import { validateBag } from '../helpers/bagitValidator';
import { makeTempDir, newLibrary, open } from './storageHelpers';
import { describeError } from '../../common/contract/result';

const root = path.resolve(import.meta.dirname, '../..');
const fixtureText = fs.readFileSync(
  path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);

/** Appendix file names chosen to be awkward on some platform. */
const awkwardNames = [
  'Budget 2018.pdf',
  'CON.txt',
  'budget 2018.PDF',
  'spørgsmål: <svar>?.docx',
  'navn med punktum til sidst...',
  `${'æ'.repeat(150)}.pdf`,
  'tab\there.txt',
  'Budget 2018.pdf',
];

/** A library holding the model meeting with a file on every appendix (bytes in the file store). */
async function libraryWithMeeting(): Promise<{
  library: Library;
  meetingId: string;
  document: ReferatDocument;
}> {
  const library = newLibrary();
  const base = parseReferatDocument(fixtureText);
  const first = base.appendices[0];
  if (!first) throw new Error('the fixture has no appendix');
  // The fixture has one appendix; more make the awkward names meet each other.
  const extra = awkwardNames.slice(1).map((_name, index) => ({
    ...first,
    id: `extra-appendix-${index + 2}`,
    itemId: null,
    number: base.appendices.length + index + 1,
    title: `Ekstra bilag ${index + 2}`,
    documentNumber: `2018-${1000 + index}`,
  }));
  const appendices = await Promise.all(
    [...base.appendices, ...extra].map(async (appendix, index) => {
      const name = awkwardNames[index % awkwardNames.length] ?? 'bilag.pdf';
      const bytes = Buffer.from(
        `Bilag ${appendix.number}: ${appendix.title}\n${'x'.repeat(1000 * (index + 1))}\n`,
        'utf8',
      );
      const stored = await storeBytes(library.filesDir, bytes);
      return {
        ...appendix,
        file: {
          name,
          sha256: stored.sha256,
          size: stored.size,
          mediaType: 'application/octet-stream',
        },
      };
    }),
  );
  const document = { ...base, appendices };
  const { meetingId } = importMeetingDocument(library.db, document);
  return { library, meetingId, document: exportMeetingDocument(library.db, meetingId) };
}

function meetingCount(library: Library): number {
  return library.db.prepare('SELECT count(*) FROM meetings').pluck().get() as number;
}

function storedFiles(library: Library): string[] {
  if (!fs.existsSync(library.filesDir)) return [];
  return (fs.readdirSync(library.filesDir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(library.filesDir, name)).isFile())
    .sort();
}

function listFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((name) => fs.statSync(path.join(dir, name)).isFile())
    .map((name) => name.split(path.sep).join('/'))
    .sort();
}

/** Test-side unzip (yauzl), refusing anything odd: the tests do not trust the importer's reader. */
async function unzip(zipFile: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = path.join(into, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true });
        zip.readEntry();
        return;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        // The CRC-32 each entry declares is checked with zlib (yauzl does not check it).
        let crc = 0;
        const crcCheck = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            crc = zlib.crc32(chunk, crc);
            callback(null, chunk);
          },
        });
        pipeline(stream, crcCheck, fs.createWriteStream(target)).then(() => {
          if (crc !== entry.crc32)
            reject(new Error(`${entry.fileName}: CRC-32 ${crc} but the zip says ${entry.crc32}`));
          else zip.readEntry();
        }, reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
}

/** Zips a folder's files with yazl under `prefix/`. */
async function zipFolder(dir: string, zipFile: string, prefix: string): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const file of listFiles(dir)) zip.addFile(path.join(dir, file), `${prefix}/${file}`);
  zip.end();
  await pipeline(zip.outputStream, fs.createWriteStream(zipFile));
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function flipByte(file: string, offset?: number): void {
  const bytes = fs.readFileSync(file);
  const at = offset ?? Math.floor(bytes.length / 2);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  fs.writeFileSync(file, bytes);
}

async function refusal(promise: Promise<unknown>): Promise<BagVerificationError | Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a refusal');
}

describe('bag export', () => {
  it('writes a folder bag that the RFC 8493 validator accepts, with the meeting in bag-info.txt', async () => {
    const { library, meetingId, document } = await libraryWithMeeting();
    const out = path.join(makeTempDir(), 'Arkiv møde 5');
    const result = await exportBag(library, meetingId, {
      out,
      now: new Date('2026-11-27T12:00:00Z'),
    });
    expect(result.kind).toBe('folder');
    expect(result.pdfSources).toEqual({ full: 'exported', public: 'exported' });

    const report = validateBag(out, { isTagManifestRequired: true });
    expect(report.errors).toEqual([]);
    expect(report.isValid).toBe(true);

    const files = listFiles(out);
    expect(files).toEqual(
      expect.arrayContaining([
        'bagit.txt',
        'bag-info.txt',
        'manifest-sha256.txt',
        'tagmanifest-sha256.txt',
        'data/referat-full.pdf',
        'data/referat-public.pdf',
        'data/meeting.json',
      ]),
    );
    expect(fs.readFileSync(path.join(out, 'bagit.txt'), 'utf8')).toBe(
      'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    );
    expect(fs.readFileSync(path.join(out, 'data/meeting.json'), 'utf8')).toBe(
      serializeReferatDocument(document),
    );
    expect(
      fs.readFileSync(path.join(out, 'data/referat-full.pdf')).subarray(0, 5).toString('latin1'),
    ).toBe('%PDF-');

    const info = new Map(report.bagInfo);
    expect(info.get('Source-Organization')).toBe(document.committee.organisation);
    expect(info.get('External-Identifier')).toBe(document.meeting.caseId);
    expect(info.get('Bagging-Date')).toBe('2026-11-27');
    expect(info.get('Referat-Committee')).toBe(document.committee.name);
    expect(info.get('Referat-Meeting-Number')).toBe(String(document.meeting.number));
    expect(info.get('Referat-Meeting-Date')).toBe(document.meeting.date);
    expect(info.get('Bag-Size')).toMatch(/^\d+(\.\d)? (bytes|KB|MB)$/);
    for (const number of document.appendices.map((a) => a.documentNumber).filter((n) => n !== '')) {
      expect(info.get('Referat-Document-Numbers')).toContain(number);
    }
    // Danish text is written as UTF-8 (ø is C3 B8).
    expect(
      fs.readFileSync(path.join(out, 'bag-info.txt')).includes(Buffer.from('møde', 'utf8')),
    ).toBe(true);

    // Every appendix file is there with its bytes, under a safe name.
    const appendixFiles = files.filter((file) => file.startsWith('data/bilag/'));
    expect(appendixFiles).toHaveLength(document.appendices.length);
    const payloadShas = new Set(appendixFiles.map((file) => sha256(path.join(out, file))));
    for (const appendix of document.appendices)
      expect(payloadShas.has(appendix.file?.sha256 ?? '')).toBe(true);
    for (const file of appendixFiles) {
      const name = file.slice('data/bilag/'.length);
      // eslint-disable-next-line no-control-regex -- control characters are what is being checked
      expect(name).not.toMatch(/[<>:"\\|?*\u0000-\u001f]/);
      expect(name).not.toMatch(/[. ]$/);
      expect(name.split('.')[0]?.toUpperCase()).not.toBe('CON');
      expect(Buffer.byteLength(name, 'utf8')).toBeLessThanOrEqual(200);
    }
    const lower = appendixFiles.map((file) => file.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
  });

  it('writes a zip with one top-level folder that unpacks to a valid bag', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    const zipFile = path.join(dir, 'møde-5.zip');
    const result = await exportBag(library, meetingId, { out: zipFile });
    expect(result.kind).toBe('zip');
    const unpacked = path.join(dir, 'unpacked');
    await unzip(zipFile, unpacked);
    expect(fs.readdirSync(unpacked)).toEqual(['møde-5']);
    const report = validateBag(path.join(unpacked, 'møde-5'), { isTagManifestRequired: true });
    expect(report.errors).toEqual([]);
    // Nothing else was left beside the zip (no temporary files).
    expect(fs.readdirSync(dir).sort()).toEqual(['møde-5.zip', 'unpacked']);
  });

  it('leaves nothing at the target when the export fails (a damaged file in the store)', async () => {
    const { library, meetingId, document } = await libraryWithMeeting();
    const damaged = document.appendices[0]?.file?.sha256 ?? '';
    flipByte(path.join(library.filesDir, damaged.slice(0, 2), damaged));
    const dir = makeTempDir();
    for (const out of [path.join(dir, 'bag'), path.join(dir, 'bag.zip')]) {
      const error = await refusal(exportBag(library, meetingId, { out }));
      expect(error.message).toMatch(/damaged/);
      expect(fs.readdirSync(dir)).toEqual([]);
    }
  });

  it('refuses a non-empty folder and a missing parent folder', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    fs.writeFileSync(path.join(dir, 'keep.txt'), 'mine');
    expect((await refusal(exportBag(library, meetingId, { out: dir }))).message).toMatch(
      /not empty/,
    );
    expect(fs.readdirSync(dir)).toEqual(['keep.txt']);
    expect(
      (await refusal(exportBag(library, meetingId, { out: path.join(dir, 'no/such/bag.zip') })))
        .message,
    ).toMatch(/does not exist/);
  });

  it('prints corrections after approval in the full PDF only', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    approveMeeting(library.db, { id: meetingId, author: 'Sekretær' });
    addCorrection(library.db, {
      meetingId,
      author: 'Sekretær',
      reason: 'Stavefejl',
      text: 'Rettelsestekst QXZ',
    });
    const out = path.join(makeTempDir(), 'bag');
    await exportBag(library, meetingId, { out });
    const text = (file: string) =>
      execFileSync('pdftotext', [path.join(out, file), '-']).toString('utf8');
    expect(text('data/referat-full.pdf')).toContain('Rettelsestekst QXZ');
    expect(text('data/referat-public.pdf')).not.toContain('Rettelsestekst QXZ');
  });
});

describe('bag import', () => {
  it('export → import → export gives the same meeting.json and the same payload checksums', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    const first = await exportBag(library, meetingId, { out: path.join(dir, 'first.zip') });

    const target = open(path.join(dir, 'other.sqlite'));
    const imported = await importBag(target, first.out);
    expect(imported.meetingId).toBe(meetingId);
    expect(imported.filesAdded).toBeGreaterThan(0);
    const second = await exportBag(target, imported.meetingId, { out: path.join(dir, 'second') });

    const firstJson = first.payload.find((file) => file.path === 'data/meeting.json');
    expect(fs.readFileSync(path.join(second.out, 'data/meeting.json'), 'utf8')).toBe(
      serializeReferatDocument(exportMeetingDocument(library.db, meetingId)),
    );
    expect(second.payload).toEqual(first.payload);
    expect(firstJson?.sha256).toBe(sha256(path.join(second.out, 'data/meeting.json')));
  });

  it('imports a folder bag too, and stores each file once by SHA-256', async () => {
    const { library, meetingId, document } = await libraryWithMeeting();
    const bag = (await exportBag(library, meetingId, { out: path.join(makeTempDir(), 'bag') })).out;
    const target = newLibrary();
    await importBag(target, bag);
    const again = await importBag(target, bag, { onExisting: 'keepBoth' });
    expect(again.filesAdded).toBe(0);
    expect(again.filesAlreadyStored).toBe(
      new Set(document.appendices.map((a) => a.file?.sha256)).size,
    );
    expect(storedFiles(target).filter((name) => !name.startsWith('tmp'))).toHaveLength(
      again.filesAlreadyStored,
    );
  });

  it('refuses a bag with one changed byte in ANY payload or tag file (validator and importBag), writing nothing', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    const bag = (await exportBag(library, meetingId, { out: path.join(dir, 'bag') })).out;
    const files = listFiles(bag);
    expect(files.length).toBeGreaterThan(8);
    const target = newLibrary();
    const before = { meetings: meetingCount(target), files: storedFiles(target) };
    for (const [index, file] of files.entries()) {
      const copy = path.join(dir, `tampered-${index}`);
      fs.cpSync(bag, copy, { recursive: true });
      flipByte(path.join(copy, file));
      expect(validateBag(copy, { isTagManifestRequired: true }).isValid, file).toBe(false);
      const error = await refusal(importBag(target, copy));
      expect(error, file).toBeInstanceOf(BagVerificationError);
      const problems = (error as BagVerificationError).problems.map((p) => p.path);
      // The changed file is named (a changed manifest is named by the checksums that no longer match it).
      expect(
        problems.some((p) => p === file || (file.includes('manifest') && problems.length > 0)),
        `${file}: ${problems.join(', ')}`,
      ).toBe(true);
      if (!file.includes('manifest')) expect(problems).toContain(file);
      expect(meetingCount(target)).toBe(before.meetings);
      expect(storedFiles(target)).toEqual(before.files);
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });

  it('refuses a tampered zip, a missing file and an extra file, naming them', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    const bag = (await exportBag(library, meetingId, { out: path.join(dir, 'bag') })).out;
    const target = newLibrary();

    const tampered = path.join(dir, 'tampered');
    fs.cpSync(bag, tampered, { recursive: true });
    const victim = listFiles(tampered).find((file) => file.startsWith('data/bilag/')) ?? '';
    flipByte(path.join(tampered, victim), 0);
    const zipFile = path.join(dir, 'tampered.zip');
    await zipFolder(tampered, zipFile, 'tampered');
    const zipError = await refusal(importBag(target, zipFile));
    expect(zipError).toBeInstanceOf(BagVerificationError);
    expect(describeError(zipError)).toContain(victim);

    const missing = path.join(dir, 'missing');
    fs.cpSync(bag, missing, { recursive: true });
    fs.rmSync(path.join(missing, 'data/referat-public.pdf'));
    const missingError = (await refusal(importBag(target, missing))) as BagVerificationError;
    expect(missingError.problems).toContainEqual(
      expect.objectContaining({ path: 'data/referat-public.pdf' }),
    );
    expect(validateBag(missing).isValid).toBe(false);

    const extra = path.join(dir, 'extra');
    fs.cpSync(bag, extra, { recursive: true });
    fs.writeFileSync(path.join(extra, 'data/smuglet.txt'), 'not in the manifest');
    const extraError = (await refusal(importBag(target, extra))) as BagVerificationError;
    expect(extraError.problems).toContainEqual(
      expect.objectContaining({ path: 'data/smuglet.txt' }),
    );
    expect(validateBag(extra).isValid).toBe(false);

    expect(meetingCount(target)).toBe(0);
    expect(storedFiles(target)).toEqual([]);
  });

  it('asks before touching an existing meeting: refuse by default, keep both, or replace', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const zipFile = (
      await exportBag(library, meetingId, { out: path.join(makeTempDir(), 'bag.zip') })
    ).out;
    const error = await refusal(importBag(library, zipFile));
    expect(isDomainError(error) && error.code).toBe('conflict');
    expect(meetingCount(library)).toBe(1);

    const copy = await importBag(library, zipFile, { onExisting: 'keepBoth' });
    expect(copy.meetingId).not.toBe(meetingId);
    expect(meetingCount(library)).toBe(2);

    const replaced = await importBag(library, zipFile, { onExisting: 'replace' });
    expect(replaced.meetingId).toBe(meetingId);
    expect(meetingCount(library)).toBe(2);
  });

  it('refuses a bag whose meeting.json names an appendix file the bag does not hold', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dir = makeTempDir();
    const bag = (await exportBag(library, meetingId, { out: path.join(dir, 'bag') })).out;
    // Remove one appendix file and rebuild the manifests so the bag itself is valid.
    const victim = listFiles(bag).find((file) => file.startsWith('data/bilag/')) ?? '';
    fs.rmSync(path.join(bag, victim));
    rewriteManifests(bag);
    expect(validateBag(bag, { isTagManifestRequired: true }).errors).toEqual([]);
    const target = newLibrary();
    const error = await refusal(importBag(target, bag));
    expect(describeError(error)).toMatch(/is not in the package/);
    expect(meetingCount(target)).toBe(0);
    expect(storedFiles(target)).toEqual([]);
  });
});

/** Rewrites manifest, Payload-Oxum and tag manifest after a test changed the payload on purpose. */
function rewriteManifests(bag: string): void {
  const payload = listFiles(bag).filter((file) => file.startsWith('data/'));
  fs.writeFileSync(
    path.join(bag, 'manifest-sha256.txt'),
    payload.map((file) => `${sha256(path.join(bag, file))}  ${file}\n`).join(''),
  );
  const octets = payload.reduce((sum, file) => sum + fs.statSync(path.join(bag, file)).size, 0);
  const info = fs
    .readFileSync(path.join(bag, 'bag-info.txt'), 'utf8')
    .replace(/^Payload-Oxum: .*$/m, `Payload-Oxum: ${octets}.${payload.length}`);
  fs.writeFileSync(path.join(bag, 'bag-info.txt'), info);
  const tags = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt'];
  fs.writeFileSync(
    path.join(bag, 'tagmanifest-sha256.txt'),
    tags.map((file) => `${sha256(path.join(bag, file))}  ${file}\n`).join(''),
  );
}

/** A zip written byte by byte, so the tests can make entries no zip library would write. */
function rawZip(
  entries: { name: string; data: Buffer; unixMode?: number; declaredSize?: number }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const crc = crc32(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(0, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += 30 + name.length + entry.data.length;
  }
  const centralBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, centralBytes, end]);
}

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe('zip safety', () => {
  const bagit = {
    name: 'bag/bagit.txt',
    data: Buffer.from('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'),
  };

  it.each([
    ['a zip-slip path', { name: '../evil.txt', data: Buffer.from('x') }],
    ['a path inside then out', { name: 'bag/data/../../evil.txt', data: Buffer.from('x') }],
    ['an absolute path', { name: '/etc/evil.txt', data: Buffer.from('x') }],
    ['a drive path', { name: 'C:/evil.txt', data: Buffer.from('x') }],
    [
      'a symbolic link',
      { name: 'bag/data/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 },
    ],
  ])('refuses %s before reading anything, and writes nothing', async (_label, entry) => {
    const dir = makeTempDir();
    const zipFile = path.join(dir, 'evil.zip');
    fs.writeFileSync(zipFile, rawZip([bagit, entry]));
    const target = newLibrary();
    const error = await refusal(importBag(target, zipFile));
    expect(isDomainError(error) && error.code).toBe('invalid_input');
    expect(fs.existsSync(path.join(dir, '..', 'evil.txt'))).toBe(false);
    expect(meetingCount(target)).toBe(0);
    expect(storedFiles(target)).toEqual([]);
  });

  it('refuses a zip bomb by its declared size and by its entry count, without inflating it', async () => {
    const dir = makeTempDir();
    const zipFile = path.join(dir, 'bomb.zip');
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from(bagit.data), 'bag/bagit.txt');
    // 64 MB of zeros deflates to about 64 KB.
    zip.addReadStream(
      Readable.from(
        (function* () {
          for (let i = 0; i < 64; i += 1) yield Buffer.alloc(1024 * 1024);
        })(),
      ),
      'bag/data/zeros.bin',
      { compress: true },
    );
    zip.end();
    await pipeline(zip.outputStream, fs.createWriteStream(zipFile));
    expect(fs.statSync(zipFile).size).toBeLessThan(1024 * 1024);
    const target = newLibrary();
    const bySize = await refusal(
      importBag(target, zipFile, { limits: { maxTotalBytes: 10 * 1000 * 1000 } }),
    );
    expect(isDomainError(bySize) && bySize.code).toBe('too_large');
    const byCount = await refusal(importBag(target, zipFile, { limits: { maxEntries: 1 } }));
    expect(isDomainError(byCount) && byCount.code).toBe('too_large');

    // An entry that inflates beyond its declared size is stopped by the reader.
    const liar = path.join(dir, 'liar.zip');
    fs.writeFileSync(
      liar,
      rawZip([bagit, { name: 'bag/data/x.bin', data: Buffer.alloc(5000), declaredSize: 10 }]),
    );
    const lie = await refusal(verifyBag(liar));
    expect(lie.message).toMatch(/size mismatch/);
    expect(meetingCount(target)).toBe(0);
  });

  it('refuses a folder holding a symbolic link', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const bag = (await exportBag(library, meetingId, { out: path.join(makeTempDir(), 'bag') })).out;
    fs.symlinkSync('/etc/hostname', path.join(bag, 'data/link'));
    const error = await refusal(importBag(newLibrary(), bag));
    expect(error.message).toMatch(/symbolic link/);
  });
});

describe('the CLI', () => {
  async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (chunk) => {
        stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      },
      stderr: (text) => {
        stderr += text;
      },
      env: {},
      cwd: makeTempDir(),
    });
    return { code, stdout, stderr };
  }

  it('exports a bag (zip and folder) and imports it with --on-existing', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const libraryPath = library.path;
    library.close();
    const dir = makeTempDir();
    const zipFile = path.join(dir, 'pakke.zip');
    const exported = await cli([
      '--library',
      libraryPath,
      'export',
      meetingId,
      '--format',
      'bag',
      '--out',
      zipFile,
    ]);
    expect(exported.stderr).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('pakke.zip');
    const folder = await cli([
      '--library',
      libraryPath,
      'export',
      meetingId,
      '--format',
      'bag',
      '--out',
      path.join(dir, 'mappe'),
    ]);
    expect(folder.code).toBe(0);
    expect(validateBag(path.join(dir, 'mappe'), { isTagManifestRequired: true }).errors).toEqual(
      [],
    );

    const other = path.join(dir, 'other.sqlite');
    const first = await cli(['--library', other, 'import', zipFile]);
    expect(first.code).toBe(0);
    expect(first.stdout.trim()).toBe(meetingId);
    const refused = await cli(['--library', other, 'import', path.join(dir, 'mappe')]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/--on-existing keep-both/);
    const kept = await cli(['--library', other, 'import', zipFile, '--on-existing', 'keep-both']);
    expect(kept.code).toBe(0);
    expect(kept.stdout.trim()).not.toBe(meetingId);

    const tampered = path.join(dir, 'mappe');
    flipByte(path.join(tampered, 'data/meeting.json'));
    const bad = await cli(['--library', other, 'import', tampered, '--on-existing', 'keep-both']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('data/meeting.json');
    const check = open(other);
    expect(meetingCount(check)).toBe(2);
  });
});
