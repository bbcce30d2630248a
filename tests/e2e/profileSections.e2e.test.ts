/**
 * The meeting document shows an item's text bodies as the meeting's minutes profile prints
 * them: on `beslutningsprotokol` in that profile's order and with its labels ("Sagens kerne"
 * for the Resumé), the item heading from the profile's pattern; a body with text the profile
 * does not list is still shown (after the listed ones, under its own label); the model
 * document's profile keeps its "Ad <title>" sections with the decision alone. Through the UI
 * in Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';

let session: BrowserSession;
let page: Page;

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

/** The labels of an item's bodies, top to bottom, as the document shows them. */
const bodyLabels = (itemId: string) =>
  page
    .locator(`#document-item-${itemId} .body-field__label`)
    .evaluateAll((labels) => labels.map((label) => label.textContent ?? ''));

describe(
  'item sections in the order and labels of the minutes profile',
  { timeout: 180_000 },
  () => {
    beforeAll(async () => {
      session = await openBrowserSession();
      page = session.page;
    });

    afterAll(async () => {
      await session?.close();
    });

    it('shows a beslutningsprotokol item in the profile order, with its labels and heading', async () => {
      const { committeeId, meetingId } = await createOpgaveudvalgMeeting(session.host, []);
      await apiCall(session.host, 'committees:update', {
        id: committeeId,
        patch: { profileId: 'beslutningsprotokol' },
      });
      const itemId = await createAgendaItem(session.host, meetingId, { title: 'Skolestruktur' });
      await openMeetingDocument(page, session.host, meetingId);
      await expect
        .poll(() => bodyLabels(itemId))
        .toEqual([
          'Beslutningskompetence',
          'Sagens kerne',
          'Indstilling',
          'Tidligere beslutninger',
          'Beslutning',
          'Sagsfremstilling',
          'Høring',
          'Økonomi',
        ]);
      await expect
        .poll(() => page.locator(`#document-item-${itemId}-heading`).textContent())
        .toBe('1. Skolestruktur');
      await page
        .locator(`#document-item-${itemId}`)
        .getByRole('textbox', { name: 'Sagens kerne', exact: true })
        .waitFor();
    });

    it('heads an item with the profile pattern "Pkt. {nummer} {titel}" on aarsnummereret', async () => {
      const { committeeId, meetingId } = await createOpgaveudvalgMeeting(session.host, []);
      await apiCall(session.host, 'committees:update', {
        id: committeeId,
        patch: { profileId: 'aarsnummereret' },
      });
      const created = await apiCall<{ id: string }>(session.host, 'items:create', {
        meetingId,
        item: {
          number: 42,
          title: 'Lokalplan',
          isClosed: false,
          publicTitle: '',
          caseId: '',
          documentNumber: '',
          presenter: '',
          kind: 'decision',
        },
      });
      await openMeetingDocument(page, session.host, meetingId);
      await expect
        .poll(() => page.locator(`#document-item-${created.id}-heading`).textContent())
        .toBe('Pkt. 42 Lokalplan');
    });

    it('keeps the Ad-sections of the model document and shows a body it does not list', async () => {
      const { meetingId } = await createOpgaveudvalgMeeting(session.host, []);
      const plain = await createAgendaItem(session.host, meetingId, { title: 'Læringssporet' });
      const withSummary = await createAgendaItem(session.host, meetingId, { title: 'Budget' });
      await apiCall(session.host, 'bodies:save', {
        owner: { kind: 'item', itemId: withSummary, field: 'summary' },
        content: [paragraph('Et resumé, som profilen ikke har plads til.')],
        baseRevision: 0,
      });
      await openMeetingDocument(page, session.host, meetingId);
      await page.getByRole('region', { name: 'Ad Læringssporet' }).waitFor();
      await expect.poll(() => bodyLabels(plain)).toEqual(['Beslutning']);
      await expect.poll(() => bodyLabels(withSummary)).toEqual(['Beslutning', 'Resumé']);
      await expect
        .poll(() => page.locator(`#document-item-${withSummary}`).textContent())
        .toContain('Et resumé, som profilen ikke har plads til.');
    });
    it('shows the meeting-level sections in the profile order and with its labels, not the template', async () => {
      const { committeeId, meetingId } = await createOpgaveudvalgMeeting(session.host, []);
      const base = await apiCall<Record<string, unknown>>(session.host, 'profiles:get', {
        id: 'opgaveudvalg',
      });
      const saved = await apiCall<{ id: string }>(session.host, 'profiles:save', {
        profile: {
          ...base,
          id: 'omvendt-opgaveudvalg',
          name: 'Omvendt opgaveudvalg',
          meetingSections: [
            { field: 'previousDecisions', label: 'Forudgående beslutninger:' },
            { field: 'summary', label: 'Dagsordenens punkter' },
          ],
        },
      });
      await apiCall(session.host, 'committees:update', {
        id: committeeId,
        patch: { profileId: saved.id },
      });
      await openMeetingDocument(page, session.host, meetingId);
      const meetingLabels = () =>
        page
          .locator('.meeting-document__page > .meeting-document__section .body-field__label')
          .evaluateAll((labels) => labels.map((label) => label.textContent ?? ''));
      await expect
        .poll(meetingLabels)
        .toEqual(['Forudgående beslutninger', 'Dagsordenens punkter']);
      await page.getByRole('textbox', { name: 'Dagsordenens punkter', exact: true }).waitFor();

      // A profile without meeting sections shows none (the template would have shown two).
      await apiCall(session.host, 'committees:update', {
        id: committeeId,
        patch: { profileId: 'fagudvalg' },
      });
      await openMeetingDocument(page, session.host, meetingId);
      await page.locator('.meeting-document__title').waitFor();
      await expect.poll(meetingLabels).toEqual([]);
    });
  },
);
