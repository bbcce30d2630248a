/**
 * The search screen and the decision register in Chromium (browser mode): a phrase finds the
 * Gentofte minutes, and the shared committee and date filters narrow both screens.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { fillDateField } from './helpers/dateFields';

let session: BrowserSession;
let page: Page;

beforeAll(async () => {
  session = await openBrowserSession();
  page = session.page;
  const json = readFileSync(
    path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
    'utf8',
  );
  const response = await fetch(`${session.host.origin}/api/meetings:importJson`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: session.host.cookie ?? '' },
    body: JSON.stringify({ json }),
  });
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
}, 60_000);
afterAll(async () => {
  await session?.close();
});

describe('search screens', () => {
  it('finds a phrase and narrows by committee and date', async () => {
    await page.goto(`${session.host.url}#/search`);
    await page.getByLabel('Søg i referater').fill('"gode samarbejde"');
    await page.getByText('1 møde vist.').waitFor();
    await page.getByLabel('Udvalg', { exact: true }).selectOption({
      label: 'Opgaveudvalget om Innovation',
    });
    await page.getByText('1 møde vist.').waitFor();
    await fillDateField(page, 'Fra dato', '2018-01-01');
    await page.getByText('Ingen møder matcher søgningen.').waitFor();
    expect(session.pageErrors).toEqual([]);
  });

  it('lists decisions in the register and filters them by date', async () => {
    await page.goto(`${session.host.url}#/decisions`);
    await page.getByText('Opgaveudvalget om Innovation, 12. december 2017').first().waitFor();
    await fillDateField(page, 'Til dato', '2016-12-31');
    await page.getByText('Ingen beslutninger matcher.').waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
