/**
 * Selecting and copying the meeting document across its bodies, through the UI in Chromium
 * (browser mode): Ctrl+A selects the body, Ctrl+A again the whole minutes; Ctrl+C puts the
 * minutes on the clipboard as the document shows them (headings, bodies, lists, bold, members)
 * without the controls; that HTML pastes into a body; Ctrl+X across bodies removes nothing.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];

const section = (index: number): Locator => page.locator(`#document-item-${itemIds[index]}`);
const decision = (index: number): Locator =>
  section(index).getByRole('textbox', { name: 'Beslutning', exact: true });
const clipboard = () =>
  page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    const html = item?.types.includes('text/html')
      ? await (await item.getType('text/html')).text()
      : '';
    return { text: await navigator.clipboard.readText(), html };
  });
const selectedText = () => page.evaluate(() => window.getSelection()?.toString() ?? '');

describe('selecting and copying across the bodies of the meeting document', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: session.host.origin });
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Ole Bendixen', role: 'chair', party: 'C' },
      { name: 'Karin Schmidt', role: 'member', party: 'A' },
    ]));
    const decisions = [
      [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Udvalget ' },
            { type: 'text', text: 'godkendte', bold: true },
            { type: 'text', text: ' projektafrundingen.' },
          ],
        },
        {
          type: 'list',
          ordered: false,
          items: [
            { children: [{ type: 'text', text: 'Rapporten sendes til byrådet' }] },
            { children: [{ type: 'text', text: 'Erfaringerne deles' }] },
          ],
        },
      ],
      [],
      [
        { type: 'paragraph', children: [{ type: 'text', text: 'Taget til efterretning.' }] },
        // A body that ends with a vote: its buttons and text are not plain body text.
        {
          type: 'vote',
          subject: 'Indstillingen',
          for: { participantIds: [], parties: ['A', 'C'], count: 2 },
          against: { participantIds: [], parties: [], count: 0 },
          abstained: { participantIds: [], parties: [], count: 0 },
          outcome: 'adopted',
        },
      ],
    ];
    for (const [index, title] of ['Projektafrunding', 'Opsamling', 'Evaluering'].entries()) {
      const itemId = await createAgendaItem(session.host, meetingId, { title });
      itemIds.push(itemId);
      if (decisions[index]!.length > 0) {
        await apiCall(session.host, 'bodies:save', {
          owner: { kind: 'item', itemId, field: 'decision' },
          content: decisions[index],
          baseRevision: 0,
        });
      }
    }
    await openMeetingDocument(page, session.host, meetingId);
    await decision(0).waitFor();
    await section(0).locator('[contenteditable="true"]').waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('selects the body with Ctrl+A, then the whole minutes with Ctrl+A again', async () => {
    await decision(0).click();
    await page.keyboard.press('Control+A');
    const body = await selectedText();
    expect(body).toContain('Udvalget godkendte projektafrundingen.');
    expect(body).not.toContain('Ad Projektafrunding');

    await page.keyboard.press('Control+A');
    const whole = await selectedText();
    expect(whole).toContain('5. møde i Opgaveudvalget om Innovation');
    expect(whole).toContain('Ad Projektafrunding');
    expect(whole).toContain('Taget til efterretning.');
    // The focus left the body: a key pressed now cannot type into it.
    expect(
      await page.evaluate(() =>
        document.activeElement?.classList.contains('meeting-document__page'),
      ),
    ).toBe(true);
    await expect
      .poll(() =>
        page.getByRole('status').filter({ hasText: 'Hele referatet er markeret.' }).count(),
      )
      .toBe(1);
  });

  it('copies the whole minutes as the document shows them, without the controls', async () => {
    await page.keyboard.press('Control+C');
    const { text, html } = await clipboard();
    const order = [
      '5. møde i Opgaveudvalget om Innovation',
      'Beslutninger',
      'Ad Projektafrunding',
      'Udvalget godkendte projektafrundingen.',
      '• Rapporten sendes til byrådet',
      '• Erfaringerne deles',
      'Ad Opsamling',
      'Ad Evaluering',
      'Taget til efterretning.',
    ];
    const positions = order.map((line) => text.indexOf(line));
    expect(
      positions.every((position) => position >= 0),
      text,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(text).not.toMatch(/Historik|Rediger fremmøde|Dagsorden/);
    expect(html).toContain('<strong>godkendte</strong>');
    expect(html).toContain('<h3>Ad Projektafrunding</h3>');
    expect(html).toContain('<li>Rapporten sendes til byrådet</li>');
    expect(html).not.toMatch(/class=|contenteditable|<button/);
  });

  it('pastes the copied minutes into a body with their structure', async () => {
    await decision(1).click();
    await page.keyboard.press('Control+V');
    const pasted = decision(1);
    await expect.poll(() => pasted.locator('li').count()).toBeGreaterThanOrEqual(2);
    await expect.poll(() => pasted.locator('strong, b').first().textContent()).toBe('godkendte');
    expect(await pasted.textContent()).toContain('Taget til efterretning.');
    // Undo takes the paste back in one step.
    await page.keyboard.press('Control+Z');
    await expect.poll(async () => (await pasted.textContent())?.trim()).toBe('');
  });

  it('copies a selection dragged with the mouse from one heading over the bodies to another', async () => {
    const from = await section(0).getByRole('heading').boundingBox();
    const to = await section(2).getByRole('heading').boundingBox();
    await page.mouse.move(from!.x + 1, from!.y + from!.height / 2);
    await page.mouse.down();
    await page.mouse.move(to!.x + to!.width - 1, to!.y + to!.height / 2, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.press('Control+C');
    const { text } = await clipboard();
    expect(text).toContain('Ad Projektafrunding');
    expect(text).toContain('Udvalget godkendte projektafrundingen.');
    expect(text).toContain('Ad Evaluering');
    expect(text).not.toContain('Taget til efterretning.');
  });

  it('copies but removes nothing when cutting across bodies, and says so', async () => {
    // The body ending with a vote: Ctrl+A twice still reaches the whole minutes.
    await decision(2).getByText('Taget til efterretning.').click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Control+X');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'intet er fjernet' }).count())
      .toBe(1);
    expect(await decision(0).textContent()).toContain('Udvalget godkendte projektafrundingen.');
    expect(await decision(2).textContent()).toContain('Taget til efterretning.');
    const { text } = await clipboard();
    expect(text).toContain('Ad Evaluering');
    expect(text).toContain('Ad Projektafrunding');
    // A key pressed with the whole minutes selected types nowhere.
    const before = await decision(2).textContent();
    await page.keyboard.type('x');
    expect(await decision(2).textContent()).toBe(before);
  });
});
