/**
 * Signing in the app (signatures:sign) through the real dispatcher and a real library: the
 * Gentofte model meeting is approved, members sign in turn with PKCS#12 files uploaded as the
 * browser does, each signed file is kept in the library and verifies, the meeting becomes
 * signed when every member present has signed, and the archive package carries the signed
 * file. Certificates are made at run time (tests/helpers/testPki.ts).
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { RequestOutput } from '../../common/contract/api';
import { exportBag } from '../../main/node/archive/exportBag';
import { findSignedPdf } from '../../main/node/archive/signedPdfs';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import { createPdfExportJobs } from '../../main/node/pdf/exportJobs';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { createMemberCache, presentAtModelMeeting as present } from '../helpers/modelMeeting';
import { createTestPki } from '../helpers/testPki';
import { setupSigningLibrary } from './signingHelpers';
import { makeTempDir } from './storageHelpers';

const pdfAudit = path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit');

const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);

const setup = () =>
  setupSigningLibrary(memberFor, { signatureLocation: 'Gentofte Rådhus', rootPem: pki.rootPem });

function audit(file: string, args: string[]): string {
  return execFileSync(pdfAudit, [file, ...args], { encoding: 'utf8' });
}

describe('signatures:sign', () => {
  it('refuses a draft, signs approved minutes once (signature page, pdf-audit) and removes the upload', async () => {
    const t = await setup();
    expect((await t.fail('signatures:sign', t.signatureRequest(present[0] ?? ''))).code).toBe(
      'conflict',
    );
    await t.ok('meetings:approve', { id: t.meetingId });
    const { signedPdf, meeting, isMeetingSigned } = await t.sign(present[0] ?? '');
    expect(t.uploads.size).toBe(0);
    expect(fs.readdirSync(t.uploadDir)).toEqual([]);
    expect(signedPdf).toMatchObject({
      edition: 'full',
      signer: 'Kristine Kryger',
      signatureCount: 1,
    });
    expect(meeting.status).toBe('approved');
    expect(isMeetingSigned).toBe(false);

    const file = fileStorePath(t.library.filesDir, signedPdf.sha256);
    const bytes = fs.readFileSync(file);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(signedPdf.sha256);
    const report = await verifyPdf(bytes, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    const out = audit(file, [
      '--pdfa',
      '--signatures',
      '1',
      '--signature-valid',
      '--contains',
      'Underskriftsblad',
      '--contains',
      'Forbehold',
      ...present.flatMap((name) => ['--contains', name]),
    ]);
    expect(out).toContain('0 failed');

    // The stored file verifies through the API too (the library's trusted roots).
    await t.ok('trustedRoots:add', { pem: pki.rootPem });
    const verified = await t.ok('signatures:verify', {
      stored: { meetingId: t.meetingId, edition: 'full' },
    });
    expect(verified.isAllValid).toBe(true);
    expect(verified.signatures.map((s) => [s.signer, s.status, s.coversWholeFile])).toEqual([
      ['Kristine Kryger', 'valid', true],
    ]);
    expect(await t.ok('signatures:list', { meetingId: t.meetingId })).toEqual([signedPdf]);
  });

  it('three signers: each signs the previous file as an incremental update; every stored file verifies', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const files: Buffer[] = [];
    for (const name of present.slice(0, 3)) {
      const { signedPdf } = await t.sign(name);
      files.push(fs.readFileSync(fileStorePath(t.library.filesDir, signedPdf.sha256)));
    }
    const list = await t.ok('signatures:list', { meetingId: t.meetingId });
    expect(list.map((s) => [s.signer, s.signatureCount])).toEqual([
      ['Kristine Kryger', 1],
      ['Michael Fenger', 2],
      ['Marianne Zangenberg', 3],
    ]);
    for (const [index, bytes] of files.entries()) {
      // Incremental: each file starts with the previous one, byte for byte.
      if (index > 0)
        expect(
          bytes.subarray(0, files[index - 1]?.length).equals(files[index - 1] ?? Buffer.alloc(0)),
        ).toBe(true);
      const report = await verifyPdf(bytes, { trustedRoots: [pki.rootPem] });
      expect(report.signatures).toHaveLength(index + 1);
      expect(report.isAllValid).toBe(true);
    }
    const last = fileStorePath(t.library.filesDir, list[2]?.sha256 ?? '');
    expect(audit(last, ['--pdfa', '--signatures', '3', '--signature-valid'])).toContain('0 failed');
    expect((await t.ok('meetings:get', { id: t.meetingId })).meeting.status).toBe('approved');
    // Not everybody has signed: marking as signed is refused.
    expect((await t.fail('meetings:markSigned', { id: t.meetingId, edition: 'full' })).code).toBe(
      'conflict',
    );
  });

  it('a wrong password: a clear error, nothing stored, the password never logged', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const secret = 'forkert-hemmelig-kode-42';
    const error = await t.fail(
      'signatures:sign',
      t.signatureRequest(present[0] ?? '', { password: secret }),
    );
    expect(error.code).toBe('invalid_input');
    expect(error.message).toMatch(/adgangskode|password/i);
    expect(error.message).not.toContain(secret);
    expect(t.logged.join('\n')).not.toContain(secret);
    expect(await t.ok('signatures:list', { meetingId: t.meetingId })).toEqual([]);
    expect(t.library.db.prepare('SELECT count(*) FROM signed_pdfs').pluck().get()).toBe(0);
    expect(t.uploads.size).toBe(0);
    expect(findSignedPdf(t.library, t.meetingId, 'full')).toBeNull();
  });

  it('every member present signs: the meeting is signed, the audit log says so, and the bag carries the signed file', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    let result: RequestOutput<'signatures:sign'> | undefined;
    for (const name of present) result = await t.sign(name);
    expect(result?.isMeetingSigned).toBe(true);
    expect(result?.meeting.status).toBe('signed');
    const log = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(log.map((e) => e.action)).toEqual(['approved', 'signed']);
    expect(log[1]?.detail).toContain(result?.signedPdf.sha256 ?? 'missing');

    const signedFile = findSignedPdf(t.library, t.meetingId, 'full');
    expect(signedFile).toBe(fileStorePath(t.library.filesDir, result?.signedPdf.sha256 ?? ''));
    const out = path.join(makeTempDir(), 'bag');
    const bag = await exportBag(t.library, t.meetingId, { out });
    expect(bag.pdfSources).toEqual({ full: 'signed', public: 'exported' });
    const bagged = bag.payload.find(
      (f) => f.path.endsWith('.pdf') && !f.path.includes('offentlig'),
    );
    expect(bagged?.sha256 ?? '').toBe(result?.signedPdf.sha256);

    // Signing the download hands out exactly the stored file.
    const offered: string[] = [];
    const dispatch = createDispatcher(createHandlers(t.library), { log: () => undefined });
    const answer = await dispatch(
      'signatures:download',
      { meetingId: t.meetingId, edition: 'full' },
      {
        transport: 'http',
        offerDownload: (file) => {
          offered.push(file.path);
          return { url: '/downloads/x' };
        },
      },
    );
    expect(answer.ok).toBe(true);
    expect(offered).toEqual([signedFile]);
  });

  it('pdf:export path: the draft has no signature page; approved minutes have one naming every member present, and corrections', async () => {
    const t = await setup();
    const jobs = createPdfExportJobs({ parentDir: makeTempDir() });
    try {
      const exportOnce = async () => {
        const id = jobs.start({
          document: exportMeetingDocument(t.library.db, t.meetingId),
          edition: 'full',
          fileName: 'm.pdf',
          corrections: (await t.ok('corrections:list', { meetingId: t.meetingId })).map((c) => ({
            date: c.createdAt,
            author: c.author,
            reason: c.reason,
            text: c.text,
          })),
        });
        await jobs.wait(id);
        return jobs.file(id)?.path ?? '';
      };
      expect(audit(await exportOnce(), ['--lacks', 'Underskriftsblad'])).toContain('0 failed');
      await t.ok('meetings:approve', { id: t.meetingId });
      await t.ok('corrections:add', {
        meetingId: t.meetingId,
        reason: 'Stavefejl',
        text: 'Rettet navn i punkt 2.',
      });
      const out = audit(await exportOnce(), [
        '--pdfa',
        '--in-order',
        'Rettelser',
        '--in-order',
        'Underskriftsblad',
        '--contains',
        'Rettet navn i punkt 2.',
        '--contains',
        'Forbehold',
        ...present.flatMap((name) => ['--contains', name]),
      ]);
      expect(out).toContain('0 failed');
    } finally {
      await jobs.close();
    }
  });
});
