/**
 * Hostile content: pasted HTML built to execute or to exhaust (scripts, frames, `javascript:`
 * in every disguise, event handlers, huge `data:` images, 1,000-level lists, 10 MB), and
 * import files built to exhaust (100 MB, nesting 100,000 deep) through `meetings:importJson`
 * in browser mode and through the CLI: each is sanitized or refused with a clear message, and
 * a refused import leaves the library unchanged.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deepestList,
  maxListDepth,
  richTextSchema,
  type RichText,
} from '../../common/domain/richText';
import { maxPasteHtmlLength, pastedHtmlToRichText } from '../../common/editor/htmlToRichText';
import { openLibrary } from '../../main/node/storage/library';
import { generateLibrary } from '../fixtures/generateLibrary';
import { fileHash } from '../storage/storageHelpers';
import { ensureBuilt, repoRoot, startHostProcess, type HostProcess } from './hostProcess';
import { openLibraryFingerprinter, type LibraryFingerprinter } from './libraryConsistency';

/** Every link target in a body. */
function linksOf(content: RichText): string[] {
  const urls: string[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const node = value as Record<string, unknown>;
      if (node.type === 'link' && typeof node.url === 'string') urls.push(node.url);
      Object.values(node).forEach(walk);
    }
  };
  walk(content);
  return urls;
}

function sanitize(html: string): RichText {
  const content = pastedHtmlToRichText(html);
  expect(richTextSchema.safeParse(content).success).toBe(true);
  for (const url of linksOf(content)) expect(url).toMatch(/^(https?:\/\/|mailto:|referat:\/\/)/);
  // Nothing but text nodes, formats and safe links: no attribute of the markup survives.
  const serialized = JSON.stringify(content);
  for (const forbidden of [
    'onerror',
    'onload',
    'onclick',
    'srcdoc',
    'javascript:',
    'vbscript:',
    'data:text',
    'data:image',
  ]) {
    expect(serialized.toLowerCase()).not.toContain(forbidden);
  }
  return content;
}

