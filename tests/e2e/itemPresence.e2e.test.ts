/**
 * Per-item presence from the item's heading, by keyboard, in Chromium (browser mode): the
 * "Tilstedeværelse" button of item 2 opens a dialog that lists who took part, records that a
 * member left during the item (with the time) and that another was inhabil (with the reason);
 * the attendance of the document follows in the minutes' wording, the records reach the library,
 * and a record is removed again. Escape closes the dialog and returns the focus to the button.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';
import { fillTimeField } from './helpers/dateFields';
import { seriousAxeViolations } from './helpers/axe';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';

let session: BrowserSession;
let page: Page;

type Detail = {
  participants: {
    name: string;
    presenceChanges: unknown[];
    itemAbsences: unknown[];
  }[];
};

describe('per-item presence from the item heading', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('records left with a time and inhabil with a reason for item 2, shows and removes them', async () => {
    const { meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'member', party: 'C' },
      { name: 'Katja S. Johansen', role: 'member', party: 'Ø' },
    ]);
    await createAgendaItem(session.host, meetingId, { title: 'Velkomst' });
    const itemId = await createAgendaItem(session.host, meetingId, { title: 'Projektafrunding' });
    await createAgendaItem(session.host, meetingId, { title: 'Læringssporet' });
    await openMeetingDocument(page, session.host, meetingId);

    const button = page.getByRole('button', { name: 'Tilstedeværelse under punkt 2' });
    await button.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Tilstedeværelse under punkt 2/ });
    await dialog.waitFor();
    const list = dialog.getByRole('list', { name: 'Hvem deltog i punktet' });
    await expect
      .poll(() => list.getByRole('listitem').allTextContents())
      .toEqual([
        'Kristine Kryger (C, formand): til stede',
        'Michael Fenger (C): til stede',
        'Katja S. Johansen (Ø): til stede',
      ]);

    expect(await seriousAxeViolations(page, '.item-presence-dialog')).toEqual([]);

    // Michael Fenger left at 20.10 during item 2.
    await dialog
      .getByRole('combobox', { name: 'Medlem' })
      .selectOption({ label: 'Michael Fenger (C)' });
    await dialog
      .getByRole('combobox', { name: 'Hvad skete der' })
      .selectOption({ label: 'Forlod mødet under punktet' });
    await fillTimeField(dialog, 'Klokkeslæt', '20:10');
    await dialog.getByRole('button', { name: 'Registrér' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => list.getByRole('listitem').nth(1).textContent())
      .toContain('Michael Fenger (C): forlod mødet kl. 20.10 under punkt 2');

    // Katja S. Johansen was inhabil.
    await dialog
      .getByRole('combobox', { name: 'Medlem' })
      .selectOption({ label: 'Katja S. Johansen (Ø)' });
    await dialog
      .getByRole('combobox', { name: 'Hvad skete der' })
      .selectOption({ label: 'Inhabil i punktet' });
    await dialog
      .getByRole('textbox', { name: 'Begrundelse' })
      .fill('bestyrelsesmedlem i foreningen');
    await dialog.getByRole('button', { name: 'Registrér' }).click();
    await expect
      .poll(() => list.getByRole('listitem').nth(2).textContent())
      .toContain('Katja S. Johansen (Ø): inhabil i punkt 2 (bestyrelsesmedlem i foreningen)');

    // Escape closes; the focus is back on the heading's button.
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
      .toBe('Tilstedeværelse under punkt 2');

    // The document's attendance says it in the minutes' wording; the library has it.
    const attendance = page.locator('.meeting-document__attendance');
    await expect
      .poll(() => attendance.textContent())
      .toContain('Michael Fenger (C), forlod mødet kl. 20.10 under punkt 2');
    await expect
      .poll(() => attendance.textContent())
      .toContain('Katja S. Johansen (Ø), inhabil i punkt 2 (bestyrelsesmedlem i foreningen)');
    const stored = await apiCall<Detail>(session.host, 'meetings:get', { id: meetingId });
    expect(stored.participants.map((p) => [p.name, p.presenceChanges, p.itemAbsences])).toEqual([
      ['Kristine Kryger', [], []],
      ['Michael Fenger', [{ direction: 'left', time: '20:10', itemId }], []],
      [
        'Katja S. Johansen',
        [],
        [{ itemId, kind: 'disqualified', reason: 'bestyrelsesmedlem i foreningen' }],
      ],
    ]);

    // Item 3 shows Michael Fenger as gone; removing the record at item 2 brings him back.
    await page.getByRole('button', { name: 'Tilstedeværelse under punkt 3' }).click();
    const third = page.getByRole('dialog', { name: /Tilstedeværelse under punkt 3/ });
    await expect
      .poll(() => third.getByRole('listitem').nth(1).textContent())
      .toContain('Michael Fenger (C): har forladt mødet');
    await third.getByRole('button', { name: 'Luk' }).click();
    await button.click();
    await dialog.getByRole('button', { name: 'Fjern registreringen for Michael Fenger' }).click();
    await expect
      .poll(() => list.getByRole('listitem').nth(1).textContent())
      .toBe('Michael Fenger (C): til stede');
  });

  it('speaks English when English is chosen, in the minutes wording of the export', async () => {
    const { meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'member', party: 'C' },
    ]);
    await createAgendaItem(session.host, meetingId, { title: 'Velkomst' });
    const itemId = await createAgendaItem(session.host, meetingId, { title: 'Projektafrunding' });
    const detail = await apiCall<{ participants: { id: string; name: string }[] }>(
      session.host,
      'meetings:get',
      { id: meetingId },
    );
    const michael = detail.participants.find((p) => p.name === 'Michael Fenger');
    if (!michael) throw new Error('missing participant');
    await apiCall(session.host, 'participants:update', {
      id: michael.id,
      patch: { presenceChanges: [{ direction: 'left', time: '20:10', itemId }] },
    });
    await openMeetingDocument(page, session.host, meetingId);
    await page.getByRole('combobox', { name: 'Sprog' }).selectOption('en');
    await page.getByRole('button', { name: 'Presence during item 2' }).click();
    const dialog = page.getByRole('dialog', { name: /Presence during item 2/ });
    const list = dialog.getByRole('list', { name: 'Who took part in the item' });
    await expect
      .poll(() => list.getByRole('listitem').nth(1).textContent())
      .toMatch(/^Michael Fenger \(C\): left the meeting at 20:10 during item 2/);
    await dialog.getByRole('combobox', { name: 'What happened' }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('combobox', { name: 'Language' }).selectOption('da');
  });
});
