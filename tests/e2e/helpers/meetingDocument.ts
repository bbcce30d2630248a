/**
 * Opening a meeting's minutes document in the UI, its item sections and its find bar, for the
 * e2e files that type into it. The page is passed as a getter: the files create it in beforeAll.
 */
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import type { BrowserModeHost } from './browserMode';

/** Opens the meeting: its screen is the minutes document, with the side panel closed. */
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
  await page.locator('.meeting-document').waitFor();
}

/** The parts of the meeting screen's side panel, by the name the panel then has. */
export type MeetingPanelName =
  | 'Oplysninger og dagsorden'
  | 'Fremmøde'
  | 'Bilag'
  | 'Før mødet'
  | 'Godkendelse og underskrift'
  | 'Del og arkivér'
  | 'PDF-eksport';

/** The "Handlinger" menu item that opens a part not on the meeting bar. */
const menuItemOf: Partial<Record<MeetingPanelName, string>> = {
  'Før mødet': 'Udsend dagsorden …',
  'Godkendelse og underskrift': 'Historik',
  'Del og arkivér': 'Eksportér Word eller HTML …',
  'PDF-eksport': 'Eksportér PDF …',
};

/**
 * Opens a part of the meeting's side panel: the records from their buttons on the meeting bar,
 * the approval, sharing and PDF export from the "Handlinger" menu. Returns the panel.
 */
export async function openMeetingPanel(page: Page, name: MeetingPanelName): Promise<Locator> {
  const panel = page.getByRole('complementary', { name, exact: true });
  if (await panel.isVisible()) return panel;
  const menuItem = menuItemOf[name];
  if (menuItem) {
    await page.getByRole('button', { name: 'Handlinger' }).click();
    await page.getByRole('menuitem', { name: menuItem }).click();
  } else {
    await page.getByRole('button', { name, exact: true }).click();
  }
  await panel.waitFor();
  return panel;
}

/** The document's item sections by their index in `itemIds` (filled by the file's setup). */
export function documentSections(page: () => Page, itemIds: readonly string[]) {
  const section = (index: number): Locator => page().locator(`#document-item-${itemIds[index]}`);
  return {
    section,
    /** The Ad-section's decision body (its editor, or its preview before the editor starts). */
    decision: (index: number): Locator =>
      section(index).getByRole('textbox', { name: 'Beslutning', exact: true }),
    /** Whether the item's section has started its editor (far sections show a preview). */
    isStarted: (index: number): Promise<boolean> =>
      section(index)
        .locator('[contenteditable="true"]')
        .count()
        .then((count) => count > 0),
    /** The id of the section holding the focus, or null. */
    activeSectionId: (): Promise<string | null> =>
      page().evaluate(() => document.activeElement?.closest('section[id]')?.id ?? null),
  };
}

/** The document's find bar (Ctrl+F) and a wait for the editors to take in a selection change. */
export function documentFind(page: () => Page) {
  const findBar = (): Locator => page().getByRole('search', { name: 'Søg i referatet' });
  const findField = (): Locator => findBar().getByRole('searchbox', { name: 'Søg i referatet' });
  return {
    findBar,
    findField,
    /** The "N af M" status of the bar. */
    findCount: (): Locator => findBar().getByRole('status'),
    /** Opens the bar with Ctrl+F, waits for its field to have the focus and types `query`. */
    async openFind(query: string): Promise<void> {
      await page().keyboard.press('Control+F');
      await expect
        .poll(() => findField().evaluate((el) => el === document.activeElement))
        .toBe(true);
      await findField().fill(query);
    },
    /** Two animation frames: Lexical reads a selection change on 'selectionchange'. */
    settle: (): Promise<unknown> =>
      page().evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))),
      ),
  };
}

/** Closes the meeting's side panel, if open (the outline shows again on a narrow window). */
export async function closeMeetingPanel(page: Page): Promise<void> {
  const close = page.getByRole('button', { name: 'Luk sidepanelet' });
  if (await close.isVisible()) await close.click();
  await page.locator('#meeting-side-panel:not([hidden])').waitFor({ state: 'detached' });
}
