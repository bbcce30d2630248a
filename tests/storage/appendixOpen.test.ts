/**
 * "Åbn bilag" hands only known documents to the system viewer. A package received by mail can
 * name an appendix "Budget 2018 \u202Efdp.bat" (shown as "Budget 2018 tab.pdf"): it is not
 * opened but shown in its folder (Electron) or downloaded (browser mode) under its real name,
 * with the reason in the answer. The type is checked by name AND first bytes. On Windows the
 * copy is marked as downloaded (Zone.Identifier, ZoneId=3).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext, OutgoingFile } from '../../main/node/api/types';
import { contentDisposition } from '../../main/node/archive/downloads';
import { checkOpenableFile } from '../../main/node/archive/openableFile';
import { pdfContentDisposition } from '../../main/node/pdf/exportJobs';
import {
  markAsDownloaded,
  shouldMarkAsDownloaded,
  zoneIdentifierContent,
  zoneIdentifierPath,
} from '../../main/node/archive/zoneIdentifier';
import { minutesDocx } from '../../main/node/docx/writeDocx';
import { storeBytes } from '../../main/node/storage/fileStore';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { makeTempDir, newLibrary } from './storageHelpers';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = parseReferatDocument(
  fs.readFileSync(path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
);

/** A zip with the given entries (in order; `stored` entries uncompressed). */
async function zip(entries: Array<{ name: string; text: string; stored?: boolean }>) {
  const file = new yazl.ZipFile();
  for (const entry of entries)
    file.addBuffer(Buffer.from(entry.text, 'utf8'), entry.name, { compress: !entry.stored });
  file.end();
  const chunks: Buffer[] = [];
  for await (const chunk of file.outputStream as Readable) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const contentTypes = (main: string) =>
  `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${main}"/></Types>`;

/** One appendix with `bytes` stored under `name`; the handlers of that library. */
async function appendixWith(name: string, bytes: Uint8Array, platform?: NodeJS.Platform) {
  const library = newLibrary();
  const stored = await storeBytes(library.filesDir, bytes);
  const appendices = fixture.appendices.slice(0, 1).map((a) => ({
    ...a,
    file: { name, sha256: stored.sha256, size: stored.size, mediaType: 'application/pdf' },
  }));
  importMeetingDocument(library.db, { ...fixture, appendices });
  const dispatch = createDispatcher(createHandlers(library, { platform }), { log: () => {} });
  return { library, dispatch, appendixId: appendices[0]?.id ?? '' };
}

/** An Electron-like context recording what was opened and what was shown in its folder. */
function electronContext() {
  const opened: string[] = [];
  const shown: string[] = [];
  const ctx: HandlerContext = {
    transport: 'electron',
    openWithSystem: async (file) => {
      opened.push(file);
    },
    showInFolder: async (file) => {
      shown.push(file);
    },
  };
  return { ctx, opened, shown };
}

/** A browser-mode-like context recording the offered downloads. */
function browserContext() {
  const offered: OutgoingFile[] = [];
  const ctx: HandlerContext = {
    transport: 'http',
    offerDownload: (file) => {
      offered.push(file);
      return { url: `/download/${offered.length}` };
    },
  };
  return { ctx, offered };
}

const exeBytes = Buffer.from(
  'MZ\u0090\u0000\u0003 This program cannot be run in DOS mode.',
  'latin1',
);

describe('appendices:open in the app (Electron)', () => {
  it('does not open "Budget 2018 \\u202Efdp.bat": shows it in its folder under its real name', async () => {
    const { dispatch, appendixId } = await appendixWith('Budget 2018 \u202Efdp.bat', exeBytes);
    const { ctx, opened, shown } = electronContext();
    const result = await dispatch('appendices:open', { id: appendixId }, ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        fileName: 'Budget 2018 fdp.bat',
        downloadUrl: null,
        handedOver: 'shownInFolder',
        notOpenedReason: 'unknownType',
      },
    });
    expect(opened).toEqual([]);
    expect(shown).toHaveLength(1);
    expect(path.basename(shown[0] ?? '')).toBe('Budget 2018 fdp.bat');
    expect(fs.statSync(shown[0] ?? '').mode & 0o222).toBe(0);
  });

  it('does not open a program named .pdf (its first bytes are not a PDF)', async () => {
    const { dispatch, appendixId } = await appendixWith('Budget 2018.pdf', exeBytes);
    const { ctx, opened, shown } = electronContext();
    const result = await dispatch('appendices:open', { id: appendixId }, ctx);
    expect(result).toMatchObject({
      ok: true,
      value: { handedOver: 'shownInFolder', notOpenedReason: 'contentMismatch' },
    });
    expect(opened).toEqual([]);
    expect(shown).toHaveLength(1);
  });

  it('opens a real PDF, Word file, spreadsheet and text file with the viewer', async () => {
    const docx = await minutesDocx(fixture, { edition: 'public', corrections: [] });
    const xlsx = await zip([
      {
        name: '[Content_Types].xml',
        text: contentTypes(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
        ),
      },
      { name: 'xl/workbook.xml', text: '<workbook/>' },
    ]);
    const ods = await zip([
      { name: 'mimetype', text: 'application/vnd.oasis.opendocument.spreadsheet', stored: true },
      { name: 'content.xml', text: '<office:document-content/>' },
    ]);
    for (const [name, bytes] of [
      ['Bilag.pdf', Buffer.from('%PDF-1.4\n%âãÏÓ\n')],
      ['Bilag.docx', docx],
      ['Budget.xlsx', xlsx],
      ['Budget.ods', ods],
      ['Noter.txt', Buffer.from('Referat æøå\r\n', 'utf8')],
      ['Foto.JPG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])],
    ] as const) {
      const { dispatch, appendixId } = await appendixWith(name, bytes);
      const { ctx, opened, shown } = electronContext();
      const result = await dispatch('appendices:open', { id: appendixId }, ctx);
      expect(result, name).toEqual({
        ok: true,
        value: { fileName: name, downloadUrl: null, handedOver: 'opened', notOpenedReason: null },
      });
      expect(shown, name).toEqual([]);
      expect(fs.readFileSync(opened[0] ?? '')).toEqual(Buffer.from(bytes));
    }
  });

  it('refuses a zip named .docx, a macro workbook named .xlsx and binary bytes named .txt', async () => {
    const plainZip = await zip([{ name: 'payload.js', text: 'WScript.Echo(1)' }]);
    const macro = await zip([
      {
        name: '[Content_Types].xml',
        text: contentTypes('application/vnd.ms-excel.sheet.macroEnabled.main+xml'),
      },
    ]);
    for (const [name, bytes] of [
      ['Bilag.docx', plainZip],
      ['Budget.xlsx', macro],
      ['Noter.txt', exeBytes],
    ] as const) {
      const { dispatch, appendixId } = await appendixWith(name, bytes);
      const { ctx, opened } = electronContext();
      const result = await dispatch('appendices:open', { id: appendixId }, ctx);
      expect(result, name).toMatchObject({
        ok: true,
        value: { handedOver: 'shownInFolder', notOpenedReason: 'contentMismatch' },
      });
      expect(opened, name).toEqual([]);
    }
  });

  it('on Windows marks the copy as downloaded (Zone.Identifier with ZoneId=3), elsewhere not', async () => {
    for (const platform of ['win32', 'linux'] as const) {
      const { dispatch, appendixId } = await appendixWith(
        'Budget 2018 \u202Efdp.bat',
        exeBytes,
        platform,
      );
      const { ctx, shown } = electronContext();
      await dispatch('appendices:open', { id: appendixId }, ctx);
      const copy = shown[0] ?? '';
      // On Linux the alternate data stream's name is an ordinary file name beside the copy.
      const stream = zoneIdentifierPath(copy);
      expect(fs.existsSync(stream), platform).toBe(platform === 'win32');
      if (platform === 'win32') expect(fs.readFileSync(stream, 'utf8')).toBe(zoneIdentifierContent);
    }
  });
});

