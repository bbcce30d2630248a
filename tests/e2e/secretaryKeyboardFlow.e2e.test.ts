/**
 * The whole secretary flow by keyboard only (Chromium, browser mode, a 1366×768 municipal
 * laptop). The committee and its 31 members are seeded through the API (the flow starts at
 * the meeting); after `page.goto` every step uses only the keyboard (Tab, Shift+Tab, arrows,
 * Enter, Space, Escape, shortcuts and typing). Locators only check where the focus is and what
 * the screen shows, and `tabTo` proves each control is reachable with Tab. axe finds no
 * serious or critical violation on each screen passed.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, type SeedMember } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';

let session: BrowserSession;
let page: Page;
let committeeId = '';
let meetingId = '';

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

const committeeName = 'Økonomiudvalget';
const agendaTitles = ['Budget 2018', 'Tilskud til foreninger'];
/** The members who sent afbud; the first has a substitute. */
const absentMembers = ['Carl Medlem3', 'Dorte Medlem10'];
const substituteName = 'Hans Suppleant';

/** 31 members, as a kommunalbestyrelse: a chair, a vice chair and 29 members of five parties. */
const members: SeedMember[] = Array.from({ length: 31 }, (_, index) => ({
  name: `${['Anne', 'Bo', 'Carl', 'Dorte', 'Erik', 'Frida'][index % 6]} Medlem${index + 1}`,
  role: index === 0 ? 'chair' : index === 1 ? 'vice_chair' : 'member',
  party: ['A', 'V', 'C', 'F', 'Ø'][index % 5] ?? 'A',
}));

/** Whether `locator` holds the focus (the element itself, not a descendant). */
const isFocused = (locator: Locator): Promise<boolean> =>
  locator.evaluateAll((elements) => elements.some((element) => element === document.activeElement));

/** What has the focus, for failure messages. */
const describeFocus = (): Promise<string> =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element) return 'nothing';
    const name =
      element.getAttribute('aria-label') ?? element.textContent?.trim().slice(0, 40) ?? '';
    return `<${element.tagName.toLowerCase()} role=${element.getAttribute('role') ?? ''}> "${name}"`;
  });

/**
 * Presses Tab (Shift+Tab with `isBackward`) until `target` has the focus; fails after `limit`
 * presses naming the target and where the focus ended, so each step proves the control is
 * reachable from the keyboard.
 */
async function tabTo(
  target: Locator,
  name: string,
  options: { limit?: number; isBackward?: boolean } = {},
): Promise<void> {
  const limit = options.limit ?? 80;
  const key = options.isBackward ? 'Shift+Tab' : 'Tab';
  const trail: string[] = [];
  for (let presses = 0; presses <= limit; presses += 1) {
    if (await isFocused(target)) return;
    await page.keyboard.press(key);
    trail.push(await describeFocus());
    if (trail.length > 6) trail.shift();
  }
  throw new Error(
    `${name} was not reached with ${limit} presses of ${key}; the focus went ${trail.join(' → ')}.`,
  );
}

/** Waits until `target` has the focus (after a dialog opens or closes, a menu moves it). */
async function expectFocus(target: Locator, name: string): Promise<void> {
  await expect
    .poll(() => isFocused(target), { timeout: 10_000, message: `${name} should have the focus` })
    .toBe(true);
}

/** The focus is inside `scope` (a dialog, a form, a menu). */
const isFocusWithin = (scope: Locator): Promise<boolean> =>
  scope.evaluateAll((elements) =>
    elements.some((element) => element.contains(document.activeElement)),
  );

