/**
 * Screenshots of the main screens for docs/screenshots/ and the README (`npm run screenshots`,
 * after `npm run build`): the real browser-mode host on a fresh library with the model
 * document (tests/fixtures/gentofte-2017-12-12.referat.json) imported through the API, in
 * Debian's Chromium at 1366×768 (a municipal laptop) and 1920×1080. docs/screenshot.png (the
 * README's) is the meeting screen at 1366×768.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { apiCall } from '../tests/e2e/helpers/api';
import { openBrowserSession, repoRoot } from '../tests/e2e/helpers/browserMode';

const outDir = path.join(repoRoot, 'docs', 'screenshots');
const fixture = path.join(repoRoot, 'tests', 'fixtures', 'gentofte-2017-12-12.referat.json');
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/** Two animation frames and a short pause: the editors and fonts settle before the shot. */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 150))),
      ),
  );
}

async function shoot(page: Page, name: string, size: { width: number }): Promise<void> {
  await settle(page);
  const file = path.join(outDir, `${name}-${size.width}.png`);
  await page.screenshot({ path: file });
  console.log(file);
}

async function openMeeting(page: Page, origin: string, meetingId: string): Promise<void> {
  await page.goto(`${origin}/#/meetings/${meetingId}`);
  await page.locator('.meeting-document [contenteditable="true"]').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const session = await openBrowserSession({ viewport: sizes[0] });
  try {
    const { page, host } = session;
    const { meetingId } = await apiCall<{ meetingId: string }>(host, 'meetings:importJson', {
      json: readFileSync(fixture, 'utf8'),
    });
    for (const size of sizes) {
      await page.setViewportSize(size);

      await page.goto(`${host.origin}/#/`);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await shoot(page, 'home', size);

      await openMeeting(page, host.origin, meetingId);
      // The caret in the first body, as a secretary starts writing.
      await page.locator('.meeting-document [contenteditable="true"]').first().click();
      await page.evaluate(() => window.scrollTo(0, 0));
      await shoot(page, 'meeting', size);

      await page.getByRole('button', { name: 'Fremmøde', exact: true }).click();
      await page.locator('#meeting-side-panel:not([hidden])').waitFor();
      await shoot(page, 'attendance', size);
      await page.getByRole('button', { name: 'Luk sidepanelet' }).click();

      await page.evaluate(() => window.scrollTo(0, 0));
      await page.getByRole('button', { name: 'Handlinger' }).click();
      await page.getByRole('menu', { name: 'Handlinger' }).waitFor();
      await shoot(page, 'lifecycle-menu', size);
      await page.getByRole('menuitem', { name: 'Eksportér PDF …' }).click();
      await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
      await page.locator('.pdf-preview__frame').waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1500);
      await shoot(page, 'pdf-preview', size);
      await page.getByRole('button', { name: 'Luk forhåndsvisning' }).click();

      await page.goto(`${host.origin}/#/search`);
      const field = page.getByRole('searchbox').first();
      await field.fill('innovation');
      await field.press('Enter');
      await page.waitForTimeout(800);
      await shoot(page, 'search', size);
    }
    copyFileSync(
      path.join(outDir, 'meeting-1366.png'),
      path.join(repoRoot, 'docs', 'screenshot.png'),
    );
  } finally {
    await session.close();
  }
}

await main();
