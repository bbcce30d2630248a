/**
 * A signed file counts for a meeting only when it is that meeting's edition as the app handed
 * it out, signed by members present who had still to sign, and the meeting becomes signed only
 * when every member present has a valid signature. Members sign in turn in the app or on their
 * own device: the signing file is exported, signed outside the app (tests/helpers/
 * externalSigner.ts: openssl for the key, pkijs's own SignedData.sign) and imported.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signPdf } from '../../main/node/signing/signPdf';
import { signingTip, tipBytes } from '../../main/node/signing/recordSignatures';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { presentParticipants } from '../../main/node/storage/queries/signers';
import { makeSamplePdf } from '../signing/samplePdf';
import { signExternally } from '../helpers/externalSigner';
import { createMemberCache, presentAtModelMeeting as present } from '../helpers/modelMeeting';
import { createTestPki } from '../helpers/testPki';
import { setupSigningLibrary } from './signingHelpers';
import { makeTempDir } from './storageHelpers';

const pdfAudit = path.resolve(import.meta.dirname, '../../../shared/tools/pdf-audit');
const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);

const setup = async () => {
  const t = await setupSigningLibrary(memberFor, { rootPem: pki.rootPem });
  await t.ok('meetings:approve', { id: t.meetingId });
  return t;
};
type Setup = Awaited<ReturnType<typeof setup>>;

/** The file the next signer of the full edition signs, as "Hent underskriftsfil" hands it out. */
async function signingFile(t: Setup): Promise<Buffer> {
  const tip = await signingTip(t.library, t.meetingId, 'full', 'export');
  if (!tip) throw new Error('no signing file');
  return tipBytes(t.library, tip);
}

const signAs = (pdf: Buffer, name: string) => {
  const member = memberFor(name);
  return signPdf(pdf, { p12: member.p12, password: member.password, reason: 'Godkendt' });
};

const status = (t: Setup) =>
  t.library.db.prepare('SELECT status FROM meetings WHERE id = ?').pluck().get(t.meetingId);

describe('a signed file must be this meeting’s edition', () => {
  it('an unrelated PDF signed by every member present cannot mark the meeting signed', async () => {
    const t = await setup();
    let pdf = await makeSamplePdf(1);
    for (const name of present) pdf = signAs(pdf, name);
    const refused = await t.fail('meetings:markSigned', {
      id: t.meetingId,
      uploadId: t.upload('unrelated.pdf', pdf),
    });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toMatch(/not an edition of this meeting/);
    expect(status(t)).toBe('approved');
    expect(await t.ok('signatures:list', { meetingId: t.meetingId })).toEqual([]);
    // Through the import as well, with the Danish text for the UI.
    const imported = await t.fail('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('unrelated.pdf', pdf),
    });
    expect(imported).toMatchObject({
      code: 'conflict',
      localized: { key: 'signing.notThisMeeting' },
    });
  });

  it('a file signed on an older revision is refused (export a new signing file)', async () => {
    const t = await setup();
    const first = await signingFile(t);
    await t.sign(present[0] ?? '');
    // Signed on the export, not on the file that now carries the first signature.
    const stale = signAs(first, present[1] ?? '');
    const refused = await t.fail('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('stale.pdf', stale),
    });
    expect(refused).toMatchObject({ code: 'conflict', localized: { key: 'signing.olderFile' } });
  });

  it('a signer who is not a member present is refused unless the secretary confirms who signed (logged)', async () => {
    const t = await setup();
    const stranger = pki.makeMember('Ukendt Person');
    const file = await signingFile(t);
    const signed = signPdf(file, {
      p12: stranger.p12,
      password: stranger.password,
      reason: 'Godkendt',
    });
    const refused = await t.fail('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('stranger.pdf', signed),
    });
    expect(refused).toMatchObject({
      code: 'conflict',
      localized: { key: 'signing.unknownSigner', values: { signer: 'Ukendt Person' } },
    });
    const participant = presentParticipants(t.library.db, t.meetingId)[2];
    const recorded = await t.ok('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('stranger.pdf', signed),
      confirmations: [{ field: 'Signature1', participantId: participant?.id ?? '' }],
    });
    expect(recorded.signedPdf.signer).toBe(participant?.name);
    const audit = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(audit.at(-1)).toMatchObject({ action: 'signer_confirmed' });
    expect(audit.at(-1)?.detail).toContain(participant?.name ?? '?');
    expect(audit.at(-1)?.detail).toContain('Ukendt Person');
    const [full] = await t.ok('signatures:status', { meetingId: t.meetingId });
    expect(full?.signers.find((s) => s.participantId === participant?.id)).toMatchObject({
      state: 'signed',
      matchedBy: 'secretary',
    });
  });

  it('a member who has signed cannot sign the round again to make up the count', async () => {
    const t = await setup();
    await t.sign(present[0] ?? '');
    const failed = await t.fail('signatures:sign', t.signatureRequest(present[0] ?? ''));
    expect(failed).toMatchObject({ code: 'conflict', localized: { key: 'signing.alreadySigned' } });
    expect((await t.ok('signatures:list', { meetingId: t.meetingId })).length).toBe(1);
  });

  it('a member may sign with a reservation: the status says so with the text', async () => {
    const t = await setup();
    await t.ok('signatures:sign', {
      ...t.signatureRequest(present[0] ?? ''),
      reservation: 'Jeg er uenig i punkt 3',
    });
    const [full] = await t.ok('signatures:status', { meetingId: t.meetingId });
    expect(full?.signers[0]).toMatchObject({
      name: present[0],
      state: 'reservation',
      reservation: 'Jeg er uenig i punkt 3',
    });
    expect(full?.signers.slice(1).every((s) => s.state === 'waiting')).toBe(true);
    expect(full?.isComplete).toBe(false);
  });

  it('all present signed but a root not configured: recorded, the meeting is not signed until the root is added', async () => {
    const t = await setupSigningLibrary(memberFor);
    await t.ok('meetings:approve', { id: t.meetingId });
    for (const name of present) await t.sign(name);
    expect(status(t)).toBe('approved');
    const missingRoot = await t.fail('meetings:markSigned', { id: t.meetingId, edition: 'full' });
    expect(missingRoot).toMatchObject({
      code: 'conflict',
      localized: { key: 'signing.notAllValid' },
    });
    await t.ok('trustedRoots:add', { pem: pki.rootPem });
    const marked = await t.ok('meetings:markSigned', { id: t.meetingId, edition: 'full' });
    expect(marked.meeting.status).toBe('signed');
  });
});

