/**
 * The HTML edition in Chromium: axe-core finds no WCAG 2.1 A/AA violation (of any impact) on a
 * meeting page (the model document, and a generated meeting with a closed item, a logo and a
 * linked appendix) and on the committee's index page written by `referat publish`; the skip
 * link appears when focused and leads to the main content; focused links show an outline.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlEdition, writeHtmlFolder } from '../../main/node/html/htmlEdition';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { fillHtmlLibrary, markedMeeting, modelDocument } from '../support/htmlEditionLibrary';
import { newLibrary } from '../storage/storageHelpers';
import { launchChromium } from './helpers/browserMode';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Axe = {
  run(
    context: Document,
    options: unknown,
  ): Promise<{
    violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[];
  }>;
};

/** Every WCAG 2.0/2.1 A and AA violation axe finds on the page, as readable lines. */
async function wcagViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map(
      (v) =>
        `${v.id} (${v.impact ?? '?'}): ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`,
    );
  });
}

let browser: Browser;
let page: Page;
let site = '';
let single = '';
let agendaSite = '';
let cwd = '';

beforeAll(async () => {
  const library = newLibrary();
  const meetings = await fillHtmlLibrary(library);
  // Not a storage helper's folder: those are removed after each test, these serve them all.
  cwd = mkdtempSync(path.join(tmpdir(), 'referat-html-e2e-'));
  const run = await runCliCaptured(
    ['publish', '--committee', meetings.committeeName, '--out', 'web'],
    { cwd, env: { REFERAT_LIBRARY: library.path } },
  );
  if (run.code !== 0) throw new Error(run.stderr);
  site = path.join(cwd, 'web');
  // A meeting with the profile's logo (written directly: profiles are resolved by the library).
  single = path.join(cwd, 'single');
  writeHtmlFolder(
    single,
    htmlEdition(markedMeeting(modelDocument()), { filesDir: library.filesDir }).files,
  );
  // The public agenda (dagsorden) of the same meeting.
  agendaSite = path.join(cwd, 'agenda');
  writeHtmlFolder(
    agendaSite,
    htmlEdition(markedMeeting(modelDocument()), {
      filesDir: library.filesDir,
      agenda: { kind: 'agenda' },
    }).files,
  );
  browser = await launchChromium();
  page = await browser.newPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (cwd !== '') rmSync(cwd, { recursive: true, force: true });
});

const open = async (file: string) => {
  await page.goto(pathToFileURL(file).href);
};

describe('the HTML edition in Chromium', () => {
  it('axe: no WCAG 2.1 A/AA violation on the public agenda', async () => {
    await open(path.join(agendaSite, 'index.html'));
    expect(await page.locator('h1').count()).toBe(1);
    expect(await page.locator('nav.contents a').count()).toBeGreaterThan(1);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('axe: no WCAG 2.1 A/AA violation on the committee index', async () => {
    await open(path.join(site, 'index.html'));
    expect(await page.locator('main a').count()).toBe(2);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('axe: no WCAG 2.1 A/AA violation on the model document and the generated meeting', async () => {
    await open(path.join(site, 'index.html'));
    const links = await page
      .locator('main a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    for (const link of links) {
      await page.goto(link);
      expect(await page.locator('h1').count(), link).toBe(1);
      expect(await wcagViolations(page), link).toEqual([]);
    }
  });

  it('axe: no violation on a page with the logo; the skip link shows when focused and leads to main; focus is visible', async () => {
    await open(path.join(single, 'index.html'));
    expect(await page.locator('img.logo').getAttribute('alt')).toBe('Gentofte Kommunes logo');
    expect(await wcagViolations(page)).toEqual([]);

    const skip = page.locator('a.skip-link');
    const hidden = await skip.boundingBox();
    expect(hidden && hidden.y + hidden.height).toBeLessThanOrEqual(0);
    await page.keyboard.press('Tab');
    expect(await skip.evaluate((a) => a === document.activeElement)).toBe(true);
    const shown = await skip.boundingBox();
    expect(shown?.y).toBeGreaterThanOrEqual(0);
    expect(await skip.evaluate((a) => getComputedStyle(a).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('indhold');

    const tocLink = page.locator('nav.contents a').first();
    await tocLink.focus();
    const outline = await tocLink.evaluate((a) => {
      const style = getComputedStyle(a);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
