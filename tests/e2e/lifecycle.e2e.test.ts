/**
 * Approval and corrections in browser mode through the real host and Chromium (issue 5): the
 * Gentofte model meeting is approved through the confirmation dialog (the SHA-256 is shown),
 * its bodies become read-only and its forms disabled, a correction is added with the keyboard,
 * and it appears in the list of corrections and in the audit log.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';

let session: BrowserSession;
let page: Page;
let meetingId = '';

async function call<T>(name: string, input: unknown): Promise<T> {
  const response = await fetch(`${session.host.origin}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Referat-Token': session.host.token },
    body: JSON.stringify(input),
  });
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message ?? 'failed'}`);
  return result.value as T;
}

describe('approval and corrections in the app', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    const json = readFileSync(
      path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    );
    ({ meetingId } = await call<{ meetingId: string }>('meetings:importJson', { json }));
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });

  it('Godkend locks the text; a correction appears in the list and the audit log', async () => {
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    const panel = page.getByRole('region', { name: 'Godkendelse og underskrift' });
    await panel.waitFor();
    const editor = page.getByRole('textbox', { name: 'Beslutning' }).first();
    await editor.waitFor();
    expect(await editor.getAttribute('contenteditable')).toBe('true');
    expect(await page.getByLabel('Dato', { exact: true }).first().isDisabled()).toBe(false);

    await panel.getByRole('button', { name: 'Godkend' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Godkend' }).click();
    const sha = page.getByTestId('approved-sha256');
    await sha.waitFor();
    expect(await sha.textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(
      await panel
        .getByRole('listitem')
        .filter({ hasText: 'Godkendt' })
        .getAttribute('aria-current'),
    ).toBe('step');

    // The text is read-only and the forms are disabled.
    await page.waitForFunction(() => document.querySelector('[contenteditable="true"]') === null);
    expect(
      await page
        .getByRole('textbox', { name: 'Beslutning' })
        .first()
        .getAttribute('contenteditable'),
    ).toBe('false');
    expect(await page.getByLabel('Dato', { exact: true }).first().isDisabled()).toBe(true);

    // A correction, typed and submitted with the keyboard.
    await panel.getByLabel('Begrundelse').first().fill('Forkert mødested');
    await panel.getByLabel('Rettelsens tekst').fill('Mødet blev holdt i Byrådssalen.');
    await panel.getByLabel('Rettelsens tekst').press('Tab');
    await page.keyboard.press('Enter');
    const corrections = panel.getByRole('list', { name: 'Rettelser til referatet' });
    await corrections.waitFor();
    expect(await corrections.textContent()).toContain('Mødet blev holdt i Byrådssalen.');
    expect(await corrections.textContent()).toContain('Forkert mødested');

    const log = panel.getByRole('table');
    await expect.poll(async () => (await log.getByRole('row').count()) - 1).toBe(2);
    const rows = await log.getByRole('row').allTextContents();
    expect(rows[1]).toContain('Godkendt');
    expect(rows[2]).toContain('Rettelse');
    expect(rows[2]).toMatch(/[0-9a-f]{64}/);

    // The library agrees: approved, one correction, and an edit is refused.
    const audit = await call<Array<{ action: string }>>('audit:list', { meetingId });
    expect(audit.map((entry) => entry.action)).toEqual(['approved', 'correction']);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);
});
