/**
 * The meeting lifecycle through the real dispatcher and a real library: approval locks the
 * text and logs the SHA-256 of the approved document; corrections are appended and appear as
 * additions in the next PDF export; every step is in the audit log.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeReferatDocument } from '../../common/format/referatJson';
import { writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { correctionsForExport } from '../../main/node/storage/queries/lifecycle';
import { signPdf } from '../../main/node/signing/signPdf';
import { signingTip, tipBytes } from '../../main/node/signing/recordSignatures';
import { createTestPki } from '../helpers/testPki';
import { setupModelMeetingLibrary } from './signingHelpers';
import { makeTempDir, text } from './storageHelpers';

// The context these tests were written with: uploads are kept after markSigned reads them.
const setup = () => setupModelMeetingLibrary({ isReleasingUploads: false });

describe('meeting lifecycle', () => {
  it('approval locks the text (typed error) and logs the SHA-256 of the approved document', async () => {
    const t = await setup();
    const detail = await t.ok('meetings:get', { id: t.meetingId });
    const item = detail.items[0];
    expect(item).toBeDefined();
    const { meeting, audit } = await t.ok('meetings:approve', { id: t.meetingId });
    expect(meeting.status).toBe('approved');
    const approvedJson = serializeReferatDocument(exportMeetingDocument(t.library.db, t.meetingId));
    expect(audit).toMatchObject({
      action: 'approved',
      author: 'Referent Rasmussen',
      revisionSha256: createHash('sha256').update(approvedJson, 'utf8').digest('hex'),
    });

    const save = await t.fail('bodies:save', {
      owner: { kind: 'item', itemId: item?.id ?? '', field: 'decision' },
      content: text('Ændret efter godkendelse'),
      baseRevision: 0,
    });
    expect(save.code).toBe('locked');
    expect(
      (await t.fail('items:update', { id: item?.id, patch: { title: 'Ny titel' } })).code,
    ).toBe('locked');
    expect((await t.fail('meetings:approve', { id: t.meetingId })).code).toBe('locked');
    // Nothing changed: the document is byte-identical to the approved one.
    expect(serializeReferatDocument(exportMeetingDocument(t.library.db, t.meetingId))).toBe(
      approvedJson,
    );
  });

  it('a correction is appended (never an edit), logged, and printed as an addition in the next export', async () => {
    const t = await setup();
    expect(
      (await t.fail('corrections:add', { meetingId: t.meetingId, reason: 'Stavefejl', text: 'x' }))
        .code,
    ).toBe('conflict');
    await t.ok('meetings:approve', { id: t.meetingId });
    const before = serializeReferatDocument(exportMeetingDocument(t.library.db, t.meetingId));
    const first = await t.ok('corrections:add', {
      meetingId: t.meetingId,
      reason: 'Forkert dato for næste møde',
      text: 'Næste møde afholdes den 16. januar 2018, ikke den 15. januar.',
    });
    const second = await t.ok('corrections:add', {
      meetingId: t.meetingId,
      reason: 'Navn',
      text: 'Rettet stavning af et navn.',
    });
    expect([first.position, second.position]).toEqual([1, 2]);
    expect(first.author).toBe('Referent Rasmussen');
    expect(await t.ok('corrections:list', { meetingId: t.meetingId })).toEqual([first, second]);
    // The approved text stays as it was.
    expect(serializeReferatDocument(exportMeetingDocument(t.library.db, t.meetingId))).toBe(before);

    const audit = await t.ok('audit:list', { meetingId: t.meetingId });
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ['approved', ''],
      ['correction', 'Forkert dato for næste møde'],
      ['correction', 'Navn'],
    ]);
    expect(new Set(audit.map((a) => a.revisionSha256)).size).toBe(3);

    // Append-only at the storage level too.
    expect(() =>
      t.library.db.prepare('UPDATE meeting_corrections SET text = ?').run('ændret'),
    ).toThrow(/append-only/);
    expect(() => t.library.db.prepare('UPDATE meeting_audit SET author = ?').run('x')).toThrow(
      /append-only/,
    );

    const dir = makeTempDir();
    const file = path.join(dir, 'minutes.pdf');
    await writeMinutesPdf(exportMeetingDocument(t.library.db, t.meetingId), {
      edition: 'full',
      out: file,
      corrections: correctionsForExport(t.library.db, t.meetingId),
    });
    const pdfText = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(
      /\s+/g,
      ' ',
    );
    expect(pdfText).toContain('Rettelser');
    expect(pdfText).toContain('Begrundelse: Forkert dato for næste møde');
    expect(pdfText).toContain('Næste møde afholdes den 16. januar 2018, ikke den 15. januar.');
  });

  it('rejects empty reasons and unknown meetings with typed errors', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const empty = await t.fail('corrections:add', {
      meetingId: t.meetingId,
      reason: '  ',
      text: 'tekst',
    });
    expect(empty).toMatchObject({
      code: 'invalid_input',
      message: expect.stringContaining('reason'),
    });
    expect((await t.fail('audit:list', { meetingId: 'no-such-meeting' })).code).toBe('not_found');
    expect((await t.fail('meetings:approve', { id: 'no-such-meeting' })).code).toBe('not_found');
  });

  it('signed: the signing file signed elsewhere by every member present, recorded with the PDF hash; then corrections still append', async () => {
    const t = await setup();
    await t.ok('meetings:approve', { id: t.meetingId });
    const document = exportMeetingDocument(t.library.db, t.meetingId);
    const present = document.participants
      .filter((p) => p.attendance === 'present')
      .map((p) => p.name);
    expect(present.length).toBeGreaterThan(1);
    const dir = makeTempDir();
    const pki = createTestPki();
    await t.ok('trustedRoots:add', { pem: pki.rootPem });
    try {
      // The file members sign is the one the app hands out ("Hent underskriftsfil").
      const tip = await signingTip(t.library, t.meetingId, 'full', 'export');
      let pdf: Buffer = tipBytes(t.library, tip as NonNullable<typeof tip>);
      const upload = (id: string, bytes: Buffer) => {
        const target = path.join(dir, `${id}.pdf`);
        fs.writeFileSync(target, bytes);
        t.uploads.set(id.padEnd(32, '0'), target);
        return id.padEnd(32, '0');
      };
      for (const [i, name] of present.entries()) {
        const member = pki.makeMember(name);
        pdf = signPdf(pdf, {
          p12: member.p12,
          password: member.password,
          reason: 'Godkendt',
          location: 'Gentofte',
        });
        if (i === 0) {
          const tooFew = await t.fail('meetings:markSigned', {
            id: t.meetingId,
            uploadId: upload('a1', pdf),
          });
          expect(tooFew).toMatchObject({
            code: 'conflict',
            message: expect.stringContaining(
              `1 of the ${present.length} members present have signed`,
            ),
            localized: { key: 'signing.missingSigners', values: { count: 1 } },
          });
        }
      }
      const tampered = Buffer.concat([pdf, Buffer.from('% later change\n')]);
      expect(
        (await t.fail('meetings:markSigned', { id: t.meetingId, uploadId: upload('b2', tampered) }))
          .code,
      ).toBe('conflict');

      const { meeting, audit } = await t.ok('meetings:markSigned', {
        id: t.meetingId,
        uploadId: upload('c3', pdf),
      });
      expect(meeting.status).toBe('signed');
      expect(audit.action).toBe('signed');
      expect(audit.detail).toContain(createHash('sha256').update(pdf).digest('hex'));
      expect(audit.detail).toContain(present.join(', '));
      expect(
        (await t.fail('meetings:markSigned', { id: t.meetingId, uploadId: upload('c3', pdf) }))
          .code,
      ).toBe('conflict');
      await t.ok('corrections:add', {
        meetingId: t.meetingId,
        reason: 'Efter underskrift',
        text: 'En tilføjelse.',
      });
      expect((await t.ok('audit:list', { meetingId: t.meetingId })).map((a) => a.action)).toEqual([
        'approved',
        'signed',
        'correction',
      ]);
    } finally {
      pki.dispose();
    }
  });
});
