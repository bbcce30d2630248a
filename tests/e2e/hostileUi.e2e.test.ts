/**
 * Hostile content in the real UI (browser mode, Chromium): a hostile paste into the editor
 * where every payload would set `window.__pwned` (it must stay unset), a 10 MB paste (handled
 * or refused, the editor keeps working), a meeting with 1,000 agenda items (renders, stays
 * usable), and a damaged library (the recovery screen offers the newest backup and restores it).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupNow } from '../../main/node/storage/backup';
import { openLibrary } from '../../main/node/storage/library';
import { generateLibrary } from '../fixtures/generateLibrary';
import { startHostProcess } from '../hardening/hostProcess';
import {
  addSessionCookie,
  launchChromium,
  openBrowserSession,
  type BrowserSession,
} from './helpers/browserMode';
import { createAgendaItem } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let smallMeetingId = '';
let bigMeetingId = '';
let committeeId = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const response = await fetch(`${session.host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Cookie: session.host.cookie ?? '' },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value as T;
}

async function openMeeting(id: string): Promise<void> {
  await page.goto(session.host.url);
  await page.evaluate((meetingId) => {
    window.location.hash = `#/meetings/${meetingId}`;
  }, id);
}

function decisionBoxes(): Locator {
  return page.getByRole('textbox', { name: 'Beslutning', exact: true });
}

async function paste(target: Locator, html: string): Promise<void> {
  await target.evaluate((element, markup) => {
    const data = new DataTransfer();
    data.setData('text/html', markup);
    data.setData('text/plain', 'x');
    element.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, html);
}

describe('hostile content in the editor and a huge agenda', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    const committee = await call<{ id: string }>('committees:create', {
      name: 'Økonomiudvalget',
      kind: 'staaende_udvalg',
      organisation: 'Eksempel Kommune',
      template: 'fagudvalg',
    });
    await call('members:create', {
      committeeId: committee.id,
      member: { name: 'Anna Formand', role: 'chair', party: 'A', isCitizen: false, isActive: true },
    });
    const small = await call<{ meeting: { id: string } }>('meetings:create', {
      committeeId: committee.id,
      number: 1,
      date: '2026-11-20',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    smallMeetingId = small.meeting.id;
    await createAgendaItem(session.host, smallMeetingId, { title: 'Budget' });
    committeeId = committee.id;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  it('a hostile paste executes nothing (window.__pwned stays unset) and keeps only safe text', async () => {
    await openMeeting(smallMeetingId);
    const box = decisionBoxes().first();
    await box.waitFor();
    await box.click();
    const trap = 'window.__pwned=1';
    await paste(
      box,
      `<p>Vedtaget<script>${trap}</script></p><img src=x onerror="${trap}"><svg onload="${trap}"></svg>` +
        `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe><a href="javascript:${trap}">klik</a>` +
        `<p onmouseover="${trap}" onclick="${trap}">tekst</p><details open ontoggle="${trap}"><summary>s</summary></details>` +
        `<img src="data:image/png;base64,${'A'.repeat(2 * 1024 * 1024)}"><object data="javascript:${trap}"></object>`,
    );
    await expect.poll(() => box.textContent()).toContain('Vedtaget');
    // Give anything that could run a moment, then hover and click what was pasted.
    await box.getByText('tekst').hover();
    await box.getByText('klik').click();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(
      await box
        .locator('script, img, svg, iframe, object, details, [onclick], [onmouseover]')
        .count(),
    ).toBe(0);
    expect(await box.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(session.pageErrors.filter((line) => /pwned/.test(line))).toEqual([]);
  });

  // Regression: a 10 MB paste froze the editor (tens of thousands of paragraphs inserted at once).
  it('a 10 MB paste is refused with a clear message (editor froze on huge paste), and the editor keeps working', async () => {
    await openMeeting(smallMeetingId);
    const box = decisionBoxes().first();
    await box.waitFor();
    await box.click();
    const paragraph = `<p><b>Afsnit</b> ${'tekst '.repeat(30)}</p>`;
    await paste(box, paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length)));
    // Refused at once with a message (inserting ~45,000 paragraphs froze the page for minutes).
    await page
      .getByRole('alert')
      .filter({ hasText: /Det indsatte er for stort \(1[01] MB\)/ })
      .waitFor();
    // 3,000 short paragraphs (under the size limit) are too many blocks: refused as well.
    await paste(box, '<p>kort</p>'.repeat(3000));
    await page.getByRole('alert').filter({ hasText: 'Det indsatte har 3000 afsnit' }).waitFor();
    expect(await box.evaluate((element) => element.textContent?.includes('Afsnit') ?? false)).toBe(
      false,
    );
    // Responsive afterwards: typing still lands in the editor.
    await box.press('Control+End');
    await page.keyboard.type('SLUT');
    await expect
      .poll(() => box.evaluate((element) => element.textContent?.includes('SLUT') ?? false), {
        timeout: 60_000,
      })
      .toBe(true);
  }, 120_000);

  // The bodies start their editors only near the viewport or on focus (BodyField), so the
  // first item shows in seconds; the bounds are generous for a loaded 2-core machine.
  it('a meeting with 1,000 agenda items opens and stays usable', async () => {
    const big = await call<{ meeting: { id: string } }>('meetings:create', {
      committeeId,
      number: 2,
      date: '2026-11-27',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    bigMeetingId = big.meeting.id;
    for (let i = 1; i <= 1000; i++) {
      await createAgendaItem(session.host, bigMeetingId, { title: `Punkt nummer ${i}` });
    }
    await openMeeting(bigMeetingId);
    // The minutes document (the default view) opens too; the checks below use the records.
    await page
      .getByRole('heading', { name: /Punkt nummer 1$/ })
      .first()
      .waitFor({ timeout: 60_000 });
    // The records render the forms of the items near the viewport only (the rest are light
    // stand-ins with the item's number and title), so the switch is as quick as for a short agenda.
    await openMeetingPanel(page, 'Oplysninger og dagsorden');
    await page
      .getByRole('heading', { name: /Punkt nummer 1$/ })
      .first()
      .waitFor();
    // Role queries are scoped to one item: over the whole 1,000-item page each takes many seconds.
    const items = page.locator('li.agenda-item');
    const decisionOf = (item: Locator) =>
      item.getByRole('textbox', { name: 'Beslutning', exact: true });
    await items.first().getByRole('textbox', { name: 'Punktnummer' }).waitFor();
    expect(await items.count()).toBe(1000);
    // A bounded number of item forms at first; every item keeps its heading.
    const placeholders = page.locator('li.agenda-item.record--placeholder');
    expect(await items.locator('input[inputmode="numeric"]').count()).toBeLessThan(60);
    expect(await placeholders.count()).toBeGreaterThan(940);
    expect(await page.locator('li.agenda-item h3').count()).toBe(1000);
    expect(
      await page.locator('.body-editor__content[contenteditable="true"]').count(),
    ).toBeLessThan(100);
    // A keyboard user reaches a stand-in: its button renders the form and moves into it.
    const middle = items.nth(499);
    await middle.getByRole('button', { name: 'Vis felterne Punkt 500: Punkt nummer 500' }).focus();
    const middleNumber = middle.getByRole('textbox', { name: 'Punktnummer' });
    await middleNumber.waitFor();
    await expect
      .poll(() => middleNumber.evaluate((element) => element === document.activeElement))
      .toBe(true);
    expect(await middle.getByRole('textbox', { name: 'Titel', exact: true }).inputValue()).toBe(
      'Punkt nummer 500',
    );
    // Usable: the last item's decision in the document (a preview until now) takes text and
    // saves it.
    await page.getByRole('button', { name: 'Luk sidepanelet' }).click();
    const lastItem = page.locator('section.meeting-document__item').last();
    await lastItem.scrollIntoViewIfNeeded({ timeout: 60_000 });
    await lastItem.getByRole('heading', { name: /Punkt nummer 1000/ }).waitFor({ timeout: 60_000 });
    // The section was just reached: its bodies in view turn from previews into editors,
    // which replaces the element a locator had found. Wait for the editors first.
    await expect
      .poll(() => lastItem.locator('.body-editor__content[contenteditable="true"]').count())
      .toBeGreaterThan(0);
    const lastDecision = decisionOf(lastItem);
    await lastDecision.scrollIntoViewIfNeeded();
    await lastDecision.click();
    await page.keyboard.type('Godkendt.');
    await expect
      .poll(
        async () => {
          const detail = await call<{
            items: Array<{ title: string; bodies: { decision?: { content: unknown } } }>;
          }>('meetings:get', { id: bigMeetingId });
          return JSON.stringify(
            detail.items.find((item) => item.title === 'Punkt nummer 1000')?.bodies.decision
              ?.content ?? null,
          );
        },
        { timeout: 30_000 },
      )
      .toContain('Godkendt.');
  }, 600_000);
});

describe('a damaged library in browser mode', () => {
  it('shows the recovery screen with the newest backup and restores it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-recovery-e2e-'));
    const file = path.join(dir, 'library.sqlite');
    try {
      const library = openLibrary(file, { author: 'test' });
      generateLibrary(library.db, { meetings: 10, committees: 1, seed: 4 });
      await backupNow(library, { today: '2026-11-24' });
      await backupNow(library, { today: '2026-11-26' });
      library.close();
      fs.truncateSync(file, Math.floor(fs.statSync(file).size / 4096 / 2) * 4096);

      const host = await startHostProcess(file);
      const browser = await launchChromium(['--lang=da-DK']);
      try {
        const context = await browser.newContext({ locale: 'da-DK' });
        // The host process spent the launch code on its own session: the browser shares it.
        await addSessionCookie(context, `http://127.0.0.1:${host.port}`, host.cookie);
        const recoveryPage = await context.newPage();
        await recoveryPage.goto(`http://127.0.0.1:${host.port}/?token=${host.token}`);
        await recoveryPage.getByRole('heading', { name: 'Biblioteket er beskadiget' }).waitFor();
        await expect.poll(() => recoveryPage.getByText(file).count()).toBeGreaterThan(0);
        const newest = recoveryPage.getByRole('radio', { name: /library-2026-11-26\.sqlite/ });
        expect(await newest.isChecked()).toBe(true);
        expect(await recoveryPage.getByRole('radio').count()).toBe(2);
        await recoveryPage.getByRole('button', { name: 'Gendan sikkerhedskopien' }).click();
        await recoveryPage
          .getByRole('heading', { name: 'Sikkerhedskopien er gendannet' })
          .waitFor();
        await expect
          .poll(() => recoveryPage.getByText(/library\.damaged-/).count())
          .toBeGreaterThan(0);
        await recoveryPage.getByRole('button', { name: 'Åbn biblioteket' }).click();
        await recoveryPage
          .getByRole('link', { name: /Udvalg|Økonomiudvalget/ })
          .first()
          .waitFor();
      } finally {
        await browser.close();
        await host.stop();
      }
      expect(fs.readdirSync(dir).some((name) => name.startsWith('library.damaged-'))).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
