/**
 * Browser mode for end-to-end tests: the real start script (`node out/main/start.mjs --browser
 * --no-open --library <tmp>`) on a fresh library in a temp folder, and Debian's Chromium
 * driven by playwright-core. Always call `close()` (in afterAll): it closes the browser, stops
 * the host with SIGTERM (SIGKILL after a grace period) and removes the temp folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const repoRoot = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
);
const startScript = path.join(repoRoot, 'out', 'main', 'start.mjs');

/** The Chromium the tests drive: `CHROMIUM_PATH`, else Debian's /usr/bin/chromium. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags for a headless Chromium that never talks to the network by itself. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A running browser-mode host. */
export type BrowserModeHost = {
  /** The start URL with the one-time launch code, exactly as printed. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** The one-time launch code (the start URL's `token`). */
  token: string;
  /**
   * The session cookie (`name=value`) the helper exchanged the launch code for, so API calls
   * from the test and the test's browser context share one session; null when the test left
   * the exchange to a browser (`isExchangingCode: false`).
   */
  cookie: string | null;
  libraryPath: string;
  tempDir: string;
  process: ChildProcess;
  /** What the host wrote to stderr so far (for failure messages). */
  stderr(): string;
  stop(): Promise<void>;
};

/** Starts `out/main/start.mjs` in browser mode on a new library and waits for its `Referat:` line. */
export async function startBrowserModeHost(
  options: {
    timeoutMs?: number;
    /** Exchange the launch code for the session cookie here (default true). */
    isExchangingCode?: boolean;
  } = {},
): Promise<BrowserModeHost> {
  if (!existsSync(startScript))
    throw new Error(`${startScript} is missing: run npm run build first.`);
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-e2e-'));
  const libraryPath = path.join(tempDir, 'library.sqlite');
  const child = spawn(
    process.execPath,
    [startScript, '--browser', '--no-open', '--library', libraryPath],
    {
      cwd: repoRoot,
      env: { ...process.env, REFERAT_NO_OPEN: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `No "Referat:" line within ${options.timeoutMs ?? 30_000} ms. stderr:\n${stderr}`,
            ),
          ),
        options.timeoutMs ?? 30_000,
      );
      const lines = createInterface({ input: child.stdout! });
      lines.once('line', (line) => {
        clearTimeout(timer);
        const match = /^Referat: (http:\/\/127\.0\.0\.1:\d+\/\S*)$/.exec(line);
        if (match?.[1]) resolve(match[1]);
        else
          reject(new Error(`Unexpected first line from the start script: ${JSON.stringify(line)}`));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `The start script exited (${code ?? signal}) before printing its line. stderr:\n${stderr}`,
          ),
        );
      });
    });
    const parsed = new URL(url);
    const token = parsed.searchParams.get('token');
    if (!token) throw new Error(`The start URL has no token: ${url}`);
    const cookie = options.isExchangingCode === false ? null : await exchangeLaunchCode(url);
    return {
      url,
      origin: parsed.origin,
      token,
      cookie,
      libraryPath,
      tempDir,
      process: child,
      stderr: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Opens the start URL as a browser does and answers the session cookie (`name=value`) the
 * one-time launch code is exchanged for.
 */
export async function exchangeLaunchCode(startUrl: string): Promise<string> {
  const response = await fetch(startUrl, { redirect: 'manual' });
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (response.status !== 303 || !cookie.includes('='))
    throw new Error(`The launch code was not exchanged (HTTP ${response.status}).`);
  return cookie;
}

/** Gives a browser context the session cookie (`name=value`) of the host at `origin`. */
export async function addSessionCookie(
  context: BrowserContext,
  origin: string,
  cookie: string,
): Promise<void> {
  const separator = cookie.indexOf('=');
  await context.addCookies([
    {
      name: cookie.slice(0, separator),
      value: cookie.slice(separator + 1),
      url: `${origin}/`,
      httpOnly: true,
      sameSite: 'Strict',
    },
  ]);
}

/** Launches the headless Chromium used by every e2e spec. */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}; install it (apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [...chromiumArgs, ...extraArgs],
  });
}

/** A host, a browser and one page opened at the start URL. */
export type BrowserSession = {
  host: BrowserModeHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Messages the page logged as errors, and uncaught page errors (a test may assert none). */
  pageErrors: string[];
  close(): Promise<void>;
};

/**
 * Starts the host and Chromium and opens the start URL (Danish UI unless `locale` says otherwise).
 * Page errors and CSP violations are collected in `pageErrors`.
 */
export async function openBrowserSession(
  options: {
    viewport?: { width: number; height: number };
    /** Chromium's UI language (date and time inputs follow it); Danish by default. */
    uiLanguage?: string;
    /**
     * The secretary's name set in the library before the page opens (so the first-start
     * prompt does not shift the screens); null leaves the library as on first start.
     */
    secretaryName?: string | null;
  } = {},
): Promise<BrowserSession> {
  const host = await startBrowserModeHost();
  let browser: Browser | null = null;
  try {
    const uiLanguage = options.uiLanguage ?? 'da-DK';
    browser = await launchChromium([`--lang=${uiLanguage}`]);
    const context = await browser.newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: uiLanguage,
    });
    context.setDefaultTimeout(15_000);
    // The helper spent the launch code; the browser gets the same session. Opening the start
    // URL with the session then just drops the spent code from the address.
    if (host.cookie) await addSessionCookie(context, host.origin, host.cookie);
    const secretaryName = options.secretaryName === undefined ? 'Referent' : options.secretaryName;
    if (secretaryName !== null && host.cookie) {
      const response = await fetch(`${host.origin}/api/settings:set`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie: host.cookie },
        body: JSON.stringify({ secretaryName }),
      });
      if (!response.ok) throw new Error(`settings:set failed (HTTP ${response.status}).`);
    }
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await page.goto(host.url);
    const opened = browser;
    return {
      host,
      browser: opened,
      context,
      page,
      pageErrors,
      async close() {
        await opened.close().catch(() => undefined);
        await host.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await host.stop();
    throw error;
  }
}
