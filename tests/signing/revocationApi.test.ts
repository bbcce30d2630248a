/**
 * Revocation data through the app's API (signatures:sign with CRL/OCSP uploads, as browser
 * mode sends them): the stored signed file carries the DSS before the signature, which covers
 * it; signatures:verify reports the revocation state; an unrelated or damaged file refuses
 * the request with nothing recorded; every upload is released. A real library and dispatcher.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { addRevocationData } from '../../main/node/signing/dss';
import { signingTip, tipBytes } from '../../main/node/signing/recordSignatures';
import { signPdf } from '../../main/node/signing/signPdf';
import { fileStorePath } from '../../main/node/storage/fileStore';
import { verifyPdf } from '../../main/node/signing/verifyPdf';
import { createMemberCache, presentAtModelMeeting as present } from '../helpers/modelMeeting';
import { createTestPki } from '../helpers/testPki';
import { makeCrl, makeOcspResponse, testIssuer } from '../helpers/testRevocation';
import { setupSigningLibrary } from '../storage/signingHelpers';

const pki = createTestPki();
const otherPki = createTestPki();
afterAll(() => {
  pki.dispose();
  otherPki.dispose();
});
const memberFor = createMemberCache(pki);

const setup = () => setupSigningLibrary(memberFor, { rootPem: pki.rootPem });

describe('signatures:sign with revocation data', () => {
  it('embeds the uploaded CRL and OCSP response; the stored file verifies "not revoked" and passes the round checks', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const name = present[0] ?? '';
    const issuer = await testIssuer(pki);
    const crl = await makeCrl(issuer);
    const ocsp = await makeOcspResponse(issuer, memberFor(name).certPem);
    const { signedPdf } = await t.ok('signatures:sign', {
      ...t.signatureRequest(name),
      revocationUploadIds: [t.upload('issuing.crl', crl), t.upload('member.ocsp', ocsp)],
    });
    expect(t.uploads.size).toBe(0);
    const bytes = fs.readFileSync(fileStorePath(t.library.filesDir, signedPdf.sha256));
    expect(bytes.includes(crl)).toBe(true);
    expect(bytes.includes(ocsp)).toBe(true);
    const report = await verifyPdf(bytes, { trustedRoots: [pki.rootPem] });
    expect(report.isAllValid).toBe(true);
    expect(report.signatures[0]?.coversWholeFile).toBe(true);
    const verified = await t.ok('signatures:verify', {
      stored: { meetingId: t.meetingId, edition: 'full' },
    });
    expect(verified.signatures[0]).toMatchObject({
      status: 'valid',
      isRevocationChecked: true,
      revocation: { state: 'good', revokedAt: null, certificate: name },
    });
    expect(verified.signatures[0]?.detail).toMatch(/^not revoked per (CRL|OCSP response) of /);
  });

  it('refuses an unrelated CRL and a damaged file, naming it; nothing is recorded and the uploads are released', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const impostor = await makeCrl(await testIssuer(otherPki));
    const refused = await t.fail('signatures:sign', {
      ...t.signatureRequest(present[0] ?? ''),
      revocationUploadIds: [t.upload('impostor.crl', impostor)],
    });
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/impostor\.crl: .*does not verify with its issuer's key/);
    const damaged = await t.fail('signatures:sign', {
      ...t.signatureRequest(present[0] ?? ''),
      revocationUploadIds: [t.upload('broken.crl', Buffer.from('not a CRL'))],
    });
    expect(damaged.code).toBe('invalid_input');
    expect(damaged.message).toContain('broken.crl er hverken en CRL');
    expect(t.uploads.size).toBe(0);
    expect(await t.ok('signatures:list', { meetingId: t.meetingId })).toEqual([]);
  });

  it('a returned file whose DSS was added after its signature (as Acrobat does) is recorded; one that changes more is refused', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const name = present[0] ?? '';
    const member = memberFor(name);
    const tip = await signingTip(t.library, t.meetingId, 'full', 'export');
    if (!tip) throw new Error('no signing file');
    const signed = signPdf(tipBytes(t.library, tip), {
      p12: member.p12,
      password: member.password,
      reason: 'Godkendt',
    });
    const crl = await makeCrl(await testIssuer(pki));
    const lt = addRevocationData(signed, [{ name: 'issuing.crl', bytes: crl }]).bytes;
    // The same file with one more byte appended after the DSS update is a change after signing.
    const changed = Buffer.concat([lt, Buffer.from('%extra\n')]);
    const refused = await t.fail('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('changed.pdf', changed),
    });
    expect(refused.code).toBe('conflict');
    const recorded = await t.ok('signatures:import', {
      meetingId: t.meetingId,
      uploadId: t.upload('signed-lt.pdf', lt),
    });
    expect(recorded.signedPdf.signer).toBe(name);
    const stored = fs.readFileSync(fileStorePath(t.library.filesDir, recorded.signedPdf.sha256));
    expect(stored.equals(lt)).toBe(true);
    const verified = await t.ok('signatures:verify', {
      stored: { meetingId: t.meetingId, edition: 'full' },
    });
    expect(verified).toMatchObject({ isAllValid: true, isOnlyDssAfterLast: true });
    expect(verified.signatures[0]).toMatchObject({ coversWholeFile: false, status: 'valid' });
  });
});
