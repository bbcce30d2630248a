/**
 * Tables in Chromium (browser mode), as a secretary makes them: Word's clipboard HTML pasted
 * into a decision becomes a table (header row kept, the merged cell simplified and said so),
 * the toolbar's "Tabel" menu inserts a table that is filled in with Tab between the cells, both
 * are stored as table blocks, and the exported PDF holds both tables as tagged tables that
 * pass the archival and PDF/UA checks, the cells read in order.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RichText, Table } from '../../common/domain/richText';
import { openBrowserSession, repoRoot, type BrowserSession } from './helpers/browserMode';
import { apiCall, createAgendaItem, createOpgaveudvalgMeeting } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';
import { seriousAxeViolations } from './helpers/axe';

let session: BrowserSession;
let page: Page;
let meetingId = '';
let itemId = '';
let dir = '';

const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

/** The stored decision of the item, once the autosave has written `predicate`. */
async function storedDecision(predicate: (content: RichText) => boolean): Promise<RichText> {
  let content: RichText = [];
  for (let attempt = 0; attempt < 75; attempt++) {
    const detail = await call<{
      items: { id: string; bodies: { decision?: { content: RichText } } }[];
    }>('meetings:get', { id: meetingId });
    content = detail.items.find((item) => item.id === itemId)?.bodies.decision?.content ?? [];
    if (predicate(content)) return content;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the decision was not saved as expected; stored: ${JSON.stringify(content)}`);
}

const tables = (content: RichText): Table[] =>
  content.filter((block): block is Table => block.type === 'table');
const cellText = (table: Table | undefined, row: number, column: number) =>
  (table?.rows[row]?.cells[column]?.children ?? [])
    .map((paragraph) =>
      paragraph.children.map((inline) => (inline.type === 'text' ? inline.text : '')).join(''),
    )
    .join(' ');

function decisionBox(): Locator {
  return page.getByRole('textbox', { name: 'Beslutning', exact: true });
}

describe('tables in the body editor and the PDF', () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'referat-tables-e2e-'));
    session = await openBrowserSession();
    page = session.page;
    ({ meetingId } = await createOpgaveudvalgMeeting(session.host, [
      { name: 'Kristine Kryger', role: 'chair', party: 'C' },
      { name: 'Michael Fenger', role: 'vice_chair', party: 'V' },
    ]));
    itemId = await createAgendaItem(session.host, meetingId, { title: 'Budget 2025' });
    await page.evaluate((id) => {
      window.location.hash = `#/meetings/${id}`;
    }, meetingId);
    await decisionBox().waitFor();
  });
  afterAll(async () => {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('pastes a Word table as a table, keeps its header row and says the merged cell was simplified', async () => {
    const html = readFileSync(path.join(repoRoot, 'tests/fixtures/paste/word-table.html'), 'utf8');
    await decisionBox().click();
    await decisionBox().evaluate((element, clipboard) => {
      const data = new DataTransfer();
      data.setData('text/html', clipboard);
      data.setData('text/plain', 'Post\t2024\t2025');
      element.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    }, html);
    const stored = await storedDecision((content) => tables(content).length === 1);
    const table = tables(stored)[0];
    expect(table?.headerRow).toBe(true);
    expect(table?.rows.map((row) => row.cells.length)).toEqual([3, 3, 3, 3]);
    expect(cellText(table, 2, 1)).toBe('Afventer budgetforlig');
    expect(cellText(table, 2, 2)).toBe('');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'flettede celler' }).count())
      .toBe(1);
    // The editor shows a real table with header cells.
    expect(await decisionBox().locator('table th').allInnerTexts()).toEqual([
      'Post',
      '2024',
      '2025',
    ]);
  });

  it('inserts a table from the toolbar and fills it in with Tab between the cells', async () => {
    // After the paragraph before the pasted table: a new paragraph, then the table.
    await decisionBox().focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tilskud:');
    await page
      .getByRole('toolbar', { name: 'Formatering: Beslutning', exact: true })
      .getByRole('button', { name: 'Tabel', exact: true })
      .click();
    // The open menu and the page around it have no serious accessibility violation.
    await page.getByRole('menu', { name: 'Tabel' }).waitFor();
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.getByRole('menuitem', { name: 'Indsæt tabel' }).click();
    await page.keyboard.type('Klub');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Beløb');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Øresunds Roklub');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12.500 kr.');
    const stored = await storedDecision(
      (content) => tables(content).length === 2 && JSON.stringify(content).includes('12.500 kr.'),
    );
    const inserted = tables(stored)[0];
    expect(inserted?.rows).toHaveLength(3);
    expect(inserted?.headerRow).toBe(true);
    expect(inserted?.rows.map((row) => row.cells.map((_, column) => column))).toHaveLength(3);
    expect([0, 1, 2].map((column) => cellText(inserted, 0, column))).toEqual(['Klub', 'Beløb', '']);
    expect([0, 1].map((column) => cellText(inserted, 1, column))).toEqual([
      'Øresunds Roklub',
      '12.500 kr.',
    ]);
    expect(await seriousAxeViolations(page)).toEqual([]);
    // With the caret in the table, the menu's row commands work from a mouse click too.
    await page
      .getByRole('toolbar', { name: 'Formatering: Beslutning', exact: true })
      .getByRole('button', { name: 'Tabel', exact: true })
      .click();
    await page.getByRole('menuitem', { name: 'Indsæt række under' }).click();
    const withRow = await storedDecision((content) => (tables(content)[0]?.rows.length ?? 0) === 4);
    expect(cellText(tables(withRow)[0], 1, 0)).toBe('Øresunds Roklub');
    // The inserted table stands between "Tilskud:" and the pasted one.
    const types = stored.map((block) => block.type);
    expect(types.indexOf('table')).toBeGreaterThan(0);
  });

  it('inserts a table by keyboard only: the toolbar by Alt+F10 and arrows, the menu by Enter', async () => {
    await decisionBox().focus();
    await page.keyboard.press('Control+Home');
    // The one toolbar sits at the top of the meeting screen: Alt+F10 goes there.
    await page.keyboard.press('Alt+F10');
    const focusedLabel = () =>
      page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
    for (let step = 0; step < 30 && (await focusedLabel()) !== 'Tabel'; step++)
      await page.keyboard.press('ArrowRight');
    expect(await focusedLabel()).toBe('Tabel');
    await page.keyboard.press('Enter');
    await page.getByRole('menu', { name: 'Tabel' }).waitFor();
    // The first item has the focus.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Indsæt tabel');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Navn');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Parti');
    const stored = await storedDecision(
      (content) => tables(content).length === 3 && JSON.stringify(content).includes('Parti'),
    );
    const table = tables(stored).find((candidate) => cellText(candidate, 0, 1) === 'Parti');
    expect(cellText(table, 0, 0)).toBe('Navn');
    expect(table?.headerRow).toBe(true);
  });

  it('exports a PDF with the tables tagged, passing the archival and PDF/UA checks', async () => {
    await openMeetingPanel(page, 'PDF-eksport');
    await page.getByRole('button', { name: 'Eksportér PDF', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'PDF klar' }).waitFor({ timeout: 90_000 });
    const src = await page.getByTitle(/^Forhåndsvisning af PDF/).getAttribute('src');
    const served = await fetch(`${session.host.origin}${src ?? ''}`, {
      headers: { Cookie: session.host.cookie ?? '' },
    });
    expect(served.status).toBe(200);
    const file = path.join(dir, 'tables.pdf');
    writeFileSync(file, Buffer.from(await served.arrayBuffer()));
    const audit = spawnSync(path.resolve(repoRoot, '../shared/tools/pdf-audit'), [
      file,
      ...['--a4', '--pdfa', '--fonts-embedded', '--tagged', '--lang', 'da', '--pdfua'],
    ]);
    expect(audit.status, audit.stdout.toString()).toBe(0);
    const structure = execFileSync('pdfinfo', ['-struct', file], { encoding: 'utf8' });
    expect(structure.match(/^\s*Table\b/gm)).toHaveLength(3);
    expect(structure).toMatch(/^\s*TH\b/m);
    expect(structure).toMatch(/^\s*TD\b/m);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(text).toContain('Klub Beløb Øresunds Roklub 12.500 kr.');
    expect(text).toContain('Post 2024 2025 Administration 1.250.000 1.300.000');
    expect(session.pageErrors).toEqual([]);
  });
});
