/**
 * Signing again after a correction (issue 5): a correction added after an edition was signed
 * makes the next signature sign a fresh export with the "Rettelser" and start a new round; the
 * earlier files stay, only the newest round's signatures count, every step is in the audit log,
 * and signatures:list reports the need to sign again. Real library, real PDFs, certificates
 * made at run time (tests/helpers/testPki.ts); PDF text read with pdftotext. How migration 60
 * derives the rounds of files signed before it: tests/storage/migrations/0060-signature-rounds.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBag } from '../../main/node/archive/exportBag';
import { findSignedPdf } from '../../main/node/archive/signedPdfs';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { createMemberCache, presentAtModelMeeting as present } from '../helpers/modelMeeting';
import { createTestPki } from '../helpers/testPki';
import { setupSigningLibrary } from './signingHelpers';
import { makeTempDir } from './storageHelpers';

const correction = { reason: 'Stavefejl i punkt 2', text: 'Navnet i punkt 2 er Zangenberg.' };

const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);

const setup = () => setupSigningLibrary(memberFor, { rootPem: pki.rootPem });

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

describe('signing again after a correction', () => {
  it('a correction after full signing: the next signature signs a new export with the Rettelser, a new round; earlier files stay', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    for (const name of present) await t.sign(name);
    const firstRound = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(
      firstRound.map((s) => [s.round, s.signerCount, s.isComplete, s.lacksCorrections]),
    ).toEqual([
      [1, 1, false, false],
      [1, 2, false, false],
      [1, 3, false, false],
      [1, 4, false, false],
      [1, 5, true, false],
    ]);
    const roundOneFile = t.storedFile(firstRound[4]?.sha256 ?? '');
    expect(pdfText(roundOneFile)).not.toContain('Rettelser');

    await t.ok('corrections:add', { meetingId: t.meetingId, ...correction });
    // signatures:list reports the need to sign again on the newest file of the full edition.
    const afterCorrection = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(afterCorrection.map((s) => s.lacksCorrections)).toEqual([true, true, true, true, true]);
    expect(afterCorrection.at(-1)?.isComplete).toBe(true);
    expect((await t.ok('meetings:get', { id: t.meetingId })).meeting.status).toBe('signed');

    const first = await t.sign(present[0] ?? '');
    expect(first.signedPdf).toMatchObject({
      round: 2,
      signatureCount: 1,
      signerCount: 1,
      correctionsIncluded: 1,
      isComplete: false,
      lacksCorrections: false,
    });
    // The status stays signed; the new round is what is not complete yet.
    expect(first.meeting.status).toBe('signed');
    const newFile = t.storedFile(first.signedPdf.sha256);
    const newBytes = fs.readFileSync(newFile);
    const oldBytes = fs.readFileSync(roundOneFile);
    // A fresh export, not an update of the round-one file.
    expect(newBytes.subarray(0, oldBytes.length).equals(oldBytes)).toBe(false);
    const text = pdfText(newFile);
    expect(text).toContain('Rettelser');
    expect(text).toContain(correction.text);
    expect(text).toContain('Underskriftsblad');
    const report = await verifyPdf(newBytes, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    expect(report.signatures.map((s) => s.signer)).toEqual([present[0]]);
    // Earlier files stay stored and listed.
    expect(fs.existsSync(roundOneFile)).toBe(true);
    const listed = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(listed).toHaveLength(6);
    expect(listed.map((s) => s.round)).toEqual([1, 1, 1, 1, 1, 2]);
    // An earlier round's file can still be downloaded, named after its round.
    const offered: { path: string; fileName: string }[] = [];
    const download = (seq?: number) =>
      createDispatcher(createHandlers(t.library), { log: () => undefined })(
        'signatures:download',
        { meetingId: t.meetingId, edition: 'full', ...(seq !== undefined ? { seq } : {}) },
        {
          transport: 'http',
          offerDownload: (file) => {
            offered.push(file);
            return { url: '/downloads/x' };
          },
        },
      );
    expect((await download(firstRound[4]?.seq)).ok).toBe(true);
    expect((await download()).ok).toBe(true);
    expect(offered.map((o) => o.path)).toEqual([roundOneFile, newFile]);
    expect(offered[0]?.fileName).toMatch(/-underskrevet-runde-1\.pdf$/);
    expect(offered[1]?.fileName).toMatch(/-underskrevet\.pdf$/);
    const missing = await download(999_999);
    expect(missing.ok ? 'ok' : missing.error.code).toBe('not_found');
    // The completed round lacks the correction: packing the meeting now would drop it.
    expect(() => findSignedPdf(t.library, t.meetingId, 'full')).toThrow(/lacks corrections/);
    const bagOut = path.join(makeTempDir(), 'bag.zip');
    await expect(exportBag(t.library, t.meetingId, { out: bagOut })).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(fs.existsSync(bagOut)).toBe(false);

    const log = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(log.map((e) => e.action)).toEqual([
      'approved',
      'signed',
      'correction',
      'signing_restarted',
    ]);
    expect(log[3]?.detail).toContain('round 2');
    expect(log[3]?.detail).toContain(firstRound[4]?.sha256 ?? 'missing');
    expect(log[3]?.revisionSha256).toBe(log[2]?.revisionSha256);

    let last = first;
    for (const name of present.slice(1)) last = await t.sign(name);
    expect(last.signedPdf).toMatchObject({
      round: 2,
      signatureCount: 5,
      signerCount: 5,
      isComplete: true,
    });
    const finalFile = t.storedFile(last.signedPdf.sha256);
    const final = await verifyPdf(fs.readFileSync(finalFile), {
      trustedRoots: [pki.rootPem],
    });
    expect(final.isAllValid).toBe(true);
    expect(final.signatures).toHaveLength(5);
    expect(pdfText(finalFile)).toContain('Rettelser');
    const done = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(done.map((e) => e.action)).toEqual([
      'approved',
      'signed',
      'correction',
      'signing_restarted',
      'signed',
    ]);
    expect(done[4]?.detail).toContain(last.signedPdf.sha256);
    expect(findSignedPdf(t.library, t.meetingId, 'full')).toBe(finalFile);
    // Now the package carries the corrected, fully signed file.
    const bag = await exportBag(t.library, t.meetingId, { out: bagOut });
    expect(bag.pdfSources.full).toBe('signed');

    // A member who signed the round cannot sign it again: nothing is stored or logged.
    const extra = await t.fail('signatures:sign', t.signatureRequest(present[0] ?? ''));
    expect(extra).toMatchObject({ code: 'conflict', localized: { key: 'signing.alreadySigned' } });
    expect(await t.ok('audit:list', { meetingId: t.meetingId })).toHaveLength(5);
  });

  it('partly signed, then corrected: only the newest round counts towards "every member present has signed"', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    for (const name of present.slice(2)) await t.sign(name);
    await t.ok('corrections:add', { meetingId: t.meetingId, ...correction });
    const list = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(list.at(-1)).toMatchObject({ round: 1, signerCount: 3, lacksCorrections: true });

    // Round 2: four of five. Across both rounds all five have signed, but not one file.
    for (const name of present.slice(0, 4)) {
      const { signedPdf, meeting } = await t.sign(name);
      expect(signedPdf.round).toBe(2);
      expect(meeting.status).toBe('approved');
    }
    expect((await t.fail('meetings:markSigned', { id: t.meetingId, edition: 'full' })).code).toBe(
      'conflict',
    );
    const { signedPdf, meeting, isMeetingSigned } = await t.sign(present[4] ?? '');
    expect(signedPdf).toMatchObject({
      round: 2,
      signerCount: 5,
      isComplete: true,
      correctionsIncluded: 1,
    });
    expect(meeting.status).toBe('signed');
    expect(isMeetingSigned).toBe(true);
    const log = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(log.map((e) => e.action)).toEqual([
      'approved',
      'correction',
      'signing_restarted',
      'signed',
    ]);

    // A second correction: round 2 lacks it; round 3 prints both.
    await t.ok('corrections:add', {
      meetingId: t.meetingId,
      reason: 'Tilføjelse',
      text: 'Punkt 3 blev behandlet før punkt 2.',
    });
    const third = await t.sign(present[0] ?? '');
    expect(third.signedPdf).toMatchObject({ round: 3, correctionsIncluded: 2, signatureCount: 1 });
    const text = pdfText(t.storedFile(third.signedPdf.sha256));
    expect(text).toContain(correction.text);
    expect(text).toContain('Punkt 3 blev behandlet før punkt 2.');
  });

  it('the public edition prints no corrections: it is not signed again', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const first = await t.sign(present[0] ?? '', 'public');
    await t.ok('corrections:add', { meetingId: t.meetingId, ...correction });
    const listed = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(listed.map((s) => [s.edition, s.lacksCorrections, s.correctionsIncluded])).toEqual([
      ['public', false, 0],
    ]);
    const second = await t.sign(present[1] ?? '', 'public');
    expect(second.signedPdf).toMatchObject({
      round: 1,
      signatureCount: 2,
      lacksCorrections: false,
    });
    // An incremental update of the first file.
    const before = fs.readFileSync(t.storedFile(first.signedPdf.sha256));
    const after = fs.readFileSync(t.storedFile(second.signedPdf.sha256));
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(pdfText(t.storedFile(second.signedPdf.sha256))).not.toContain('Rettelser');
  });
});