describe('signing in turn, one member on another device', () => {
  it('three members present sign (app, own device, app): signed with three valid signatures', async () => {
    // Only the first three of the model meeting's members present attended (edited before approval).
    const t3 = await setupSigningLibrary(memberFor, { rootPem: pki.rootPem });
    for (const p of presentParticipants(t3.library.db, t3.meetingId).slice(3))
      await t3.ok('participants:update', { id: p.id, patch: { attendance: 'absent' } });
    await t3.ok('meetings:approve', { id: t3.meetingId });
    const names = presentParticipants(t3.library.db, t3.meetingId).map((p) => p.name);
    expect(names).toEqual(present.slice(0, 3));

    const [before] = await t3.ok('signatures:status', { meetingId: t3.meetingId });
    expect(before?.signers.map((s) => s.state)).toEqual(['waiting', 'waiting', 'waiting']);

    const first = await t3.sign(names[0] ?? '');
    expect(first.isMeetingSigned).toBe(false);

    // The second member signs the signing file on their own device and returns it.
    const file = await signingFile(t3);
    const member = memberFor(names[1] ?? '');
    const outside = await signExternally(file, {
      p12Path: member.p12Path,
      password: member.password,
    });
    const imported = await t3.ok('signatures:import', {
      meetingId: t3.meetingId,
      uploadId: t3.upload('signed-at-home.pdf', outside),
    });
    expect(imported).toMatchObject({ isMeetingSigned: false, signedPdf: { signerCount: 2 } });
    const [middle] = await t3.ok('signatures:status', { meetingId: t3.meetingId });
    expect(middle?.signers.map((s) => s.state)).toEqual(['signed', 'signed', 'waiting']);
    expect(middle?.signers[1]?.certificateSubject).toContain(names[1]);

    const last = await t3.sign(names[2] ?? '');
    expect(last.isMeetingSigned).toBe(true);
    expect(last.meeting.status).toBe('signed');

    const stored = fs.readFileSync(fileStorePath(t3.library.filesDir, last.signedPdf.sha256));
    const report = await verifyPdf(stored, { trustedRoots: [pki.rootPem] });
    expect(report.signatures.map((s) => [s.signer, s.status])).toEqual(
      names.map((name) => [name, 'valid']),
    );
    expect(report.isAllValid).toBe(true);
    const out = path.join(makeTempDir(), 'signed.pdf');
    fs.writeFileSync(out, stored);
    const audit = execFileSync(pdfAudit, [out, '--signatures', '3', '--signature-valid'], {
      encoding: 'utf8',
    });
    expect(audit).toContain('0 failed');
  });
});
