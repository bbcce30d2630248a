/**
 * The main-process services the handlers, the CLI, signing and the archive share: atomic file
 * writing, the edition's document with its corrections, a meeting's file names from a cheap
 * query, and handing a produced file over to the user.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument, referatFileName } from '../../common/format/referatJson';
import {
  copyFileAtomically,
  writeAtomically,
  writeFileAtomically,
} from '../../main/node/services/atomicFile';
import {
  editionFileName,
  editionSource,
  meetingFileBase,
} from '../../main/node/services/editionExport';
import { handOverFile, type OutgoingFile } from '../../main/node/services/handOver';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { addCorrection, approveMeeting } from '../../main/node/storage/queries/lifecycle';
import { modelMeetingFile } from '../helpers/modelMeeting';
import { makeTempDir, newLibrary } from './storageHelpers';

describe('atomic file writing', () => {
  it('puts the whole file in place and leaves no temporary file behind', async () => {
    const dir = makeTempDir();
    const target = path.join(dir, 'minutes.pdf');
    writeFileAtomically(target, 'first');
    copyFileAtomically(target, path.join(dir, 'copy.pdf'));
    await writeAtomically(path.join(dir, 'streamed.pdf'), (temp) =>
      fs.writeFileSync(temp, 'streamed'),
    );
    expect(fs.readdirSync(dir).sort()).toEqual(['copy.pdf', 'minutes.pdf', 'streamed.pdf']);
    expect(fs.readFileSync(path.join(dir, 'copy.pdf'), 'utf8')).toBe('first');
  });

  it('leaves an earlier file untouched and removes the temporary file when writing fails', async () => {
    const dir = makeTempDir();
    const target = path.join(dir, 'minutes.pdf');
    writeFileAtomically(target, 'earlier');
    await expect(
      writeAtomically(target, (temp) => {
        fs.writeFileSync(temp, 'half');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(fs.readFileSync(target, 'utf8')).toBe('earlier');
    expect(fs.readdirSync(dir)).toEqual(['minutes.pdf']);
  });
});

describe('edition export', () => {
  it('names files from a cheap query exactly as from the exported document, and prints corrections in the full edition only', () => {
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(
      library.db,
      parseReferatDocument(fs.readFileSync(modelMeetingFile, 'utf8')),
      { author: 'import' },
    );
    const full = editionSource(library.db, meetingId, 'full');
    const stem = meetingFileBase(library.db, meetingId);
    expect(`${stem}.referat.json`).toBe(referatFileName(full.document));
    expect(editionFileName(stem, 'public', 'pdf', 'underskrevet')).toBe(
      `${stem}-offentlig-underskrevet.pdf`,
    );
    approveMeeting(library.db, { id: meetingId, author: 'Referent' });
    addCorrection(library.db, {
      meetingId,
      author: 'Referent',
      reason: 'Stavefejl',
      text: 'Rettet.',
    });
    expect(editionSource(library.db, meetingId, 'full').corrections).toHaveLength(1);
    expect(editionSource(library.db, meetingId, 'public').corrections).toEqual([]);
    expect(() => meetingFileBase(library.db, 'no-such-meeting')).toThrow(/meeting/);
  });
});

describe('hand-over of a produced file', () => {
  it('saves through the dialog (adding the extension) or offers a download that cleans up after itself', async () => {
    const dir = makeTempDir();
    const chosen = path.join(dir, 'gemt');
    const saved = await handOverFile(
      { transport: 'electron', pickSaveFile: async () => chosen },
      { fileName: 'referat.docx', mediaType: 'x', write: (out) => writeFileAtomically(out, 'ok') },
    );
    expect(saved).toEqual({ fileName: 'gemt.docx', downloadUrl: null, path: `${chosen}.docx` });
    expect(fs.readFileSync(`${chosen}.docx`, 'utf8')).toBe('ok');

    const offered: OutgoingFile[] = [];
    const download = await handOverFile(
      { transport: 'http', offerDownload: (file) => (offered.push(file), { url: '/download/1' }) },
      { fileName: 'referat.docx', mediaType: 'x', write: (out) => writeFileAtomically(out, 'ok') },
    );
    expect(download.downloadUrl).toBe('/download/1');
    const temp = offered[0]?.path ?? '';
    expect(fs.readFileSync(temp, 'utf8')).toBe('ok');
    offered[0]?.onDone?.();
    expect(fs.existsSync(temp)).toBe(false);
  });

  it('answers cancelled for a dismissed dialog and forbidden where files cannot be handed over', async () => {
    const file = { fileName: 'a.pdf', mediaType: 'application/pdf', source: __filename };
    await expect(
      handOverFile({ transport: 'electron', pickSaveFile: async () => null }, file),
    ).rejects.toMatchObject({ code: 'cancelled' });
    await expect(handOverFile({ transport: 'cli' }, file)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });
});
