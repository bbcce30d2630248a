/**
 * The PDF export requests of the app (pdf:check / start / status / cancel / export / save) on a
 * real temporary library, through the dispatcher and through the HTTP host with its
 * `GET /exports/<id>` endpoint; the served bytes are checked with pdf-audit.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestName } from '../../common/contract/api';
import type { Result } from '../../common/contract/result';
import { generateMeeting } from '../support/generateMeeting';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { createPdfExportJobs, type PdfExportJobs } from '../../main/node/pdf/exportJobs';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { openLibrary, type Library } from '../../main/node/storage/library';
import { exchangeLaunchCode, makeTempDir, newLibrary, sendRaw as send } from './storageHelpers';
import { describeError } from '../../common/contract/result';

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const pdfAudit = path.resolve(repoRoot, '../shared/tools/pdf-audit');
const fixturePath = path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json');

function fixture(): ReferatDocument {
  return parseReferatDocument(readFileSync(fixturePath, 'utf8'));
}

/** The fixture with a CPR number in item 2's decision and in an appendix title. */
function fixtureWithCpr(): ReferatDocument {
  const doc = fixture();
  const item = doc.agendaItems[1];
  if (!item) throw new Error('the fixture has no item 2');
  item.bodies.decision = [
    {
      type: 'paragraph',
      children: [{ type: 'text', text: 'Borgeren med CPR 010203-1234 blev hørt.' }],
    },
  ];
  return doc;
}

async function audit(file: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(pdfAudit, [file, ...args], { maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, output: stdout };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
  }
}

