/**
 * The rich-text body editor in Chromium (browser mode), used as a secretary would: typing,
 * shortcuts, the "#" appendix search, the "/" menu, the vote dialog and paste from Word. What
 * is typed is checked in the stored body (through the API), and appendix references follow a
 * renumbering after a reload.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichText } from '../../common/domain/richText';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let session: BrowserSession;
let page: Page;
let meetingId = '';
let itemId = '';
const appendixIds: string[] = [];

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

/** The stored decision of the item, once the autosave has written `predicate`. */
async function storedDecision(predicate: (content: RichText) => boolean): Promise<RichText> {
  let content: RichText = [];
  for (let attempt = 0; attempt < 50; attempt++) {
    const detail = await call<{
      items: { id: string; bodies: { decision?: { content: RichText } } }[];
    }>('meetings:get', { id: meetingId });
    content = detail.items.find((item) => item.id === itemId)?.bodies.decision?.content ?? [];
    if (predicate(content)) return content;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the decision was not saved as expected; stored: ${JSON.stringify(content)}`);
}

function decisionBox(): Locator {
  return page.getByRole('textbox', { name: 'Beslutning', exact: true });
}

async function openMeeting(): Promise<void> {
  await page.goto(session.host.url);
  await page.evaluate((id) => {
    window.location.hash = `#/meetings/${id}`;
  }, meetingId);
  await decisionBox().waitFor();
}

