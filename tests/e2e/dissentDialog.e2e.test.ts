/**
 * The dissent dialog chooses the kind (protokoltilførsel, mindretalsudtalelse,
 * protokolbemærkning) and who made it: a member present, or a party group by its letters. The
 * document shows the block in the one wording ("Mindretalsudtalelse fra B, F og Ø: ...") and the
 * library stores the kind and the parties; letters that are not party letters are refused with a
 * message naming them. Through the UI in Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeetingDetail } from '../../common/contract/api';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { documentSections, openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];
const { decision } = documentSections(() => page, itemIds);

describe('the dissent dialog: kind and party letters', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, []));
    itemIds.push(await createAgendaItem(session.host, meetingId, { title: 'Skolestruktur' }));
  });

  afterAll(async () => {
    await session?.close();
  });

  it('records a mindretalsudtalelse by party letters', async () => {
    await openMeetingDocument(page, session.host, meetingId);
    await decision(0).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('contenteditable')))
      .toBe('true');
    await page.keyboard.type('/protok');
    await page.getByRole('option', { name: 'Indsæt protokoltilførsel' }).waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Protokoltilførsel' });
    await dialog.waitFor();
    await dialog.getByLabel('Type').selectOption({ label: 'Mindretalsudtalelse' });
    await dialog.getByLabel('Afgivet af').selectOption({ label: 'Partier (partibogstaver)' });
    await dialog.getByLabel('Partibogstaver').fill('B, F, 7');
    await dialog.getByLabel('Tekst').fill('Vi ønsker skolen bevaret.');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await dialog
      .getByText('Partibogstaver skal være 1-3 store bogstaver adskilt af komma, fx B, F, Ø.')
      .waitFor();
    await dialog.getByLabel('Partibogstaver').fill('B, F og ø');
    await dialog.getByRole('button', { name: 'Gem' }).click();
    await expect
      .poll(() => page.getByTestId('dissent').first().innerText())
      .toContain('Mindretalsudtalelse fra B, F og Ø: Vi ønsker skolen bevaret.');
    await expect
      .poll(async () => {
        const detail = await apiCall<MeetingDetail>(session.host, 'meetings:get', {
          id: meetingId,
        });
        const content = detail.items[0]?.bodies.decision?.content ?? [];
        return content.find((block) => block.type === 'dissent') ?? null;
      })
      .toEqual({
        type: 'dissent',
        kind: 'minority',
        participantId: null,
        parties: ['B', 'F', 'Ø'],
        text: 'Vi ønsker skolen bevaret.',
      });
  });
});
