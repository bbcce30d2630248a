/**
 * The first screens in browser mode, as a secretary uses them: create a committee with members,
 * a meeting, agenda items, attendance (one afbud, one substitute), an appendix with a file and
 * text in the bodies; wait for "Gemt"; reload; everything is still there.
 *
 * The README's picture is made by `npm run screenshots` (scripts/screenshots.ts).
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { fieldText, fillDateField, fillTimeField } from './helpers/dateFields';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;

/** Waits until the autosave indicator says "Gemt" (everything acknowledged by the library). */
async function waitForSaved(target: Page): Promise<void> {
  await target.locator('[data-save-state="saved"]').waitFor({ state: 'visible', timeout: 15_000 });
  const text = await target.getByRole('status').filter({ hasText: 'Gemt' }).first().textContent();
  expect(text).toBe('Gemt');
}

/** The meeting screen is the minutes document; the details and agenda open in its side panel. */
async function showRecords(target: Page): Promise<void> {
  await openMeetingPanel(target, 'Oplysninger og dagsorden');
  await target.getByRole('region', { name: 'Mødets oplysninger' }).waitFor();
}

async function addMember(name: string, role: string, party: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Tilføj medlem' });
  await form.getByRole('textbox', { name: 'Navn' }).fill(name);
  await form.getByRole('combobox', { name: 'Rolle' }).selectOption({ label: role });
  await form.getByRole('textbox', { name: 'Parti' }).fill(party);
  await form.getByRole('button', { name: 'Tilføj medlem' }).click();
  await expect
    .poll(() => page.getByRole('group', { name: new RegExp(`^Medlem \\d+: ${name}$`) }).count())
    .toBe(1);
}

async function addItem(title: string, presenter: string): Promise<void> {
  const form = page.getByRole('form', { name: 'Nyt punkt' });
  await form.getByRole('textbox', { name: 'Titel' }).fill(title);
  await form.getByRole('textbox', { name: 'Fremlægges af' }).fill(presenter);
  await form.getByRole('button', { name: 'Tilføj punkt' }).click();
  await page.getByRole('heading', { name: new RegExp(`^Punkt \\d+: ${title}$`) }).waitFor();
}

function item(title: string): Locator {
  return page.getByRole('region', { name: new RegExp(`^Punkt \\d+: ${title}`) });
}

/** An item's section in the minutes document, where its bodies are written. */
function section(title: string): Locator {
  return page.locator('section.meeting-document__item').filter({ hasText: title });
}

/** A participant's row of the attendance table (its name comes first). */
/**
 * A participant's details, opened below their row: the side panel's attendance table is narrow,
 * so partial presence, the note and the items not taken part in open there.
 */
async function participantDetails(name: string): Promise<Locator> {
  const toggle = participant(name).getByRole('button', { name: /Deltog ikke i/ });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.locator(`#${await toggle.getAttribute('aria-controls')}`);
}

