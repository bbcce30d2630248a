/**
 * Handing signed minutes to the archive: meetings:recordArchiveHandover records the time, the
 * package's SHA-256 and the receiver in the audit log and sets the status to archived, only for
 * a meeting every member present has signed (full edition, every correction included). Any
 * other state is refused and nothing changes. Real library, real signed PDFs (test PKI).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportBag } from '../../main/node/archive/exportBag';
import { recordArchiveHandover } from '../../main/node/storage/queries/lifecycle';
import { createMemberCache, presentAtModelMeeting as present } from '../helpers/modelMeeting';
import { createTestPki } from '../helpers/testPki';
import { setupSigningLibrary } from './signingHelpers';
import { makeTempDir } from './storageHelpers';

const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);
const setup = () => setupSigningLibrary(memberFor, { rootPem: pki.rootPem });

const receiver = 'Gentofte Stadsarkiv';

describe('handing the minutes to the archive', () => {
  it('a signed meeting: the handover is logged with time, package SHA-256 and receiver; the status becomes archived', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    for (const name of present) await t.sign(name);
    expect((await t.ok('meetings:get', { id: t.meetingId })).meeting.status).toBe('signed');
    const zip = path.join(makeTempDir(), 'pakke.zip');
    const exported = await exportBag(t.library, t.meetingId, { out: zip });
    expect(exported.pdfSources.full).toBe('signed');
    expect(exported.packageSha256).toBe(
      createHash('sha256').update(fs.readFileSync(zip)).digest('hex'),
    );

    const before = Date.now();
    const { meeting, audit } = await t.ok('meetings:recordArchiveHandover', {
      meetingId: t.meetingId,
      packageSha256: exported.packageSha256,
      receiver: `  ${receiver}  `,
    });
    expect(meeting.status).toBe('archived');
    expect(audit.action).toBe('archived');
    expect(audit.author).toBe('Referent Rasmussen');
    expect(audit.detail).toBe(`package ${exported.packageSha256} handed to ${receiver}`);
    expect(Date.parse(audit.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(audit.at)).toBeLessThanOrEqual(Date.now() + 1000);

    const log = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(log.at(-1)).toEqual(audit);
    expect((await t.ok('meetings:get', { id: t.meetingId })).meeting.status).toBe('archived');
    const listed = await t.ok('meetings:list', {});
    expect(listed.find((m) => m.id === t.meetingId)?.status).toBe('archived');

    // Handed over once: a second handover is refused, the log keeps one entry.
    const again = await t.fail('meetings:recordArchiveHandover', {
      meetingId: t.meetingId,
      packageSha256: exported.packageSha256,
      receiver,
    });
    expect(again.code).toBe('conflict');
    expect((await t.ok('audit:list', { meetingId: t.meetingId })).length).toBe(log.length);
    // An archived meeting takes no corrections.
    const correction = await t.fail('corrections:add', {
      meetingId: t.meetingId,
      reason: 'For sent',
      text: 'Tekst',
    });
    expect(correction.code).toBe('locked');
  });

  it('a draft, an approved and a partly signed meeting are refused; nothing changes', async () => {
    const t = await setup();
    const sha = 'a'.repeat(64);
    const attempt = () =>
      t.fail('meetings:recordArchiveHandover', {
        meetingId: t.meetingId,
        packageSha256: sha,
        receiver,
      });
    const draft = await attempt();
    expect(draft.code).toBe('conflict');
    expect(draft.message).toContain('this meeting is draft');
    expect(draft.localized?.key).toBe('archive.notSigned');

    await t.ok('meetings:approve', { id: t.meetingId });
    await t.sign(present[0] ?? '');
    const approved = await attempt();
    expect(approved.code).toBe('conflict');
    expect(approved.message).toContain('this meeting is approved');

    const meeting = (await t.ok('meetings:get', { id: t.meetingId })).meeting;
    expect(meeting.status).toBe('approved');
    const log = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(log.map((e) => e.action)).not.toContain('archived');
  });

  it('signed minutes whose signed full edition lacks a later correction are refused', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    for (const name of present) await t.sign(name);
    await t.ok('corrections:add', {
      meetingId: t.meetingId,
      reason: 'Stavefejl',
      text: 'Navnet i punkt 2 er Zangenberg.',
    });
    const refused = await t.fail('meetings:recordArchiveHandover', {
      meetingId: t.meetingId,
      packageSha256: 'b'.repeat(64),
      receiver,
    });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('lacks corrections');
    expect((await t.ok('meetings:get', { id: t.meetingId })).meeting.status).toBe('signed');
    // The package export refuses the same state.
    await expect(
      exportBag(t.library, t.meetingId, { out: path.join(makeTempDir(), 'pakke.zip') }),
    ).rejects.toThrow(/lacks corrections/);
  });

  it('bad input is refused with a message naming the field', async () => {
    const t = await setup();
    const badSha = await t.fail('meetings:recordArchiveHandover', {
      meetingId: t.meetingId,
      packageSha256: 'A'.repeat(64),
      receiver,
    });
    expect(badSha.code).toBe('invalid_input');
    expect(badSha.message).toContain('packageSha256');
    const emptyReceiver = await t.fail('meetings:recordArchiveHandover', {
      meetingId: t.meetingId,
      packageSha256: 'a'.repeat(64),
      receiver: '   ',
    });
    expect(emptyReceiver.code).toBe('invalid_input');
    expect(emptyReceiver.message).toContain('receiver');
    expect(() =>
      recordArchiveHandover(t.library.db, {
        meetingId: t.meetingId,
        author: 'Referent',
        packageSha256: 'a'.repeat(64),
        receiver: 'x'.repeat(301),
      }),
    ).toThrow(/at most 300/);
  });
});
