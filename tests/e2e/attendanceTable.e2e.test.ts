/**
 * The attendance of a 31-member kommunalbestyrelse as one compact table, in Chromium (browser
 * mode) at 1366×768: every row visible at once, and operable by keyboard only (a member's
 * status set to "Afbud" and a substitute chosen with keys, kept after a reload).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiCall,
  createAgendaItem,
  createOpgaveudvalgMeeting,
  type SeedMember,
} from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';

const parties = ['A', 'V', 'C', 'O', 'F', 'B', 'Ø'];
const members: SeedMember[] = Array.from({ length: 31 }, (_, i) => ({
  name: `Medlem${String(i + 1).padStart(2, '0')} Hansen`,
  role: i === 0 ? 'chair' : i === 1 ? 'vice_chair' : 'member',
  party: parties[i % parties.length] ?? 'A',
}));
/** The member whose attendance the keyboard changes (the 8th row). */
const absentee = 'Medlem08 Hansen';
/** An ad-hoc participant (a suppleant) who substitutes for them. */
const suppleant = 'Zenia Suppleant';

const table = (): Locator => page.locator('.attendance-table');
const row = (name: string): Locator =>
  table().getByRole('row', { name: new RegExp(`^${name}\\b`) });

async function focused(): Promise<string> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
}

/** Opens the attendance table of the document with the keyboard: focus "Rediger fremmøde", Enter. */
async function openAttendance(): Promise<void> {
  await openMeetingDocument(page, session.host, meetingId);
  const edit = page.getByRole('button', { name: 'Rediger fremmøde' });
  await edit.focus();
  await page.keyboard.press('Enter');
  await row(absentee).waitFor();
}

describe('the attendance table of a 31-member committee', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, members));
    await createAgendaItem(session.host, meetingId, { title: 'Budget 2018' });
    await apiCall(session.host, 'participants:create', {
      meetingId,
      participant: {
        name: suppleant,
        role: 'member',
        party: 'A',
        isCitizen: false,
        attendance: 'present',
        substituteForId: null,
        partialPresence: '',
        note: '',
        itemAbsences: [],
      },
    });
    await openAttendance();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('shows all 31 members at once in a 1366×768 window', async () => {
    await table().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    const rows = table().locator('tbody tr.attendance-table__row');
    expect(await rows.count()).toBe(32);
    const boxes = await rows.evaluateAll((elements) =>
      elements.slice(0, 31).map((element) => element.getBoundingClientRect().toJSON()),
    );
    for (const box of boxes as { top: number; bottom: number; height: number }[]) {
      expect(box.top).toBeGreaterThanOrEqual(0);
      expect(box.bottom).toBeLessThanOrEqual(768);
      expect(box.height).toBeLessThanOrEqual(26);
    }
    await page.screenshot({ path: 'out/screenshots/attendance-31-1366.png' });
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('sets "Afbud" and a substitute with the keyboard only, and keeps them after a reload', async () => {
    // From "Rediger fremmøde", Tab reaches the first member's name.
    await page.getByRole('button', { name: 'Rediger fremmøde' }).focus();
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Navn');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      'Medlem01 Hansen',
    );
    // Down to the 8th row, right to its Fremmøde (past party and role where the table is wide
    // enough to show them).
    for (let i = 0; i < 7; i++) await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).value)).toBe(
      absentee,
    );
    for (let i = 0; i < 3 && !(await focused()).startsWith('Fremmøde'); i++)
      await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(`Fremmøde: ${absentee}`);
    await page.keyboard.press('ArrowDown');
    await expect
      .poll(() => row(absentee).getByRole('combobox', { name: 'Fremmøde' }).inputValue())
      .toBe('absent_with_notice');
    // Next cell: Stedfortræder; typing the first letter of the name chooses her.
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(`Stedfortræder: ${absentee}`);
    await page.keyboard.press('z');
    await expect
      .poll(() =>
        row(absentee)
          .getByRole('combobox', { name: 'Stedfortræder' })
          .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.text),
      )
      .toBe(suppleant);
    await expect
      .poll(() => row(suppleant).locator('.attendance-table__for').textContent())
      .toBe(`for ${absentee}`);
    // Back to Fremmøde; Ctrl+ArrowDown moves from a select to the row below.
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe(`Fremmøde: ${absentee}`);
    await page.keyboard.press('Control+ArrowDown');
    expect(await focused()).toBe('Fremmøde: Medlem09 Hansen');
    // A present member has no substitute to choose.
    expect(
      await row('Medlem09 Hansen').getByRole('combobox', { name: 'Stedfortræder' }).count(),
    ).toBe(0);
    await expect
      .poll(() => page.locator('.meeting-document__attendance > p').first().innerText())
      .toContain(`Afbud: ${absentee}`);

    await page.keyboard.press('Control+ArrowUp');
    expect(await focused()).toBe(`Fremmøde: ${absentee}`);
    type Stored = {
      participants: {
        id: string;
        name: string;
        attendance: string;
        substituteForId: string | null;
      }[];
    };
    // Saved in the library: the member sent apologies, the suppleant substitutes for them.
    await expect
      .poll(async () => {
        const detail = await apiCall<Stored>(session.host, 'meetings:get', { id: meetingId });
        const member = detail.participants.find((p) => p.name === absentee);
        const zenia = detail.participants.find((p) => p.name === suppleant);
        return [
          detail.participants.length,
          member?.attendance,
          zenia?.substituteForId === member?.id,
        ];
      })
      .toEqual([32, 'absent_with_notice', true]);

    await page.reload();
    await openAttendance();
    expect(await row(absentee).getByRole('combobox', { name: 'Fremmøde' }).inputValue()).toBe(
      'absent_with_notice',
    );
    expect(
      await row(absentee)
        .getByRole('combobox', { name: 'Stedfortræder' })
        .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.text),
    ).toBe(suppleant);
    expect(session.pageErrors).toEqual([]);
  });
});
