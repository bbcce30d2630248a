/**
 * The keyboard shortcuts are listed in the app: F1 (or the button above the meeting document)
 * opens a dialog with the editor's shortcuts and the document's, Escape closes it and the
 * focus returns to the text. Through the UI in Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorShortcuts, documentShortcuts } from '../../renderer/src/editor/shortcuts';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';
import { createOpgaveudvalgMeeting } from './helpers/api';

let session: BrowserSession;
let page: Page;

describe('the keyboard shortcuts dialog', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    const { meetingId } = await createOpgaveudvalgMeeting(session.host, []);
    await openMeetingDocument(page, session.host, meetingId);
  });

  afterAll(async () => {
    await session?.close();
  });

  it('lists every shortcut of the editor and the document on F1, and returns the focus', async () => {
    const summary = page.getByRole('textbox', { name: 'Resumé', exact: true });
    await summary.click();
    await page.locator('[contenteditable="true"]').first().waitFor();
    await page.keyboard.press('F1');
    const dialog = page.getByRole('dialog', { name: 'Tastaturgenveje' });
    await dialog.waitFor();
    const rows = dialog.locator('tbody tr');
    expect(await rows.count()).toBe(editorShortcuts.length + documentShortcuts.length);
    await expect
      .poll(() => dialog.getByRole('row', { name: /Fed/ }).innerText())
      .toContain('Ctrl+B');
    expect(await dialog.getByRole('row', { name: /Søg i referatet/ }).innerText()).toContain(
      'Ctrl+F',
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('contenteditable'))).toBe(
      'true',
    );
  });

  it('opens from the button above the document and closes with its button', async () => {
    await page.getByRole('button', { name: 'Tastaturgenveje (F1)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Tastaturgenveje' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Luk' }).click();
    await dialog.waitFor({ state: 'detached' });
  });
});
