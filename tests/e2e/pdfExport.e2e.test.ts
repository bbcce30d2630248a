/**
 * "Eksportér PDF" in Chromium (browser mode): the public edition of the Gentofte minutes is
 * exported from the meeting screen, progress and completion are shown, and the preview iframe
 * beside the document points at the export served by the host; a CPR number in the public
 * edition opens the findings dialog listing the place and exports nothing.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMeeting } from '../support/generateMeeting';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument, serializeReferatDocument } from '../../common/format/referatJson';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { apiCall } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

let session: BrowserSession;
let page: Page;

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

function fixture(): ReferatDocument {
  return parseReferatDocument(
    readFileSync(path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
  );
}

async function importDocument(document: ReferatDocument): Promise<string> {
  const { meetingId } = await call<{ meetingId: string }>('meetings:importJson', {
    json: serializeReferatDocument(document),
    onExisting: 'keepBoth',
  });
  return meetingId;
}

/** Serious and critical WCAG 2 A/AA violations inside the PDF panel, the preview and the dialog. */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: unknown }[] };
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const include = ['.pdf-export', '.pdf-preview', '.pdf-findings']
      .filter((selector) => document.querySelector(selector))
      .map((selector) => [selector]);
    const result = await axe.run(
      { include },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
      );
  });
}

/** Opens the meeting and its PDF export (the "Handlinger" menu's "Eksportér PDF …"). */
async function openMeeting(meetingId: string): Promise<void> {
  await page.evaluate((id) => {
    window.location.hash = `#/meetings/${id}`;
  }, meetingId);
  await page.locator('.meeting-document').waitFor();
  await openMeetingPanel(page, 'PDF-eksport');
  await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).waitFor();
}

