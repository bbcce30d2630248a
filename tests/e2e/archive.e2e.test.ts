/**
 * Sharing in browser mode through the real host and Chromium: an appendix file is
 * uploaded and opened ("Åbn bilag" downloads it), "Arkivér" downloads the archive package,
 * "Åbn pakke" imports that zip again and, the meeting being there already, "Behold begge"
 * imports a second meeting with the appendix; a tampered package is refused with the bad file
 * listed and nothing imported; "Eksportér til Word" downloads a .docx, and a public edition
 * with CPR numbers is refused with every place listed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { openBrowserSession, type BrowserSession } from './helpers/browserMode';
import { apiCall, createOpgaveudvalgMeeting } from './helpers/api';
import { openMeetingPanel } from './helpers/meetingDocument';

let session: BrowserSession;
let page: Page;
let tempDir: string;
let meetingId = '';
let zipFile = '';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** Serious and critical WCAG 2 A/AA violations on the page as it is now (axe-core). */
async function seriousViolations(): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: Array<{ target: unknown[] }> };
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: unknown): Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${JSON.stringify(violation.nodes.map((n) => n.target))}`);
}

const appendixName = 'Budget 2018 – udkast.pdf';
const appendixBytes = Buffer.from('%PDF-1.4 bilag med æøå\n', 'utf8');

/** A setup or check call to the library's API, outside the UI. */
const call = <T>(name: string, input: unknown): Promise<T> => apiCall<T>(session.host, name, input);

/** Clicks a button and answers the download it starts. */
async function downloadBy(name: string | RegExp): Promise<Download> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name, exact: typeof name === 'string' }).click(),
  ]);
  return download;
}

async function readDownload(download: Download): Promise<Buffer> {
  const file = await download.path();
  return readFileSync(file);
}

/** Every entry of a zip, in order, with its bytes (the packages here are small). */
async function zipEntries(file: string): Promise<Array<{ name: string; bytes: Buffer }>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error ?? new Error('no zip')) : resolve(value),
    ),
  );
  const entries: Array<{ name: string; bytes: Buffer }> = [];
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error ?? new Error('no stream'));
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.push({ name: entry.fileName, bytes: Buffer.concat(chunks) });
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  zip.close();
  return entries;
}

async function writeZip(
  file: string,
  entries: ReadonlyArray<{ name: string; bytes: Buffer }>,
): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const entry of entries)
    if (!entry.name.endsWith('/')) zip.addBuffer(entry.bytes, entry.name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  writeFileSync(file, Buffer.concat(chunks));
}

/**
 * "Åbn pakke" on the start screen with `file` chosen in the file chooser; with `isByKeyboard`
 * the button is reached with Tab and pressed with Enter.
 */
async function openPackage(file: string, isByKeyboard = false): Promise<void> {
  await page.goto(`${session.host.url}#/`);
  const button = page.getByRole('button', { name: 'Åbn pakke' });
  await button.waitFor();
  const press = async () => {
    if (!isByKeyboard) return button.click();
    for (let tab = 0; tab < 20; tab += 1) {
      await page.keyboard.press('Tab');
      if (await button.evaluate((element) => element === document.activeElement)) break;
    }
    expect(await button.evaluate((element) => element === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
  };
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), press()]);
  await chooser.setFiles(file);
}

