/**
 * Per-item presence recorded as the item's heading records it (common/domain/presence through
 * `participants:update`, the dialog's request) is printed in the attendance of the PDF, in the
 * shared wording: "fraværende til kl. 19.15 i punkt 2", "forlod mødet kl. 20.10 under punkt 3",
 * "inhabil i punkt 3 (...)"; and the public edition keeps it.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Participant } from '../../common/domain/model';
import { withItemPresence, type ItemPresenceRecord } from '../../common/domain/presence';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { exportMeetingDocument } from '../../main/node/storage/interchange';
import { dispatchExpecting, newLibrary } from './storageHelpers';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'referat-item-presence-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('per-item presence reaches the PDF', () => {
  it('prints arrivals, departures and inhabilitet recorded at an item in both editions', async () => {
    const library = newLibrary();
    const dispatch = createDispatcher(createHandlers(library, { version: '9.9.9' }), {
      isValidatingOutput: true,
      log: () => {},
    });
    const ctx: HandlerContext = { transport: 'cli', author: 'Referent' };
    const { ok } = dispatchExpecting(dispatch, ctx, () => '');
    const committee = await ok('committees:create', {
      name: 'Udvalget for Klima og Miljø',
      kind: 'staaende_udvalg',
      organisation: 'Holbæk Kommune',
      template: 'fagudvalg',
    });
    for (const [name, party] of [
      ['Anne Nielsen', 'A'],
      ['Bent Hansen', 'V'],
      ['Carl Jensen', 'F'],
    ] as const)
      await ok('members:create', {
        committeeId: committee.id,
        member: { name, role: 'member', party, isCitizen: false, isActive: true },
      });
    const detail = await ok('meetings:create', {
      committeeId: committee.id,
      number: null,
      date: '2016-10-14',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const meetingId = detail.meeting.id;
    const items: { id: string; position: number }[] = [];
    for (const title of ['Godkendelse af dagsorden', 'Spildevandsplan', 'Vandløbsregulativ'])
      items.push(
        await ok('items:create', {
          meetingId,
          item: {
            title,
            isClosed: false,
            publicTitle: '',
            caseId: '',
            documentNumber: '',
            presenter: '',
            kind: 'decision',
          },
        }),
      );
    const order = items.map(({ id, position }) => ({ id, position }));
    const record = async (name: string, itemIndex: number, what: ItemPresenceRecord) => {
      const current = (await ok('meetings:get', { id: meetingId })).participants.find(
        (p: Participant) => p.name === name,
      );
      const item = items[itemIndex];
      if (!current || !item) throw new Error('missing record');
      await ok('participants:update', {
        id: current.id,
        patch: withItemPresence(current, item.id, what, order),
      });
    };
    await record('Anne Nielsen', 1, { kind: 'arrived', time: '19:15' });
    await record('Bent Hansen', 2, { kind: 'left', time: '20:10' });
    await record('Carl Jensen', 2, { kind: 'disqualified', reason: 'formand for lodsejerlauget' });
    // Recorded again at the same item: replaces, never doubles.
    await record('Bent Hansen', 2, { kind: 'left', time: '20:10' });

    const doc = exportMeetingDocument(library.db, meetingId);
    const texts: string[] = [];
    for (const edition of ['full', 'public'] as const) {
      const file = path.join(dir, `${edition}.pdf`);
      await writeMinutesPdf(doc, { edition, lang: 'da', out: file });
      const { stdout } = await run('pdftotext', [file, '-']);
      texts.push(stdout.replace(/\s+/g, ' '));
    }
    for (const text of texts) {
      expect(text).toContain('Anne Nielsen (A), fraværende til kl. 19.15 i punkt 2');
      expect(text).toContain('Bent Hansen (V), forlod mødet kl. 20.10 under punkt 3');
      expect(text).toContain('Carl Jensen (F), inhabil i punkt 3 (formand for lodsejerlauget)');
    }
    expect(texts[0]?.match(/forlod mødet kl\. 20\.10/g)).toHaveLength(1);
  });
});
