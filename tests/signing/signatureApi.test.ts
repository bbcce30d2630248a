/** `signatures:verify` through the real dispatcher (output validated against the contract). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { signPdf } from '../../main/node/signing/index';
import { createTestPki, type TestPki } from '../helpers/testPki';
import { newLibrary } from '../storage/storageHelpers';
import { makeSamplePdf } from './samplePdf';

const uploadId = 'b'.repeat(32);
let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = createTestPki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-sigapi-'));
  // The signature claims December 2017: the certificate must be valid then.
  const member = pki.makeMember('Karen Ærø', { notBefore: '20170101000000Z' });
  const signed = signPdf(await makeSamplePdf(1), {
    p12: member.p12,
    password: member.password,
    reason: 'Godkendt',
    location: 'Gentofte',
    date: new Date(Date.UTC(2017, 11, 13, 9)),
  });
  fs.writeFileSync(path.join(dir, 'signed.pdf'), signed);
  fs.writeFileSync(path.join(dir, 'not.pdf'), 'hello');
});

afterAll(() => {
  pki?.dispose();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

function setup(file: string, library = newLibrary()) {
  const released: string[] = [];
  const logged: string[] = [];
  const dispatch = createDispatcher(createHandlers(library), {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  const ctx: HandlerContext = {
    transport: 'http',
    resolveUpload: (id) => {
      if (id !== uploadId) throw new Error('unknown upload');
      return { path: path.join(dir, file), fileName: `../${file}` };
    },
    releaseUpload: (id) => {
      released.push(id);
    },
  };
  return {
    call: (input: unknown) => dispatch('signatures:verify', input, ctx),
    dispatch: (name: string, input: unknown) => dispatch(name, input, ctx),
    released,
    logged,
  };
}

describe('signatures:verify', () => {
  it('reports each signature with signer, time, reason, location and status', async () => {
    const t = setup('signed.pdf');
    const result = await t.call({ uploadId, trustedRootsPem: [pki.rootPem] });
    expect(t.logged).toEqual([]);
    expect(result).toEqual({
      ok: true,
      value: {
        fileName: 'signed.pdf',
        isAllValid: true,
        signatures: [
          {
            field: 'Signature1',
            signer: 'Karen Ærø',
            signedAt: '2017-12-13T09:00:00.000Z',
            reason: 'Godkendt',
            location: 'Gentofte',
            status: 'valid',
            detail: null,
            coversWholeFile: true,
            certificate: expect.objectContaining({
              subject: expect.stringContaining('CN=Karen Ærø'),
              issuer: expect.stringContaining('CN=Referat Test Issuing CA'),
            }),
            isCertificateValidAtSigning: true,
            isCertificateValidNow: true,
            isRevocationChecked: false,
          },
        ],
      },
    });
    expect(t.released).toEqual([uploadId]);
  });

  it('an untrusted issuer, bad roots and a non-PDF are typed answers', async () => {
    const untrusted = await setup('signed.pdf').call({ uploadId });
    expect(untrusted.ok && untrusted.value).toMatchObject({
      isAllValid: false,
      signatures: [{ status: 'unknown_issuer' }],
    });
    const badRoot = await setup('signed.pdf').call({
      uploadId,
      trustedRootsPem: ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'],
    });
    expect(badRoot).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const t = setup('not.pdf');
    const notPdf = await t.call({ uploadId });
    expect(notPdf).toMatchObject({
      ok: false,
      error: { code: 'damaged_file', message: expect.stringContaining('PDF') },
    });
    expect(t.released).toEqual([uploadId]);
    expect(await setup('signed.pdf').call({ uploadId: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('trusted roots kept in the library settings are used by signatures:verify', async () => {
    const library = newLibrary();
    const t = setup('signed.pdf', library);
    const added = await t.dispatch('trustedRoots:add', { pem: pki.rootPem });
    expect(added).toMatchObject({
      ok: true,
      value: [{ subject: expect.stringContaining('Referat Test Root CA') }],
    });
    const again = await t.dispatch('trustedRoots:add', { pem: pki.rootPem + pki.rootPem });
    expect(again.ok && again.value).toHaveLength(1);
    const listed = await t.dispatch('trustedRoots:list', {});
    const fingerprint = listed.ok
      ? (listed.value as { fingerprint256: string }[])[0]?.fingerprint256
      : undefined;
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);

    const verified = await t.call({ uploadId });
    expect(verified.ok && verified.value).toMatchObject({
      isAllValid: true,
      signatures: [{ status: 'valid' }],
    });

    const member = pki.makeMember('Ikke En CA');
    const notCa = await t.dispatch('trustedRoots:add', { pem: member.certPem });
    expect(notCa).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('not a CA certificate') },
    });
    expect(await t.dispatch('trustedRoots:remove', { fingerprint256: 'AA:BB' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.dispatch('trustedRoots:remove', { fingerprint256: fingerprint })).toEqual({
      ok: true,
      value: [],
    });
    const after = await t.call({ uploadId });
    expect(after.ok && after.value).toMatchObject({
      isAllValid: false,
      signatures: [{ status: 'unknown_issuer' }],
    });
  });
});