describe('pasting hostile HTML', () => {
  it('drops scripts, frames, objects, event handlers and every disguise of javascript: links', () => {
    const html = `
      <p>Før<script>window.__pwned = 1</script><SCRIPT src="http://evil.invalid/x.js"></SCRIPT>efter</p>
      <iframe src="javascript:alert(1)"></iframe><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>
      <object data="evil.swf"></object><embed src="evil.swf"><applet code="x"></applet>
      <img src=x onerror="window.__pwned=1"><svg onload="window.__pwned=1"><script>alert(1)</script></svg>
      <p onclick="window.__pwned=1" onmouseover="alert(1)" style="background:url(javascript:alert(1))">klik</p>
      <a href="javascript:alert(1)">a</a><a href="JaVaScRiPt:alert(1)">b</a><a href=" java\tscript:alert(1)">c</a>
      <a href="&#106;avascript:alert(1)">d</a><a href="&#x6A;avascript&colon;alert(1)">e</a>
      <a href="vbscript:msgbox(1)">f</a><a href="data:text/html,<script>alert(1)</script>">g</a>
      <a href="https://example.org/ok" onclick="alert(1)">god</a>
      <meta http-equiv="refresh" content="0;url=https://evil.invalid"><base href="https://evil.invalid/">
      <form action="https://evil.invalid"><input name="x" value="y"><button formaction="javascript:alert(1)">send</button></form>
      <style>@import url(https://evil.invalid/x.css); p { behavior: url(x.htc) }</style>
      <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>
      <noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>
      <template><script>alert(1)</script></template>`;
    const content = sanitize(html);
    expect(linksOf(content)).toEqual(['https://example.org/ok']);
    const text = JSON.stringify(content);
    expect(text).toContain('Før');
    expect(text).toContain('klik');
    expect(text).not.toContain('__pwned');
  });

  it('drops huge inline data: images (5 MB) without keeping their bytes', () => {
    const image = `<img src="data:image/png;base64,${'A'.repeat(5 * 1024 * 1024)}">`;
    const content = sanitize(`<p>Billede:</p>${image}<p>slut</p>`);
    expect(JSON.stringify(content).length).toBeLessThan(1000);
  });

  // Regression: below level 128 the text of every item was silently dropped.
  it('keeps every item text of a 1,000-level nested list (deep list text lost), within the allowed depth', () => {
    const depth = 1000;
    const html = `${'<ul><li>niveau'.repeat(depth)}${'</li></ul>'.repeat(depth)}`;
    const content = sanitize(html);
    expect(deepestList(content)).toBeLessThanOrEqual(maxListDepth);
    expect((JSON.stringify(content).match(/niveau/g) ?? []).length).toBe(depth);
  });

  it('handles a 10 MB paste, and refuses one above the limit with a clear message', () => {
    const paragraph =
      '<p><b>Punkt</b> med <i>tekst</i> og <a href="https://example.org">link</a> ' +
      'x'.repeat(150) +
      '</p>\n';
    const html = paragraph.repeat(Math.ceil((10 * 1024 * 1024) / paragraph.length));
    expect(html.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const content = sanitize(html);
    expect(content.length).toBeGreaterThan(10_000);
    expect(() => pastedHtmlToRichText('x'.repeat(maxPasteHtmlLength + 1))).toThrow(
      /at most \d+ are accepted/,
    );
  }, 60_000);
});

describe('hostile import files (meetings:importJson in browser mode, and the CLI)', () => {
  let tempDir: string;
  let libraryPath: string;
  let host: HostProcess;
  let files: { huge: string; deep: string; deepInside: string };

  let fingerprinter: LibraryFingerprinter;

  /** What must not change when an import is refused: every row of the library and its files. */
  async function snapshot(): Promise<string> {
    return fingerprinter.fingerprint();
  }

  beforeAll(async () => {
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-hostile-'));
    libraryPath = path.join(tempDir, 'library.sqlite');
    const library = openLibrary(libraryPath, { author: 'test' });
    generateLibrary(library.db, { meetings: 3, committees: 1, seed: 9 });
    library.close();
    const fixture = JSON.parse(
      fs.readFileSync(
        path.join(repoRoot, 'tests', 'fixtures', 'gentofte-2017-12-12.referat.json'),
        'utf8',
      ),
    ) as Record<string, unknown>;
    // 100 MB: the model document with one enormous paragraph (so it is otherwise valid).
    const hugeText = 'x'.repeat(100 * 1024 * 1024);
    const huge = JSON.stringify({ ...fixture, id: 'huge-import', padding: hugeText });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    // Deep nesting inside an otherwise valid document: lists in a decision.
    const nested = `${'{"type":"list","listType":"bullet","items":[{"children":['.repeat(20_000)}${']}]}'.repeat(20_000)}`;
    const deepInside = JSON.stringify({ ...fixture, id: 'deep-import' }).replace(
      '"agendaItems":[',
      `"agendaItems":[{"nested":${nested}},`,
    );
    files = {
      huge: path.join(tempDir, 'huge.json'),
      deep: path.join(tempDir, 'deep.json'),
      deepInside: path.join(tempDir, 'deep-inside.json'),
    };
    fs.writeFileSync(files.huge, huge);
    fs.writeFileSync(files.deep, deep);
    fs.writeFileSync(files.deepInside, deepInside);
    host = await startHostProcess(libraryPath);
    fingerprinter = openLibraryFingerprinter(libraryPath);
  }, 120_000);

  afterAll(async () => {
    fingerprinter?.close();
    await host?.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  it('refuses a 100 MB import with a message naming the limit, library unchanged, host alive', async () => {
    const before = await snapshot();
    const json = fs.readFileSync(files.huge, 'utf8');
    const body = JSON.stringify({ json });
    const answer = await host.post('meetings:importJson', body).catch((error: unknown) => {
      throw new Error(
        `${String(error)} (body ${body.length} bytes, host alive ${host.isAlive()}): ${host.stderr()}`,
      );
    });
    const result = JSON.parse(answer.body) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(['too_large', 'invalid_input']).toContain(result.error?.code);
    expect(result.error?.message).toMatch(/at most|larger than|limit|too large|too big/i);
    expect(await snapshot()).toBe(before);
    expect(host.isAlive()).toBe(true);
  }, 120_000);

  it('answers 413 to a body over the request limit while the client is still sending it (was: broken pipe, no answer)', async () => {
    const before = await snapshot();
    // Over the 110 MiB limit of an API body, declared up front: the host decides at once, but
    // must read the rest before answering or the client only sees EPIPE.
    const body = JSON.stringify({ json: 'x'.repeat(120 * 1024 * 1024) });
    const answer = await host.post('meetings:importJson', body);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(await snapshot()).toBe(before);
    expect(host.isAlive()).toBe(true);
  }, 120_000);

  it('refuses JSON nested 100,000 deep, at the top and inside a document, library unchanged', async () => {
    const before = await snapshot();
    for (const file of [files.deep, files.deepInside]) {
      const result = await host.call('meetings:importJson', {
        json: fs.readFileSync(file, 'utf8'),
      });
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe('invalid_input');
      expect(result.error?.message).toMatch(/nested more than \d+ levels/);
    }
    expect(await snapshot()).toBe(before);
    expect(host.isAlive()).toBe(true);
  });

  it('the CLI refuses the same files with one line each, exit 1, library unchanged', async () => {
    ensureBuilt();
    await host.stop();
    const before = fileHash(libraryPath);
    for (const [file, pattern] of [
      [files.huge, /too large|at most|limit/i],
      [files.deep, /nested more than \d+ levels/],
      [files.deepInside, /nested more than \d+ levels/],
    ] as const) {
      const run = spawnSync(
        process.execPath,
        [path.join(repoRoot, 'out', 'main', 'cli.mjs'), 'import', file, '--library', libraryPath],
        {
          encoding: 'utf8',
          env: { ...process.env, REFERAT_LIBRARY: '' },
          maxBuffer: 1024 * 1024,
        },
      );
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(pattern);
    }
    expect(fileHash(libraryPath)).toBe(before);
  }, 120_000);
});