describe(
  'archive package, Word export and appendix files in browser mode',
  { timeout: 180_000 },
  () => {
    beforeAll(async () => {
      session = await openBrowserSession();
      page = session.page;
      tempDir = mkdtempSync(path.join(os.tmpdir(), 'referat-archive-e2e-'));
      ({ meetingId } = await createOpgaveudvalgMeeting(session.host, []));
      await call('appendices:create', {
        meetingId,
        appendix: {
          title: 'Budget',
          documentNumber: '2017/123',
          caseId: '',
          isClosed: false,
          itemId: null,
        },
      });
      await page.goto(`${session.host.url}#/meetings/${meetingId}`);
      // The appendix files are edited in the side panel (a meeting opens on the document).
      await openMeetingPanel(page, 'Bilag');
    });

    afterAll(async () => {
      await session?.close();
      if (tempDir) rmSync(tempDir, { recursive: true, force: true });
    });

    it('uploads an appendix file and "Åbn bilag" downloads it', async () => {
      await page.getByLabel('Vedhæft fil til bilag 1').setInputFiles({
        name: appendixName,
        mimeType: 'application/pdf',
        buffer: appendixBytes,
      });
      await page.getByText(`Fil: ${appendixName}`).waitFor();
      const download = await downloadBy('Åbn bilag 1');
      expect(download.suggestedFilename()).toBe(appendixName);
      expect((await readDownload(download)).equals(appendixBytes)).toBe(true);
    });

    it('"Arkivér" downloads the archive package with the appendix', async () => {
      await openMeetingPanel(page, 'Del og arkivér');
      const download = await downloadBy('Arkivér');
      expect(download.suggestedFilename()).toMatch(/\.zip$/);
      zipFile = path.join(tempDir, download.suggestedFilename());
      await download.saveAs(zipFile);
      const names = (await zipEntries(zipFile)).map((entry) => entry.name.replace(/^[^/]+\//, ''));
      expect(names).toEqual(
        expect.arrayContaining([
          'bagit.txt',
          'bag-info.txt',
          'manifest-sha256.txt',
          'tagmanifest-sha256.txt',
          'data/meeting.json',
          'data/referat-full.pdf',
          'data/referat-public.pdf',
          `data/bilag/${appendixName}`,
        ]),
      );
      await page
        .getByRole('status')
        .getByText(/Arkivpakken .*\.zip hentes \(4 filer\)/)
        .waitFor();
    });

    it('"Åbn pakke" with the same package asks, and "Behold begge" imports a second meeting', async () => {
      await openPackage(zipFile, true);
      const dialog = page.getByRole('dialog', { name: 'Mødet findes allerede' });
      await dialog.waitFor();
      expect(await seriousViolations()).toEqual([]);
      // The safe choice has the focus.
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.textContent))
        .toBe('Annuller');
      await dialog.getByRole('button', { name: 'Behold begge' }).click();

      await page.waitForURL((url) => /#\/meetings\/[A-Za-z0-9_-]+$/.test(url.hash));
      const importedId = new URL(page.url()).hash.replace('#/meetings/', '');
      expect(importedId).not.toBe(meetingId);
      await page.getByRole('heading', { level: 1, name: /Opgaveudvalget om Innovation/ }).waitFor();
      await openMeetingPanel(page, 'Bilag');
      await page.getByText(`Fil: ${appendixName}`).waitFor();
      const meetings = await call<unknown[]>('meetings:list', {});
      expect(meetings).toHaveLength(2);

      // The imported appendix has the same bytes.
      const download = await downloadBy('Åbn bilag 1');
      expect((await readDownload(download)).equals(appendixBytes)).toBe(true);
    });

    it('a tampered package is refused with the bad file listed, and nothing is imported', async () => {
      const entries = await zipEntries(zipFile);
      const tampered = entries.map((entry) =>
        entry.name.endsWith(`data/bilag/${appendixName}`)
          ? { ...entry, bytes: Buffer.from(entry.bytes.toString('utf8').replace('bilag', 'Bilag')) }
          : entry,
      );
      const tamperedFile = path.join(tempDir, 'tampered.zip');
      await writeZip(tamperedFile, tampered);

      await openPackage(tamperedFile);
      const alert = page.getByRole('alert').filter({ hasText: 'failed verification' });
      await alert.waitFor();
      await expect
        .poll(() => alert.getByRole('listitem').allInnerTexts())
        .toEqual([expect.stringContaining(`data/bilag/${appendixName}`)]);
      expect(await call<unknown[]>('meetings:list', {})).toHaveLength(2);
      expect(page.url()).toMatch(/#\/$/);
      expect(await seriousViolations()).toEqual([]);
    });

    it('"Offentlig udgave som HTML" downloads a zip of the public HTML edition', async () => {
      await page.goto(`${session.host.url}#/meetings/${meetingId}`);
      await openMeetingPanel(page, 'Del og arkivér');
      const download = await downloadBy('Offentlig udgave som HTML');
      expect(download.suggestedFilename()).toMatch(/-offentlig-html\.zip$/);
      const entries = await zipEntries(await download.path());
      const folder = download.suggestedFilename().replace(/\.zip$/, '');
      expect(entries.map((entry) => entry.name)).toEqual(
        expect.arrayContaining([`${folder}/index.html`, `${folder}/referat.css`]),
      );
      const index = entries.find((entry) => entry.name === `${folder}/index.html`);
      expect(index?.bytes.toString('utf8')).toContain('<html lang="da">');
      await page.getByRole('status').filter({ hasText: 'HTML-udgaven hentes' }).waitFor();
      expect(await seriousViolations()).toEqual([]);
    });

    it('"Eksportér til Word" downloads the full edition; a public one with CPR numbers lists every place', async () => {
      await page.goto(`${session.host.url}#/meetings/${meetingId}`);
      await openMeetingPanel(page, 'Del og arkivér');
      const download = await downloadBy('Eksportér til Word');
      expect(download.suggestedFilename()).toMatch(/\.docx$/);
      const bytes = await readDownload(download);
      expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');

      await call('meetings:update', {
        id: meetingId,
        patch: { location: 'Rådhuset, 010203-1234', caseId: '020304-5678' },
      });
      await page.reload();
      await openMeetingPanel(page, 'Del og arkivér');
      await page
        .getByRole('group', { name: 'Udgave til Word' })
        .getByRole('radio', { name: 'Offentlig' })
        .check();
      await page.getByRole('button', { name: 'Eksportér til Word' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'CPR' });
      await alert.waitFor();
      const places = await alert.getByRole('listitem').allInnerTexts();
      expect(places).toHaveLength(2);
      expect(places.every((place) => /CPR-nummer \d{6}-XXXX/.test(place))).toBe(true);
      expect(await seriousViolations()).toEqual([]);
      expect(session.pageErrors).toEqual([]);
    });
  },
);
