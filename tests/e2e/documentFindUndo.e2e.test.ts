/**
 * The meeting document behaves as one document although every body has an editor of its own:
 * Ctrl+Z undoes the newest change wherever it was (and Ctrl+Y redoes it), the arrow keys move
 * from body to body, and Ctrl+F finds text in far sections whose editors have not started,
 * jumps there and selects it. Through the UI in Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { documentFind, documentSections, openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];
/** In the stored decisions of items 20 and 40 only, far below the first screen. */
const farWord = 'Kvægavlsforeningen';
const itemCount = 40;

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

const { section, decision, isStarted, activeSectionId } = documentSections(() => page, itemIds);
const { findBar: documentFindBar, findField, findCount, openFind } = documentFind(() => page);

/** The meeting's document view, the first item's editor started. */
async function openDocument(): Promise<void> {
  await openMeetingDocument(page, session.host, meetingId);
  await decision(0).waitFor();
  await section(0).locator('[contenteditable="true"]').waitFor();
}

describe('the meeting document as one document', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, []));
    for (let n = 1; n <= itemCount; n++) {
      itemIds.push(await createAgendaItem(session.host, meetingId, { title: `Punkt ${n}` }));
    }
    for (const n of [20, 40]) {
      await call('bodies:save', {
        owner: { kind: 'item', itemId: itemIds[n - 1], field: 'decision' },
        content: [
          { type: 'paragraph', children: [{ type: 'text', text: `Punkt ${n} er behandlet.` }] },
          {
            type: 'paragraph',
            children: [{ type: 'text', text: `Sagen sendes til ${farWord} til orientering.` }],
          },
        ],
        baseRevision: 0,
      });
    }
    await openDocument();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('undoes the newest change wherever it was: Ctrl+Z twice undoes two bodies in reverse order', async () => {
    await decision(0).click();
    await page.keyboard.type('Første beslutning');
    await decision(1).click();
    await page.keyboard.type('Anden beslutning');
    await expect.poll(() => decision(1).innerText()).toContain('Anden beslutning');

    await page.keyboard.press('Control+Z');
    await expect.poll(() => decision(1).innerText()).not.toContain('Anden beslutning');
    expect(await decision(0).innerText()).toContain('Første beslutning');

    // The next undo is in the other body: it is undone there, and the caret goes with it.
    await page.keyboard.press('Control+Z');
    await expect.poll(() => decision(0).innerText()).not.toContain('Første beslutning');
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[0]}`);

    // Redo in the same order as the changes were made.
    await page.keyboard.press('Control+Y');
    await expect.poll(() => decision(0).innerText()).toContain('Første beslutning');
    expect(await decision(1).innerText()).not.toContain('Anden beslutning');
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => decision(1).innerText()).toContain('Anden beslutning');
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[1]}`);

    // With the focus on the page instead of a body, Ctrl+Z still undoes the newest change.
    await page.getByRole('heading', { name: 'Ad Punkt 3', exact: true }).click();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => decision(1).innerText()).not.toContain('Anden beslutning');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => decision(1).innerText()).toContain('Anden beslutning');
    expect(session.pageErrors).toEqual([]);
  });

  it('moves the caret to the next body with ArrowDown on its last line and back with ArrowUp', async () => {
    await decision(0).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[1]}`);
    // At the start of the body: typing goes before its text.
    await page.keyboard.type('X');
    await expect.poll(() => decision(1).innerText()).toMatch(/^XAnden beslutning/);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[0]}`);
    // From the first Ad-section up into the meeting's own bodies above the decisions.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowUp');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Tidligere beslutninger');
    expect(session.pageErrors).toEqual([]);
  });

  it('finds a word in far sections whose editors have not started, jumps there and selects it', async () => {
    expect(await isStarted(itemCount - 1)).toBe(false);
    await decision(0).click();
    // Lower case finds the capitalised word (case-insensitive by default).
    await openFind(farWord.toLowerCase());
    const [findBar, field, count] = [documentFindBar(), findField(), findCount()];
    await expect.poll(() => count.innerText()).toBe('1 af 2');
    const highlighted = () =>
      page.evaluate(() => {
        const highlight = CSS.highlights.get('referat-find');
        const range = highlight ? [...highlight][0] : undefined;
        return range instanceof Range
          ? {
              text: range.toString(),
              section: range.startContainer.parentElement?.closest('section[id]')?.id ?? null,
            }
          : null;
      });
    await expect
      .poll(highlighted)
      .toEqual({ text: farWord, section: `document-item-${itemIds[19]}` });

    await page.keyboard.press('Enter');
    await expect.poll(() => count.innerText()).toBe('2 af 2');
    await expect
      .poll(highlighted)
      .toEqual({ text: farWord, section: `document-item-${itemIds[itemCount - 1]}` });
    expect(await isStarted(itemCount - 1)).toBe(true);
    // Both matches are in started editors now, and both are marked.
    await expect
      .poll(() => page.evaluate(() => CSS.highlights.get('referat-find-all')?.size ?? 0))
      .toBe(2);
    // The focus stays in the find field while stepping.
    expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
    const inView = await section(itemCount - 1).evaluate((el) => {
      const rect = el.getBoundingClientRect();
      return rect.bottom > 0 && rect.top < window.innerHeight;
    });
    expect(inView).toBe(true);

    expect(await seriousAxeViolations(page, '.find-bar')).toEqual([]);

    await page.keyboard.press('Shift+Enter');
    await expect.poll(() => count.innerText()).toBe('1 af 2');
    await findBar.getByRole('button', { name: 'Næste resultat' }).click();
    await expect.poll(() => count.innerText()).toBe('2 af 2');

    // Escape closes the bar; the match is selected in its editor, which has the focus.
    await field.press('Escape');
    await expect.poll(() => findBar.count()).toBe(0);
    await expect.poll(activeSectionId).toBe(`document-item-${itemIds[itemCount - 1]}`);
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(farWord);

    // Ctrl+F with a word selected finds that word, from the body the caret is in; F3 steps on.
    await page.keyboard.press('Control+F');
    expect(await field.inputValue()).toBe(farWord);
    await expect.poll(() => count.innerText()).toBe('2 af 2');
    await page.keyboard.press('F3');
    await expect.poll(() => count.innerText()).toBe('1 af 2');
    await field.fill('findes ikke i referatet');
    await expect.poll(() => count.innerText()).toBe('Ingen resultater');
    await field.press('Escape');
    expect(session.pageErrors).toEqual([]);
  });
});
