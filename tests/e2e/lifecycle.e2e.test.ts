/**
 * Approval and corrections in browser mode through the real host and Chromium: the
 * Gentofte model meeting is approved through the confirmation dialog (the SHA-256 is shown),
 * its bodies become read-only and its forms disabled, a correction is added with the keyboard,
 * and it appears in the list of corrections and in the audit log.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki, type TestPki } from '../helpers/testPki';
import { makeCrl, testIssuer } from '../helpers/testRevocation';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { apiCall } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';
let pki: TestPki;

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical WCAG 2 A/AA violations inside `selector` (axe-core). */
async function seriousViolations(selector: string): Promise<string[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async (include) => {
    type Violation = { id: string; impact: string | null; nodes: Array<{ target: unknown[] }> };
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(
      { include: [include] },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  }, selector);
}

/** The meeting screen is the minutes document; the records open in its side panel. */
async function showRecords(): Promise<void> {
  await openMeetingPanel(page, 'Oplysninger og dagsorden');
  await page.getByRole('region', { name: 'Mødets oplysninger' }).waitFor();
}

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

describe('approval and corrections in the app', () => {
  beforeAll(async () => {
    pki = createTestPki();
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
    pki?.dispose();
  });

  it('Godkend locks the text; a correction appears in the list and the audit log', async () => {
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    const panel = page.getByRole('region', { name: 'Godkendelse og underskrift' });
    // The minutes document (the default view) is editable while the minutes are a draft.
    const editor = page.getByRole('textbox', { name: 'Beslutning' }).first();
    await editor.waitFor();
    await editor.click();
    await expect.poll(() => editor.getAttribute('contenteditable')).toBe('true');
    await showRecords();
    expect(await page.getByRole('group', { name: 'Dato', exact: true }).isDisabled()).toBe(false);

    // The lifecycle menu offers approval of a draft, not signing or corrections.
    await page.getByRole('button', { name: 'Handlinger' }).click();
    const menu = page.getByRole('menu', { name: 'Handlinger' });
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual([
      'Eksportér PDF …',
      'Udsend dagsorden …',
      'Godkend …',
      'Eksportér Word eller HTML …',
      'Historik',
    ]);
    await menu.getByRole('menuitem', { name: 'Godkend …' }).click();
    await panel.waitFor();
    expect(await page.locator('.status-badge').textContent()).toBe('Status: Kladde');
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

    // The status badge says so, and the menu now offers signing and corrections.
    await page.locator('.status-badge').filter({ hasText: 'Godkendt' }).waitFor();
    await page.getByRole('button', { name: 'Handlinger' }).click();
    expect(
      await page.getByRole('menu', { name: 'Handlinger' }).getByRole('menuitem').allTextContents(),
    ).toEqual([
      'Eksportér PDF …',
      'Underskriv …',
      'Rettelser …',
      'Eksportér Word eller HTML …',
      'Arkivér …',
      'Historik',
    ]);
    await page.keyboard.press('Escape');

    // The text is read-only and the forms are disabled; the document has no toolbar.
    await page.waitForFunction(() => document.querySelector('[contenteditable="true"]') === null);
    const locked = page.getByRole('textbox', { name: 'Beslutning' }).first();
    await locked.click();
    await expect.poll(() => locked.getAttribute('contenteditable')).toBe('false');
    expect(await page.getByRole('toolbar').count()).toBe(0);
    await showRecords();
    expect(await page.getByRole('group', { name: 'Dato', exact: true }).isDisabled()).toBe(true);
    expect(await page.locator('[contenteditable="true"]').count()).toBe(0);
    await openMeetingPanel(page, 'Godkendelse og underskrift');

    // A correction, typed and submitted with the keyboard.
    await panel.getByLabel('Begrundelse').first().fill('Forkert mødested');
    await panel.getByLabel('Rettelsens tekst').fill('Mødet blev holdt i Byrådssalen.');
    await panel.getByLabel('Rettelsens tekst').press('Tab');
    await page.keyboard.press('Enter');
    // It cannot be removed again, so it is saved only after a confirmation that says so.
    const confirm = page.getByRole('dialog', { name: /kan ikke fjernes/ });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await call<unknown[]>('corrections:list', { meetingId })).toEqual([]);
    await page.keyboard.press('Enter');
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Tilføj rettelsen' }).press('Enter');
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

    expect(await seriousViolations('section.lifecycle')).toEqual([]);
    // The library agrees: approved, one correction, and an edit is refused.
    const audit = await call<Array<{ action: string }>>('audit:list', { meetingId });
    expect(audit.map((entry) => entry.action)).toEqual(['approved', 'correction']);
    expect(session.pageErrors).toEqual([]);
  }, 90_000);

  it('Underskriv: a wrong password is refused, a member signs with an uploaded .p12, the signature verifies; Verificér PDF on the download', async () => {
    // The test CA as a trusted root, added on the committee screen.
    const { committeeId } = (
      await call<{ meeting: { committeeId: string } }>('meetings:get', { id: meetingId })
    ).meeting;
    await page.goto(`${session.host.url}#/committees/${committeeId}`);
    const roots = page.getByRole('region', { name: 'Betroede rodcertifikater' });
    await roots.waitFor();
    await roots.getByLabel('Certifikat (PEM)').fill(pki.rootPem);
    await roots.getByRole('button', { name: 'Tilføj rodcertifikat' }).click();
    await roots.getByRole('button', { name: /^Fjern / }).waitFor();

    const member = pki.makeMember('Kristine Kryger');
    const p12File = path.join(pki.dir, 'kristine.p12');
    writeFileSync(p12File, member.p12);
    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    await openMeetingPanel(page, 'Godkendelse og underskrift');
    const form = page.getByRole('form', { name: 'Underskriv referatet digitalt' });
    await form.waitFor();
    const password = form.getByLabel('Adgangskode til certifikatet');
    expect(await password.getAttribute('type')).toBe('password');
    expect(await password.getAttribute('autocomplete')).toBe('off');

    await form.getByLabel('Certifikatfil (.p12 eller .pfx)').setInputFiles(p12File);
    await password.fill('forkert');
    await form.getByLabel('Sted').fill('Gentofte Rådhus');
    await form.getByRole('button', { name: 'Underskriv' }).click();
    await page.getByText(/Forkert adgangskode til certifikatet/).waitFor();
    expect(await password.inputValue()).toBe('');
    expect(await call<unknown[]>('signatures:list', { meetingId })).toEqual([]);

    // With the issuing CA's CRL (PAdES B-LT): embedded before the signature, shown on verify.
    const crlFile = path.join(pki.dir, 'issuing.crl');
    writeFileSync(crlFile, await makeCrl(await testIssuer(pki)));
    await form
      .getByLabel('Spærredata til langtidsvalidering (CRL eller OCSP-svar), valgfrit')
      .setInputFiles(crlFile);
    await password.fill(member.password);
    await form.getByRole('button', { name: 'Underskriv' }).click();
    const signatures = page.getByRole('list', { name: /^Underskrifter i / });
    await signatures.waitFor({ timeout: 60_000 });
    expect(await signatures.textContent()).toContain('Kristine Kryger');
    expect(await signatures.textContent()).toContain('gyldig');
    expect(await signatures.textContent()).toContain('Ikke spærret ifølge spærreliste (CRL) af');
    expect(await page.getByText('Den sidste underskrift dækker hele filen.').count()).toBe(1);
    expect(await password.inputValue()).toBe('');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Hent underskrevet PDF (Fuld udgave)' }).click(),
    ]);
    const signedFile = path.join(pki.dir, 'signed.pdf');
    await download.saveAs(signedFile);
    expect(readFileSync(signedFile).subarray(0, 5).toString()).toBe('%PDF-');

    // Verificér PDF on the committee screen: the downloaded file, signer and status.
    await page.goto(`${session.host.url}#/committees/${committeeId}`);
    const verify = page.getByRole('region', { name: 'Verificér PDF' });
    await verify.waitFor();
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      verify.getByRole('button', { name: 'Verificér PDF' }).click(),
    ]);
    await chooser.setFiles(signedFile);
    const verified = verify.getByRole('list', { name: /^Underskrifter i / });
    await verified.waitFor();
    expect(await verified.textContent()).toMatch(/Kristine Kryger.*gyldig/);
    expect(await verify.textContent()).toContain('Alle underskrifter er gyldige.');
    expect(await seriousViolations('section.lifecycle')).toEqual([]);
    expect(session.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  }, 120_000);
});
