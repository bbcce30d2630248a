/**
 * The local HTTP host of browser mode, proven by real HTTP requests to a started host on a
 * temporary library (real SQLite, real handlers).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../main/node/api/handlers';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { contentSecurityPolicy } from '../../main/node/host/staticFiles';
import { openLibrary, type Library } from '../../main/node/storage/library';
import { exchangeLaunchCode, sendRaw, type RawAnswer } from '../storage/storageHelpers';

type Answer = Omit<RawAnswer, 'body'> & { body: string };

/** {@link sendRaw} with the body read as UTF-8 text. */
async function send(port: number, options: Parameters<typeof sendRaw>[1]): Promise<Answer> {
  const answer = await sendRaw(port, options);
  return { ...answer, body: answer.body.toString('utf8') };
}

let tempDir: string;
let rendererDir: string;
let library: Library;
let host: Host;
/** The session cookie (`name=value`) the launch code was exchanged for. */
let cookie = '';

/** A POST /api call with everything right unless overridden. */
function call(name: string, input: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  return send(host.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', Cookie: cookie, ...headers },
    body: JSON.stringify(input),
  });
}

beforeAll(async () => {
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-host-test-'));
  rendererDir = path.join(tempDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    '<!doctype html><title>Referat</title><script type="module" src="./assets/app.js"></script>',
  );
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(path.join(tempDir, 'secret.txt'), 'TOP-SECRET-OUTSIDE-RENDERER');
  writeFileSync(path.join(rendererDir, '.hidden'), 'hidden');
  symlinkSync(path.join(tempDir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  library = openLibrary(path.join(tempDir, 'library.sqlite'));
  host = await startHost({
    library,
    handlers: createHandlers(library),
    rendererDir,
    apiBodyLimit: 64 * 1024,
    uploadLimit: 16 * 1024,
  });
  cookie = await exchangeLaunchCode(host);
});

afterAll(async () => {
  await host?.close();
  library?.close();
  rmSync(tempDir, { recursive: true, force: true });
});

describe('HTTP host', () => {
  it('listens on 127.0.0.1 with a 64-hex launch code in its start URL', () => {
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
  });

  it('answers a valid call with HTTP 200 and the typed result', async () => {
    const created = await call('committees:create', {
      name: 'Opgaveudvalget om Innovation',
      kind: 'paragraf17_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'opgaveudvalg',
    });
    expect(created.status).toBe(200);
    const committee = JSON.parse(created.body) as {
      ok: boolean;
      value: { id: string; name: string };
    };
    expect(committee.ok).toBe(true);
    const listed = await call('committees:list', {});
    expect(listed.status).toBe(200);
    expect(listed.headers['content-type']).toBe('application/json; charset=utf-8');
    const result = JSON.parse(listed.body) as {
      ok: boolean;
      value: Array<{ id: string; name: string }>;
    };
    expect(result.ok).toBe(true);
    expect(result.value.map((c) => c.name)).toContain('Opgaveudvalget om Innovation');
  });

  it('accepts Host localhost:PORT and a same-origin Origin', async () => {
    const answer = await call(
      'committees:list',
      {},
      { Host: `localhost:${host.port}`, Origin: `http://localhost:${host.port}` },
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
  });

  it('answers typed errors (invalid input, unknown request) with HTTP 200', async () => {
    const invalid = await call('committees:create', { name: '', kind: 'x' });
    expect(invalid.status).toBe(200);
    const result = JSON.parse(invalid.body) as {
      ok: false;
      error: { code: string; message: string };
    };
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('name:');
    const unknown = await call('nothing:here', {});
    expect(JSON.parse(unknown.body)).toMatchObject({
      ok: false,
      error: { code: 'unknown_request' },
    });
  });

  it('refuses a call without the session cookie with 401', async () => {
    const answer = await send(host.port, {
      method: 'POST',
      path: '/api/committees:list',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('refuses a wrong session cookie with 401 (same length and other lengths)', async () => {
    const [name = '', secret = ''] = cookie.split('=');
    const flipped = secret.slice(0, -1) + (secret.endsWith('0') ? '1' : '0');
    for (const value of [
      flipped,
      secret.slice(0, 10),
      `${secret}00`,
      secret.toUpperCase(),
      host.token,
    ]) {
      const answer = await call('committees:list', {}, { Cookie: `${name}=${value}` });
      expect(answer.status, value).toBe(401);
    }
  });

  it('refuses a foreign Host with 403 even with the session cookie (DNS rebinding)', async () => {
    for (const hostHeader of [
      `evil.example:${host.port}`,
      '127.0.0.1',
      `127.0.0.1:${host.port + 1}`,
      `0.0.0.0:${host.port}`,
      `[::1]:${host.port}`,
    ]) {
      const answer = await call('committees:list', {}, { Host: hostHeader });
      expect(answer.status, hostHeader).toBe(403);
    }
    const page = await send(host.port, {
      path: '/',
      headers: { Host: `rebound.example:${host.port}` },
    });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('<title>Referat</title>');
  });

  it('refuses a foreign Origin with 403 even with the session cookie', async () => {
    for (const origin of [
      'http://evil.example',
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port + 1}`,
      'null',
    ]) {
      const answer = await call('committees:list', {}, { Origin: origin });
      expect(answer.status, origin).toBe(403);
    }
  });

  it('refuses a body that is not JSON: 415 for the content type, 400 for malformed JSON', async () => {
    const wrongType = await send(host.port, {
      method: 'POST',
      path: '/api/committees:list',
      headers: { 'Content-Type': 'text/plain', Cookie: cookie },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
    const malformed = await send(host.port, {
      method: 'POST',
      path: '/api/committees:list',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(JSON.parse(malformed.body)).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('refuses an oversized body with 413, declared or streamed', async () => {
    const big = JSON.stringify({ json: 'x'.repeat(70 * 1024) });
    const declared = await call('meetings:importJson', JSON.parse(big));
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    const streamed = await send(host.port, {
      method: 'POST',
      path: '/api/meetings:importJson',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: big,
      isChunked: true,
    });
    expect(streamed.status).toBe(413);
    // The host still serves afterwards.
    expect((await call('committees:list', {})).status).toBe(200);
  });

  it('answers 413 to a client still sending a large body, instead of a broken pipe', async () => {
    // 16 MB against a 64 KiB limit: far more than the socket buffers hold, so the client is
    // still writing when the host has decided. Answering before reading the rest made the
    // client see EPIPE and never the 413.
    const big = Buffer.alloc(16 * 1024 * 1024, 'x');
    for (const path of ['/api/meetings:importJson', '/upload']) {
      const answer = await send(host.port, {
        method: 'POST',
        path,
        headers: {
          'Content-Type': 'application/json',
          Cookie: cookie,
          'X-Referat-Filename': 'big.json',
        },
        body: big,
      });
      expect(answer.status).toBe(413);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    }
    expect((await call('committees:list', {})).status).toBe(200);
  });

  it('serves the renderer with the strict CSP and nosniff', async () => {
    const page = await send(host.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Referat</title>');
    expect(page.headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy.startsWith("default-src 'none'")).toBe(true);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    const script = await send(host.port, { path: '/assets/app.js' });
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
  });

  it('refuses path traversal, hidden files and symlinks out of the renderer folder', async () => {
    const attempts = [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets%2f..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/link.txt',
      '/.hidden',
      '/%00',
      '/%E0%A4%A',
      `/${tempDir}/secret.txt`,
    ];
    for (const attempt of attempts) {
      const answer = await send(host.port, { path: attempt });
      expect(answer.status, attempt).toBeGreaterThanOrEqual(400);
      expect(answer.body, attempt).not.toContain('TOP-SECRET');
      expect(answer.body, attempt).not.toContain('hidden');
    }
    expect((await send(host.port, { path: '/missing.js' })).status).toBe(404);
  });

  it('refuses other methods than POST on /api and GET/HEAD on files', async () => {
    expect(
      (
        await send(host.port, {
          path: '/api/committees:list',
          headers: { Cookie: cookie },
        })
      ).status,
    ).toBe(405);
    expect((await send(host.port, { method: 'DELETE', path: '/index.html' })).status).toBe(405);
  });

  it('uploads a file and hands it to a handler by upload id only', async () => {
    const bytes = Buffer.from('%PDF-1.7\nBilag 1: Læringsopsamling\n%%EOF\n', 'utf8');
    const uploaded = await send(host.port, {
      method: 'POST',
      path: '/upload',
      headers: {
        'Content-Type': 'application/pdf',
        Cookie: cookie,
        'X-Referat-Filename': encodeURIComponent('../Bilag 1 – Læring.pdf'),
      },
      body: bytes,
    });
    expect(uploaded.status).toBe(200);
    const upload = JSON.parse(uploaded.body) as {
      ok: true;
      value: { uploadId: string; fileName: string; size: number; sha256: string };
    };
    expect(upload.value.uploadId).toMatch(/^[a-f0-9]{32}$/);
    expect(upload.value.fileName).toBe('Bilag 1 – Læring.pdf');
    expect(upload.value.size).toBe(bytes.length);
    expect(upload.value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    // A meeting with an appendix; attaching the upload stores exactly these bytes.
    const committees = JSON.parse((await call('committees:list', {})).body) as {
      value: Array<{ id: string }>;
    };
    const committeeId = committees.value[0]?.id ?? '';
    const meeting = JSON.parse(
      (
        await call('meetings:create', {
          committeeId,
          number: 5,
          date: '2017-12-12',
          kind: 'ordinary',
          isCopyingPrevious: false,
        })
      ).body,
    ) as { ok: boolean; value: { meeting: { id: string } } };
    expect(meeting.ok).toBe(true);
    const appendix = JSON.parse(
      (
        await call('appendices:create', {
          meetingId: meeting.value.meeting.id,
          appendix: {
            title: 'Læringsopsamling',
            documentNumber: '2107443',
            caseId: 'EMN-2017-05812',
            isClosed: false,
            itemId: null,
          },
        })
      ).body,
    ) as { ok: boolean; value: { id: string } };
    expect(appendix.ok).toBe(true);
    const attached = JSON.parse(
      (
        await call('appendices:attachFile', {
          id: appendix.value.id,
          uploadId: upload.value.uploadId,
        })
      ).body,
    ) as { ok: boolean; value: Record<string, unknown> };
    expect(attached.ok).toBe(true);
    expect(JSON.stringify(attached.value)).toContain(upload.value.sha256);

    // The handler released the upload once stored: the same id does not work twice.
    const again = JSON.parse(
      (
        await call('appendices:attachFile', {
          id: appendix.value.id,
          uploadId: upload.value.uploadId,
        })
      ).body,
    ) as { ok: boolean };
    expect(again).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // An id that was never issued is refused as a typed error.
    const unknown = JSON.parse(
      (await call('appendices:attachFile', { id: appendix.value.id, uploadId: 'f'.repeat(32) }))
        .body,
    ) as { ok: boolean; error: { code: string } };
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('reduces the file name of an upload to a base name without control characters', async () => {
    const uploaded = await send(host.port, {
      method: 'POST',
      path: '/upload',
      headers: {
        Cookie: cookie,
        'X-Referat-Filename': encodeURIComponent('C:\\Users\\x\\bi\nlag\u0000 2.pdf'),
      },
      body: 'x',
    });
    expect(JSON.parse(uploaded.body)).toMatchObject({
      ok: true,
      value: { fileName: 'bilag 2.pdf' },
    });
    const malformed = await send(host.port, {
      method: 'POST',
      path: '/upload',
      headers: { Cookie: cookie, 'X-Referat-Filename': '%E0%A4%A' },
      body: 'x',
    });
    expect(malformed.status).toBe(400);
  });

  it('refuses an upload without the session cookie (401) and over the limit (413)', async () => {
    const noToken = await send(host.port, {
      method: 'POST',
      path: '/upload',
      headers: { 'X-Referat-Filename': 'a.pdf' },
      body: 'abc',
    });
    expect(noToken.status).toBe(401);
    const tooBig = await send(host.port, {
      method: 'POST',
      path: '/upload',
      headers: { Cookie: cookie, 'X-Referat-Filename': 'big.bin' },
      body: Buffer.alloc(32 * 1024),
      isChunked: true,
    });
    expect(tooBig.status).toBe(413);
  });

  it('closes cleanly: no more connections, temporary uploads removed', async () => {
    const other = await startHost({ library, handlers: createHandlers(library), rendererDir });
    const uploadsBefore = readdirSync(os.tmpdir()).filter((name) =>
      name.startsWith('referat-uploads-'),
    );
    await other.close();
    const uploadsAfter = readdirSync(os.tmpdir()).filter((name) =>
      name.startsWith('referat-uploads-'),
    );
    expect(uploadsAfter.length).toBe(uploadsBefore.length - 1);
    await expect(send(other.port, { path: '/' })).rejects.toThrow();
    expect(other.token).not.toBe(host.token);
  });
});
