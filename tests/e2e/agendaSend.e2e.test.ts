/**
 * "Før mødet" on the meeting screen in browser mode (real host, Chromium): "Udsend dagsorden"
 * asks first, then downloads the agenda PDF and shows the sent state with the file's SHA-256;
 * a change after sending and an item added afterwards appear as changes since sending, and
 * "Eksportér tillægsdagsorden" downloads a PDF with only the added item.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';
let firstItemId = '';

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

async function downloadWhile(action: () => Promise<void>): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  return readFileSync(await (download as Download).path());
}

const pdfText = (bytes: Buffer): string =>
  execFileSync('pdftotext', ['-', '-'], { input: bytes, encoding: 'utf8' }).replace(/\s+/g, ' ');

describe('Udsend dagsorden in browser mode', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
    ]));
    firstItemId = await createAgendaItem(session.host, meetingId, { title: 'Projektafrunding' });
    await createAgendaItem(session.host, meetingId, { title: 'Læringssporet' });
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    await openMeetingPanel(page, 'Før mødet');
  });

  afterAll(async () => {
    await session?.close();
  });

  it('sends after confirmation, shows the SHA-256, then the changes and the tillægsdagsorden', async () => {
    const panel = page.getByRole('region', { name: 'Før mødet' });
    await panel.getByText('Dagsordenen er ikke udsendt endnu.').waitFor();
    await panel.getByRole('button', { name: 'Udsend dagsorden', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const sent = await downloadWhile(() =>
      dialog.getByRole('button', { name: 'Udsend dagsorden', exact: true }).click(),
    );
    expect(sent.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const sha = createHash('sha256').update(sent).digest('hex');
    await panel.getByText(`SHA-256: ${sha}`).waitFor();
    expect(await panel.textContent()).toMatch(/Udsendt .* \(version 1\)\./);
    expect(pdfText(sent)).toContain('Dagsorden');

    await call('bodies:save', {
      owner: { kind: 'item', itemId: firstItemId, field: 'recommendation' },
      baseRevision: 0,
      content: [{ type: 'paragraph', children: [{ type: 'text', text: 'Ny indstilling.' }] }],
    });
    await createAgendaItem(session.host, meetingId, { title: 'Vejbump på Ågade' });
    await panel.getByRole('button', { name: 'Opdatér ændringer' }).click();
    await panel.getByText('Punkt 1: Projektafrunding Ændret efter udsendelse').waitFor();
    await panel.getByText('Punkt 3: Vejbump på Ågade Tilføjet efter udsendelse').waitFor();
    await panel.getByText('Indstilling', { exact: true }).click();
    await panel.locator('ins', { hasText: 'Ny indstilling.' }).waitFor();

    const supplementary = await downloadWhile(() =>
      panel.getByRole('button', { name: 'Eksportér tillægsdagsorden' }).click(),
    );
    const text = pdfText(supplementary);
    expect(text).toContain('Tillægsdagsorden');
    expect(text).toContain('Vejbump på Ågade');
    expect(text).not.toContain('Projektafrunding');
  });
});
