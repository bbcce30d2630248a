/**
 * The renderer's HTTP transport against a real local HTTP server: request path and headers,
 * Result pass-through, transport failures as typed errors, the upload call. Browser mode's
 * session is an HttpOnly cookie: the client sends no credential header of its own.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient } from '../../renderer/src/api/client';

type Seen = { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string };

let server: http.Server;
let base = '';
const seen: Seen[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (request.url === '/api/broken:answer') {
        response.writeHead(500, { 'Content-Type': 'text/plain' }).end('oops');
      } else if (request.url === '/upload') {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(
            JSON.stringify({ ok: true, value: { uploadId: 'a'.repeat(32), size: body.length } }),
          );
      } else if (request.url === '/api/refused:call') {
        response
          .writeHead(401, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'token' } }));
      } else {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ ok: true, value: { echo: JSON.parse(body) } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('createHttpClient', () => {
  it('posts JSON to /api/<name> without a credential header and passes the Result through', async () => {
    const client = createHttpClient(base);
    const result = await client.call('meetings:get', { id: 'm1' });
    expect(result).toEqual({ ok: true, value: { echo: { id: 'm1' } } });
    const request = seen.at(-1);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/api/meetings:get');
    expect(request?.headers['x-referat-token']).toBeUndefined();
    expect(request?.headers.authorization).toBeUndefined();
    expect(request?.headers['content-type']).toBe('application/json');
  });

  it('passes typed refusals through', async () => {
    const result = await createHttpClient(base).call('refused:call' as 'committees:list', {});
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'token' } });
  });

  it('turns an unreadable answer and a missing host into typed errors', async () => {
    const broken = await createHttpClient(base).call('broken:answer' as 'committees:list', {});
    expect(broken.ok).toBe(false);
    if (!broken.ok) expect(broken.error.code).toBe('internal');
    const offline = await createHttpClient('http://127.0.0.1:9').call('committees:list', {});
    expect(offline.ok).toBe(false);
    if (!offline.ok) expect(offline.error.message).toMatch(/No connection/);
  });

  it('uploads raw bytes with the URL-encoded file name and answers the upload id', async () => {
    const file = new File([new Uint8Array([1, 2, 3])], 'Bilag ø 1.pdf', {
      type: 'application/pdf',
    });
    const result = await createHttpClient(base).upload(file);
    expect(result).toEqual({ ok: true, value: { uploadId: 'a'.repeat(32) } });
    const request = seen.at(-1);
    expect(request?.url).toBe('/upload');
    expect(request?.headers['x-referat-filename']).toBe(encodeURIComponent('Bilag ø 1.pdf'));
    expect(request?.headers['x-referat-token']).toBeUndefined();
    expect(request?.body.length).toBe(3);
  });
});
