/**
 * Chromium started with `--lang=en-US` (an English browser on an English OS) still shows the
 * meeting's date and time fields and the file pickers in Danish: "12.12.2017", "16.00",
 * "Vælg fil…" and "Ingen fil valgt", never "12/12/2017", "04:00 PM" or "Choose File". Typing in the
 * Danish order saves the ISO values.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, createOpgaveudvalgMeeting } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { fieldText, fillTimeField } from './helpers/dateFields';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId: string;

const textOf = (label: string) => fieldText(page, label);

describe('Danish controls under an en-US browser (browser mode)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({
      uiLanguage: 'en-US',
      viewport: { width: 1366, height: 768 },
    });
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, []));
    await apiCall(session.host, 'meetings:update', {
      id: meetingId,
      patch: { startTime: '16:00' },
    });
    await apiCall(session.host, 'appendices:create', {
      meetingId,
      appendix: { title: 'Budget', documentNumber: '', caseId: '', isClosed: false, itemId: null },
    });
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    await openMeetingPanel(page, 'Oplysninger og dagsorden');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('runs in an English browser', async () => {
    expect(await page.evaluate(() => navigator.language)).toBe('en-US');
  });

  it("names the product and the meeting in the header and the window title, not the library's file", async () => {
    const place = 'Opgaveudvalget om Innovation, 5. møde 12. december 2017';
    await page.locator('.app-header__place').filter({ hasText: place }).waitFor();
    expect(await page.getByRole('banner').innerText()).not.toContain('library');
    expect(await page.title()).toBe(`Referat – ${place}`);
  });

  it('shows the date as 12.12.2017 and the start time as 16.00', async () => {
    await page.getByRole('group', { name: 'Dato', exact: true }).waitFor();
    expect(await textOf('Dato')).toBe('12.12.2017');
    expect(await textOf('Start')).toBe('16.00');
    // React Aria keeps a native input for autofill, hidden from sight and from assistive tools.
    const nativeShown = await page.evaluate(
      () =>
        [...document.querySelectorAll('input[type="date"], input[type="time"]')].filter(
          (input) => input.closest('[aria-hidden="true"]') === null,
        ).length,
    );
    expect(nativeShown).toBe(0);
  });

  it('saves a time typed the Danish way', async () => {
    await fillTimeField(page, 'Slut', '18:40');
    expect(await textOf('Slut')).toBe('18.40');
    await expect
      .poll(
        async () =>
          (
            await apiCall<{ meeting: { endTime: string | null } }>(session.host, 'meetings:get', {
              id: meetingId,
            })
          ).meeting.endTime,
        { timeout: 10_000 },
      )
      .toBe('18:40');
  });

  it('offers the appendix file in Danish and has no serious axe violation', async () => {
    await openMeetingPanel(page, 'Bilag');
    const picker = page.getByRole('button', { name: 'Vælg fil…' }).first();
    await picker.waitFor();
    expect(await page.getByText('Choose File').count()).toBe(0);
    await page.getByLabel('Vedhæft fil til bilag 1').setInputFiles({
      name: 'budget.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
    });
    await page.getByText('Fil: budget.pdf').waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(session.pageErrors).toEqual([]);
  });
});
