/**
 * Acceptance test: the model document (5. møde i Opgaveudvalget om Innovation, 12
 * December 2017) rebuilt in Chromium through the UI only, as a secretary would: the committee
 * and member forms, the meeting, its header, agenda and appendix forms, then the minutes typed
 * in the document view with the keyboard (text per paragraph, Ctrl+Shift+7/8 for lists, Tab and
 * Shift+Tab for nesting, Shift+Enter for line breaks, Ctrl+Alt+1/2 for headings, "#" for the
 * appendix reference). After a reload everything is shown again, and the exported `referat/1`
 * JSON equals the hand-made fixture except for ids (normalized by position), timestamps and the
 * one appendix reference this test adds.
 *
 * What is typed is read from the fixture's blocks, so the typing follows the fixture exactly;
 * no API request is made except reading the export at the end.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Block, Inline, List } from '../../common/domain/richText';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { fillDateField } from './helpers/dateFields';
import { seriousAxeViolations } from './helpers/axe';
import { closeMeetingPanel, openMeetingPanel } from './helpers/meetingDocument';

type Fixture = {
  committee: { name: string; organisation: string };
  members: { name: string; role: 'chair' | 'vice_chair' | 'member' }[];
  meeting: {
    caseId: string;
    bodies: { summary: Block[]; previousDecisions: Block[] };
  };
  agendaItems: {
    title: string;
    presenter: string;
    kind: 'decision' | 'orientation' | 'discussion';
    bodies: { decision: Block[] };
  }[];
  appendices: { title: string; documentNumber: string; caseId: string }[];
};

const fixturePath = path.join(repoRoot, 'tests', 'fixtures', 'gentofte-2017-12-12.referat.json');
const fixtureText = readFileSync(fixturePath, 'utf8');
const fixture = JSON.parse(fixtureText) as Fixture;

const title = '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017';
const roleLabels = { chair: 'formand', vice_chair: 'næstformand', member: 'medlem' } as const;
const kindLabels = {
  decision: 'Beslutning',
  orientation: 'Orientering',
  discussion: 'Drøftelse',
} as const;

let session: BrowserSession;
let page: Page;

async function waitForSaved(): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor({ state: 'visible', timeout: 30_000 });
}

function plainOf(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.type === 'text' ? inline.text : '')).join('');
}

/** Types text at the caret; "\n" becomes a line break (Shift+Enter), as in a Word paragraph. */
async function typeText(text: string): Promise<void> {
  for (const [index, line] of text.split('\n').entries()) {
    if (index > 0) await page.keyboard.press('Shift+Enter');
    if (line !== '') await page.keyboard.insertText(line);
  }
}

/** Types the items of a list the caret is in (the first item is empty and current). */
async function typeListItems(list: List): Promise<void> {
  for (const [index, item] of list.items.entries()) {
    // After a sublist the caret is already in the new (outdented) item.
    if (index > 0 && !list.items[index - 1]?.sublist) await page.keyboard.press('Enter');
    await typeText(plainOf(item.children));
    if (item.sublist) {
      await page.keyboard.press('Enter');
      await page.keyboard.press('Tab');
      await typeListItems(item.sublist);
      // The next item of the outer list (if any) starts after Enter + Shift+Tab.
      if (index < list.items.length - 1) {
        await page.keyboard.press('Enter');
        await page.keyboard.press('Shift+Tab');
      }
    }
  }
}

/**
 * Types blocks into the focused, empty body with the editor's shortcuts. After a list, Enter
 * twice leaves it (an empty item becomes a paragraph).
 */
async function typeBlocks(blocks: readonly Block[]): Promise<void> {
  for (const [index, block] of blocks.entries()) {
    if (index > 0) {
      await page.keyboard.press('Enter');
      if (blocks[index - 1]?.type === 'list') await page.keyboard.press('Enter');
    }
    if (block.type === 'paragraph') {
      await typeText(plainOf(block.children));
    } else if (block.type === 'heading') {
      await page.keyboard.press(`Control+Alt+${block.level}`);
      await typeText(plainOf(block.children));
    } else if (block.type === 'list') {
      await page.keyboard.press(block.ordered ? 'Control+Shift+7' : 'Control+Shift+8');
      await typeListItems(block);
    } else {
      throw new Error(`the model document has no ${block.type} block`);
    }
  }
}

