/**
 * The start screen "Møder" in Chromium (browser mode) at 1366×768: an empty library leads to
 * creating a committee; a library with meetings lists them across committees with the drafts
 * and the minutes awaiting signatures first, and one click on a row opens the meeting; the
 * committees are one step away.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';

let session: BrowserSession;
let page: Page;

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

async function createCommittee(name: string): Promise<string> {
  const committee = await call<{ id: string }>('committees:create', {
    name,
    kind: 'staaende_udvalg',
    organisation: 'Gentofte Kommune',
    template: 'fagudvalg',
  });
  return committee.id;
}

async function createMeeting(committeeId: string, number: number, date: string): Promise<string> {
  const created = await call<{ meeting: { id: string } }>('meetings:create', {
    committeeId,
    number,
    date,
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  return created.meeting.id;
}

describe('the start screen "Møder"', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows an empty library a way to its first committee, with no serious axe violation', async () => {
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Velkommen til Referat' }).waitFor();
    const form = page.getByRole('form', { name: 'Nyt udvalg' });
    await form.getByRole('textbox', { name: 'Navn' }).waitFor();
    await page.getByRole('button', { name: 'Åbn pakke' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'out/screenshots/home-empty-1366.png' });
  });

  it('lists drafts first, then minutes awaiting signature, then coming meetings, and opens one in one click', async () => {
    const economy = await createCommittee('Økonomiudvalget');
    const culture = await createCommittee('Kultur- og Fritidsudvalget');
    const approvedId = await createMeeting(economy, 3, '2017-11-14');
    await call('meetings:approve', { id: approvedId });
    const draftId = await createMeeting(culture, 5, '2017-12-12');
    await createMeeting(economy, 4, '2099-01-20');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    // The heading stands while the meetings load; the sections come in one render after it.
    await page.getByRole('heading', { level: 2, name: 'Kladder (1)' }).waitFor();
    const headings = await page.locator('.home__section h2').allTextContents();
    expect(headings).toEqual(['Kladder (1)', 'Afventer underskrift (1)', 'Kommende (1)']);
    const rows = (await page.locator('.meeting-row').allInnerTexts()).map((text) =>
      text.replace(/\s+/g, ' ').trim(),
    );
    expect(rows).toEqual([
      'Kultur- og Fritidsudvalget 5. møde 12. december 2017 Kladde',
      'Økonomiudvalget 3. møde 14. november 2017 Godkendt',
      'Økonomiudvalget 4. møde 20. januar 2099 Kladde',
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: 'out/screenshots/home-1366.png' });

    await page.getByRole('link', { name: /Kultur- og Fritidsudvalget 5\. møde/ }).click();
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: '5. møde i Kultur- og Fritidsudvalget den 12. december 2017' })
      .waitFor();
    expect(new URL(page.url()).hash).toBe(`#/meetings/${draftId}`);
  });

  it('reaches the committees in one step and comes back', async () => {
    await page.goto(session.host.origin + '/#/');
    await page
      .getByRole('navigation', { name: 'Oversigt' })
      .getByRole('link', { name: 'Udvalg' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Udvalg' }).waitFor();
    await page.getByRole('row', { name: /Økonomiudvalget/ }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page
      .getByRole('navigation', { name: 'Oversigt' })
      .getByRole('link', { name: 'Møder' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    expect(session.pageErrors).toEqual([]);
  });
});
