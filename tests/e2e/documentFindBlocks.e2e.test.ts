/**
 * The meeting document's find bar finds the text of votes and dissents (protokoltilførsler) as
 * the document shows it: a word of a dissent's statement, a member's name in a vote's minutes
 * text. Those matches count in "N af M" the same before and after a far section starts its
 * editor, come in document order between the paragraphs around them, are highlighted in the
 * block and scrolled to; Escape puts the focus in the body with the caret beside the block,
 * where typing goes on. Through the UI in Chromium (browser mode).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { documentFind, documentSections, openMeetingDocument } from './helpers/meetingDocument';
import { apiCall, createOpgaveudvalgMeeting, createAgendaItem } from './helpers/api';

let session: BrowserSession;
let page: Page;
let meetingId = '';
const itemIds: string[] = [];
const itemCount = 40;
/** Only in the statements of the dissents. */
const dissentWord = 'Kvægavlsforeningen';

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

const { section, decision, isStarted, activeSectionId } = documentSections(() => page, itemIds);
const { findBar, findField, findCount: count, settle, openFind } = documentFind(() => page);

const paragraph = (text: string) => ({ type: 'paragraph', children: [{ type: 'text', text }] });

const allHighlighted = () => page.evaluate(() => CSS.highlights.get('referat-find-all')?.size ?? 0);

/** The current match: its text, where it is (a vote, a dissent, a body's text) and its section. */
const current = () =>
  page.evaluate(() => {
    const range = [...(CSS.highlights.get('referat-find') ?? [])][0];
    if (!(range instanceof Range)) return null;
    const element = range.startContainer.parentElement;
    const place = element?.closest('[data-testid="vote"]')
      ? 'vote'
      : element?.closest('[data-testid="dissent"]')
        ? 'dissent'
        : element?.closest('[contenteditable="true"]')
          ? 'body'
          : 'other';
    const rect = range.getBoundingClientRect();
    return {
      text: range.toString(),
      place,
      section: element?.closest('section[id]')?.id ?? null,
      isInView: rect.bottom > 0 && rect.top < window.innerHeight,
    };
  });

const sectionId = (index: number) => `document-item-${itemIds[index]}`;