function documentView(): Locator {
  // The screen is an article with the same name; the document page is the inner one.
  return page.getByRole('article', { name: title }).and(page.locator('.meeting-document__page'));
}

/** Puts the caret in the (empty) decision of an item through the outline. */
async function focusDecision(number: number, itemTitle: string): Promise<Locator> {
  await page
    .getByRole('navigation', { name: 'Dagsorden' })
    .getByRole('link', { name: `Gå til punkt ${number}: ${itemTitle}` })
    .click();
  const box = page
    .getByRole('region', { name: `Ad ${itemTitle}` })
    .getByRole('textbox', { name: 'Beslutning', exact: true });
  await expect.poll(() => box.evaluate((element) => element === document.activeElement)).toBe(true);
  return box;
}

/** Ids replaced by their order of first appearance; timestamps dropped. */
function normalize(value: unknown): unknown {
  const ids = new Map<string, string>();
  const idOf = (id: string) => {
    if (!ids.has(id)) ids.set(id, `id-${ids.size + 1}`);
    return ids.get(id)!;
  };
  const walk = (node: unknown, key = ''): unknown => {
    // caseId is a value of the minutes (Sags ID), not a record id.
    const isIdKey = key !== 'caseId' && (key === 'id' || key.endsWith('Id') || key.endsWith('Ids'));
    if (typeof node === 'string') return isIdKey ? idOf(node) : node;
    if (Array.isArray(node)) return node.map((entry) => walk(entry, key));
    if (node && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(node)) {
        if (/At$/.test(k)) continue;
        out[k] = walk(v, k);
      }
      return out;
    }
    return node;
  };
  return walk(value);
}

const itemTwo = 'Læringssporet og status på udvalgets 4 leverancer';

function participant(name: string): Locator {
  return documentView().getByRole('row', { name: new RegExp(`^${name}\\b`) });
}

async function attendanceText(): Promise<string> {
  return (
    (await documentView().getByRole('region', { name: 'Medlemmer', exact: true }).textContent()) ??
    ''
  );
}

