/**
 * Browser mode's launch code (Jupyter's approach): the start line's `?token=` value is a
 * one-time code. The first request carrying it gets an HttpOnly, SameSite=Strict session cookie
 * and a redirect to the address without it; the code is then spent. API calls, uploads,
 * downloads and PDF exports authenticate by the cookie alone, and no URL the host hands out
 * carries a credential.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { createHandlers } from '../../main/node/api/handlers';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { storeBytes } from '../../main/node/storage/fileStore';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { exchangeLaunchCode, makeTempDir, newLibrary, sendRaw } from '../storage/storageHelpers';

const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

async function newHost(): Promise<{ host: Host; appendixId: string }> {
  const library = newLibrary();
  const doc = parseReferatDocument(
    fs.readFileSync(
      path.resolve(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    ),
  );
  const stored = await storeBytes(library.filesDir, Buffer.from('%PDF-1.4\n'));
  const appendices = doc.appendices.slice(0, 1).map((a) => ({
    ...a,
    file: {
      name: 'Bilag.pdf',
      sha256: stored.sha256,
      size: stored.size,
      mediaType: 'application/pdf',
    },
  }));
  importMeetingDocument(library.db, { ...doc, appendices });
  const rendererDir = makeTempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Referat</title>');
  const host = await startHost({ library, handlers: createHandlers(library), rendererDir });
  hosts.push(host);
  return { host, appendixId: appendices[0]?.id ?? '' };
}

function api(host: Host, name: string, headers: Record<string, string>, input: unknown = {}) {
  return sendRaw(host.port, {
    method: 'POST',
    path: `/api/${name}`,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(input),
  });
}

describe('the one-time launch code', () => {
  it('keeps the start line: http://127.0.0.1:PORT/?token=<64 hex>', async () => {
    const { host } = await newHost();
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is exchanged once for an HttpOnly SameSite=Strict cookie and a redirect without it', async () => {
    const { host } = await newHost();
    const first = await sendRaw(host.port, { path: `/?token=${host.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    expect(first.headers['cache-control']).toBe('no-store');
    const setCookie = first.headers['set-cookie'] ?? [];
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0] ?? '';
    expect(cookie).toMatch(new RegExp(`^referat-session-${host.port}=[0-9a-f]{64}; `));
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    // The session secret is not the launch code.
    expect(cookie).not.toContain(host.token);

    // Spent: without the cookie the code is refused, with it the address is just cleaned.
    const again = await sendRaw(host.port, { path: `/?token=${host.token}` });
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    const sessionCookie = cookie.split(';')[0] ?? '';
    const withCookie = await sendRaw(host.port, {
      path: `/?token=${host.token}`,
      headers: { Cookie: sessionCookie },
    });
    expect(withCookie.status).toBe(303);
    expect(withCookie.headers.location).toBe('/');
    expect(withCookie.headers['set-cookie']).toBeUndefined();
  });

  it('keeps other query parameters in the redirect and refuses a wrong code', async () => {
    const { host } = await newHost();
    const wrong = await sendRaw(host.port, { path: `/?token=${'0'.repeat(64)}` });
    expect(wrong.status).toBe(403);
    const first = await sendRaw(host.port, { path: `/index.html?lang=en&token=${host.token}` });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/index.html?lang=en');
  });

  it('API calls authenticate by the cookie only: not the code, not a header, not a wrong cookie', async () => {
    const { host } = await newHost();
    const cookie = await exchangeLaunchCode(host);
    expect((await api(host, 'committees:list', { Cookie: cookie })).status).toBe(200);
    const name = cookie.split('=')[0] ?? '';
    const refused: Array<Record<string, string>> = [
      {},
      { 'X-Referat-Token': host.token },
      { Authorization: `Bearer ${cookie.split('=')[1]}` },
      { Cookie: `${name}=${'0'.repeat(64)}` },
      { Cookie: `referat-session-1=${cookie.split('=')[1]}` },
      { Cookie: `${name}=${host.token}` },
    ];
    for (const headers of refused) {
      const answer = await api(host, 'committees:list', headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(JSON.parse(answer.body.toString('utf8'))).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    // Another cookie beside ours does not hurt.
    expect(
      (await api(host, 'committees:list', { Cookie: `theme=dark; ${cookie}; other=1` })).status,
    ).toBe(200);
  });

  it('download and PDF export URLs carry no credential and need the cookie', async () => {
    const { host, appendixId } = await newHost();
    const cookie = await exchangeLaunchCode(host);
    const opened = JSON.parse(
      (await api(host, 'appendices:open', { Cookie: cookie }, { id: appendixId })).body.toString(
        'utf8',
      ),
    ) as { ok: true; value: { downloadUrl: string } };
    expect(opened.value.downloadUrl).toMatch(/^\/download\/[0-9a-f]{32}$/);
    expect((await sendRaw(host.port, { path: opened.value.downloadUrl })).status).toBe(401);
    const download = await sendRaw(host.port, {
      path: opened.value.downloadUrl,
      headers: { Cookie: cookie },
    });
    expect(download.status).toBe(200);
    expect(download.body.toString('latin1')).toBe('%PDF-1.4\n');

    const meetings = JSON.parse(
      (await api(host, 'meetings:list', { Cookie: cookie })).body.toString('utf8'),
    ) as { value: Array<{ id: string }> };
    const pdf = JSON.parse(
      (
        await api(
          host,
          'pdf:export',
          { Cookie: cookie },
          { meetingId: meetings.value[0]?.id, edition: 'public' },
        )
      ).body.toString('utf8'),
    ) as { ok: true; value: { previewUrl: string; downloadUrl: string } };
    expect(pdf.ok).toBe(true);
    expect(pdf.value.previewUrl).toMatch(/^\/exports\/[0-9a-f]{32}$/);
    expect(pdf.value.downloadUrl).toMatch(/^\/exports\/[0-9a-f]{32}\?download=1$/);
    expect((await sendRaw(host.port, { path: pdf.value.previewUrl })).status).toBe(401);
    const preview = await sendRaw(host.port, {
      path: pdf.value.previewUrl,
      headers: { Cookie: cookie },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('uploads need the cookie too', async () => {
    const { host } = await newHost();
    const cookie = await exchangeLaunchCode(host);
    const upload = (headers: Record<string, string>) =>
      sendRaw(host.port, {
        method: 'POST',
        path: '/upload',
        headers: { 'X-Referat-Filename': 'a.pdf', ...headers },
        body: '%PDF-1.4\n',
      });
    expect((await upload({ 'X-Referat-Token': host.token })).status).toBe(401);
    expect((await upload({ Cookie: cookie })).status).toBe(200);
  });
});