describe('find in the votes and dissents of the meeting document', () => {
  beforeAll(async () => {
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Marie-Louise Andreassen', role: 'chair', party: 'C' },
      { name: 'Kristine Kryger', role: 'member', party: 'C' },
      { name: 'Michael Fenger', role: 'member', party: 'V' },
    ]));
    for (let n = 1; n <= itemCount; n++) {
      itemIds.push(await createAgendaItem(session.host, meetingId, { title: `Punkt ${n}` }));
    }
    const detail = await call<{ participants: { id: string; name: string }[] }>('meetings:get', {
      id: meetingId,
    });
    const idOf = (name: string) => detail.participants.find((p) => p.name === name)?.id ?? '';
    const [andreassen, kryger, fenger] = [
      idOf('Marie-Louise Andreassen'),
      idOf('Kristine Kryger'),
      idOf('Michael Fenger'),
    ];
    const group = (participantIds: string[]) => ({ participantIds, parties: [], count: null });
    // "Et flertal bestående af Marie-Louise Andreassen (C, formand) og Kristine Kryger (C)
    // stemte for. Michael Fenger (V) stemte imod."
    const vote = {
      type: 'vote',
      subject: '',
      for: group([andreassen, kryger]),
      against: group([fenger]),
      abstained: group([]),
      outcome: 'adopted',
    };
    const dissent = {
      type: 'dissent',
      participantId: fenger,
      text: `Udgiften til ${dissentWord} er for høj.`,
    };
    const decisions: [number, unknown[]][] = [
      // Item 1 (started at once) and item 40 (far): a vote between two paragraphs, a dissent.
      [
        1,
        [
          paragraph('Fenger spurgte til udgiften.'),
          vote,
          paragraph('Fenger tog forbehold.'),
          dissent,
        ],
      ],
      [25, [paragraph('Drøftet.'), dissent]],
      [
        40,
        [
          paragraph('Fenger spurgte til udgiften.'),
          vote,
          paragraph('Fenger tog forbehold.'),
          dissent,
        ],
      ],
    ];
    for (const [n, content] of decisions) {
      await call('bodies:save', {
        owner: { kind: 'item', itemId: itemIds[n - 1], field: 'decision' },
        content,
        baseRevision: 0,
      });
    }
    await openMeetingDocument(page, session.host, meetingId);
    await section(0).locator('[data-testid="vote"]').waitFor();
  });

  afterAll(async () => {
    await session?.close();
  });

  it('finds a word of a dissent in a started and in a far section, the same count before and after it starts; Escape puts the caret beside it', async () => {
    expect(await isStarted(24)).toBe(false);
    expect(await isStarted(39)).toBe(false);
    await decision(0).click();
    await openFind(dissentWord.toLowerCase());
    // Items 1, 25 and 40; the two far ones from their stored text.
    await expect.poll(() => count().innerText()).toBe('1 af 3');
    await expect.poll(current).toEqual({
      text: dissentWord,
      place: 'dissent',
      section: sectionId(0),
      isInView: true,
    });
    await page.keyboard.press('Enter');
    await expect.poll(current).toEqual({
      text: dissentWord,
      place: 'dissent',
      section: sectionId(24),
      isInView: true,
    });
    // Started now, and found the same: the count does not jump.
    expect(await isStarted(24)).toBe(true);
    expect(await count().innerText()).toBe('2 af 3');
    await expect.poll(allHighlighted).toBe(2);
    expect(await findField().evaluate((el) => el === document.activeElement)).toBe(true);

    // Escape: the focus goes to the body with the caret beside the dissent; it is the last
    // block, so the caret is at the end of the paragraph above it.
    await findField().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    await expect.poll(activeSectionId).toBe(sectionId(24));
    expect(await page.evaluate(() => CSS.highlights.get('referat-find')?.size ?? 0)).toBe(0);
    await settle();
    await page.keyboard.type(' Slut.');
    await expect.poll(() => decision(24).innerText()).toMatch(/^Drøftet\. Slut\.\n/);
    // The dissent is still there.
    expect(await section(24).locator('[data-testid="dissent"]').innerText()).toContain(dissentWord);
    expect(session.pageErrors).toEqual([]);
  });

  it("finds a member's name in votes between the paragraphs around them, also in a far section; Escape puts the caret after the vote", async () => {
    expect(await isStarted(39)).toBe(false);
    await decision(0).click();
    await openFind('fenger');
    // Item 1: paragraph, vote, paragraph, dissent; item 25: the dissent; item 40 (not started):
    // the same four; the attendance.
    await expect.poll(() => count().innerText()).toBe('1 af 10');
    const seen: unknown[] = [];
    for (let n = 1; n <= 7; n++) {
      if (n > 1) await page.keyboard.press('Enter');
      await expect.poll(() => count().innerText()).toBe(`${n} af 10`);
      // Item 40 has just started: its vote and dissent are marked too, once rendered.
      if (n === 6) await expect.poll(allHighlighted).toBe(10);
      await expect.poll(() => current().then((c) => c?.section)).not.toBeUndefined();
      const match = await current();
      seen.push(match && { place: match.place, section: match.section, text: match.text });
    }
    expect(seen).toEqual([
      { place: 'body', section: sectionId(0), text: 'Fenger' },
      { place: 'vote', section: sectionId(0), text: 'Fenger' },
      { place: 'body', section: sectionId(0), text: 'Fenger' },
      { place: 'dissent', section: sectionId(0), text: 'Fenger' },
      { place: 'dissent', section: sectionId(24), text: 'Fenger' },
      { place: 'body', section: sectionId(39), text: 'Fenger' },
      { place: 'vote', section: sectionId(39), text: 'Fenger' },
    ]);
    expect(await isStarted(39)).toBe(true);
    await expect.poll(() => current().then((c) => c?.isInView)).toBe(true);
    // Every match is marked now that their editors have started, the attendance's too.
    await expect.poll(allHighlighted).toBe(10);

    await findField().press('Escape');
    await expect.poll(() => findBar().count()).toBe(0);
    await expect.poll(activeSectionId).toBe(sectionId(39));
    // The caret is right after the vote: at the start of the paragraph below it.
    await settle();
    await page.keyboard.type('X');
    await expect.poll(() => decision(39).innerText()).toContain('XFenger tog forbehold.');
    expect(await section(39).locator('[data-testid="vote"]').innerText()).toContain(
      'Michael Fenger (V) stemte imod.',
    );
    expect(session.pageErrors).toEqual([]);
  });
});