describe('the model document rebuilt through the UI', { timeout: 600_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });

  afterAll(async () => {
    await session?.close();
  });

  it('creates the committee with its five members', async () => {
    const form = page.getByRole('form', { name: 'Nyt udvalg' });
    await form.getByRole('textbox', { name: 'Navn' }).fill(fixture.committee.name);
    await form
      .getByRole('combobox', { name: 'Type' })
      .selectOption({ label: '§ 17, stk. 4-udvalg' });
    await form.getByRole('textbox', { name: 'Organisation' }).fill(fixture.committee.organisation);
    await form.getByRole('combobox', { name: 'Skabelon' }).selectOption({ label: 'Opgaveudvalg' });
    await form.getByRole('button', { name: 'Opret udvalg' }).click();
    await page.getByRole('heading', { level: 1, name: fixture.committee.name }).waitFor();
    expect(fixture.members).toHaveLength(5);
    for (const [index, member] of fixture.members.entries()) {
      const add = page.getByRole('form', { name: 'Tilføj medlem' });
      await add.getByRole('textbox', { name: 'Navn' }).fill(member.name);
      await add.getByRole('combobox', { name: 'Rolle' }).selectOption({
        label: roleLabels[member.role],
      });
      await add.getByRole('button', { name: 'Tilføj medlem' }).click();
      await page.getByRole('group', { name: `Medlem ${index + 1}: ${member.name}` }).waitFor();
    }
    await waitForSaved();
  });

  it('creates meeting 5 with its Sags ID, four agenda items and the appendix', async () => {
    await page.getByRole('button', { name: 'Nyt møde' }).click();
    const form = page.getByRole('form', { name: 'Nyt møde' });
    await form.getByRole('textbox', { name: 'Nummer' }).fill('5');
    await fillDateField(form, 'Dato', '2017-12-12');
    await form.getByRole('button', { name: 'Opret møde' }).click();
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    // A meeting opens on the minutes document; the details and appendices open beside it.
    await openMeetingPanel(page, 'Oplysninger og dagsorden');

    await page
      .getByRole('region', { name: 'Mødets oplysninger' })
      .getByRole('textbox', { name: 'Sags ID' })
      .fill(fixture.meeting.caseId);

    for (const [index, item] of fixture.agendaItems.entries()) {
      const add = page.getByRole('form', { name: 'Nyt punkt' });
      await add.getByRole('textbox', { name: 'Titel' }).fill(item.title);
      await add.getByRole('textbox', { name: 'Fremlægges af' }).fill(item.presenter);
      await add.getByRole('button', { name: 'Tilføj punkt' }).click();
      const region = page.getByRole('region', { name: `Punkt ${index + 1}: ${item.title}` });
      await region.waitFor();
      await region
        .getByRole('combobox', { name: 'Sagstype' })
        .selectOption({ label: kindLabels[item.kind] });
    }

    const appendix = fixture.appendices[0]!;
    await openMeetingPanel(page, 'Bilag');
    const add = page.getByRole('form', { name: 'Nyt bilag' });
    await add.getByRole('textbox', { name: 'Titel' }).fill(appendix.title);
    await add.getByRole('textbox', { name: 'Dok.nr.' }).fill(appendix.documentNumber);
    await add.getByRole('textbox', { name: 'Sags ID' }).fill(appendix.caseId);
    await add.getByRole('button', { name: 'Tilføj bilag' }).click();
    await page.getByRole('group', { name: `Bilag 1: ${appendix.title}` }).waitFor();
    await waitForSaved();
  });

  it('types the Resumé, Tidligere beslutninger and the four Ad-sections in the document view', async () => {
    await closeMeetingPanel(page);
    await documentView().waitFor();

    await documentView().getByRole('textbox', { name: 'Resumé', exact: true }).click();
    await typeBlocks(fixture.meeting.bodies.summary);
    await documentView()
      .getByRole('textbox', { name: 'Tidligere beslutninger', exact: true })
      .click();
    await typeBlocks(fixture.meeting.bodies.previousDecisions);

    for (const [index, item] of fixture.agendaItems.entries()) {
      await focusDecision(index + 1, item.title);
      await typeBlocks(item.bodies.decision);
      if (index === 0) {
        // The one addition to the model document: a reference to the appendix, found by its
        // document number after "#".
        await page.keyboard.press('Enter');
        await page.keyboard.press('Enter');
        await page.keyboard.type('Se #2107443');
        await page.getByRole('option', { name: /Bilag 1: Læringsopsamling/ }).waitFor();
        await page.keyboard.press('Enter');
      }
    }
    await waitForSaved();
    expect(session.pageErrors).toEqual([]);
  });

  it('shows everything again after a reload', async () => {
    await page.reload();
    const view = documentView();
    await view.waitFor();
    for (const item of fixture.agendaItems)
      await view.getByRole('heading', { name: `Ad ${item.title}` }).waitFor();
    const summary = view.getByRole('textbox', { name: 'Resumé', exact: true });
    await expect.poll(() => summary.innerText()).toContain('Kristine Kryger (formand)');
    expect(await summary.locator('ul ul li').count()).toBe(5);
    await expect
      .poll(() =>
        view.getByRole('textbox', { name: 'Tidligere beslutninger', exact: true }).innerText(),
      )
      .toBe('.');
    const members = view.getByRole('region', { name: 'Medlemmer', exact: true });
    // textContent: the section may be outside the viewport (content-visibility: auto).
    expect(await members.getByRole('listitem').allTextContents()).toEqual([
      'Kristine Kryger (formand)',
      'Michael Fenger (næstformand)',
      'Marianne Zangenberg',
      'Andreas Weidinger',
      'Katja S. Johansen',
    ]);
    await expect
      .poll(() => view.getByRole('region', { name: 'Bilag', exact: true }).textContent())
      .toContain(
        'Læringsopsamling og politisk model - Innovationsudvalget (2107443 - EMN-2017-05812)',
      );
    const first = await focusDecision(1, 'Projektafrunding');
    await expect.poll(() => first.innerText()).toContain('Se Bilag 1');
    expect(await first.locator('ol > li').count()).toBe(3);
    const third = await focusDecision(3, 'Medlemmernes input og feedback til leverancerne');
    expect(await third.locator('h1, h2, h3, h4').count()).toBe(7);
    expect(session.pageErrors).toEqual([]);
  });

  it('exports referat/1 equal to the hand-made fixture except ids, timestamps and the added reference', async () => {
    const meetingId = decodeURIComponent(/#\/meetings\/([^/?]+)/.exec(page.url())?.[1] ?? '');
    expect(meetingId).not.toBe('');
    // The one request of this test: reading the export from the page, with the page's session.
    const exported = await page.evaluate(async (id) => {
      const response = await fetch('/api/meetings:exportJson', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ id }),
      });
      return (await response.json()) as { ok: boolean; value?: { json: string } };
    }, meetingId);
    expect(exported.ok).toBe(true);
    const document = JSON.parse(exported.value!.json) as {
      agendaItems: { bodies: { decision: Block[] } }[];
      appendices: { id: string }[];
    };

    const firstDecision = document.agendaItems[0]!.bodies.decision;
    expect(firstDecision[firstDecision.length - 1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'appendixRef', appendixId: document.appendices[0]!.id },
      ],
    });
    firstDecision.pop();

    expect(normalize(document)).toEqual(normalize(JSON.parse(fixtureText)));
  });

  it('edits the attendance records from the document and shows them as minutes text', async () => {
    const section = documentView().getByRole('region', { name: 'Medlemmer', exact: true });
    const edit = section.getByRole('button', { name: 'Rediger fremmøde' });
    await edit.click();
    expect(await edit.getAttribute('aria-expanded')).toBe('true');

    await participant('Michael Fenger')
      .getByRole('combobox', { name: 'Fremmøde' })
      .selectOption({ label: 'Afbud' });
    await participant('Andreas Weidinger')
      .getByRole('combobox', { name: 'Fremmøde' })
      .selectOption({ label: 'Fraværende' });
    const add = section.getByRole('form', { name: 'Tilføj deltager eller stedfortræder' });
    await add.getByRole('textbox', { name: 'Navn' }).fill('Poul V. Jensen');
    await add
      .getByRole('combobox', { name: 'Stedfortræder for' })
      .selectOption({ label: 'Michael Fenger' });
    await add.getByRole('button', { name: 'Tilføj deltager' }).click();
    await participant('Poul V. Jensen').waitFor();
    // In the document the table is narrow: partial presence opens below the member's row.
    const kristine = participant('Kristine Kryger');
    await kristine.getByRole('button', { name: /Deltog ikke i 0 punkter/ }).click();
    await documentView()
      .locator(
        `#${await kristine.getByRole('button', { name: /Deltog ikke i/ }).getAttribute('aria-controls')}`,
      )
      .getByRole('textbox', { name: 'Delvis til stede' })
      .fill('til kl. 18.40');
    const katja = participant('Katja S. Johansen');
    await katja.getByRole('button', { name: /Deltog ikke i 0 punkter/ }).click();
    await documentView()
      .getByRole('group', { name: 'Punkter Katja S. Johansen ikke deltog i' })
      .getByRole('checkbox', { name: `Punkt 2: ${itemTwo}` })
      .check();

    const expected = [
      // The lines the PDF prints (common/wording): one form of a member everywhere.
      'Kristine Kryger (formand), til kl. 18.40',
      'Poul V. Jensen, stedfortræder for Michael Fenger (næstformand)',
      'Afbud: Michael Fenger (næstformand).',
      'Fraværende: Andreas Weidinger.',
      'Katja S. Johansen, deltog ikke i behandlingen af punkt 2',
    ];
    for (const text of expected) await expect.poll(attendanceText).toContain(text);
    await waitForSaved();

    // The document with the attendance form open has no serious or critical axe violation.
    expect(await seriousAxeViolations(page, '.meeting-document')).toEqual([]);

    await page.reload();
    await documentView().waitFor();
    for (const text of expected) await expect.poll(attendanceText).toContain(text);
    expect(
      await documentView()
        .getByRole('region', { name: 'Medlemmer', exact: true })
        .getByRole('listitem')
        .allTextContents(),
    ).toEqual([
      'Kristine Kryger (formand), til kl. 18.40',
      'Marianne Zangenberg',
      'Katja S. Johansen, deltog ikke i behandlingen af punkt 2',
      'Poul V. Jensen, stedfortræder for Michael Fenger (næstformand)',
    ]);

    // The same records in the side panel's attendance.
    await openMeetingPanel(page, 'Fremmøde');
    const michael = page.getByRole('row', { name: /^Michael Fenger\b/ });
    expect(await michael.getByRole('combobox', { name: 'Fremmøde' }).inputValue()).toBe(
      'absent_with_notice',
    );
    expect(session.pageErrors).toEqual([]);
  });
});
