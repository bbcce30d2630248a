/**
 * Opening a meeting's minutes document in the UI, for the e2e files that type into it.
 */
import type { Page } from 'playwright-core';
import type { BrowserModeHost } from './browserMode';

/**
 * Opens the meeting and shows its document view: the view a meeting opens on, unless an earlier
 * step of the file switched the browser's remembered view to the forms.
 */
export async function openMeetingDocument(
  page: Page,
  host: Pick<BrowserModeHost, 'url'>,
  meetingId: string,
): Promise<void> {
  await page.goto(host.url);
  await page.evaluate((id) => {
    window.location.hash = `#/meetings/${id}`;
  }, meetingId);
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Opgaveudvalget' }).waitFor();
  const documentView = page.getByRole('button', { name: 'Referat som dokument' });
  if ((await documentView.getAttribute('aria-pressed')) !== 'true') await documentView.click();
}
