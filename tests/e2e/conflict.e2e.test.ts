/**
 * Two windows edit the same body: the second save is refused as a conflict, shown clearly
 * (the save status and the body both say so), and the user chooses which text applies.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addSessionCookie,
  launchChromium,
  openBrowserSession,
  type BrowserSession,
} from './helpers/browserMode';
import { createOpgaveudvalgMeeting } from './helpers/api';

let session: BrowserSession;
let second: Browser;
let pageA: Page;
let pageB: Page;
let meetingId = '';

function summary(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Resumé' });
}

async function typeInto(page: Page, box: Locator, text: string): Promise<void> {
  await box.click();
  await page.keyboard.type(text);
}

async function lines(box: Locator): Promise<string[]> {
  const text = await box.evaluate((element) =>
    element instanceof HTMLTextAreaElement ? element.value : (element as HTMLElement).innerText,
  );
  return text.split(/\n+/).filter((line) => line.trim() !== '');
}

describe('a body saved from two windows', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    pageA = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, []));
    second = await launchChromium();
    const contextB = await second.newContext({ viewport: { width: 1280, height: 900 } });
    // A second window of the same session: the launch code is spent, the cookie is shared.
    if (session.host.cookie)
      await addSessionCookie(contextB, session.host.origin, session.host.cookie);
    pageB = await contextB.newPage();
    pageB.setDefaultTimeout(15_000);
    for (const page of [pageA, pageB]) {
      await page.goto(`${session.host.url}#/meetings/${meetingId}`);
      await summary(page).waitFor();
    }
  });

  afterAll(async () => {
    await second?.close();
    await session?.close();
  });

  it('refuses the older edit as a conflict and shows it clearly', async () => {
    await typeInto(pageA, summary(pageA), 'Tekst fra vindue A');
    await pageA.locator('[data-save-state="saved"]').waitFor();

    await typeInto(pageB, summary(pageB), 'Tekst fra vindue B');
    const alert = pageB.getByRole('alert').filter({ hasText: 'Teksten er gemt af en anden' });
    await alert.waitFor();
    await pageB.getByRole('alert').filter({ hasText: 'Ændringer kunne ikke gemmes.' }).waitFor();
    expect(await pageB.getByRole('button', { name: 'Prøv igen' }).count()).toBe(1);
  });

  it('takes the saved text when the user chooses it', async () => {
    await pageB.getByRole('button', { name: 'Brug den gemte tekst' }).click();
    await expect.poll(() => lines(summary(pageB))).toEqual(['Tekst fra vindue A']);
    expect(await pageB.getByRole('alert').count()).toBe(0);
  });

  it('keeps the own text over the saved one when the user chooses that', async () => {
    await typeInto(pageA, summary(pageA), ' og mere');
    await pageA.locator('[data-save-state="saved"]').waitFor();
    await typeInto(pageB, summary(pageB), ' fra B');
    await pageB.getByRole('button', { name: 'Behold min tekst' }).click();
    await pageB.locator('[data-save-state="saved"]').waitFor();
    await pageA.reload();
    await expect.poll(() => lines(summary(pageA))).toEqual(['Tekst fra vindue A fra B']);
    expect(session.pageErrors).toEqual([]);
  });
});
