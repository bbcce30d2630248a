/**
 * The archive requests through the real HTTP host (browser mode) and through an Electron-like
 * context (dialogs and shell given as functions): archive:export → download → valid bag;
 * upload → archive:import with conflict then keep both; a tampered upload refused;
 * meetings:exportDocx; appendices:open as a download and as a read-only temp copy.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../common/contract/result';
import { parseReferatDocument } from '../../common/format/referatJson';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { contentDisposition } from '../../main/node/archive/downloads';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { storeBytes } from '../../main/node/storage/fileStore';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import type { Library } from '../../main/node/storage/library';
import { validateBag } from '../helpers/bagitValidator';
import { exchangeLaunchCode, makeTempDir, newLibrary } from './storageHelpers';
import { describeError } from '../../common/contract/result';

const root = path.resolve(import.meta.dirname, '../..');
const fixtureText = fs.readFileSync(
  path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);
const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function libraryWithMeeting(): Promise<{
  library: Library;
  meetingId: string;
  appendixId: string;
  bytes: Buffer;
}> {
  const library = newLibrary();
  const doc = parseReferatDocument(fixtureText);
  const bytes = Buffer.from('%PDF-1.4 bilag med æøå\n', 'utf8');
  const stored = await storeBytes(library.filesDir, bytes);
  const appendices = doc.appendices.map((a) => ({
    ...a,
    file: {
      name: 'Økonomi: "plan" 2018.pdf',
      sha256: stored.sha256,
      size: stored.size,
      mediaType: 'application/pdf',
    },
  }));
  const { meetingId } = importMeetingDocument(library.db, { ...doc, appendices });
  return { library, meetingId, appendixId: appendices[0]?.id ?? '', bytes };
}

// The handlers make their temporary export folders in os.tmpdir(). Other test files running in
// parallel (and other programs) export too, so this file gives its process a temporary folder of
// its own: the folders counted below are then this file's alone.
const sharedTmpDir = process.env.TMPDIR;
let privateTmpDir = '';
beforeAll(() => {
  privateTmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-api-tmp-'));
  process.env.TMPDIR = privateTmpDir;
});
afterAll(() => {
  if (sharedTmpDir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = sharedTmpDir;
  fs.rmSync(privateTmpDir, { recursive: true, force: true });
});

/** Temporary export folders of this process's handlers (removed after the download). */
function exportDirs(): string[] {
  return fs
    .readdirSync(os.tmpdir())
    .filter((name) => name.startsWith('referat-export-'))
    .sort();
}

async function hostFor(library: Library): Promise<Host> {
  const rendererDir = makeTempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
  const host = await startHost({ library, handlers: createHandlers(library), rendererDir });
  hosts.push(host);
  return host;
}

/** `fetch` with the host's session cookie (the launch code exchanged once per host). */
async function fetchAs(host: Host, url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Cookie', await exchangeLaunchCode(host));
  return fetch(url, { ...init, headers });
}

async function call<T>(host: Host, name: string, input: unknown): Promise<Result<T>> {
  const response = await fetchAs(host, `http://127.0.0.1:${host.port}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  return (await response.json()) as Result<T>;
}

async function upload(host: Host, bytes: Buffer, fileName: string): Promise<string> {
  const response = await fetchAs(host, `http://127.0.0.1:${host.port}/upload`, {
    method: 'POST',
    headers: {
      'X-Referat-Filename': encodeURIComponent(fileName),
      'Content-Type': 'application/zip',
    },
    body: new Uint8Array(bytes),
  });
  const result = (await response.json()) as Result<{ uploadId: string }>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value.uploadId;
}

async function unzipTo(zipFile: string, into: string): Promise<void> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipFile, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      const target = path.join(into, entry.fileName);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        stream.pipe(fs.createWriteStream(target)).on('finish', () => zip.readEntry());
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
}

