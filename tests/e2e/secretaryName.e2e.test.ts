/**
 * First start asks for the secretary's name (the author of revisions, corrections and
 * approvals); it is saved as a library setting, the prompt goes away, and the header's button
 * shows the name and opens the form again to change it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';

let session: BrowserSession;
let page: Page;

describe('the secretary name on first start (browser mode)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({
      secretaryName: null,
      viewport: { width: 1366, height: 768 },
    });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('asks for the name, saves it by keyboard and shows it in the header', async () => {
    const welcome = page.getByRole('region', { name: 'Velkommen til Referat' });
    await welcome.waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    const field = welcome.getByRole('textbox', { name: 'Sekretærens navn' });
    await field.fill('  Mette Holm ');
    await field.press('Enter');
    await page.getByRole('button', { name: 'Sekretær: Mette Holm' }).waitFor();
    await welcome.waitFor({ state: 'hidden' });
    expect(await apiCall(session.host, 'settings:get', {})).toEqual({
      secretaryName: 'Mette Holm',
    });
  });

  it('changes the name from the header', async () => {
    await page.getByRole('button', { name: 'Sekretær: Mette Holm' }).click();
    const form = page.getByRole('region', { name: 'Indstillinger' });
    const field = form.getByRole('textbox', { name: 'Sekretærens navn' });
    await field.fill('Mette Holm Jensen');
    await form.getByRole('button', { name: 'Gem navnet' }).click();
    await page.getByRole('button', { name: 'Sekretær: Mette Holm Jensen' }).waitFor();
    await form.waitFor({ state: 'hidden' });
    expect(session.pageErrors).toEqual([]);
  });
});