describe('PDF export in the app', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
  });
  afterAll(async () => {
    await session?.close();
  });

  it('exports the public edition of the Gentofte minutes and shows it in the preview beside the document', async () => {
    const meetingId = await importDocument(fixture());
    await openMeeting(meetingId);
    await page
      .getByRole('region', { name: 'PDF-eksport' })
      .getByRole('radio', { name: 'Offentlig' })
      .check();
    await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
    const status = page.getByRole('status').filter({ hasText: 'PDF klar' });
    await status.waitFor({ timeout: 60_000 });
    expect(await status.textContent()).toMatch(
      /PDF klar: Offentlig udgave, \d+ sider? \(opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig\.pdf\)/,
    );

    const frame = page.getByTitle(/^Forhåndsvisning af PDF \(Offentlig udgave\)/);
    await frame.waitFor();
    const src = await frame.getAttribute('src');
    // No credential in the frame's address: the session cookie goes along.
    expect(src).toMatch(/^\/exports\/[a-f0-9]{32}$/);
    const served = await fetch(`${session.host.origin}${src ?? ''}`, {
      headers: { Cookie: session.host.cookie ?? '' },
    });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await served.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');

    // The preview is a drawer over the document's right side (a 1280 px window): the page
    // keeps its writing width instead of being squeezed beside it. The link names the file.
    const previewBox = await page
      .getByRole('complementary', { name: 'Forhåndsvisning' })
      .boundingBox();
    expect(previewBox && Math.round(previewBox.x + previewBox.width)).toBe(1280);
    expect(previewBox && previewBox.width).toBeGreaterThan(600);
    const pageBox = await page.locator('.meeting-document__page').boundingBox();
    expect(pageBox && pageBox.width).toBeGreaterThanOrEqual(640);
    const download = page.getByRole('link', { name: 'Hent PDF' });
    expect(await download.getAttribute('href')).toBe(`${src ?? ''}?download=1`);
    expect(await seriousViolations()).toEqual([]);

    // Refreshing makes a new export and points the iframe at it.
    await page.getByRole('button', { name: 'Opdater forhåndsvisning' }).click();
    await expect
      .poll(async () => page.getByTitle(/^Forhåndsvisning af PDF/).getAttribute('src'), {
        timeout: 60_000,
      })
      .not.toBe(src);
    expect(await page.getByTitle(/^Forhåndsvisning af PDF/).getAttribute('src')).toMatch(
      /^\/exports\/[a-f0-9]{32}$/,
    );
    expect(session.pageErrors).toEqual([]);
  });

  it('shows progress page by page on a long document', async () => {
    // Large enough that the writing phase spans many 250 ms polls even with a warm worker on
    // an idle machine (a 90-page export could finish between two polls: the old test raced).
    const meetingId = await importDocument(generateMeeting({ items: 60, pagesPerItem: 4 }));
    await openMeeting(meetingId);
    // Record every progress text the page ever shows, so a short phase cannot be missed.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
      new MutationObserver(() => {
        for (const status of document.querySelectorAll('[role="status"]')) {
          const text = status.textContent ?? '';
          if (/Side \d+ af \d+/.test(text)) seen.push(text);
        }
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
    const progress = page.getByRole('progressbar', { name: 'Eksport af PDF' });
    await progress.waitFor({ timeout: 30_000 });
    await page.getByRole('status').filter({ hasText: 'PDF klar' }).waitFor({ timeout: 120_000 });
    expect(await progress.count()).toBe(0);
    const seen = await page.evaluate(
      () => (window as unknown as { __progressSeen: string[] }).__progressSeen,
    );
    expect(seen.length).toBeGreaterThan(0);
    const pageCounts = seen.map((text) => Number(/af (\d+)/.exec(text)?.[1] ?? 0));
    expect(Math.max(...pageCounts)).toBeGreaterThan(100);
  });

  it('asks before publishing a citizen member named in the text, and exports when acknowledged', async () => {
    const doc = fixture();
    const citizen = doc.participants.find(
      (participant) => participant.id === 'm5-p-marianne-zangenberg',
    );
    const member = doc.members.find((candidate) => candidate.id === citizen?.memberId);
    if (!citizen || !member) throw new Error('the fixture lacks Marianne Zangenberg');
    citizen.isCitizen = true;
    member.isCitizen = true;
    const item = doc.agendaItems[2];
    if (!item) throw new Error('the fixture has no item 3');
    item.bodies.decision = [
      {
        type: 'paragraph',
        children: [
          { type: 'participantRef', participantId: citizen.id },
          { type: 'text', text: ' fremlagde forslaget.' },
        ],
      },
    ];
    const meetingId = await importDocument(doc);
    await openMeeting(meetingId);
    await page
      .getByRole('region', { name: 'PDF-eksport' })
      .getByRole('radio', { name: 'Offentlig' })
      .check();
    await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Kontrollér personoplysninger' });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'Punkt 3 · Beslutning: Borgermedlem nævnt ved navn: Marianne Zangenberg',
    ]);
    // Keyboard only: the safe choice has the focus; Tab reaches "Eksportér alligevel".
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuller');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      'Eksportér alligevel',
    );
    await page.keyboard.press('Enter');
    await page
      .getByRole('status')
      .filter({ hasText: 'PDF klar: Offentlig udgave' })
      .waitFor({ timeout: 60_000 });
    await page
      .getByRole('status')
      .filter({ hasText: 'Husk at kontrollere 1 sted med personoplysninger.' })
      .waitFor();
    await page.getByTitle(/^Forhåndsvisning af PDF \(Offentlig udgave\)/).waitFor();
  });

  it('refuses a public export with a CPR number, listing the place in a dialog', async () => {
    const document = fixture();
    const item = document.agendaItems[1];
    if (!item) throw new Error('the fixture has no item 2');
    item.bodies.decision = [
      { type: 'paragraph', children: [{ type: 'text', text: 'Borger med CPR 010203-1234.' }] },
    ];
    const meetingId = await importDocument(document);
    await openMeeting(meetingId);
    await page
      .getByRole('region', { name: 'PDF-eksport' })
      .getByRole('radio', { name: 'Offentlig' })
      .check();
    await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Den offentlige udgave kan ikke eksporteres' });
    await dialog.waitFor();
    expect(await dialog.getByRole('listitem').allTextContents()).toEqual([
      'Punkt 2 · Beslutning: CPR-nummer 010203-XXXX',
    ]);
    expect(await dialog.getByRole('button', { name: 'Eksportér alligevel' }).count()).toBe(0);
    expect(await seriousViolations()).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByTitle(/^Forhåndsvisning af PDF/).count()).toBe(0);
  });
});
