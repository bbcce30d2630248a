/**
 * The HTML edition of the public minutes and a committee's published set, through the CLI
 * (`referat export --format html`, `referat publish`): valid HTML5 by html-validate, no
 * confidential marker of a closed item in any written file, the logo and the public appendix
 * in the folder and linked, no scripts, escaping, idempotent publishing. The accessibility
 * rules in a browser (axe) are checked in tests/e2e/htmlEdition.e2e.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import { describe, expect, it } from 'vitest';
import type { LayoutBlock } from '../../common/export/layoutMinutes';
import { renderHtmlPage, safeHref } from '../../common/export/renderHtml';
import { htmlEdition, writeHtmlFolder } from '../../main/node/html/htmlEdition';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { generateMeeting } from '../support/generateMeeting';
import {
  confidentialMarkers,
  fillHtmlLibrary,
  markedMeeting,
  modelDocument,
} from '../support/htmlEditionLibrary';
import { tableMeeting } from '../support/tableMeeting';
import { makeTempDir, newLibrary } from './storageHelpers';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

async function validationErrors(file: string): Promise<string[]> {
  const report = await validator.validateFile(file);
  return report.results.flatMap((result) =>
    result.messages
      .filter((message) => message.severity === 2)
      .map(
        (message) =>
          `${path.basename(file)}:${message.line}: ${message.ruleId}: ${message.message}`,
      ),
  );
}

function allFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

async function setUp() {
  const library = newLibrary();
  const meetings = await fillHtmlLibrary(library);
  const cwd = makeTempDir();
  const env = { REFERAT_LIBRARY: library.path };
  const cli = (...args: string[]) => runCliCaptured(args, { cwd, env });
  return { library, meetings, cwd, cli };
}

describe('referat export --format html', () => {
  it('writes a valid HTML5 folder (page, stylesheet, logo, public appendix) without any confidential marker or script', async () => {
    const { meetings, cwd, cli } = await setUp();
    const run = await cli(
      'export',
      meetings.generated,
      '--format',
      'html',
      '--edition',
      'public',
      '--out',
      'site',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const dir = path.join(cwd, 'site');
    const files = allFiles(dir)
      .map((file) => path.relative(dir, file))
      .sort();
    // The profile (with its logo) is kept in the library since referat/2, so the logo is a file.
    expect(files).toEqual([
      'bilag/Høringssvar _endelig_.txt',
      'index.html',
      'logo.png',
      'referat.css',
    ]);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(await validationErrors(path.join(dir, 'index.html'))).toEqual([]);
    // The page's parts: language, skip link, landmarks, logo with its text, linked appendix.
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="da">/);
    expect(html).toContain('<a class="skip-link" href="#indhold">Gå til indhold</a>');
    expect(html).toMatch(/<header class="banner">[\s\S]*<\/header>\s*<main id="indhold"/);
    expect(html).toContain('<nav class="contents" aria-labelledby="indholdsfortegnelse">');
    expect(html).toContain('<img class="logo" src="logo.png" alt="Gentofte Kommunes logo">');
    expect(html).toContain('href="bilag/H%C3%B8ringssvar%20_endelig_.txt"');
    expect(fs.readFileSync(path.join(dir, 'bilag/Høringssvar _endelig_.txt'), 'utf8')).toBe(
      meetings.appendixText,
    );
    // The closed item shows its public title and decision only.
    expect(html).toContain('Lukket punkt: Ejendomssag');
    expect(html).toContain('Udvalget godkendte købet af ejendommen.');
    for (const file of allFiles(dir)) {
      const text = fs.readFileSync(file).toString('utf8');
      for (const marker of confidentialMarkers)
        expect(text, `${path.relative(dir, file)} lacks ${marker}`).not.toContain(marker);
      expect(text.toLowerCase()).not.toContain('<script');
    }
    // Every table-of-contents link goes to a heading on the page.
    const targets = [...html.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1]);
    expect(targets.length).toBe(5);
    for (const target of targets) expect(html).toMatch(new RegExp(`<h[1-6] id="${target}">`));
  });

  it("writes the profile's logo beside the page, shown with its alternate text", async () => {
    const doc = markedMeeting(modelDocument());
    const edition = htmlEdition(doc, { filesDir: makeTempDir() });
    const dir = path.join(makeTempDir(), 'site');
    writeHtmlFolder(dir, edition.files);
    const logo = fs.readFileSync(path.join(dir, 'logo.png'));
    expect(logo.toString('base64')).toBe(doc.profile.logo?.dataBase64);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(html).toContain('<img class="logo" src="logo.png" alt="Gentofte Kommunes logo">');
    expect(await validationErrors(path.join(dir, 'index.html'))).toEqual([]);
  });

  it('writes the public agenda as valid HTML with linked contents and no confidential marker or decision', async () => {
    const doc = markedMeeting(modelDocument());
    const edition = htmlEdition(doc, { filesDir: makeTempDir(), agenda: { kind: 'agenda' } });
    const dir = path.join(makeTempDir(), 'dagsorden');
    writeHtmlFolder(dir, edition.files);
    const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(await validationErrors(path.join(dir, 'index.html'))).toEqual([]);
    expect(edition.title).toMatch(/^Dagsorden: /);
    expect(html).toContain('Lukket punkt: Ejendomssag');
    // The agenda has no decision, not even the closed item's public one.
    expect(html).not.toContain('Udvalget godkendte købet af ejendommen.');
    for (const file of allFiles(dir)) {
      const text = fs.readFileSync(file).toString('utf8');
      for (const marker of confidentialMarkers)
        expect(text, `${path.relative(dir, file)} lacks ${marker}`).not.toContain(marker);
    }
    const targets = [...html.matchAll(/<a href="#([^"]+)">/g)].map((match) => match[1]);
    expect(targets.length).toBe(doc.agendaItems.length);
    for (const target of targets) expect(html).toMatch(new RegExp(`<h[1-6] id="${target}">`));
  });

  it('the full edition shows every marker (so the leak test above can fail)', async () => {
    const { library, meetings } = await setUp();
    const full = JSON.stringify(exportMeetingDocument(library.db, meetings.generated));
    for (const marker of confidentialMarkers) expect(full).toContain(marker);
  });

  it('refuses --edition full (exit 2) and writes nothing', async () => {
    const { meetings, cwd, cli } = await setUp();
    const run = await cli(
      'export',
      meetings.model,
      '--format',
      'html',
      '--edition',
      'full',
      '--out',
      'site',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('public edition only');
    expect(fs.existsSync(path.join(cwd, 'site'))).toBe(false);
  });

  it('the model document is valid HTML5 with its four items linked from the contents', async () => {
    const { meetings, cwd, cli } = await setUp();
    const run = await cli('export', meetings.model, '--format', 'html', '--out', 'model');
    expect(run.code).toBe(0);
    const file = path.join(cwd, 'model', 'index.html');
    expect(await validationErrors(file)).toEqual([]);
    const html = fs.readFileSync(file, 'utf8');
    expect([...html.matchAll(/<li><a href="#item-/g)]).toHaveLength(4);
    expect(html).toContain('<h3 id="item-m5-item-1">Ad Projektafrunding</h3>');
  });
});

describe('tables in the HTML edition', () => {
  it('writes a table with its header row as th scope="col" in thead, valid HTML5', async () => {
    const edition = htmlEdition(tableMeeting(markedMeeting(modelDocument()), 3), {
      filesDir: makeTempDir(),
    });
    const index = edition.files.find((file) => file.path === 'index.html');
    const html = index && 'bytes' in index ? index.bytes.toString('utf8') : '';
    expect(html).toContain(
      '<thead>\n<tr><th scope="col">Post</th><th scope="col">2024 (kr.)</th><th scope="col">2025 (kr.)</th><th scope="col">Bemærkning</th></tr>\n</thead>',
    );
    expect(html).toContain(
      '<tr><td>Budgetpost 2</td><td>2500.000</td><td>2600.000</td><td></td></tr>',
    );
    // The grants table has no header row: no thead.
    expect(html).toMatch(/<table>\n<tbody>\n<tr><td>Foreningen Æblehaven<\/td>/);
    const dir = makeTempDir();
    const file = path.join(dir, 'index.html');
    fs.writeFileSync(file, html);
    expect(await validationErrors(file)).toEqual([]);
  });
});

describe('referat publish', () => {
  it('writes the published meetings and an index (drafts left out), and a second run rewrites nothing', async () => {
    const { library, meetings, cwd, cli } = await setUp();
    const first = await cli('publish', '--committee', meetings.committeeName, '--out', 'web');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const dir = path.join(cwd, 'web');
    const index = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
    expect(await validationErrors(path.join(dir, 'index.html'))).toEqual([]);
    const links = [...index.matchAll(/<a href="([^"]+)">/g)].map((match) =>
      decodeURIComponent(match[1] ?? ''),
    );
    expect(links).toEqual([
      'opgaveudvalget-om-innovation-2018-01-16-moede-6/index.html',
      'opgaveudvalget-om-innovation-2017-12-12-moede-5/index.html',
    ]);
    for (const link of links) {
      const page = path.join(dir, link);
      expect(fs.existsSync(page), link).toBe(true);
      expect(await validationErrors(page)).toEqual([]);
      expect(fs.readFileSync(page, 'utf8')).toContain('<a href="../index.html">');
    }
    expect(index).not.toContain('2018-02-20');
    for (const file of allFiles(dir)) {
      const text = fs.readFileSync(file).toString('utf8');
      for (const marker of confidentialMarkers) expect(text, file).not.toContain(marker);
    }

    const before = new Map(allFiles(dir).map((file) => [file, fs.statSync(file).mtimeMs]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await cli(
      'publish',
      '--committee',
      meetings.committeeName.toUpperCase(),
      '--out',
      'web',
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(', 0 files written,');
    for (const [file, mtime] of before) expect(fs.statSync(file).mtimeMs, file).toBe(mtime);

    // A changed meeting rewrites its own page only.
    library.db
      .prepare('UPDATE meetings SET location = ? WHERE id = ?')
      .run('Rådhuset, mødesal 2', meetings.model);
    const third = await cli('publish', '--committee', meetings.committeeName, '--out', 'web');
    expect(third.stdout).toContain(', 1 files written,');
    expect(fs.readFileSync(path.join(dir, links[1] ?? ''), 'utf8')).toContain(
      'Rådhuset, mødesal 2',
    );
  });

  it('names an unknown committee', async () => {
    const { cli } = await setUp();
    const run = await cli('publish', '--committee', 'Ukendt udvalg', '--out', 'web');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no committee named "Ukendt udvalg"');
  });
});

describe('renderHtmlPage', () => {
  it('escapes every text and keeps only http(s), mailto and own relative links', () => {
    const blocks: LayoutBlock[] = [
      { kind: 'heading', level: 1, spans: [{ text: '<script>alert(1)</script> & "Børn"' }] },
      {
        kind: 'paragraph',
        spans: [
          { text: 'ond', link: 'javascript:alert(1)' },
          { text: ' god', link: 'https://gentofte.dk/?a=1&b="2"' },
          { text: ' fil', link: '//evil.example/x' },
          { text: ' Sustainable Development Goals', lang: 'en-GB' },
          { text: ' ond sprogkode', lang: 'en"><script>' },
        ],
      },
    ];
    const html = renderHtmlPage(blocks, {
      lang: 'da',
      title: '</title><script>',
      stylesheet: 'referat.css',
      banner: ['"><img src=x onerror=alert(1)>'],
    });
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Børn&quot;');
    expect(html).toContain('<a href="https://gentofte.dk/?a=1&amp;b=&quot;2&quot;"> god</a>');
    expect(html).toContain(
      ' fil<span lang="en-GB"> Sustainable Development Goals</span> ond sprogkode</p>',
    );
    expect(safeHref('bilag/../../etc/passwd')).toBeNull();
    expect(safeHref('../index.html')).toBe('../index.html');
  });

  it('never skips a heading level (a rich-text heading under an H3 becomes an H4)', () => {
    const html = renderHtmlPage(
      [
        { kind: 'heading', level: 1, spans: [{ text: 'A' }] },
        { kind: 'heading', level: 3, spans: [{ text: 'B' }] },
        { kind: 'heading', level: 6, spans: [{ text: 'C' }] },
      ],
      { lang: 'da', title: 'A', stylesheet: 'referat.css', banner: [] },
    );
    expect(html).toContain('<h1>A</h1>\n<h2>B</h2>\n<h3>C</h3>');
  });

  it('renders the 300-page generated meeting (timed roughly, not asserted)', () => {
    const doc = generateMeeting({ items: 60, pagesPerItem: 5, seed: 300 });
    const started = performance.now();
    const edition = htmlEdition(doc, { filesDir: makeTempDir() });
    const took = performance.now() - started;
    const page = edition.files.find((file) => file.path === 'index.html');
    expect(page && 'bytes' in page ? page.bytes.length : 0).toBeGreaterThan(500_000);
    console.log(`HTML edition of the 300-page meeting: ${took.toFixed(0)} ms`);
  });
});
