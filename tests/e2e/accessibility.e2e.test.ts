/**
 * axe-core in Chromium on the first screens (committee list, committee with members and
 * meetings, the meeting's document and records views): no serious or critical WCAG 2 A/AA violation. axe is evaluated
 * through the DevTools protocol, so the page's CSP stays in force.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { apiCall, createAgendaItem } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
};

let session: BrowserSession;
let page: Page;

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

/** The serious and critical violations on the current page, as readable lines. */
async function seriousViolations(target: Page): Promise<string[]> {
  await target.evaluate(axeSource);
  const violations = await target.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    );
}

describe('accessibility of the first screens', { timeout: 120_000 }, () => {
  let committeeId = '';
  let meetingId = '';

  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    const committee = await call<{ id: string }>('committees:create', {
      name: 'Børne- og Skoleudvalget',
      kind: 'staaende_udvalg',
      organisation: 'Gentofte Kommune',
      template: 'fagudvalg',
    });
    committeeId = committee.id;
    for (const [name, role, party] of [
      ['Anne Hansen', 'chair', 'C'],
      ['Peter Jensen', 'vice_chair', 'A'],
      ['Lise Holm', 'member', 'V'],
    ] as const) {
      await call('members:create', {
        committeeId,
        member: { name, role, party, isCitizen: false, isActive: true },
      });
    }
    const meeting = await call<{ meeting: { id: string } }>('meetings:create', {
      committeeId,
      number: 3,
      date: '2018-02-05',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    meetingId = meeting.meeting.id;
    const itemId = await createAgendaItem(session.host, meetingId, {
      title: 'Skolestruktur',
      isClosed: true,
      publicTitle: 'Lukket sag',
      caseId: 'EMN-2018-1',
    });
    await call('appendices:create', {
      meetingId,
      appendix: {
        title: 'Notat',
        documentNumber: '123',
        caseId: 'EMN-2018-1',
        isClosed: false,
        itemId,
      },
    });
  });

  afterAll(async () => {
    await session?.close();
  });

  it('the committee list', async () => {
    await page.reload();
    // The home lists meetings; the committees are one step away.
    await page.evaluate(() => {
      window.location.hash = '#/committees';
    });
    await page.getByRole('link', { name: 'Børne- og Skoleudvalget', exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the committee screen with members and meetings', async () => {
    await page.getByRole('link', { name: 'Børne- og Skoleudvalget', exact: true }).click();
    await page.getByRole('link', { name: '3. møde den 5. februar 2018' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the meeting document, the view a meeting opens on', async () => {
    await page.getByRole('link', { name: '3. møde den 5. februar 2018' }).click();
    const outline = page.getByRole('navigation', { name: 'Dagsorden' });
    await outline.getByRole('link', { name: 'Gå til punkt 1: Skolestruktur' }).waitFor();
    await page.locator('.meeting-document [contenteditable="true"]').first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the meeting records, including a closed item and an open dialog', async () => {
    await openMeetingPanel(page, 'Oplysninger og dagsorden');
    await page.getByRole('heading', { level: 3, name: /Punkt 1: Skolestruktur/ }).waitFor();
    // The closed item's public decision is written in the document beside the panel.
    expect(await page.getByRole('textbox', { name: 'Offentlig beslutning' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await openMeetingPanel(page, 'Bilag');
    await page.getByRole('button', { name: 'Slet bilag 1' }).click();
    await page
      .getByRole('dialog', { name: 'Slet bilag 1, "Notat"? De øvrige bilag nummereres om.' })
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.getByRole('group', { name: 'Bilag 1: Notat' }).count()).toBe(1);
    expect(session.pageErrors).toEqual([]);
  });
});
