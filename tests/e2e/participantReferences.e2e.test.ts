/**
 * The meeting's Resumé written as a secretary would, in the document view, with the keyboard
 * only: a participant reference chosen from the "@" search with the arrow keys and Enter, and
 * the agenda points with presenters inserted with "Indsæt dagsorden" from the "/" menu. After
 * a reload both are still there: the reference as the participant's name (bound to the
 * participant id in the stored body), the agenda as a list.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichText } from '../../common/domain/richText';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';

const call = <T>(name: string, input: unknown) => apiCall<T>(session.host, name, input);

type Detail = {
  participants: { id: string; name: string }[];
  bodies: { summary?: { content: RichText } };
};

/** The stored Resumé, once the autosave has written what `predicate` wants. */
async function storedSummary(predicate: (content: RichText) => boolean): Promise<RichText> {
  let content: RichText = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const detail = await call<Detail>('meetings:get', { id: meetingId });
    content = detail.bodies.summary?.content ?? [];
    if (predicate(content)) return content;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the Resumé was not saved as expected; stored: ${JSON.stringify(content)}`);
}

/** The meeting's Resumé: the lazy preview until focused, then the editor (same name). */
function summaryBox(): Locator {
  return page.getByRole('textbox', { name: 'Resumé', exact: true }).first();
}

/** The meeting's document view, its Resumé shown. */
async function openDocument(): Promise<void> {
  await openMeetingDocument(page, session.host, meetingId);
  await summaryBox().waitFor();
}

/** Focuses the Resumé and waits for its editor (a focused preview starts it). */
async function editSummary(): Promise<Locator> {
  await summaryBox().click();
  const editor = page.locator('[contenteditable="true"][aria-label="Resumé"]').first();
  await editor.waitFor();
  await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
  return editor;
}

describe('participant references and the agenda in the Resumé', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'vice_chair', party: 'V' },
      { name: 'Katja S. Johansen', role: 'member', party: 'O' },
    ]));
    for (const [title, presenter] of [
      ['Velkomst', 'Formand Kristine Kryger'],
      ['Projektafrunding og tak', 'de tre projektejere'],
      ['Kort pause med mad og drikke', ''],
    ] as const) {
      await createAgendaItem(session.host, meetingId, { title, presenter, kind: 'discussion' });
    }
    await openDocument();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('inserts a participant with "@", the arrow keys and Enter', async () => {
    const editor = await editSummary();
    await page.keyboard.type('Mødet blev ledet af @k');
    const list = page.getByRole('listbox', { name: 'Søg deltager efter navn eller parti' });
    await list.waitFor();
    // "k" starts Kristine, Kryger and Katja: the two members, in the meeting's order.
    await expect
      .poll(() => list.getByRole('option').allInnerTexts())
      .toEqual([
        expect.stringContaining('Kristine Kryger'),
        expect.stringContaining('Katja S. Johansen'),
      ]);
    await expect
      .poll(() => list.getByRole('option', { selected: true }).innerText())
      .toContain('Kristine Kryger');
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => list.getByRole('option', { selected: true }).innerText())
      .toContain('Katja S. Johansen');
    expect(await list.getByRole('option', { name: /Katja/ }).innerText()).toContain('medlem, O');
    // The open list is an accessible listbox, the highlighted option the text box's active one.
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await list.waitFor({ state: 'detached' });
    await page.keyboard.type(' som formand.');
    await expect
      .poll(() => editor.innerText())
      .toContain('Mødet blev ledet af Katja S. Johansen som formand.');
    // Escape closes the search and keeps the typed text.
    await page.keyboard.type(' Mail: @kr');
    await list.waitFor();
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });
    await expect.poll(() => editor.innerText()).toContain('Mail: @kr');
    for (let i = 0; i < ' Mail: @kr'.length; i++) await page.keyboard.press('Backspace');
  });

  it('inserts the agenda points with presenters from the "/" menu', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.type('/dagsorden');
    await page.getByRole('option', { name: 'Indsæt dagsorden' }).waitFor();
    await page.keyboard.press('Enter');
    const content = await storedSummary((c) => c.some((block) => block.type === 'list'));
    const detail = await call<Detail>('meetings:get', { id: meetingId });
    const katja = detail.participants.find((p) => p.name === 'Katja S. Johansen');
    expect(content).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Mødet blev ledet af ' },
          { type: 'participantRef', participantId: katja?.id },
          { type: 'text', text: ' som formand.' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          { children: [{ type: 'text', text: 'Velkomst v/ Formand Kristine Kryger' }] },
          { children: [{ type: 'text', text: 'Projektafrunding og tak v/ de tre projektejere' }] },
          { children: [{ type: 'text', text: 'Kort pause med mad og drikke' }] },
        ],
      },
    ]);
  });

  it('shows both after a reload', async () => {
    await openDocument();
    const editor = await editSummary();
    const reference = editor.locator('[data-participant-id]');
    await expect.poll(() => reference.innerText()).toBe('Katja S. Johansen');
    expect(await reference.getAttribute('data-state')).toBe('ok');
    await expect
      .poll(() => editor.locator('li').allInnerTexts())
      .toEqual([
        'Velkomst v/ Formand Kristine Kryger',
        'Projektafrunding og tak v/ de tre projektejere',
        'Kort pause med mad og drikke',
      ]);
    expect(session.pageErrors).toEqual([]);
  });
});