/** No serious or critical axe violation on the screen as it is now. */
async function expectAxeClean(screen: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${screen}`).toEqual([]);
}

describe('the secretary flow by keyboard only at 1366×768', { timeout: 150_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    ({ id: committeeId } = await call<{ id: string }>('committees:create', {
      name: committeeName,
      kind: 'staaende_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'opgaveudvalg',
    }));
    for (const member of members)
      await call('members:create', {
        committeeId,
        member: { ...member, isCitizen: false, isActive: true },
      });
  }, 180_000);
  afterAll(async () => {
    await session?.close();
  });

  it('creates the meeting and its agenda from the home screen', async () => {
    await page.goto(session.host.url);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await expectAxeClean('the home screen');
    // The committee is on the start screen, or one step away on the committee list.
    const committeeLink = page.getByRole('link', { name: committeeName, exact: true });
    const committeesLink = page.getByRole('link', { name: /^(Til udvalgene|Udvalg)$/ });
    await tabTo(committeeLink.or(committeesLink).first(), 'the committee or the committee list');
    if (!(await isFocused(committeeLink))) {
      await page.keyboard.press('Enter');
      await tabTo(committeeLink, 'the committee on the committee list');
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: committeeName }).waitFor();
    await expectAxeClean('the committee screen');

    await tabTo(page.getByRole('button', { name: 'Nyt møde', exact: true }), 'Nyt møde');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Nyt møde' });
    await form.waitFor();
    // The date field: its day segment, then the digits (each segment moves on by itself).
    const date = form.getByRole('group', { name: 'Dato', exact: true });
    await tabTo(date.locator('[data-type="day"]'), 'the day of Dato');
    await page.keyboard.type('12122017');
    await tabTo(form.getByRole('button', { name: 'Opret møde' }), 'Opret møde');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/meetings\//);
    meetingId = /#\/meetings\/([^/?]+)/.exec(page.url())?.[1] ?? '';
    expect(meetingId).not.toBe('');
    const detail = await call<{ meeting: { date: string } }>('meetings:get', { id: meetingId });
    expect(detail.meeting.date).toBe('2017-12-12');
    await expectAxeClean('the new meeting');
    expect(session.pageErrors).toEqual([]);
  });

  it('records the attendance (two afbud, one substitute) and the agenda', async () => {
    await tabTo(
      page.getByRole('button', { name: 'Oplysninger og dagsorden' }),
      'Oplysninger og dagsorden',
    );
    await page.keyboard.press('Enter');
    const attendance = page.getByRole('region', { name: 'Fremmøde' });
    await attendance.getByRole('table').waitFor();
    expect(await attendance.getByRole('row').count()).toBeGreaterThanOrEqual(32);
    // Afbud for two members: the letter "a" chooses it in the fremmøde list.
    for (const absent of absentMembers) {
      await tabTo(
        attendance.getByRole('combobox', { name: `Fremmøde: ${absent}`, exact: true }),
        `Fremmøde for ${absent}`,
        { limit: 300 },
      );
      await page.keyboard.type('a');
      await expect
        .poll(() =>
          attendance
            .getByRole('combobox', { name: `Fremmøde: ${absent}`, exact: true })
            .inputValue(),
        )
        .toBe('absent_with_notice');
    }
    // A substitute for the first of them, added below the table.
    const newParticipant = attendance.getByRole('form', {
      name: 'Tilføj deltager eller stedfortræder',
    });
    await tabTo(newParticipant.getByRole('textbox', { name: 'Navn' }), "the substitute's Navn", {
      limit: 400,
    });
    await page.keyboard.type(substituteName);
    await tabTo(
      newParticipant.getByRole('combobox', { name: 'Stedfortræder for' }),
      'Stedfortræder for',
    );
    await page.keyboard.type(absentMembers[0]!);
    await tabTo(newParticipant.getByRole('button', { name: 'Tilføj deltager' }), 'Tilføj deltager');
    await page.keyboard.press('Enter');
    await attendance
      .getByRole('combobox', { name: `Fremmøde: ${substituteName}`, exact: true })
      .waitFor();
    type Stored = { name: string; attendance: string; substituteForId: string | null; id: string };
    await expect
      .poll(async () => {
        const { participants } = await call<{ participants: Stored[] }>('meetings:get', {
          id: meetingId,
        });
        const byName = new Map(participants.map((p) => [p.name, p]));
        return {
          count: participants.length,
          absent: participants
            .filter((p) => p.attendance === 'absent_with_notice')
            .map((p) => p.name),
          substituteFor:
            byName.get(substituteName)?.substituteForId === byName.get(absentMembers[0]!)?.id,
        };
      })
      .toEqual({ count: 32, absent: absentMembers, substituteFor: true });
    await expectAxeClean('the attendance');

    const form = page.getByRole('form', { name: 'Nyt punkt' });
    await form.waitFor();
    for (const title of agendaTitles) {
      await tabTo(form.getByRole('textbox', { name: 'Titel' }), 'the title of Nyt punkt', {
        limit: 400,
      });
      await page.keyboard.type(title);
      // Enter in the form's field submits it.
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Titel' }).first().inputValue())
        .toBe(agendaTitles[0]);
    }
    await expect
      .poll(
        async () =>
          (await call<{ items: unknown[] }>('meetings:get', { id: meetingId })).items.length,
      )
      .toBe(agendaTitles.length);
    await expectAxeClean('the meeting records');
    await tabTo(
      page.getByRole('button', { name: 'Referat som dokument' }),
      'Referat som dokument',
      { isBackward: true, limit: 500 },
    );
    await page.keyboard.press('Enter');
    await page.getByRole('navigation', { name: 'Dagsorden' }).getByRole('link').first().waitFor();
  });

  it('writes the first decision with a vote, a table and a standard text', async () => {
    const decision = page
      .locator('section[id^="document-item-"]')
      .first()
      .getByRole('textbox', { name: 'Beslutning', exact: true });
    await tabTo(decision, "the first item's decision");
    await page.keyboard.type('Udvalget drøftede budgettet.');
    // The vote: the "/" menu, then its dialog filled by party with Tab and typing.
    await page.keyboard.press('Enter');
    await page.keyboard.type('/afst');
    await page.getByRole('option', { name: 'Indsæt afstemning' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Afstemning' });
    await dialog.waitFor();
    await expect.poll(() => isFocusWithin(dialog)).toBe(true);
    await tabTo(dialog.getByRole('textbox', { name: 'Partier for' }), 'Partier for');
    await page.keyboard.type('A, V, C');
    await page.keyboard.press('Tab');
    await page.keyboard.type('18');
    await page.keyboard.press('Tab');
    await page.keyboard.type('F, Ø');
    await page.keyboard.press('Tab');
    await page.keyboard.type('11');
    await expectAxeClean('the vote dialog');
    await tabTo(dialog.getByRole('button', { name: 'Gem' }), 'Gem in the vote dialog');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await expect
      .poll(() => decision.getByTestId('vote').first().innerText())
      .toContain('stemte for');
    // The focus is back in the body, after the vote.
    await expectFocus(decision, 'the decision after the vote dialog');

    // A table from the toolbar: Shift+Tab from the body to its toolbar, arrows to Tabel.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tilskud:');
    await page.keyboard.press('Shift+Tab');
    // Any toolbar of a decision: the body's own (until one toolbar serves every body).
    const tableButton = page
      .getByRole('toolbar', { name: 'Formatering: Beslutning' })
      .getByRole('button', { name: 'Tabel', exact: true });
    for (let step = 0; step < 30 && !(await isFocused(tableButton)); step++)
      await page.keyboard.press('ArrowRight');
    await expectFocus(tableButton, "the toolbar's Tabel");
    await page.keyboard.press('Enter');
    const tableMenu = page.getByRole('menu', { name: 'Tabel' });
    await tableMenu.waitFor();
    await expectFocus(tableMenu.getByRole('menuitem', { name: 'Indsæt tabel' }), 'Indsæt tabel');
    await expectAxeClean('the table menu');
    await page.keyboard.press('Enter');
    await tableMenu.waitFor({ state: 'hidden' });
    for (const cell of ['Forening', 'Beløb', '', 'Øresunds Roklub', '12.500 kr.']) {
      if (cell !== '') await page.keyboard.type(cell);
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => decision.getByRole('table').count()).toBe(1);
    await expect.poll(() => decision.getByRole('table').innerText()).toContain('Øresunds Roklub');

    // A standard text after the table: Ctrl+Shift+G inserts the committee's first.
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+G');
    await expect.poll(() => decision.innerText()).toMatch(/Godkendt|Taget til efterretning/);
    await expectAxeClean('the document with the decision');
  });
});