describe('archive requests in browser mode (HTTP host)', () => {
  it('archive:export offers the zip once as a download; it is a valid bag', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const host = await hostFor(library);
    const exportDirsBefore = exportDirs();
    const result = await call<{
      fileName: string;
      files: number;
      packageSha256: string;
      downloadUrl: string | null;
    }>(host, 'archive:export', { meetingId });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.fileName).toMatch(/\.zip$/);
    expect(result.value.files).toBe(4);
    const url = `http://127.0.0.1:${host.port}${result.value.downloadUrl ?? ''}`;

    // The session cookie is required; the URL carries no credential.
    expect(url).not.toContain('token');
    expect((await fetch(url)).status).toBe(401);

    const response = await fetchAs(host, url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(result.value.fileName)}`,
    );
    const dir = makeTempDir();
    const zipFile = path.join(dir, result.value.fileName);
    const zipBytes = Buffer.from(await response.arrayBuffer());
    fs.writeFileSync(zipFile, zipBytes);
    // The SHA-256 the handover to the archive records is that of the downloaded zip.
    expect(result.value.packageSha256).toBe(createHash('sha256').update(zipBytes).digest('hex'));
    await unzipTo(zipFile, path.join(dir, 'out'));
    const [bagDir] = fs.readdirSync(path.join(dir, 'out'));
    expect(
      validateBag(path.join(dir, 'out', bagDir ?? ''), { isTagManifestRequired: true }).errors,
    ).toEqual([]);
    // Downloaded once: gone, and the temporary export was removed.
    expect((await fetchAs(host, url)).status).toBe(404);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(exportDirs()).toEqual(exportDirsBefore);
  });

  it('archive:import: upload, conflict asks, keep both imports a copy; a tampered zip is refused', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const host = await hostFor(library);
    const exported = await call<{ downloadUrl: string }>(host, 'archive:export', { meetingId });
    if (!exported.ok) throw new Error(exported.error.message);
    const zip = Buffer.from(
      await (
        await fetchAs(host, `http://127.0.0.1:${host.port}${exported.value.downloadUrl}`)
      ).arrayBuffer(),
    );

    const uploadId = await upload(host, zip, 'pakke.zip');
    const conflict = await call(host, 'archive:import', { uploadId });
    expect(conflict.ok ? null : conflict.error.code).toBe('conflict');
    // The upload is kept for the user's answer.
    const copy = await call<{ meetingId: string }>(host, 'archive:import', {
      uploadId,
      onExisting: 'keepBoth',
    });
    if (!copy.ok) throw new Error(copy.error.message);
    expect(copy.value.meetingId).not.toBe(meetingId);
    // ... and released afterwards.
    const again = await call(host, 'archive:import', { uploadId, onExisting: 'keepBoth' });
    expect(again.ok ? null : again.error.code).toBe('not_found');

    // One changed byte inside a stored (uncompressed) entry: refused, naming the file, nothing written.
    const tampered = Buffer.from(zip);
    const at = tampered.indexOf(Buffer.from('%PDF-1.4 bilag'));
    expect(at).toBeGreaterThan(0);
    tampered[at + 3] = (tampered[at + 3] ?? 0) ^ 1;
    const before = library.db.prepare('SELECT count(*) FROM meetings').pluck().get();
    const refused = await call(host, 'archive:import', {
      uploadId: await upload(host, tampered, 'pakke.zip'),
      onExisting: 'keepBoth',
    });
    expect(refused.ok ? null : refused.error.code).toBe('invalid_input');
    expect(refused.ok ? '' : describeError(refused.error)).toMatch(
      /data\/bilag\/.*checksum does not match/,
    );
    expect(library.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(before);
  });

  it('meetings:exportDocx and appendices:open answer download URLs with the right bytes and names', async () => {
    const { library, meetingId, appendixId, bytes } = await libraryWithMeeting();
    const host = await hostFor(library);
    const docx = await call<{ fileName: string; downloadUrl: string }>(
      host,
      'meetings:exportDocx',
      { id: meetingId, edition: 'public' },
    );
    if (!docx.ok) throw new Error(docx.error.message);
    expect(docx.value.fileName).toMatch(/-offentlig\.docx$/);
    const docxBytes = Buffer.from(
      await (
        await fetchAs(host, `http://127.0.0.1:${host.port}${docx.value.downloadUrl}`)
      ).arrayBuffer(),
    );
    expect(docxBytes.subarray(0, 2).toString('latin1')).toBe('PK');

    const opened = await call<{ fileName: string; downloadUrl: string }>(host, 'appendices:open', {
      id: appendixId,
    });
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.value).toMatchObject({
      fileName: 'Økonomi_ _plan_ 2018.pdf',
      handedOver: 'downloaded',
      notOpenedReason: null,
    });
    const response = await fetchAs(
      host,
      `http://127.0.0.1:${host.port}${opened.value.downloadUrl}`,
    );
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);
    // The file store's copy is served, never removed.
    expect(fs.readdirSync(library.filesDir).length).toBeGreaterThan(0);
  });
});

describe('archive requests with dialogs (Electron-like context)', () => {
  it('saves where the dialog says, opens the package the dialog picks, opens a read-only copy', async () => {
    const { library, meetingId, appendixId, bytes } = await libraryWithMeeting();
    const dir = makeTempDir();
    const opened: string[] = [];
    let saveAnswer: string | null = null;
    let pickAnswer: { path: string; fileName: string } | null = null;
    const ctx: HandlerContext = {
      transport: 'electron',
      pickSaveFile: async () => saveAnswer,
      pickFile: async () => pickAnswer,
      openWithSystem: async (file) => {
        opened.push(file);
      },
    };
    const dispatch = createDispatcher(createHandlers(library), { log: () => {} });
    const cancelled = await dispatch('archive:export', { meetingId }, ctx);
    expect(cancelled.ok ? null : cancelled.error.code).toBe('cancelled');

    saveAnswer = path.join(dir, 'valgt');
    const saved = await dispatch('archive:export', { meetingId }, ctx);
    expect(saved.ok).toBe(true);
    expect(fs.existsSync(path.join(dir, 'valgt.zip'))).toBe(true);
    saveAnswer = path.join(dir, 'mappe');
    expect((await dispatch('archive:export', { meetingId, kind: 'folder' }, ctx)).ok).toBe(true);
    expect(validateBag(path.join(dir, 'mappe'), { isTagManifestRequired: true }).errors).toEqual(
      [],
    );

    pickAnswer = { path: path.join(dir, 'valgt.zip'), fileName: 'valgt.zip' };
    const imported = await dispatch('archive:import', { onExisting: 'keepBoth' }, ctx);
    expect(imported.ok).toBe(true);

    const open = await dispatch('appendices:open', { id: appendixId }, ctx);
    expect(
      open.ok ? (open.value as { downloadUrl: string | null }).downloadUrl : 'failed',
    ).toBeNull();
    expect(opened).toHaveLength(1);
    expect(fs.readFileSync(opened[0] ?? '')).toEqual(bytes);
    expect(fs.statSync(opened[0] ?? '').mode & 0o222).toBe(0);
  });

  it('the CLI transport cannot hand files over (no dialog, no download)', async () => {
    const { library, meetingId } = await libraryWithMeeting();
    const dispatch = createDispatcher(createHandlers(library), { log: () => {} });
    const result = await dispatch('archive:export', { meetingId }, { transport: 'cli' });
    expect(result.ok ? null : result.error.code).toBe('forbidden');
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Bilag "1" æ.pdf')).toBe(
      `attachment; filename="Bilag _1_ _.pdf"; filename*=UTF-8''Bilag%20%221%22%20%C3%A6.pdf`,
    );
  });
});
