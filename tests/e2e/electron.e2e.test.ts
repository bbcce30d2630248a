/**
 * The Electron app, driven by Playwright's Electron support. It needs the Electron binary,
 * which the electron npm package downloads on first use; where it is missing (CI, machines
 * without network at install time) the spec is skipped and says why. Browser mode is covered
 * by the other e2e specs.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/node/host/electronBinary';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const binary = findElectronBinary();
const isSkipped = !binary.isAvailable;
if (!binary.isAvailable) {
  console.log(
    `Electron spec skipped: ${binary.reason}. Browser mode is tested in Chromium instead.`,
  );
}

let app: ElectronApplication;
let page: Page;
let tempDir: string;

describe('Electron app', () => {
  beforeAll(async () => {
    if (!binary.isAvailable) return;
    if (!existsSync(path.join(root, 'out', 'main', 'electronMain.mjs')))
      throw new Error('Run npm run build first.');
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-electron-test-'));
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env))
      if (value !== undefined) env[key] = value;
    delete env.ELECTRON_RUN_AS_NODE;
    app = await electron.launch({
      executablePath: binary.path,
      args: [root, '--library', path.join(tempDir, 'library.sqlite')],
      env: { ...env, REFERAT_NO_OPEN: '1' },
      // The first start builds better-sqlite3 for Electron (once per Electron version).
      timeout: 300_000,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 320_000);

  afterAll(async () => {
    await app?.close();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  });

  it.skipIf(isSkipped)(
    'loads the renderer from app://referat under the CSP: no inline script, no outside connection',
    async () => {
      expect(page.url()).toMatch(/^app:\/\/referat\//);
      const blocked = await page.evaluate(async () => {
        const script = document.createElement('script');
        script.textContent = 'window.__inlineRan = true;';
        document.head.append(script);
        let isFetchBlocked = false;
        try {
          await fetch('https://example.com/');
        } catch {
          isFetchBlocked = true;
        }
        return {
          inlineRan: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
          isFetchBlocked,
        };
      });
      expect(blocked).toEqual({ inlineRan: false, isFetchBlocked: true });
    },
  );

  it.skipIf(isSkipped)(
    'gives the page the bridge object only: no Node, no ipcRenderer',
    async () => {
      const globals = await page.evaluate(() => ({
        bridgeKeys: Object.keys((window as unknown as { referat?: object }).referat ?? {}).sort(),
        hasRequire: typeof (window as unknown as { require?: unknown }).require !== 'undefined',
        hasProcess: typeof (window as unknown as { process?: unknown }).process !== 'undefined',
        hasBuffer: typeof (window as unknown as { Buffer?: unknown }).Buffer !== 'undefined',
      }));
      expect(globals).toEqual({
        bridgeKeys: ['call', 'transport'],
        hasRequire: false,
        hasProcess: false,
        hasBuffer: false,
      });
    },
  );

  it.skipIf(isSkipped)('answers API calls over IPC with typed results', async () => {
    const info = await page.evaluate(() =>
      (
        window as unknown as { referat: { call(n: string, i: unknown): Promise<unknown> } }
      ).referat.call('app:info', {}),
    );
    expect(info).toMatchObject({ ok: true, value: { transport: 'electron' } });
    const bad = await page.evaluate(() =>
      (
        window as unknown as { referat: { call(n: string, i: unknown): Promise<unknown> } }
      ).referat.call('nothing:here', {}),
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'unknown_request' } });
  });

  it.skipIf(isSkipped)('denies new windows, navigation away and permissions', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com') === null);
    expect(opened).toBe(true);
    expect(app.windows()).toHaveLength(1);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(300);
    expect(page.url()).toMatch(/^app:\/\/referat\//);
    const permission = await page.evaluate(
      async () => (await navigator.permissions.query({ name: 'geolocation' })).state,
    );
    expect(permission).not.toBe('granted');
  });
});
