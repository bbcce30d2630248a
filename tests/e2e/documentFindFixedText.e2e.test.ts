/**
 * The meeting document's find bar finds what the page shows around the bodies too: a member's
 * name in the attendance, a word of an "Ad" heading. Those matches count in "N af M", come in
 * document order with the matches in the bodies, are highlighted and scrolled to; Escape on
 * one returns the caret to where it was. The outline, the buttons and the attendance form are
 * not searched, and an attendance edit while the bar is open is found again. Through the UI in
 * Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { documentFind, documentSections, openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

const { section, decision, activeSectionId } = documentSections(() => page, itemIds);
const { findBar, findField, findCount: count, settle, openFind } = documentFind(() => page);

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** The current match's text and where it is: a heading, the attendance, a body, or elsewhere. */
const current = () =>
  page.evaluate(() => {
    const highlight = CSS.highlights.get('referat-find');
    const range = highlight ? [...highlight][0] : undefined;
    if (!(range instanceof Range)) return null;
    const element = range.startContainer.parentElement;
    const place = element?.closest('[contenteditable="true"]')
      ? 'body'
      : element?.closest('h3')
        ? 'heading'
        : element?.closest('.meeting-document__attendance')
          ? 'attendance'
          : 'other';
    return {
      text: range.toString(),
      place,
      section: element?.closest('section[id]')?.id ?? null,
      isConnected: range.startContainer.isConnected,
    };
  });

describe('find in the fixed text of the meeting document', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Marie-Louise Andreassen', role: 'chair', party: 'C' },
      { name: 'Kristine Kryger', role: 'member', party: 'C' },
      { name: 'Michael Fenger', role: 'member', party: 'V' },
    ]));
    await call('bodies:save', {
      owner: { kind: 'meeting', meetingId, field: 'summary' },
      content: [paragraph('Velkomst v/ Formand Marie-Louise Andreassen')],
      baseRevision: 0,
    });
    for (const title of ['Projektafrunding', 'Læringssporet']) {
      itemIds.push(await createAgendaItem(session.host, meetingId, { title }));
    }
    await call('bodies:save', {
      owner: { kind: 'item', itemId: itemIds[0], field: 'decision' },
      content: [paragraph('Projektafrunding blev drøftet. Formanden Andreassen takkede.')],
      baseRevision: 0,
    });
    await openMeetingDocument(page, session.host, meetingId);
    await section(0).locator('[contenteditable="true"]').first().waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('finds a word of an Ad heading before the match in the body below it; the outline is not searched', async () => {
    await decision(0).click();
    await page.keyboard.press('Control+End');
    await openFind('projektafrunding');
    // The heading and the decision; not the outline's "1. Projektafrunding".
    await expect.poll(() => count().innerText()).toBe('2 af 2');
    await expect.poll(current).toMatchObject({ text: 'Projektafrunding', place: 'body' });
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => count().innerText()).toBe('1 af 2');
    await expect.poll(current).toEqual({
      text: 'Projektafrunding',
      place: 'heading',
      section: `document-item-${itemIds[0]}`,
      isConnected: true,
    });
    // Both are marked, the heading's too.
    await expect
      .poll(() => page.evaluate(() => CSS.highlights.get('referat-find-all')?.size ?? 0))
      .toBe(2);
    // The word of a button is not text of the document.
    await findField().fill('rediger fremmøde');
    await expect.poll(() => count().innerText()).toBe('Ingen resultater');
    await findField().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it("steps through a member's name in the bodies and the attendance in document order; Escape on the attendance returns the caret", async () => {
    await decision(0).click();
    await page.keyboard.press('Control+End');
    await settle();
    await openFind('andreassen');
    // The Resumé, the decision of item 1, the attendance (after the last item): from the body
    // the caret is in.
    await expect.poll(() => count().innerText()).toBe('2 af 3');
    await expect
      .poll(current)
      .toMatchObject({ text: 'Andreassen', place: 'body', section: `document-item-${itemIds[0]}` });
    await page.keyboard.press('Enter');
    await expect.poll(() => count().innerText()).toBe('3 af 3');
    await expect.poll(current).toMatchObject({ text: 'Andreassen', place: 'attendance' });
    const isInView = await page.locator('.meeting-document__members').evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < window.innerHeight;
    });
    expect(isInView).toBe(true);
    // The focus stays in the find field.
    expect(await findField().evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expect.poll(() => count().innerText()).toBe('1 af 3');
    await expect.poll(current).toMatchObject({ text: 'Andreassen', place: 'body', section: null });
    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => count().innerText()).toBe('3 af 3');
    await expect.poll(current).toMatchObject({ place: 'attendance' });

    // No editor holds that match: Escape puts the caret back where it was, at the end of the
    // decision, although stepping selected matches in that body meanwhile.
    await findField().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[0]}`);
    await page.keyboard.type(' Slut.');
    await expect
      .poll(() => decision(0).innerText())
      .toBe('Projektafrunding blev drøftet. Formanden Andreassen takkede. Slut.');
    expect(await page.evaluate(() => CSS.highlights.get('referat-find')?.size ?? 0)).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });

  it('does not search the attendance form, and finds an attendance edit again while the bar is open', async () => {
    await page.getByRole('button', { name: 'Rediger fremmøde' }).click();
    const kryger = page
      .locator('.meeting-document__attendance')
      .getByRole('row', { name: /^Kristine Kryger\b/ });
    await kryger.getByRole('combobox', { name: 'Fremmøde' }).waitFor();
    await page.locator('.meeting-document__members').click();
    // Not in a body: Escape will give the focus back to this element.
    await page.evaluate(() => {
      (window as unknown as { opener: Element | null }).opener = document.activeElement;
    });
    await openFind('kryger');
    // The member's line only, not the form's legend or its name field.
    await expect.poll(() => count().innerText()).toBe('1 af 1');
    await expect.poll(current).toMatchObject({ text: 'Kryger', place: 'attendance' });

    await kryger.getByRole('combobox', { name: 'Fremmøde' }).selectOption({ label: 'Afbud' });
    await expect
      .poll(() => page.locator('.meeting-document__attendance > p').first().innerText())
      .toBe('Afbud: Kristine Kryger (C).');
    // Found again in its new place; the highlight is on the page, not on removed text.
    await expect.poll(current).toEqual({
      text: 'Kryger',
      place: 'attendance',
      section: null,
      isConnected: true,
    });
    await expect
      .poll(() =>
        page.evaluate(() => {
          const range = [...(CSS.highlights.get('referat-find') ?? [])][0];
          return range instanceof Range ? range.startContainer.parentElement?.tagName : null;
        }),
      )
      .toBe('P');
    expect(await count().innerText()).toBe('1 af 1');
    await findField().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    expect(
      await page.evaluate(
        () => document.activeElement === (window as unknown as { opener: Element | null }).opener,
      ),
    ).toBe(true);
    expect(await page.evaluate(() => CSS.highlights.get('referat-find-all')?.size ?? 0)).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
