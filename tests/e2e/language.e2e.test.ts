/**
 * The UI language: Danish by default, English selectable in the header, the choice kept across
 * reloads (localStorage), and dates written the English way while English is chosen.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { fillDateField } from './helpers/dateFields';

let session: BrowserSession;
let page: Page;

describe('language switch', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('starts in Danish', async () => {
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Sprog' }).inputValue()).toBe('da');
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
  });

  it('switches to English, writes English dates and keeps the choice after a reload', async () => {
    await page.getByRole('combobox', { name: 'Sprog' }).selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Meetings' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');

    const form = page.getByRole('form', { name: 'New committee' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Økonomiudvalget');
    await form
      .getByRole('combobox', { name: 'Type' })
      .selectOption({ label: 'Standing committee' });
    await form.getByRole('button', { name: 'Create committee' }).click();
    await page.getByRole('heading', { level: 1, name: 'Økonomiudvalget' }).waitFor();
    await page.getByRole('button', { name: 'New meeting' }).click();
    const meetingForm = page.getByRole('form', { name: 'New meeting' });
    await fillDateField(meetingForm, 'Date', '2017-12-12');
    await expect.poll(() => meetingForm.textContent()).toContain('Tuesday 12 December 2017');
    await meetingForm.getByRole('button', { name: 'Create meeting' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Open) Meeting 1 of Økonomiudvalget on 12 December 2017',
      })
      .waitFor();

    await page.reload();
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Open) Meeting 1 of Økonomiudvalget on 12 December 2017',
      })
      .waitFor();
    expect(await page.getByRole('combobox', { name: 'Language' }).inputValue()).toBe('en');
    // The side panel's parts are named in English too.
    await page.getByRole('button', { name: 'Attendance', exact: true }).click();
    await page.getByRole('complementary', { name: 'Attendance' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Attendance' }).waitFor();
  });

  it('switches back to Danish', async () => {
    await page.getByRole('combobox', { name: 'Language' }).selectOption('da');
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Åben) 1. møde i Økonomiudvalget den 12. december 2017',
      })
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
    expect(session.pageErrors).toEqual([]);
  });
});
