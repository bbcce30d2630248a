/**
 * `meetings:exportHtml`, the app's HTML edition: in browser mode a zip of the folder offered as a
 * download from the host (the page never names a path); with the app's save dialog the folder
 * written where the dialog says, and nothing when it is cancelled. Neither holds a marker of a
 * closed item's confidential fields.
 */
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { afterEach, describe, expect, it } from 'vitest';
import type { Result } from '../../common/contract/result';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { startHost, type Host } from '../../main/node/host/httpHost';
import { confidentialMarkers, fillHtmlLibrary } from '../support/htmlEditionLibrary';
import { exchangeLaunchCode, makeTempDir, newLibrary } from './storageHelpers';

const hosts: Host[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.close();
});

/** Every entry of a zip (name and bytes). */
async function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  const out = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          out.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
      });
    });
    zip.on('end', () => resolve());
    zip.on('error', reject);
    zip.readEntry();
  });
  return out;
}

describe('meetings:exportHtml', () => {
  it('browser mode: a zip download of the folder, without confidential markers', async () => {
    const library = newLibrary();
    const meetings = await fillHtmlLibrary(library);
    const rendererDir = makeTempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>t</title>');
    const host = await startHost({ library, handlers: createHandlers(library), rendererDir });
    hosts.push(host);
    const cookie = await exchangeLaunchCode(host);
    const response = await fetch(`http://127.0.0.1:${host.port}/api/meetings:exportHtml`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Cookie: cookie },
      body: JSON.stringify({ id: meetings.generated }),
    });
    const result = (await response.json()) as Result<{
      fileName: string;
      files: number;
      downloadUrl: string;
    }>;
    if (!result.ok) throw new Error(result.error.message);
    const stem = 'opgaveudvalget-om-innovation-2018-01-16-moede-6-offentlig-html';
    expect(result.value).toMatchObject({ fileName: `${stem}.zip`, files: 4 });
    const download = await fetch(`http://127.0.0.1:${host.port}${result.value.downloadUrl}`, {
      headers: { Cookie: cookie },
    });
    const entries = await unzip(Buffer.from(await download.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual([
      `${stem}/bilag/Høringssvar _endelig_.txt`,
      `${stem}/index.html`,
      `${stem}/logo.png`,
      `${stem}/referat.css`,
    ]);
    expect(entries.get(`${stem}/index.html`)?.toString('utf8')).toContain('<html lang="da">');
    for (const [name, bytes] of entries)
      for (const marker of confidentialMarkers)
        expect(bytes.toString('utf8'), `${name} lacks ${marker}`).not.toContain(marker);
  });

  it('with the save dialog: the folder where the user chooses; nothing when cancelled', async () => {
    const library = newLibrary();
    const meetings = await fillHtmlLibrary(library);
    const dir = makeTempDir();
    let answer: string | null = null;
    const ctx: HandlerContext = { transport: 'electron', pickSaveFile: async () => answer };
    const dispatch = createDispatcher(createHandlers(library), { log: () => {} });
    const cancelled = await dispatch('meetings:exportHtml', { id: meetings.model }, ctx);
    expect(cancelled.ok ? null : cancelled.error.code).toBe('cancelled');
    expect(fs.readdirSync(dir)).toEqual([]);

    answer = path.join(dir, 'hjemmeside');
    const saved = await dispatch('meetings:exportHtml', { id: meetings.model }, ctx);
    expect(saved.ok ? saved.value : saved.error).toMatchObject({
      fileName: 'hjemmeside',
      files: 2,
      downloadUrl: null,
    });
    expect(fs.readdirSync(answer).sort()).toEqual(['index.html', 'referat.css']);
  });
});
