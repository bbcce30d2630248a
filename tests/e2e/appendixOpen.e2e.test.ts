/**
 * "Åbn bilag" in browser mode with an appendix whose name poses as a PDF by a right-to-left
 * override ("Budget 2018 \u202Efdp.bat", shown as "Budget 2018 tab.pdf"), attached through the
 * page's own file chooser: the download carries the real name and a generic type, and the page
 * says why it was not treated as a document.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, createOpgaveudvalgMeeting } from './helpers/api';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;

describe('"Åbn bilag" with a program posing as a PDF (browser mode)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    const { meetingId } = await createOpgaveudvalgMeeting(session.host, []);
    await apiCall(session.host, 'appendices:create', {
      meetingId,
      appendix: { title: 'Budget', documentNumber: '', caseId: '', isClosed: false, itemId: null },
    });
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    await openMeetingPanel(page, 'Bilag');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('downloads it under its real name as octet-stream and says it is not a document', async () => {
    await page.getByLabel('Vedhæft fil til bilag 1').setInputFiles({
      name: 'Budget 2018 \u202Efdp.bat',
      mimeType: 'application/pdf',
      buffer: Buffer.from('@echo off\r\necho pwned\r\n'),
    });
    // Stored under the name without the override: what the user reads is what it is.
    await page.getByText('Fil: Budget 2018 fdp.bat').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Åbn bilag 1', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('Budget 2018 fdp.bat');
    const notice = page.getByRole('status').filter({ hasText: 'Budget 2018 fdp.bat hentes' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ikke en dokumenttype, Referat åbner');
    expect(session.pageErrors).toEqual([]);
  });
});