describe('pdf requests over the HTTP host', () => {
  let library: Library;
  let host: Host;
  let meetingId = '';
  /** The session cookie the launch code was exchanged for. */
  let cookie = '';

  async function call<T = unknown>(name: RequestName, input: unknown): Promise<Result<T>> {
    const answer = await send(host.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify(input),
    });
    expect(answer.status).toBe(200);
    return JSON.parse(answer.body.toString('utf8')) as Result<T>;
  }

  let dir = '';

  // One library for the whole block (storageHelpers closes its libraries after each test).
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'referat-pdf-api-'));
    library = openLibrary(path.join(dir, 'library.sqlite'), { author: 'tester' });
    ({ meetingId } = importMeetingDocument(library.db, fixture()));
    host = await startHost({ library, handlers: createHandlers(library), rendererDir: dir });
    cookie = await exchangeLaunchCode(host);
  });
  afterAll(async () => {
    await host.close();
    library.close();
    rmSync(dir, { recursive: true, force: true });
  });

  type Handle = {
    exportId: string;
    pages: number;
    bytes: number;
    fileName: string;
    previewUrl: string;
    downloadUrl: string | null;
    warnings: unknown[];
  };

  it('exports the public edition of the Gentofte minutes; the served bytes pass pdf-audit', async () => {
    const check = await call<{ errors: unknown[]; warnings: unknown[] }>('pdf:check', {
      meetingId,
      edition: 'public',
    });
    expect(check).toEqual({ ok: true, value: { errors: [], warnings: [] } });

    const result = await call<Handle>('pdf:export', { meetingId, edition: 'public' });
    if (!result.ok) throw new Error(result.error.message);
    const handle = result.value;
    expect(handle.exportId).toMatch(/^[a-f0-9]{32}$/);
    expect(handle.fileName).toBe('opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig.pdf');
    // No credential in the URL: the session cookie authenticates it.
    expect(handle.previewUrl).toBe(`/exports/${handle.exportId}`);
    expect(handle.pages).toBeGreaterThan(0);

    // The preview (the cookie goes along, as with an iframe), as often as asked.
    for (let round = 0; round < 2; round += 1) {
      const answer = await send(host.port, {
        path: handle.previewUrl,
        headers: { Cookie: cookie },
      });
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toBe('application/pdf');
      expect(answer.headers['content-disposition']).toMatch(
        /^inline; filename="opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig\.pdf"/,
      );
      expect(answer.headers['content-security-policy']).toBe("frame-ancestors 'self'");
      expect(answer.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(answer.body.length).toBe(handle.bytes);
    }

    // download=1 makes it an attachment.
    const download = await send(host.port, {
      path: `/exports/${handle.exportId}?download=1`,
      headers: { Cookie: cookie },
    });
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment; /);
    const file = path.join(makeTempDir(), handle.fileName);
    writeFileSync(file, download.body);
    const audited = await audit(file, [
      '--a4',
      '--pdfa',
      '--fonts-embedded',
      '--tagged',
      '--lang',
      'da',
      '--attachment',
      'meeting.json',
    ]);
    expect(audited.output).not.toMatch(/FAIL/);
    expect(audited.code).toBe(0);

    const saved = await call<{ fileName: string; bytes: number; downloadUrl: string | null }>(
      'pdf:save',
      { exportId: handle.exportId },
    );
    expect(saved).toEqual({
      ok: true,
      value: { fileName: handle.fileName, bytes: handle.bytes, downloadUrl: handle.downloadUrl },
    });
    expect(handle.downloadUrl).toBe(`/exports/${handle.exportId}?download=1`);
  });

  it('refuses the export endpoint without the session cookie, with the launch code, from a foreign Host or Origin', async () => {
    const result = await call<Handle>('pdf:export', { meetingId, edition: 'full' });
    if (!result.ok) throw new Error(result.error.message);
    const exportPath = `/exports/${result.value.exportId}`;
    const withCookie = { Cookie: cookie };
    expect((await send(host.port, { path: exportPath })).status).toBe(401);
    expect((await send(host.port, { path: `${exportPath}?token=${host.token}` })).status).toBe(401);
    expect(
      (
        await send(host.port, {
          path: exportPath,
          headers: { Cookie: `${cookie.split('=')[0]}=${'0'.repeat(64)}` },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await send(host.port, {
          path: exportPath,
          headers: { ...withCookie, Host: `evil.example:${host.port}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send(host.port, {
          path: exportPath,
          headers: { ...withCookie, Origin: 'http://evil.example' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await send(host.port, {
          method: 'POST',
          path: exportPath,
          headers: withCookie,
          body: '',
        })
      ).status,
    ).toBe(405);
    expect(
      (await send(host.port, { path: `/exports/${'a'.repeat(32)}`, headers: withCookie })).status,
    ).toBe(404);
    expect(
      (await send(host.port, { path: '/exports/..%2f..%2fetc%2fpasswd', headers: withCookie }))
        .status,
    ).toBe(404);
    expect((await send(host.port, { path: exportPath, headers: withCookie })).status).toBe(200);
  });

  it('starts, reports progress and completes through pdf:start and pdf:status', async () => {
    const started = await call<{ exportId: string }>('pdf:start', { meetingId, edition: 'full' });
    if (!started.ok) throw new Error(started.error.message);
    type Status = {
      state: string;
      page: number;
      pages: number;
      result: Handle | null;
      error: unknown;
    };
    let status: Status | null = null;
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const answer = await call<Status>('pdf:status', { exportId: started.value.exportId });
      if (!answer.ok) throw new Error(answer.error.message);
      status = answer.value;
      if (status.state !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status?.state).toBe('done');
    expect(status?.page).toBe(status?.pages);
    expect(status?.result?.exportId).toBe(started.value.exportId);
    expect(status?.result?.fileName).toBe('opgaveudvalget-om-innovation-2017-12-12-moede-5.pdf');
  });
});

describe('pdf requests through the dispatcher', () => {
  let jobs: PdfExportJobs;
  let jobsDir = '';
  let library: Library;
  let ctx: HandlerContext;

  async function call<T = unknown>(
    name: RequestName,
    input: unknown,
    context: HandlerContext = ctx,
  ): Promise<Result<T>> {
    return createDispatcher(createHandlers(library))(name, input, context) as Promise<Result<T>>;
  }

  function setUp(document: ReferatDocument): string {
    library = newLibrary();
    jobsDir = makeTempDir();
    jobs = createPdfExportJobs({ parentDir: jobsDir });
    ctx = {
      transport: 'electron',
      pdfExports: {
        jobs,
        previewUrl: (id) => `app://referat/exports/${id}`,
        downloadUrl: () => null,
      },
    };
    return importMeetingDocument(library.db, document).meetingId;
  }

  function writtenFiles(): string[] {
    return readdirSync(jobsDir, { recursive: true, encoding: 'utf8' }).filter(
      (name) => name.endsWith('.pdf') || name.endsWith('.part'),
    );
  }

  it('a public export with a CPR number is refused listing the place, and nothing is written', async () => {
    const meetingId = setUp(fixtureWithCpr());
    const check = await call<{ errors: { location: string; text: string }[]; warnings: unknown[] }>(
      'pdf:check',
      { meetingId, edition: 'public' },
    );
    if (!check.ok) throw new Error(check.error.message);
    expect(check.value.errors).toEqual([
      expect.objectContaining({
        location: 'Punkt 2 · Beslutning',
        text: expect.stringContaining('010203-XXXX'),
      }),
    ]);

    for (const name of ['pdf:start', 'pdf:export'] as const) {
      const refused = await call(name, { meetingId, edition: 'public' });
      expect(refused.ok).toBe(false);
      if (refused.ok) continue;
      expect(refused.error.code).toBe('personal_data');
      expect(describeError(refused.error)).toContain(
        'Punkt 2 · Beslutning: CPR-nummer 010203-XXXX',
      );
      expect(describeError(refused.error)).not.toContain('1234');
    }
    expect(writtenFiles()).toEqual([]);

    // The full edition is internal: no findings, and it exports.
    expect(await call('pdf:check', { meetingId, edition: 'full' })).toEqual({
      ok: true,
      value: { errors: [], warnings: [] },
    });
    const full = await call<{ previewUrl: string; exportId: string }>('pdf:export', {
      meetingId,
      edition: 'full',
    });
    if (!full.ok) throw new Error(full.error.message);
    expect(full.value.previewUrl).toBe(`app://referat/exports/${full.value.exportId}`);
    await jobs.close();
  });

  it('cancels a long export: state cancelled, no file kept, the endpoint has nothing to serve', async () => {
    const meetingId = setUp(generateMeeting({ items: 40, pagesPerItem: 3 }));
    const started = await call<{ exportId: string }>('pdf:start', { meetingId, edition: 'full' });
    if (!started.ok) throw new Error(started.error.message);
    const { exportId } = started.value;
    // Wait until pages are being written, so the cancel hits a running worker.
    for (let attempt = 0; attempt < 2000; attempt += 1) {
      const status = jobs.status(exportId);
      if (status.state !== 'running' || status.page > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const running = jobs.status(exportId);
    expect(running.state).toBe('running');
    expect(running.pages).toBeGreaterThan(40);
    const cancelled = await call<{ state: string }>('pdf:cancel', { exportId });
    expect(cancelled.ok).toBe(true);
    await jobs.wait(exportId).catch(() => undefined);
    const after = await call<{ state: string; error: { code: string } | null }>('pdf:status', {
      exportId,
    });
    expect(after).toMatchObject({
      ok: true,
      value: { state: 'cancelled', error: { code: 'cancelled' } },
    });
    expect(jobs.file(exportId)).toBeNull();
    expect(writtenFiles()).toEqual([]);
    const save = await call('pdf:save', { exportId });
    expect(save).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await jobs.close();
  });

  it('pdf:save uses the main process save dialog in Electron (a cancelled dialog answers cancelled)', async () => {
    const meetingId = setUp(fixture());
    const exported = await call<{ exportId: string; bytes: number }>('pdf:export', {
      meetingId,
      edition: 'full',
    });
    if (!exported.ok) throw new Error(exported.error.message);
    const target = path.join(makeTempDir(), 'gemt');
    const proposed: string[] = [];
    const saved = await call(
      'pdf:save',
      { exportId: exported.value.exportId },
      {
        ...ctx,
        pickSaveFile: (name) => {
          proposed.push(name);
          return Promise.resolve(target);
        },
      },
    );
    expect(saved).toEqual({
      ok: true,
      value: { fileName: 'gemt.pdf', bytes: exported.value.bytes, downloadUrl: null },
    });
    expect(proposed).toEqual(['opgaveudvalget-om-innovation-2017-12-12-moede-5.pdf']);
    expect(readFileSync(`${target}.pdf`).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const dismissed = await call(
      'pdf:save',
      { exportId: exported.value.exportId },
      { ...ctx, pickSaveFile: () => Promise.resolve(null) },
    );
    expect(dismissed).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    await jobs.close();
    expect(existsSync(jobsDir) && writtenFiles()).toEqual([]);
  });

  it('pdf:check warns about a citizen member named in the text of the public edition', async () => {
    const doc = fixture();
    const citizen = doc.participants.find(
      (participant) => participant.id === 'm5-p-marianne-zangenberg',
    );
    const member = doc.members.find((candidate) => candidate.id === citizen?.memberId);
    const item = doc.agendaItems[2];
    if (!citizen || !member || !item) throw new Error('the fixture changed');
    citizen.isCitizen = true;
    member.isCitizen = true;
    item.bodies.decision = [
      { type: 'paragraph', children: [{ type: 'participantRef', participantId: citizen.id }] },
    ];
    const meetingId = setUp(doc);
    expect(await call('pdf:check', { meetingId, edition: 'public' })).toEqual({
      ok: true,
      value: {
        errors: [],
        warnings: [
          expect.objectContaining({
            location: 'Punkt 3 · Beslutning',
            text: 'Borgermedlem nævnt ved navn: Marianne Zangenberg',
          }),
        ],
      },
    });
    // A warning does not block: the export carries it in its handle.
    const exported = await call<{ warnings: unknown[] }>('pdf:export', {
      meetingId,
      edition: 'public',
    });
    expect(exported.ok && exported.value.warnings).toHaveLength(1);
    await jobs.close();
  });

  it('keeps only the newest finished exports and refuses more running exports than allowed', async () => {
    const meetingId = setUp(fixture());
    const store = createPdfExportJobs({ parentDir: jobsDir, maxKept: 1, maxRunning: 1 });
    const context: HandlerContext = {
      transport: 'http',
      pdfExports: { jobs: store, previewUrl: (id) => id, downloadUrl: (id) => id },
    };
    const first = await call<{ exportId: string }>(
      'pdf:start',
      { meetingId, edition: 'full' },
      context,
    );
    if (!first.ok) throw new Error(first.error.message);
    expect(await call('pdf:start', { meetingId, edition: 'public' }, context)).toMatchObject({
      ok: false,
      error: { code: 'busy' },
    });
    await store.wait(first.value.exportId);
    const firstFile = store.file(first.value.exportId)?.path ?? '';
    expect(existsSync(firstFile)).toBe(true);
    const second = await call<{ exportId: string }>(
      'pdf:export',
      { meetingId, edition: 'public' },
      context,
    );
    if (!second.ok) throw new Error(second.error.message);
    // The older export is gone, file and all; the newer one is served.
    expect(existsSync(firstFile)).toBe(false);
    expect(await call('pdf:status', { exportId: first.value.exportId }, context)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(store.file(second.value.exportId)).not.toBeNull();
    await store.close();
    expect(writtenFiles()).toEqual([]);
    expect(() => store.start({ document: fixture(), edition: 'full', fileName: 'x.pdf' })).toThrow(
      /closed/,
    );
    await jobs.close();
  });

  it('validates ids and refuses transports without an export store', async () => {
    const meetingId = setUp(fixture());
    expect(await call('pdf:status', { exportId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('pdf:status', { exportId: 'b'.repeat(32) })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await call('pdf:start', { meetingId, edition: 'draft' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(await call('pdf:start', { meetingId: 'missing', edition: 'full' })).toMatchObject({
      ok: false,
    });
    expect(
      await call('pdf:start', { meetingId, edition: 'full' }, { transport: 'cli' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await jobs.close();
  });
});
