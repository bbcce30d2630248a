/**
 * Signing again after a correction, in browser mode through the real host and Chromium
 *: the model meeting is signed by every member present, then corrected; the signing
 * panel says the minutes must be signed again and the status line says the corrections are not
 * signed yet; "Underskriv" signs a new export and starts round 2, listed beside round 1.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMemberCache,
  presentAtModelMeeting as present,
  type MemberFor,
} from '../helpers/modelMeeting';
import { createTestPki, type TestPki } from '../helpers/testPki';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { apiCall } from './helpers/api';
import { seriousAxeViolations } from './helpers/axe';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let meetingId = '';
let pki: TestPki;
let memberFor: MemberFor;

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

/** Uploads bytes as the page does (`POST /upload`) and answers the upload id. */
async function upload(fileName: string, bytes: Buffer): Promise<string> {
  const response = await fetch(`${session.host.origin}/upload`, {
    method: 'POST',
    headers: {
      Cookie: session.host.cookie ?? '',
      'X-Referat-Filename': encodeURIComponent(fileName),
    },
    body: new Uint8Array(bytes),
  });
  const result = (await response.json()) as { ok: boolean; value: { uploadId: string } };
  if (!result.ok) throw new Error('upload failed');
  return result.value.uploadId;
}

type Listed = { round: number; lacksCorrections: boolean; isComplete: boolean };

describe('signing again after a correction', () => {
  beforeAll(async () => {
    pki = createTestPki();
    memberFor = createMemberCache(pki);
    session = await openBrowserSession();
    page = session.page;
    const json = readFileSync(
      path.join(repoRoot, 'tests/fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    );
    ({ meetingId } = await call<{ meetingId: string }>('meetings:importJson', { json }));
    await call('meetings:approve', { id: meetingId });
    // Only configured roots are trusted; the minutes become signed with valid signatures only.
    await call('trustedRoots:add', { pem: pki.rootPem });
    for (const name of present) {
      const member = memberFor(name);
      await call('signatures:sign', {
        meetingId,
        edition: 'full',
        p12UploadId: await upload(`${name}.p12`, member.p12),
        password: member.password,
        reason: 'Referatet er godkendt',
      });
    }
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    pki?.dispose();
  });

  it('a correction after signing: the notice, a truthful status, and Underskriv starts round 2', async () => {
    await call('corrections:add', {
      meetingId,
      reason: 'Forkert mødested',
      text: 'Mødet blev holdt i Byrådssalen.',
    });
    const listed = await call<Listed[]>('signatures:list', { meetingId });
    expect(listed.at(-1)).toMatchObject({ round: 1, isComplete: true, lacksCorrections: true });

    await page.goto(`${session.host.url}#/meetings/${meetingId}`);
    await openMeetingPanel(page, 'Godkendelse og underskrift');
    const panel = page.getByRole('region', { name: 'Godkendelse og underskrift' });
    await panel.waitFor();
    await panel
      .getByText('Rettelser er tilføjet efter underskriften: referatet skal underskrives igen.')
      .waitFor();
    const steps = panel.getByRole('list', { name: 'Referatets status' });
    expect(await steps.getByRole('listitem').nth(2).textContent()).toContain(
      'rettelserne er ikke underskrevet af alle endnu',
    );

    // The form is back on signed minutes; Kristine signs the corrected minutes.
    const member = memberFor('Kristine Kryger');
    const p12File = path.join(pki.dir, 'kristine.p12');
    writeFileSync(p12File, member.p12);
    const form = page.getByRole('form', { name: 'Underskriv referatet digitalt' });
    await form.getByLabel('Certifikatfil (.p12 eller .pfx)').setInputFiles(p12File);
    await form.getByLabel('Adgangskode til certifikatet').fill(member.password);
    await form.getByRole('button', { name: 'Underskriv' }).click();
    await panel.getByText(/starter underskriftsrunde 2/).waitFor({ timeout: 60_000 });
    await panel.getByText(/underskriftsrunde 2 med rettelserne er ikke færdig \(1 har/).waitFor();
    expect(
      await panel
        .getByText('Rettelser er tilføjet efter underskriften: referatet skal underskrives igen.')
        .count(),
    ).toBe(0);
    const roundTwo = panel.getByRole('list', { name: 'Underskrivere i runde 2 i rækkefølge' });
    expect(await roundTwo.getByRole('listitem').count()).toBe(1);
    const roundOne = panel.getByRole('list', { name: 'Underskrivere i runde 1 i rækkefølge' });
    expect(await roundOne.getByRole('listitem').count()).toBe(5);
    expect(await panel.getByText('Runde 1 (uden de senere rettelser)').count()).toBe(1);
    // The last file of round 1 can still be downloaded.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel
        .getByRole('button', { name: 'Hent underskrevet PDF fra runde 1 (Fuld udgave)' })
        .click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-underskrevet-runde-1\.pdf$/);
    const saved = path.join(pki.dir, 'round1.pdf');
    await download.saveAs(saved);
    const roundOneSha = (
      await call<{ round: number; sha256: string }[]>('signatures:list', { meetingId })
    )
      .filter((s) => s.round === 1)
      .at(-1)?.sha256;
    expect(createHash('sha256').update(readFileSync(saved)).digest('hex')).toBe(roundOneSha);
    // Still not signed by everyone: the status line keeps saying so; the log has the new round.
    expect(await steps.getByRole('listitem').nth(2).textContent()).toContain(
      'rettelserne er ikke underskrevet af alle endnu',
    );
    const log = panel.getByRole('table');
    await log.getByText('Ny underskriftsrunde').waitFor();
    expect(
      (await call<{ meeting: { status: string } }>('meetings:get', { id: meetingId })).meeting
        .status,
    ).toBe('signed');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(session.pageErrors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
  }, 120_000);
});