describe('the body editor in Chromium', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'vice_chair', party: 'V' },
      { name: 'Katja S. Johansen', role: 'member', party: 'O' },
    ]));
    itemId = await createAgendaItem(session.host, meetingId, {
      title: 'Projektafrunding',
      caseId: 'EMN-2017-05812',
    });
    for (const [title, documentNumber] of [
      ['Læringsopsamling fra de 3 innovationsprojekter', '2107443'],
      ['Politisk model', '2107444'],
    ] as const) {
      const appendix = await call<{ id: string }>('appendices:create', {
        meetingId,
        appendix: {
          title,
          documentNumber,
          caseId: 'EMN-2017-05812',
          isClosed: false,
          itemId: null,
        },
      });
      appendixIds.push(appendix.id);
    }
    await openMeeting();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('types formatted text and nested lists with the keyboard shortcuts', async () => {
    await decisionBox().click();
    await page.keyboard.type('Godkendt med ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('bemærkninger');
    await page.keyboard.press('Control+B');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+8');
    await page.keyboard.type('Sundhedsdata');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Odsherred');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.type('Teamwork');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    const content = await storedDecision((c) => JSON.stringify(c).includes('Teamwork'));
    expect(content.slice(0, 2)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Godkendt med ' },
          { type: 'text', text: 'bemærkninger', bold: true },
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          {
            children: [{ type: 'text', text: 'Sundhedsdata' }],
            sublist: {
              type: 'list',
              ordered: false,
              items: [{ children: [{ type: 'text', text: 'Odsherred' }] }],
            },
          },
          { children: [{ type: 'text', text: 'Teamwork' }] },
        ],
      },
    ]);
  });

  it('inserts an appendix reference by typing "#" and searching the title', async () => {
    await page.keyboard.type('Se #politisk');
    const option = page.getByRole('option', { name: /Bilag 2: Politisk model/ });
    await option.waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.type(' for detaljer.');
    await expect.poll(() => decisionBox().innerText()).toContain('Se Bilag 2 for detaljer.');
    const content = await storedDecision((c) => JSON.stringify(c).includes('appendixRef'));
    expect(content[content.length - 1]).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'appendixRef', appendixId: appendixIds[1] },
        { type: 'text', text: ' for detaljer.' },
      ],
    });
  });

  it('records a vote through the "/" menu and its dialog', async () => {
    await page.keyboard.press('Enter');
    await page.keyboard.type('/afst');
    await page.getByRole('option', { name: 'Indsæt afstemning' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Afstemning' });
    await dialog.waitFor();
    await dialog.getByLabel('Partier for').fill('C, V');
    await dialog.getByLabel('Antal for').fill('2');
    await dialog.getByLabel('Partier imod').fill('O');
    await dialog.getByLabel('Antal imod').fill('1');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await expect
      .poll(() => page.getByTestId('vote').first().innerText())
      .toContain('Et flertal (C og V) stemte for. Et medlem (O) stemte imod.');
    const content = await storedDecision((c) =>
      c.some((b) => b.type === 'vote' && b.against.count === 1),
    );
    expect(content.find((b) => b.type === 'vote')).toEqual({
      type: 'vote',
      subject: '',
      for: { participantIds: [], parties: ['C', 'V'], count: 2 },
      against: { participantIds: [], parties: ['O'], count: 1 },
      abstained: { participantIds: [], parties: [], count: null },
      outcome: 'adopted',
    });
  });

  it('pastes Word HTML as clean structure and undoes it with Ctrl+Z', async () => {
    await decisionBox().click();
    await page.keyboard.press('Control+End');
    const before = await storedDecision(() => true);
    await decisionBox().evaluate((element) => {
      const data = new DataTransfer();
      data.setData(
        'text/html',
        "<p class=MsoNormal style='color:red'><b>Indstillingen</b> blev <i>tiltrådt</i><o:p></o:p></p>" +
          "<script>window.pwned = true</script><img src=x onerror='window.pwned=true'>",
      );
      data.setData('text/plain', 'Indstillingen blev tiltrådt');
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    const pasted = await storedDecision((c) => JSON.stringify(c).includes('tiltrådt'));
    expect(JSON.stringify(pasted)).toContain(
      '[{"type":"text","text":"Indstillingen","bold":true},{"type":"text","text":" blev "},{"type":"text","text":"tiltrådt","italic":true}]',
    );
    expect(await page.evaluate(() => (window as { pwned?: boolean }).pwned)).toBeUndefined();
    expect(await decisionBox().locator('img, script').count()).toBe(0);
    await page.keyboard.press('Control+Z');
    await storedDecision((c) => !JSON.stringify(c).includes('tiltrådt'));
    expect((await storedDecision(() => true)).length).toBe(before.length);
  });

  it('shows the new number of the referenced appendix after renumbering and a reload', async () => {
    await call('appendices:move', { id: appendixIds[1], position: 0 });
    await openMeeting();
    await expect.poll(() => decisionBox().innerText()).toContain('Se Bilag 1 for detaljer.');
    // Deleting a referenced appendix is refused (the reference would dangle); the display of a
    // dangling reference ("Bilag ? (slettet)", e.g. after an import) is covered by unit tests.
    await expect(call('appendices:delete', { id: appendixIds[1] })).rejects.toThrow(
      /referred to in the text/,
    );
    const content = await storedDecision(() => true);
    expect(JSON.stringify(content)).toContain(`"appendixId":"${appendixIds[1]}"`);
    expect(session.pageErrors).toEqual([]);
  });

  it("inserts the committee's first standard text with Ctrl+Shift+G", async () => {
    const detail = await call<{ committee: { id: string } }>('meetings:get', { id: meetingId });
    await call('standardTexts:save', {
      committeeId: detail.committee.id,
      texts: ['Indstillingen tiltrådt.', 'Taget til efterretning.'],
    });
    await openMeeting();
    await decisionBox().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+Shift+G');
    const content = await storedDecision((c) =>
      JSON.stringify(c).includes('Indstillingen tiltrådt.'),
    );
    expect(content).toContainEqual({
      type: 'paragraph',
      children: [{ type: 'text', text: 'Indstillingen tiltrådt.' }],
    });
    expect(JSON.stringify(content)).not.toContain('Godkendt.');
  });

  it('shows the minutes as one document with Ad headings, an outline and no serious axe violation', async () => {
    // The meeting screen is the document, with one toolbar: the body being written in's.
    await decisionBox().click();
    await page.getByRole('toolbar', { name: 'Formatering: Beslutning' }).waitFor();
    expect(await page.getByRole('toolbar').count()).toBe(1);
    const document = page.getByRole('article', { name: /5\. møde i Opgaveudvalget om Innovation/ });
    await document.getByRole('heading', { name: 'Ad Projektafrunding' }).waitFor();
    await expect.poll(() => decisionBox().innerText()).toContain('Se Bilag 1 for detaljer.');
    const outline = page.getByRole('navigation', { name: 'Dagsorden' });
    await outline.getByRole('link', { name: 'Gå til punkt 1: Projektafrunding' }).click();
    await expect
      .poll(() => decisionBox().evaluate((element) => element === window.document.activeElement))
      .toBe(true);
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(
              context: Document,
              options: unknown,
            ): Promise<{ violations: { id: string; impact: string | null }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(window.document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });

  it('lists the revisions, shows what changed and restores an old one as a new revision', async () => {
    await openMeeting();
    const owner = { kind: 'item', itemId, field: 'decision' };
    const before = await call<{ revision: number; content: RichText }[]>('bodies:history', {
      owner,
    });
    const oldest = before.reduce((a, b) => (a.revision < b.revision ? a : b));
    await page.getByRole('button', { name: 'Historik for Beslutning', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Historik: Beslutning' });
    await dialog
      .getByRole('button', { name: new RegExp(`^Version ${oldest.revision}\\b`) })
      .click();
    await dialog.getByRole('region', { name: `Ændringer i version ${oldest.revision}` }).waitFor();
    expect(await dialog.locator('ins').count()).toBeGreaterThan(0);
    await dialog
      .getByRole('button', { name: `Gendan version ${oldest.revision} som ny version` })
      .click();
    await storedDecision((c) => JSON.stringify(c) === JSON.stringify(oldest.content));
    const after = await call<{ revision: number }[]>('bodies:history', { owner });
    expect(after.length).toBe(before.length + 1);
  });
});
