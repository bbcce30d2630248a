/**
 * The whole secretary flow by keyboard only (Chromium, browser mode, a 1366×768 municipal
 * laptop). The committee and its 31 members are seeded through the API (the flow starts at
 * the meeting); after `page.goto` every step uses only the keyboard (Tab, Shift+Tab, arrows,
 * Enter, Space, Escape, shortcuts and typing). Locators only check where the focus is and what
 * the screen shows, and `tabTo` proves each control is reachable with Tab. axe finds no
 * serious or critical violation on each screen passed.
 *
 * The flow: from the start screen to the committee, a new meeting (date typed into the date
 * field), its agenda, the attendance (two afbud, one substitute), a decision with a vote (the
 * "/" menu and the vote dialog), a table (the toolbar's Tabel menu) and a standard text
 * (Ctrl+Shift+G), find and replace (Ctrl+H), the PDF export, approval, a signature by every
 * member present (the meeting is signed only then) and the archive package with its handover.
 * The records and lifecycle actions are reached from the meeting bar and its "Handlinger"
 * menu where the screen has them, else on the page.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../helpers/testPki';
import { apiCall, type SeedMember } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';

let session: BrowserSession;
let page: Page;
let committeeId = '';
let meetingId = '';
let pki: TestPki;
/** The members present, each with a certificate of the test CA in a .p12 file. */
const signers: Array<{ name: string; file: string; password: string }> = [];

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
  options: { limit?: number; isBackward?: boolean; isEitherWay?: boolean } = {},
): Promise<void> {
  const limit = options.limit ?? 80;
  const keys = options.isEitherWay
    ? ['Tab', 'Shift+Tab']
    : [options.isBackward ? 'Shift+Tab' : 'Tab'];
  const trails: string[] = [];
  for (const key of keys) {
    const trail: string[] = [];
    for (let presses = 0; presses <= limit; presses += 1) {
      if (await isFocused(target)) return;
      await page.keyboard.press(key);
      trail.push(await describeFocus());
      if (trail.length > 6) trail.shift();
    }
    trails.push(`${limit} presses of ${key} (the focus went ${trail.join(' → ')})`);
  }
  throw new Error(`${name} was not reached with ${trails.join(', nor with ')}.`);
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

/**
 * Opens a part of the meeting's records by keyboard: its button on the meeting bar (the side
 * panel), or, on a screen without a side panel, the records view that holds every part.
 */
async function openRecords(part: 'Oplysninger og dagsorden' | 'Fremmøde'): Promise<void> {
  const barButton = page.getByRole('button', { name: part, exact: true });
  const recordsView = page.getByRole('button', { name: 'Oplysninger og dagsorden', exact: true });
  const button = (await barButton.count()) > 0 ? barButton : recordsView;
  if ((await button.getAttribute('aria-pressed')) === 'true') return;
  await tabTo(button, part, { isBackward: true, limit: 500 });
  await page.keyboard.press('Enter');
}

/** Back from the records to the minutes document: the side panel closed, or the document view. */
async function backToDocument(): Promise<void> {
  const documentView = page.getByRole('button', { name: 'Referat som dokument' });
  const closePanel = page.getByRole('button', { name: 'Luk sidepanelet' });
  const button = (await documentView.count()) > 0 ? documentView : closePanel;
  await tabTo(button, 'the way back to the document', { isBackward: true, limit: 500 });
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Dagsorden' }).getByRole('link').first().waitFor();
}

/**
 * Opens a lifecycle action from the meeting bar's "Handlinger" menu (Enter, arrows, Enter),
 * when the screen has one; a screen without it shows the actions' panels on the page.
 */
async function lifecycleAction(item: string): Promise<void> {
  const menuButton = page.getByRole('button', { name: 'Handlinger' });
  if ((await menuButton.count()) === 0) return;
  await tabTo(menuButton, 'Handlinger', { isBackward: true, limit: 300 });
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Handlinger' });
  await menu.waitFor();
  const target = menu.getByRole('menuitem', { name: item, exact: true });
  for (let step = 0; step < 10 && !(await isFocused(target)); step++)
    await page.keyboard.press('ArrowDown');
  await expectFocus(target, `${item} in Handlinger`);
  await expectAxeClean('the Handlinger menu');
  await page.keyboard.press('Enter');
  await menu.waitFor({ state: 'hidden' });
}

/** The first agenda item's decision in the minutes document. */
const firstDecision = (): Locator =>
  page
    .locator('section[id^="document-item-"]')
    .first()
    .getByRole('textbox', { name: 'Beslutning', exact: true });

/** An item's decision as the library stores it. */
async function storedDecision(index: number): Promise<unknown> {
  const { items } = await call<{
    items: Array<{ position: number; bodies: Record<string, unknown> }>;
  }>('meetings:get', { id: meetingId });
  return [...items].sort((a, b) => a.position - b.position)[index]?.bodies['decision'];
}

/** No serious or critical axe violation on the screen as it is now. */
async function expectAxeClean(screen: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe on ${screen}`).toEqual([]);
}

describe('the secretary flow by keyboard only at 1366×768', { timeout: 150_000 }, () => {
  beforeAll(async () => {
    // Certificates of a test CA the library trusts (made before the host starts: the
    // keys take a while, and an idle connection to the host would be closed meanwhile).
    pki = createTestPki();
    // Every member present signs: all but those with afbud, and the substitute.
    const present = [
      ...members.map((member) => member.name).filter((name) => !absentMembers.includes(name)),
      substituteName,
    ];
    for (const [index, name] of present.entries()) {
      const member = pki.makeMember(name);
      const file = path.join(pki.dir, `underskriver-${index + 1}.p12`);
      writeFileSync(file, member.p12);
      signers.push({ name, file, password: member.password });
    }
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    await call('trustedRoots:add', { pem: pki.rootPem });
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
    pki?.dispose();
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

  it('adds the agenda in the meeting records', async () => {
    await openRecords('Oplysninger og dagsorden');
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
  });

  it('records the attendance: two afbud, one substitute', async () => {
    await openRecords('Fremmøde');
    const attendance = page
      .getByRole('complementary', { name: 'Fremmøde', exact: true })
      .or(page.getByRole('region', { name: 'Fremmøde', exact: true }))
      .first();
    await attendance.getByRole('table').waitFor();
    expect(await attendance.getByRole('row').count()).toBeGreaterThanOrEqual(32);
    // Afbud for two members: the letter "a" chooses it in the fremmøde list.
    for (const absent of absentMembers) {
      await tabTo(
        attendance.getByRole('combobox', { name: `Fremmøde: ${absent}`, exact: true }),
        `Fremmøde for ${absent}`,
        { limit: 400, isEitherWay: true },
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

    await backToDocument();
  });

  it('writes the first decision with a vote, a table and a standard text', async () => {
    const decision = firstDecision();
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
    // Alt+F10 moves to the toolbar (as in Word); a body with its own toolbar just above it
    // is left for it with Shift+Tab.
    await page.keyboard.press('Alt+F10');
    if (!(await isFocusWithin(page.getByRole('toolbar')))) await page.keyboard.press('Shift+Tab');
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

  it('finds and replaces across the minutes with Ctrl+H', async () => {
    const decision = firstDecision();
    // The caret is still in the decision after the standard text.
    await expectFocus(decision, 'the first decision');
    await page.keyboard.press('Control+H');
    const findBar = page.getByRole('search', { name: 'Søg i referatet' });
    const findField = findBar.getByRole('searchbox', { name: 'Søg i referatet' });
    await expectFocus(findField, 'the find field');
    await page.keyboard.type('budgettet');
    await expect.poll(() => findBar.getByRole('status').first().innerText()).toBe('1 af 1');
    await tabTo(findBar.getByRole('textbox', { name: 'Erstat med' }), 'Erstat med');
    await page.keyboard.type('budgetforslaget');
    await tabTo(findBar.getByRole('button', { name: 'Erstat alle' }), 'Erstat alle');
    await page.keyboard.press('Enter');
    await expect.poll(() => decision.innerText()).toContain('Udvalget drøftede budgetforslaget.');
    await expectAxeClean('the find and replace bar');
    await page.keyboard.press('Escape');
    await findBar.waitFor({ state: 'hidden' });
    await expectFocus(decision, 'the decision after the find bar closes');
    await expect
      .poll(async () => JSON.stringify(await storedDecision(0)))
      .toContain('budgetforslaget');
  });

  it('exports the PDF', async () => {
    await lifecycleAction('Eksportér PDF …');
    const exportButton = page.getByRole('button', { name: 'Eksportér PDF', exact: true });
    await tabTo(exportButton, 'Eksportér PDF', { isBackward: true, limit: 200 });
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'PDF klar' }).waitFor({ timeout: 90_000 });
    await expectAxeClean('the PDF preview');
  });

  it('approves the minutes through the confirmation dialog', async () => {
    await lifecycleAction('Godkend …');
    await tabTo(page.getByRole('button', { name: 'Godkend', exact: true }), 'Godkend', {
      isBackward: true,
      limit: 200,
    });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await expect.poll(() => isFocusWithin(dialog)).toBe(true);
    await expectAxeClean('the approval dialog');
    await tabTo(
      dialog.getByRole('button', { name: 'Godkend', exact: true }),
      'Godkend in the dialog',
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('approved-sha256').waitFor();
    await page.waitForFunction(() => document.querySelector('[contenteditable="true"]') === null);
    const audit = await call<Array<{ action: string }>>('audit:list', { meetingId });
    expect(audit.map((entry) => entry.action)).toEqual(['approved']);
    await expectAxeClean('the approved meeting');
  });

  it('is signed by every member present, each with their own .p12', async () => {
    await lifecycleAction('Underskriv …');
    const form = page.getByRole('form', { name: 'Underskriv referatet digitalt' });
    await form.waitFor();
    const signatures = page.getByRole('list', { name: /^Underskrifter i / });
    for (const [index, signer] of signers.entries()) {
      // The certificate file: the app's "Vælg fil…" button, pressed with Enter, opens the
      // operating system's file dialog; that dialog is not the app's, so the file is handed to
      // it as a person would pick it there. (Listening before the key: the chooser is caught
      // only once Playwright intercepts it.)
      const chooserOpened = page.waitForEvent('filechooser', { timeout: 60_000 });
      await tabTo(form.getByRole('button', { name: 'Vælg fil…' }).first(), 'the certificate file', {
        limit: 200,
        isBackward: index > 0,
      });
      await page.keyboard.press('Enter');
      await (await chooserOpened).setFiles(signer.file);
      await form.getByText(path.basename(signer.file)).waitFor();
      await tabTo(form.getByLabel('Adgangskode til certifikatet'), 'the certificate password');
      await page.keyboard.type(signer.password);
      if (index === 0) {
        await tabTo(form.getByLabel('Sted'), 'Sted');
        await page.keyboard.type('Gentofte Rådhus');
        await expectAxeClean('the signing form');
      }
      await tabTo(form.getByRole('button', { name: 'Underskriv', exact: true }), 'Underskriv');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => signatures.first().textContent(), { timeout: 60_000 })
        .toContain(signer.name);
    }
    expect(await signatures.first().textContent()).toContain('gyldig');
    await expect
      .poll(
        async () =>
          (await call<{ meeting: { status: string } }>('meetings:get', { id: meetingId })).meeting
            .status,
      )
      .toBe('signed');
  }, 600_000);

  it('archives the meeting', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      (async () => {
        await lifecycleAction('Arkivér …');
        await tabTo(page.getByRole('button', { name: 'Arkivér', exact: true }), 'Arkivér', {
          isBackward: true,
          limit: 200,
        });
        await page.keyboard.press('Enter');
      })(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    // The handover to the archive is recorded: then the meeting is archived.
    const handover = page.getByRole('form', { name: 'Afleveret til arkivet' });
    await handover.waitFor();
    await tabTo(handover.getByLabel('Modtager (arkiv eller system)'), "the archive's receiver");
    await page.keyboard.type('Gentofte Stadsarkiv');
    await page.keyboard.press('Enter');
    await page.getByText('Afleveringen til Gentofte Stadsarkiv er registreret.').waitFor();
    await expect
      .poll(
        async () =>
          (await call<{ meeting: { status: string } }>('meetings:get', { id: meetingId })).meeting
            .status,
      )
      .toBe('archived');
    await expectAxeClean('the archived meeting');
    expect(session.pageErrors.filter((error) => !/status of 4\d\d/.test(error))).toEqual([]);
  });
});