function participant(name: string): Locator {
  return page.getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

/**
 * Types lines into a text body the way a user does (click, type, Enter between lines), so the
 * spec works with the plain textarea and with the rich-text editor that replaces it.
 */
async function typeBody(box: Locator, lines: readonly string[]): Promise<void> {
  await box.click();
  for (const [index, line] of lines.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
}

/** The lines of a text body (textarea value, or the paragraphs of a contenteditable editor). */
async function bodyLines(box: Locator): Promise<string[]> {
  const text = await box.evaluate((element) =>
    element instanceof HTMLTextAreaElement ? element.value : (element as HTMLElement).innerText,
  );
  return text.split(/\n+/).filter((line) => line.trim() !== '');
}

async function headingsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((text) => text.trim());
}

// Generous per-test limit: every spec drives a real browser on a shared 2-core machine.
describe('first screens in browser mode', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens in Danish with the product name (not the library file name) and removes the launch code from the address bar', async () => {
    await page.getByRole('heading', { level: 1, name: 'Møder' }).waitFor();
    expect(page.url()).not.toContain('token=');
    const header = await page.getByRole('banner').innerText();
    expect(header).toContain('Referat');
    expect(header).not.toContain('library');
    expect(await page.locator('html').getAttribute('lang')).toBe('da');
  });

  it('creates a committee with members and reorders them', async () => {
    const form = page.getByRole('form', { name: 'Nyt udvalg' });
    await form.getByRole('textbox', { name: 'Navn' }).fill('Opgaveudvalget om Innovation');
    await form
      .getByRole('combobox', { name: 'Type' })
      .selectOption({ label: '§ 17, stk. 4-udvalg' });
    await form.getByRole('textbox', { name: 'Organisation' }).fill('Gentofte Kommune');
    await form.getByRole('combobox', { name: 'Skabelon' }).selectOption({ label: 'Opgaveudvalg' });
    await form.getByRole('button', { name: 'Opret udvalg' }).click();
    await page.getByRole('heading', { level: 1, name: 'Opgaveudvalget om Innovation' }).waitFor();

    await addMember('Kristine Kryger', 'formand', 'C');
    await addMember('Michael Fenger', 'næstformand', 'C');
    await addMember('Marianne Zangenberg', 'medlem', 'a');
    await page.getByRole('button', { name: 'Flyt Marianne Zangenberg op' }).click();
    await page.getByRole('group', { name: 'Medlem 2: Marianne Zangenberg' }).waitFor();
    // Focus follows the moved row, so the keyboard user can keep moving it.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      'Flyt Marianne Zangenberg op',
    );
    await page.keyboard.press('Alt+ArrowDown');
    await page.getByRole('group', { name: 'Medlem 3: Marianne Zangenberg' }).waitFor();
    await page.keyboard.press('Alt+ArrowUp');
    await page.getByRole('group', { name: 'Medlem 2: Marianne Zangenberg' }).waitFor();
    const marianne = page.getByRole('group', { name: 'Medlem 2: Marianne Zangenberg' });
    expect(await marianne.getByRole('textbox', { name: 'Parti' }).inputValue()).toBe('A');
    await marianne
      .getByRole('combobox', { name: 'Medlemstype' })
      .selectOption({ label: 'Borgermedlem' });
    await waitForSaved(page);
  });

  it('creates a meeting with the proposed number and the members as participants', async () => {
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    const form = page.getByRole('form', { name: 'Nyt møde' });
    expect(await form.getByRole('textbox', { name: 'Nummer' }).inputValue()).toBe('1');
    await form.getByRole('textbox', { name: 'Nummer' }).fill('5');
    await fillDateField(form, 'Dato', '2017-12-12');
    await expect.poll(() => form.textContent()).toContain('tirsdag den 12. december 2017');
    await form.getByRole('button', { name: 'Opret møde' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      })
      .waitFor();
    // The meeting screen is the minutes document; the records are one click away.
    await page.getByRole('navigation', { name: 'Dagsorden' }).waitFor();
    await openMeetingPanel(page, 'Fremmøde');
    for (const name of ['Kristine Kryger', 'Marianne Zangenberg', 'Michael Fenger'])
      await participant(name).waitFor();
  });

  it('edits the header, attendance, agenda, appendices and bodies, and saves', async () => {
    await showRecords(page);
    const header = page.getByRole('region', { name: 'Mødets oplysninger' });
    await fillTimeField(header, 'Start', '16:30');
    await fillTimeField(header, 'Slut', '19:00');
    await header.getByRole('textbox', { name: 'Mødested' }).fill('Rådhuset, mødesal 1');
    await header.getByRole('textbox', { name: 'Sags ID' }).fill('EMN-2017-05812');

    // Attendance: Michael Fenger sends apologies, Bo Sund substitutes for him; partial presence.
    await openMeetingPanel(page, 'Fremmøde');
    await participant('Michael Fenger')
      .getByRole('combobox', { name: 'Fremmøde' })
      .selectOption({ label: 'Afbud' });
    const addForm = page.getByRole('form', { name: 'Tilføj deltager eller stedfortræder' });
    await addForm.getByRole('textbox', { name: 'Navn' }).fill('Bo Sund');
    await addForm.getByRole('textbox', { name: 'Parti' }).fill('V');
    await addForm
      .getByRole('combobox', { name: 'Stedfortræder for' })
      .selectOption({ label: 'Michael Fenger' });
    await addForm.getByRole('button', { name: 'Tilføj deltager' }).click();
    await participant('Bo Sund').waitFor();
    await expect
      .poll(() => participant('Bo Sund').locator('.attendance-table__for').textContent())
      .toBe('for Michael Fenger');
    await (
      await participantDetails('Kristine Kryger')
    )
      .getByRole('textbox', { name: 'Delvis til stede' })
      .fill('til kl. 18.40');

    // Agenda items: add three, reorder, mark one closed with a public title and a case id.
    await showRecords(page);
    await addItem('Velkomst', 'Formand Marie-Louise Andreassen');
    await addItem('Projektafrunding', 'Bo Sund');
    await addItem('Læringssporet', '');
    await page.getByRole('button', { name: 'Flyt Læringssporet op' }).click();
    await expect
      .poll(() => headingsOf(page.locator('.agenda-item h3')))
      .toEqual(['Punkt 1: Velkomst', 'Punkt 3: Læringssporet', 'Punkt 2: Projektafrunding']);
    await item('Læringssporet').getByRole('textbox', { name: 'Punktnummer' }).fill('2');
    await item('Projektafrunding').getByRole('textbox', { name: 'Punktnummer' }).fill('3');
    await item('Projektafrunding')
      .getByRole('combobox', { name: 'Åben eller lukket' })
      .selectOption({ label: 'Lukket' });
    await item('Projektafrunding')
      .getByRole('textbox', { name: 'Offentlig titel' })
      .fill('Afrunding af projekter');
    await item('Projektafrunding').getByRole('textbox', { name: 'Sags ID' }).fill('EMN-2017-05812');
    // The bodies are written in the document beside the panel.
    await typeBody(
      section('Projektafrunding').getByRole('textbox', { name: 'Beslutning', exact: true }),
      ['Udvalget takkede projektejerne.', 'Taget til efterretning.'],
    );
    await typeBody(
      section('Projektafrunding').getByRole('textbox', { name: 'Offentlig beslutning' }),
      ['Taget til efterretning.'],
    );

    // Item 2 of the meeting's attendance: Kristine did not take part in Læringssporet.
    await openMeetingPanel(page, 'Fremmøde');
    await participantDetails('Kristine Kryger');
    await page
      .getByRole('group', { name: 'Punkter Kristine Kryger ikke deltog i' })
      .getByRole('checkbox', { name: 'Punkt 2: Læringssporet' })
      .check();

    // Meeting bodies of the Opgaveudvalg template.
    await typeBody(page.getByRole('textbox', { name: 'Resumé' }), [
      'Velkomst v/ Formand Marie-Louise Andreassen',
      'Projektafrunding og tak',
    ]);
    await typeBody(page.getByRole('textbox', { name: 'Tidligere beslutninger' }), ['.']);

    // Appendix with document number, case id, item and an uploaded file.
    await openMeetingPanel(page, 'Bilag');
    const appendixForm = page.getByRole('form', { name: 'Nyt bilag' });
    await appendixForm.getByRole('textbox', { name: 'Titel' }).fill('Læringsopsamling');
    await appendixForm.getByRole('textbox', { name: 'Dok.nr.' }).fill('2107443');
    await appendixForm.getByRole('textbox', { name: 'Sags ID' }).fill('EMN-2017-05812');
    await appendixForm.getByRole('button', { name: 'Tilføj bilag' }).click();
    const appendix = page.getByRole('group', { name: 'Bilag 1: Læringsopsamling' });
    await appendix.waitFor();
    await appendix
      .getByRole('combobox', { name: 'Punkt' })
      .selectOption({ label: 'Punkt 2: Læringssporet' });
    await appendix.getByLabel('Vedhæft fil til bilag 1').setInputFiles({
      name: 'læringsopsamling.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% Referat test appendix\n%%EOF\n'),
    });
    await expect.poll(() => appendix.textContent()).toContain('Fil: læringsopsamling.pdf');

    await waitForSaved(page);
    expect(session.pageErrors).toEqual([]);
  });

  it('shows everything again after a reload', async () => {
    await page.reload();
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
      })
      .waitFor();
    await showRecords(page);
    const header = page.getByRole('region', { name: 'Mødets oplysninger' });
    expect(await fieldText(header, 'Start')).toBe('16.30');
    expect(await fieldText(header, 'Slut')).toBe('19.00');
    expect(await header.getByRole('textbox', { name: 'Mødested' }).inputValue()).toBe(
      'Rådhuset, mødesal 1',
    );
    expect(await header.getByRole('textbox', { name: 'Sags ID' }).inputValue()).toBe(
      'EMN-2017-05812',
    );

    await openMeetingPanel(page, 'Fremmøde');
    expect(
      await participant('Michael Fenger').getByRole('combobox', { name: 'Fremmøde' }).inputValue(),
    ).toBe('absent_with_notice');
    expect(await participant('Bo Sund').locator('.attendance-table__for').textContent()).toBe(
      'for Michael Fenger',
    );
    const kristine = await participantDetails('Kristine Kryger');
    expect(await kristine.getByRole('textbox', { name: 'Delvis til stede' }).inputValue()).toBe(
      'til kl. 18.40',
    );
    expect(
      await participant('Kristine Kryger')
        .getByRole('button', { name: /Deltog ikke i 1 punkt\b/ })
        .count(),
    ).toBe(1);
    expect(
      await page
        .getByRole('group', { name: 'Punkter Kristine Kryger ikke deltog i' })
        .getByRole('checkbox', { name: 'Punkt 2: Læringssporet' })
        .isChecked(),
    ).toBe(true);

    await showRecords(page);
    expect(await headingsOf(page.locator('.agenda-item h3'))).toEqual([
      'Punkt 1: Velkomst',
      'Punkt 2: Læringssporet',
      'Punkt 3: Projektafrunding Lukket',
    ]);
    const closed = item('Projektafrunding');
    expect(await closed.getByRole('textbox', { name: 'Offentlig titel' }).inputValue()).toBe(
      'Afrunding af projekter',
    );
    expect(await closed.getByRole('textbox', { name: 'Sags ID' }).inputValue()).toBe(
      'EMN-2017-05812',
    );
    expect(await closed.getByRole('textbox', { name: 'Fremlægges af' }).inputValue()).toBe(
      'Bo Sund',
    );
    const closedSection = section('Projektafrunding');
    expect(
      await bodyLines(closedSection.getByRole('textbox', { name: 'Beslutning', exact: true })),
    ).toEqual(['Udvalget takkede projektejerne.', 'Taget til efterretning.']);
    expect(
      await bodyLines(closedSection.getByRole('textbox', { name: 'Offentlig beslutning' })),
    ).toEqual(['Taget til efterretning.']);
    expect(await bodyLines(page.getByRole('textbox', { name: 'Resumé' }))).toEqual([
      'Velkomst v/ Formand Marie-Louise Andreassen',
      'Projektafrunding og tak',
    ]);
    expect(await bodyLines(page.getByRole('textbox', { name: 'Tidligere beslutninger' }))).toEqual([
      '.',
    ]);

    await openMeetingPanel(page, 'Bilag');
    const appendix = page.getByRole('group', { name: 'Bilag 1: Læringsopsamling' });
    expect(await appendix.getByRole('textbox', { name: 'Dok.nr.' }).inputValue()).toBe('2107443');
    expect(await appendix.getByRole('textbox', { name: 'Sags ID' }).inputValue()).toBe(
      'EMN-2017-05812',
    );
    expect(
      await appendix
        .getByRole('combobox', { name: 'Punkt' })
        .locator('option:checked')
        .textContent(),
    ).toBe('Punkt 2: Læringssporet');
    expect(await appendix.textContent()).toContain('Fil: læringsopsamling.pdf');
  });

  it('asks before deleting an item and asks again when its decision has text', async () => {
    await showRecords(page);
    const closed = item('Projektafrunding');
    await closed.getByRole('button', { name: 'Slet punktet Projektafrunding' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.textContent()).toContain('Slet punktet "Projektafrunding"?');
    // Cancel has the focus: Enter must not delete.
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await closed.waitFor();

    await closed.getByRole('button', { name: 'Slet punktet Projektafrunding' }).click();
    await dialog.getByRole('button', { name: 'Slet' }).click();
    await expect.poll(() => dialog.textContent()).toContain('har en skrevet beslutning');
    await dialog.getByRole('button', { name: 'Slet' }).click();
    await closed.waitFor({ state: 'detached' });
    await waitForSaved(page);
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Dagsorden' }).waitFor();
    await showRecords(page);
    expect(await headingsOf(page.locator('.agenda-item h3'))).toEqual([
      'Punkt 1: Velkomst',
      'Punkt 2: Læringssporet',
    ]);
  });

  it('numbers appendices by their order when they are moved or deleted', async () => {
    await openMeetingPanel(page, 'Bilag');
    const form = page.getByRole('form', { name: 'Nyt bilag' });
    await form.getByRole('textbox', { name: 'Titel' }).fill('Politisk model');
    await form.getByRole('button', { name: 'Tilføj bilag' }).click();
    await page.getByRole('group', { name: 'Bilag 2: Politisk model' }).waitFor();
    await page.getByRole('button', { name: 'Flyt Bilag 2: Politisk model op' }).click();
    await page.getByRole('group', { name: 'Bilag 1: Politisk model' }).waitFor();
    await page.getByRole('group', { name: 'Bilag 2: Læringsopsamling' }).waitFor();

    await page.getByRole('button', { name: 'Slet bilag 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Slet' }).click();
    await page.getByRole('group', { name: 'Bilag 1: Læringsopsamling' }).waitFor();
    expect(await page.getByRole('group', { name: /Politisk model/ }).count()).toBe(0);
    await waitForSaved(page);
    await page.reload();
    await openMeetingPanel(page, 'Bilag');
    const appendix = page.getByRole('group', { name: 'Bilag 1: Læringsopsamling' });
    await appendix.waitFor();
    expect(await appendix.textContent()).toContain('Fil: læringsopsamling.pdf');
    expect(await page.getByRole('group', { name: /^Bilag \d+:/ }).count()).toBe(1);
  });

  it('lists the meeting newest first with the members in their order on the committee screen', async () => {
    await page
      .getByRole('navigation', { name: 'Brødkrummesti' })
      .getByRole('link', { name: 'Opgaveudvalget om Innovation' })
      .click();
    await page.getByRole('link', { name: '5. møde den 12. december 2017' }).waitFor();
    const legends = await page.locator('#members-heading ~ ol legend').allTextContents();
    expect(legends).toEqual([
      'Medlem 1: Kristine Kryger',
      'Medlem 2: Marianne Zangenberg',
      'Medlem 3: Michael Fenger',
    ]);
    const marianne = page.getByRole('group', { name: 'Medlem 2: Marianne Zangenberg' });
    expect(await marianne.getByRole('combobox', { name: 'Medlemstype' }).inputValue()).toBe(
      'citizen',
    );
    await page.getByRole('link', { name: 'Udvalg' }).first().click();
    const row = page.getByRole('row', { name: /Opgaveudvalget om Innovation/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).map((text) => text.trim())).toEqual([
      '§ 17, stk. 4-udvalg',
      'Gentofte Kommune',
      '3',
      '1',
    ]);
    expect(session.pageErrors).toEqual([]);
  });

  it('keeps edits typed just before leaving the screen or reloading the page', async () => {
    await page.getByRole('link', { name: 'Opgaveudvalget om Innovation' }).click();
    await page.getByRole('link', { name: '5. møde den 12. december 2017' }).click();
    await showRecords(page);
    const header = page.getByRole('region', { name: 'Mødets oplysninger' });
    // Leaving through a link: the pending save is sent before the next screen loads.
    await header.getByRole('textbox', { name: 'Mødested' }).fill('Byrådssalen');
    await page
      .getByRole('navigation', { name: 'Brødkrummesti' })
      .getByRole('link', { name: 'Opgaveudvalget om Innovation' })
      .click();
    await page.getByRole('link', { name: '5. møde den 12. december 2017' }).click();
    await showRecords(page);
    expect(await header.getByRole('textbox', { name: 'Mødested' }).inputValue()).toBe(
      'Byrådssalen',
    );

    // Reloading within the debounce: beforeunload sends the edit (the browser may ask first).
    page.once('dialog', (dialog) => void dialog.accept());
    await header.getByRole('textbox', { name: 'Sags ID' }).fill('EMN-2017-09999');
    await page.reload();
    await showRecords(page);
    await header.getByRole('textbox', { name: 'Sags ID' }).waitFor();
    expect(await header.getByRole('textbox', { name: 'Sags ID' }).inputValue()).toBe(
      'EMN-2017-09999',
    );
  });

  it('proposes the next meeting and copies participants and the agenda skeleton from the previous one', async () => {
    await page
      .getByRole('navigation', { name: 'Brødkrummesti' })
      .getByRole('link', { name: 'Opgaveudvalget om Innovation' })
      .click();
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    const form = page.getByRole('form', { name: 'Nyt møde' });
    expect(await form.getByRole('textbox', { name: 'Nummer' }).inputValue()).toBe('6');
    const copy = form.getByRole('checkbox', {
      name: 'Kopiér deltagere og dagsorden fra forrige møde',
    });
    expect(await copy.isChecked()).toBe(true);
    await fillDateField(form, 'Dato', '2018-01-23');
    await form.getByRole('button', { name: 'Opret møde' }).click();
    await page
      .getByRole('heading', {
        level: 1,
        name: '(Åben) 6. møde i Opgaveudvalget om Innovation den 23. januar 2018',
      })
      .waitFor();
    await showRecords(page);
    expect(await headingsOf(page.locator('.agenda-item h3'))).toEqual([
      'Punkt 1: Velkomst',
      'Punkt 2: Læringssporet',
    ]);
    await openMeetingPanel(page, 'Fremmøde');
    // The substitute of the previous meeting is not copied; everyone starts as present.
    expect(await participant('Bo Sund').count()).toBe(0);
    expect(
      await participant('Michael Fenger').getByRole('combobox', { name: 'Fremmøde' }).inputValue(),
    ).toBe('present');

    await page
      .getByRole('navigation', { name: 'Brødkrummesti' })
      .getByRole('link', { name: 'Opgaveudvalget om Innovation' })
      .click();
    await page.getByRole('link', { name: '6. møde den 23. januar 2018' }).waitFor();
    const meetingLinks = await page
      .getByRole('table', { name: 'Møder' })
      .getByRole('link')
      .allTextContents();
    expect(meetingLinks).toEqual(['6. møde den 23. januar 2018', '5. møde den 12. december 2017']);
    expect(session.pageErrors).toEqual([]);
  });
});