describe('appendices:open in browser mode', () => {
  it('downloads a refused file as octet-stream under its real name and says why', async () => {
    const { dispatch, appendixId } = await appendixWith('Budget 2018 \u202Efdp.bat', exeBytes);
    const { ctx, offered } = browserContext();
    const result = await dispatch('appendices:open', { id: appendixId }, ctx);
    expect(result).toEqual({
      ok: true,
      value: {
        fileName: 'Budget 2018 fdp.bat',
        downloadUrl: '/download/1',
        handedOver: 'downloaded',
        notOpenedReason: 'unknownType',
      },
    });
    expect(offered[0]).toMatchObject({
      fileName: 'Budget 2018 fdp.bat',
      mediaType: 'application/octet-stream',
    });
  });

  it('downloads a real PDF with its type', async () => {
    const { dispatch, appendixId } = await appendixWith('Bilag.pdf', Buffer.from('%PDF-1.7\n'));
    const { ctx, offered } = browserContext();
    const result = await dispatch('appendices:open', { id: appendixId }, ctx);
    expect(result).toMatchObject({
      ok: true,
      value: { handedOver: 'downloaded', notOpenedReason: null },
    });
    expect(offered[0]).toMatchObject({ fileName: 'Bilag.pdf', mediaType: 'application/pdf' });
  });
});

