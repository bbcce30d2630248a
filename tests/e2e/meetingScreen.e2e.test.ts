/**
 * The meeting screen is the document (Chromium, browser mode, a 1366×768 municipal laptop): a
 * generated 60-item meeting opens with its first text body editable in view and typing works
 * without any scroll; one toolbar serves the body being written in; the standard texts menu is
 * in view and keyboard-operable; the outline reorders the agenda; axe finds no serious or
 * critical violation with the side panel and with the lifecycle menu open.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serializeReferatDocument } from '../../common/format/referatJson';
import { generateMeeting } from '../support/generateMeeting';
import { apiCall } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { closeMeetingPanel, openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId: string;

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

const scrollTop = () => page.evaluate(() => window.scrollY);

/** The decision of the agenda's third item (its section in the document). */
const thirdDecision = () =>
  page
    .locator('section.meeting-document__item')
    .nth(2)
    .getByRole('textbox', { name: 'Beslutning', exact: true });

describe('the meeting screen at 1366×768', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    ({ meetingId } = await call<{ meetingId: string }>('meetings:importJson', {
      json: serializeReferatDocument(generateMeeting({ items: 60, pagesPerItem: 1 })),
    }));
  }, 120_000);
  afterAll(async () => {
    await session?.close();
  });

  it('opens a 60-item meeting with its first text body editable in view, without scrolling', async () => {
    await page.goto(session.host.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    const started = Date.now();
    await page.evaluate((id) => {
      window.location.hash = `#/meetings/${id}`;
    }, meetingId);
    const first = page.locator('.meeting-document [contenteditable="true"]').first();
    await first.waitFor();
    const openMs = Date.now() - started;
    expect(openMs).toBeLessThan(10_000);
    expect(await scrollTop()).toBe(0);
    // In the window and below the sticky bar (not hidden under it).
    const box = await first.boundingBox();
    const barBottom = await page
      .locator('.meeting-bar')
      .evaluate((bar) => bar.getBoundingClientRect().bottom);
    expect(box).not.toBeNull();
    expect(box!.y).toBeGreaterThanOrEqual(barBottom);
    expect(box!.y + 40).toBeLessThanOrEqual(768);
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
    expect(box!.width).toBeGreaterThanOrEqual(560);

    await first.click({ position: { x: 20, y: 12 } });
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Velkommen. ');
    await expect.poll(() => first.innerText()).toContain('Velkommen. ');
    expect(await scrollTop()).toBe(0);
  });

  it('has one toolbar, for the body being written in, fixed at the top', async () => {
    const toolbar = page.getByRole('toolbar');
    expect(await toolbar.count()).toBe(1);
    const name = await toolbar.getAttribute('aria-label');
    expect(name).toMatch(/^Formatering: /);
    for (const command of [
      'Indsæt henvisning til bilag',
      'Indsæt afstemning',
      'Indsæt protokoltilførsel',
      'Standardtekst',
    ])
      await toolbar.getByRole('button', { name: command }).waitFor();
    // Writing further down (the outline jumps to item 3's decision): the toolbar stays in view
    // and now serves that body.
    await page.getByRole('navigation', { name: 'Dagsorden' }).getByRole('link').nth(2).click();
    const decision = thirdDecision();
    await expect
      .poll(() => decision.evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(await scrollTop()).toBeGreaterThan(0);
    await expect.poll(() => toolbar.getAttribute('aria-label')).toBe('Formatering: Beslutning');
    const toolbarBox = await toolbar.boundingBox();
    expect(toolbarBox && toolbarBox.y >= 0 && toolbarBox.y < 120).toBe(true);
    expect(await page.getByRole('toolbar').count()).toBe(1);
  });

  it('shows every standard text in view and picks the highlighted one with the keyboard', async () => {
    const decision = thirdDecision();
    await decision.click();
    const before = await decision.innerText();
    // Keyboard only: the menu button (in the toolbar), Enter opens the menu on its first text.
    await page.getByRole('toolbar').getByRole('button', { name: 'Standardtekst' }).focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu', { name: 'Standardtekst' });
    await menu.waitFor();
    const items = menu.getByRole('menuitem');
    expect(await items.count()).toBe(7);
    for (const item of await items.all()) {
      const box = await item.boundingBox();
      expect(box && box.y >= 0 && box.y + box.height <= 768).toBe(true);
    }
    // The menu is drawn above the page: at its items' places the menu is what is hit.
    for (const item of await items.all()) {
      const isOnTop = await item.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        const hit = document.elementFromPoint(rect.x + 10, rect.y + rect.height / 2);
        return hit !== null && element.contains(hit);
      });
      expect(isOnTop).toBe(true);
    }
    await expect
      .poll(() => items.first().evaluate((element) => element === document.activeElement))
      .toBe(true);
    const third = (await items.nth(2).innerText()).trim();
    const first = (await items.first().innerText()).trim();
    // Two ArrowDowns move to the third text; Enter picks it, not the first.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden' });
    await expect.poll(() => decision.innerText()).toContain(third);
    const after = await decision.innerText();
    expect(after.split(first).length).toBe(before.split(first).length);
    // The caret is back in the body.
    await expect
      .poll(() => decision.evaluate((element) => element === document.activeElement))
      .toBe(true);
  });

  it('places the "/" menu in view when the caret is at the bottom of the window', async () => {
    const decision = thirdDecision();
    await decision.click();
    await page.keyboard.press('Control+End');
    // The caret's line at the window's bottom edge, as when writing at the end of the screen.
    await page.evaluate(() => {
      const range = window.getSelection()?.getRangeAt(0);
      const rect = range?.getBoundingClientRect();
      if (rect && rect.height > 0) window.scrollBy(0, rect.bottom - (window.innerHeight - 24));
    });
    await page.keyboard.press('Enter');
    await page.keyboard.type('/');
    const list = page.getByRole('listbox', { name: 'Indsæt (menuen /)' });
    await list.waitFor();
    await expect
      .poll(async () => {
        const box = await list.boundingBox();
        return box !== null && box.y >= 0 && box.y + box.height <= 768;
      })
      .toBe(true);
    const isOnTop = await list.evaluate((element) => {
      const rect = element.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.x + 20, rect.y + rect.height / 2);
      return hit !== null && element.contains(hit);
    });
    expect(isOnTop).toBe(true);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'hidden' });
    await page.keyboard.press('Backspace');
  });

  it('reorders the agenda from the outline with Alt+ArrowDown', async () => {
    const outline = page.getByRole('navigation', { name: 'Dagsorden' });
    const firstLink = outline.getByRole('link').first();
    const firstName = await firstLink.getAttribute('aria-label');
    await firstLink.focus();
    await page.keyboard.press('Alt+ArrowDown');
    // The item keeps its number (numbers are the secretary's); its place in the agenda moves.
    await expect
      .poll(async () => outline.getByRole('link').nth(1).getAttribute('aria-label'))
      .toBe(firstName);
    await expect
      .poll(() =>
        outline
          .getByRole('link')
          .nth(1)
          .evaluate((link) => link === document.activeElement),
      )
      .toBe(true);
    const detail = await call<{ items: Array<{ title: string; position: number }> }>(
      'meetings:get',
      { id: meetingId },
    );
    const ordered = [...detail.items].sort((a, b) => a.position - b.position);
    expect(firstName).toContain(ordered[1]?.title ?? '?');
  });

  it('opens the side panel from the keyboard and Escape returns the focus to its button', async () => {
    const button = page.getByRole('button', { name: 'Fremmøde', exact: true });
    await button.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Fremmøde' });
    await panel.waitFor();
    await expect
      .poll(() => panel.evaluate((element) => element.contains(document.activeElement)))
      .toBe(true);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    await expect
      .poll(() => button.evaluate((element) => element === document.activeElement))
      .toBe(true);
    // The Handlinger menu by keyboard: Enter opens it, the item opens its panel part.
    const actions = page.getByRole('button', { name: 'Handlinger' });
    await actions.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menu', { name: 'Handlinger' }).waitFor();
    await page.keyboard.press('Enter');
    const pdf = page.getByRole('complementary', { name: 'PDF-eksport' });
    await pdf.waitFor();
    await page.keyboard.press('Escape');
    await pdf.waitFor({ state: 'hidden' });
    await expect
      .poll(() => actions.evaluate((element) => element === document.activeElement))
      .toBe(true);
  });

  it('has no serious or critical axe violation with the side panel or the lifecycle menu open', async () => {
    await openMeetingPanel(page, 'Fremmøde');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await openMeetingPanel(page, 'Oplysninger og dagsorden');
    expect(await seriousAxeViolations(page)).toEqual([]);
    await closeMeetingPanel(page);

    await page.getByRole('button', { name: 'Handlinger' }).click();
    await page.getByRole('menu', { name: 'Handlinger' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('menu', { name: 'Handlinger' }).waitFor({ state: 'hidden' });
    expect(session.pageErrors).toEqual([]);
  });
});
