// @vitest-environment happy-dom
/**
 * The meeting screen's agenda panel: "Udsend dagsorden" asks first and sends nothing when
 * cancelled; once confirmed it calls agenda:send, then shows the sent state (time, version,
 * SHA-256), each changed item with its badge and a line diff of the section, and offers
 * "Eksportér tillægsdagsorden" for the items added after sending. A meeting past draft cannot
 * send its agenda.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import type { MeetingStatus } from '../../common/domain/model';
import { AgendaSendPanel } from '../../renderer/src/agendaSending/AgendaSendPanel';
import { renderInApp, setupReactTests } from './helpers/reactHarness';

setupReactTests();

const meetingId = 'm'.repeat(21);
const itemId = 'i'.repeat(21);
const addedId = 'a'.repeat(21);
const sha = 'd'.repeat(64);
const sending = {
  version: 1,
  sentAt: '2017-12-05T09:30:00.000Z',
  author: 'Referent',
  sha256: sha,
  bytes: 1000,
};

async function render(status: MeetingStatus) {
  const calls: string[] = [];
  let isSent = false;
  const host = await renderInApp(
    <AgendaSendPanel meetingId={meetingId} status={status} />,
    (name) => {
      calls.push(name);
      if (name === 'agenda:send') {
        isSent = true;
        return {
          ok: true,
          value: { fileName: 'dagsorden.pdf', bytes: 1000, downloadUrl: null, sending },
        };
      }
      if (name === 'agenda:status')
        return {
          ok: true,
          value: isSent
            ? {
                sendings: [sending],
                changes: [
                  {
                    itemId,
                    number: 1,
                    title: 'Projektafrunding',
                    isAdded: false,
                    isRemoved: false,
                    fields: [
                      { field: 'recommendation', before: 'Gammel tekst', after: 'Ny tekst' },
                    ],
                  },
                  {
                    itemId: addedId,
                    number: 5,
                    title: 'Vejbump',
                    isAdded: true,
                    isRemoved: false,
                    fields: [],
                  },
                ],
                supplementaryItemIds: [addedId],
              }
            : { sendings: [], changes: [], supplementaryItemIds: [] },
        };
      return { ok: false, error: { code: 'internal', message: name } };
    },
  );
  const buttons = (text: string) =>
    [...host.querySelectorAll('button')].filter((b) => b.textContent === text);
  return { host, calls, buttons };
}

describe('the agenda panel', () => {
  it('sends after confirmation and shows the sent state, the changes and the tillægsdagsorden', async () => {
    const { host, calls, buttons } = await render('draft');
    expect(host.textContent).toContain('Dagsordenen er ikke udsendt endnu.');
    expect(buttons('Eksportér tillægsdagsorden')).toEqual([]);
    await act(async () => buttons('Udsend dagsorden')[0]?.click());
    // Cancelled: nothing sent.
    await act(async () => buttons('Annuller')[0]?.click());
    expect(calls).not.toContain('agenda:send');
    await act(async () => buttons('Udsend dagsorden')[0]?.click());
    const confirm = host.querySelector('dialog button:last-of-type') as HTMLButtonElement;
    expect(confirm.textContent).toBe('Udsend dagsorden');
    await act(async () => confirm.click());
    expect(calls.filter((name) => name === 'agenda:send')).toHaveLength(1);
    expect(host.textContent).toContain(
      'Udsendt 5. december 2017 kl. 10.30 af Referent (version 1).',
    );
    expect(host.textContent).toContain(`SHA-256: ${sha}`);
    expect(host.textContent).toContain('Punkt 1: Projektafrunding Ændret efter udsendelse');
    expect(host.textContent).toContain('Punkt 5: Vejbump Tilføjet efter udsendelse');
    expect(host.querySelector('summary')?.textContent).toBe('Indstilling');
    expect(host.querySelector('del')?.textContent).toBe('Gammel tekst');
    expect(host.querySelector('ins')?.textContent).toBe('Ny tekst');
    expect(buttons('Eksportér tillægsdagsorden')).toHaveLength(1);
    expect(buttons('Udsend dagsorden igen').length).toBeGreaterThan(0);
  });

  it('a meeting past draft cannot send its agenda', async () => {
    const { buttons } = await render('approved');
    expect(buttons('Udsend dagsorden')[0]?.disabled).toBe(true);
    expect(buttons('Dagsorden som PDF')[0]?.disabled).toBe(false);
  });
});
