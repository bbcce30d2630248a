/**
 * Find and replace in the meeting document (Ctrl+H), in Chromium (browser mode): "Erstat"
 * replaces the current match and goes on, "Erstat alle" replaces in every body of the meeting
 * (also sections whose editor has not started) and leaves the text written from the records
 * (an item's heading, a protokoltilførsel) as it is, saying so; one Ctrl+Z undoes all of it,
 * Ctrl+Y does it again, and the text is saved.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { documentFind, documentSections, openMeetingDocument } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];
const itemCount = 30;

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);
const { section, decision, isStarted } = documentSections(() => page, itemIds);
const { findBar, findField, findCount } = documentFind(() => page);
const replaceField = () => findBar().getByRole('textbox', { name: 'Erstat med' });
const replaceStatus = () => findBar().locator('.find-bar__replace [role="status"]');

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** The stored text of an item's decision (paragraphs joined by newlines). */
async function storedDecision(index: number): Promise<string> {
  const detail = await call<{
    items: {
      id: string;
      bodies: { decision?: { content: { children?: { text?: string }[] }[] } };
    }[];
  }>('meetings:get', { id: meetingId });
  const item = detail.items.find((candidate) => candidate.id === itemIds[index]);
  return (item?.bodies.decision?.content ?? [])
    .map((block) => (block.children ?? []).map((child) => child.text ?? '').join(''))
    .join('\n');
}

/**
 * The paragraphs of an item's decision as its editor shows them, one a line (textContent: a
 * section scrolled out of view is not rendered, `content-visibility`, and has no innerText).
 */
function shown(index: number): Promise<string> {
  return decision(index).evaluate((editor) =>
    [...editor.querySelectorAll('p')].map((p) => p.textContent).join('\n'),
  );
}

async function waitForSaved(): Promise<void> {
  await page.locator('[data-save-state="saved"]').waitFor({ state: 'visible', timeout: 15_000 });
}

describe('find and replace in the meeting document', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession({ viewport: { width: 1366, height: 768 } });
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'member', party: 'V' },
    ]));
    for (let n = 1; n <= itemCount; n++) {
      itemIds.push(
        await createAgendaItem(session.host, meetingId, {
          title: n === 3 ? 'Budgettet for 2018' : `Punkt ${n}`,
        }),
      );
    }
    const detail = await call<{ participants: { id: string; name: string }[] }>('meetings:get', {
      id: meetingId,
    });
    const fenger = detail.participants.find((p) => p.name === 'Michael Fenger')?.id ?? '';
    const decisions: [number, unknown[]][] = [
      [0, [paragraph('Budgettet blev godkendt.'), paragraph('Budgettet sendes videre.')]],
      [
        1,
        [
          paragraph('Udvalget drøftede budgettet.'),
          { type: 'dissent', participantId: fenger, text: 'Budgettet er for højt.' },
        ],
      ],
      [itemCount - 1, [paragraph('Budgettet for 2018 er vedtaget.')]],
    ];
    for (const [index, content] of decisions) {
      await call('bodies:save', {
        owner: { kind: 'item', itemId: itemIds[index], field: 'decision' },
        content,
        baseRevision: 0,
      });
    }
    await openMeetingDocument(page, session.host, meetingId);
    await section(0).locator('[contenteditable="true"]').first().waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('opens find with a replace field on Ctrl+H, listed among the shortcuts', async () => {
    await decision(0).click();
    await page.keyboard.press('F1');
    const shortcuts = page.getByRole('dialog');
    await expect
      .poll(() =>
        shortcuts.getByRole('row', { name: /Søg og erstat i hele referatet/ }).innerText(),
      )
      .toContain('Ctrl+H');
    await page.keyboard.press('Escape');
    await expect.poll(() => shortcuts.count()).toBe(0);
    await decision(0).click();
    await page.keyboard.press('Control+H');
    await expect.poll(() => findField().evaluate((el) => el === document.activeElement)).toBe(true);
    await replaceField().waitFor();
    await findField().fill('budgettet');
    // Two in item 1, one in item 2 and its protokoltilførsel, item 3's heading, item 30.
    await expect.poll(() => findCount().first().innerText()).toBe('1 af 6');
    expect(await isStarted(itemCount - 1)).toBe(false);
    expect(await seriousAxeViolations(page, '.find-bar')).toEqual([]);
  });

  it('"Erstat" replaces the current match and shows the next', async () => {
    await replaceField().fill('økonomien');
    await findBar().getByRole('button', { name: 'Erstat', exact: true }).click();
    await expect.poll(() => replaceStatus().innerText()).toBe('1 erstattet.');
    await expect.poll(() => shown(0)).toBe('økonomien blev godkendt.\nBudgettet sendes videre.');
    await expect.poll(() => findCount().first().innerText()).toBe('1 af 5');
  });

  it('"Erstat alle" replaces in every body, also far ones, and leaves text written from the records', async () => {
    await findBar().getByRole('button', { name: 'Erstat alle' }).click();
    await expect
      .poll(() => replaceStatus().innerText())
      .toBe(
        '3 erstattet. 2 i tekst, der skrives fra mødets oplysninger (overskrifter, fremmøde, afstemninger, protokoltilførsler eller henvisninger), er ikke ændret.',
      );
    await expect.poll(() => findCount().first().innerText()).toBe('1 af 2');
    expect(await shown(0)).toBe('økonomien blev godkendt.\nøkonomien sendes videre.');
    expect(await shown(1)).toContain('Udvalget drøftede økonomien.');
    expect(await decision(1).textContent()).toContain('Budgettet er for højt.');
    expect(await shown(itemCount - 1)).toBe('økonomien for 2018 er vedtaget.');
    await page.screenshot({ path: 'out/screenshots/replace-1366.png' });
    await waitForSaved();
    await expect.poll(() => storedDecision(itemCount - 1)).toBe('økonomien for 2018 er vedtaget.');
  });

  it('one Ctrl+Z undoes "Erstat alle" in every body, Ctrl+Y does it again, and the text is saved', async () => {
    await page.keyboard.press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    await decision(0).click();
    await page.keyboard.press('Control+Z');
    await expect.poll(() => shown(itemCount - 1)).toBe('Budgettet for 2018 er vedtaget.');
    // The first "Erstat" was a step of its own: it stays.
    expect(await shown(0)).toBe('økonomien blev godkendt.\nBudgettet sendes videre.');
    expect(await shown(1)).toContain('Udvalget drøftede budgettet.');
    await waitForSaved();
    await expect.poll(() => storedDecision(1)).toBe('Udvalget drøftede budgettet.\n');

    await page.keyboard.press('Control+Y');
    await expect.poll(() => shown(itemCount - 1)).toBe('økonomien for 2018 er vedtaget.');
    expect(await shown(1)).toContain('Udvalget drøftede økonomien.');
    await waitForSaved();

    await page.reload();
    await openMeetingDocument(page, session.host, meetingId);
    await expect
      .poll(() => storedDecision(0))
      .toBe('økonomien blev godkendt.\nøkonomien sendes videre.');
    await expect.poll(() => storedDecision(itemCount - 1)).toBe('økonomien for 2018 er vedtaget.');
    expect(await shown(0)).toBe('økonomien blev godkendt.\nøkonomien sendes videre.');
    expect(session.pageErrors).toEqual([]);
  });
});