describe('download names', () => {
  it('Content-Disposition of downloads and PDF exports carries no bidirectional or control character', () => {
    for (const header of [
      contentDisposition('Budget 2018 \u202Efdp.bat'),
      pdfContentDisposition('Referat \u2067\u0007møde.pdf', true),
    ]) {
      expect(header).not.toMatch(/%E2%80%AE|%E2%81%A7|%07/);
      // eslint-disable-next-line no-control-regex
      expect(header).not.toMatch(/[\u0000-\u001f\u202a-\u202e\u2066-\u2069]/);
    }
    expect(contentDisposition('Budget 2018 \u202Efdp.bat')).toBe(
      `attachment; filename="Budget 2018 fdp.bat"; filename*=UTF-8''Budget%202018%20fdp.bat`,
    );
  });
});

describe('checkOpenableFile and the Zone.Identifier mark', () => {
  it('reads only what it needs and answers the kind with its media type', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'x');
    fs.writeFileSync(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect(await checkOpenableFile(file, 'Foto.png')).toEqual({
      isOpenable: true,
      kind: 'png',
      mediaType: 'image/png',
    });
    expect(await checkOpenableFile(file, 'Foto.jpg')).toEqual({
      isOpenable: false,
      reason: 'contentMismatch',
    });
    expect(await checkOpenableFile(file, 'Foto.svg')).toEqual({
      isOpenable: false,
      reason: 'unknownType',
    });
  });

  it('decides to mark only on Windows and writes [ZoneTransfer] ZoneId=3 to <file>:Zone.Identifier', () => {
    expect(shouldMarkAsDownloaded('win32')).toBe(true);
    for (const platform of ['linux', 'darwin', 'freebsd'] as const)
      expect(shouldMarkAsDownloaded(platform)).toBe(false);
    expect(zoneIdentifierContent).toBe('[ZoneTransfer]\r\nZoneId=3\r\n');
    expect(zoneIdentifierPath('C:\\Temp\\a.pdf')).toBe('C:\\Temp\\a.pdf:Zone.Identifier');

    const writes: Array<[string, string]> = [];
    const write = (target: string, text: string) => void writes.push([target, text]);
    expect(markAsDownloaded('C:\\Temp\\a.bat', { platform: 'linux', writeFile: write })).toBe(
      false,
    );
    expect(writes).toEqual([]);
    expect(markAsDownloaded('C:\\Temp\\a.bat', { platform: 'win32', writeFile: write })).toBe(true);
    expect(writes).toEqual([['C:\\Temp\\a.bat:Zone.Identifier', '[ZoneTransfer]\r\nZoneId=3\r\n']]);
  });
});
