/**
 * The search requests through the real dispatcher (input validation, output checked against
 * the contract, typed errors), over a library built through the API itself.
 */
import { describe, expect, it } from 'vitest';
import type { RequestInput, RequestName, RequestOutput } from '../../common/contract/api';
import type { ApiError } from '../../common/contract/result';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { checkSearchIndex } from '../../main/node/storage/searchIndex';
import { newLibrary } from './storageHelpers';

function setup() {
  const library = newLibrary();
  const logged: string[] = [];
  const dispatch = createDispatcher(createHandlers(library), {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  const ctx: HandlerContext = { transport: 'cli', author: 'Referent' };
  const ok = async <N extends RequestName>(
    name: N,
    input: RequestInput<N>,
  ): Promise<RequestOutput<N>> => {
    const result = await dispatch(name, input, ctx);
    if (!result.ok)
      throw new Error(`${name}: ${result.error.code} ${result.error.message} ${logged.join(' ')}`);
    return result.value as RequestOutput<N>;
  };
  const fail = async (name: RequestName, input: unknown): Promise<ApiError> => {
    const result = await dispatch(name, input, ctx);
    if (result.ok) throw new Error(`${name} succeeded`);
    return result.error;
  };
  return { library, ok, fail, logged };
}

const paragraph = (text: string) => [
  { type: 'paragraph' as const, children: [{ type: 'text' as const, text }] },
];

async function seed(ok: ReturnType<typeof setup>['ok']) {
  const committee = await ok('committees:create', {
    name: 'Byplanudvalget',
    kind: 'staaende_udvalg',
    organisation: 'Gentofte',
    template: 'fagudvalg',
  });
  const first = await ok('meetings:create', {
    committeeId: committee.id,
    number: 1,
    date: '2020-01-14',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  const second = await ok('meetings:create', {
    committeeId: committee.id,
    number: 2,
    date: '2020-02-11',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  const item = (meetingId: string, title: string) =>
    ok('items:create', {
      meetingId,
      item: {
        title,
        isClosed: false,
        publicTitle: '',
        caseId: 'EMN-2020-00042',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
  const earlier = await item(first.meeting.id, 'Lokalplan for Hellerup Havn');
  const later = await item(second.meeting.id, 'Lokalplan for Hellerup Havn, endelig vedtagelse');
  await ok('bodies:save', {
    owner: { kind: 'item', itemId: earlier.id, field: 'decision' },
    content: paragraph('Sendes i offentlig høring.'),
    baseRevision: 0,
  });
  const participant = await ok('participants:create', {
    meetingId: second.meeting.id,
    participant: {
      name: 'Søren Ærø',
      role: 'member',
      party: 'V',
      isCitizen: false,
      attendance: 'present',
      substituteForId: null,
      partialPresence: '',
      note: '',
      itemAbsences: [],
    },
  });
  return { committee, first, second, earlier, later, participant };
}

describe('search requests through the dispatcher', () => {
  it('search:query answers contract-valid groups, echoes requestId and refuses bad input', async () => {
    const { ok, fail } = setup();
    const { first } = await seed(ok);
    const result = await ok('search:query', { text: 'havn', requestId: 7, isTyping: true });
    expect(result.requestId).toBe(7);
    expect(result.groups.map((g) => g.meeting.number)).toEqual([2, 1]);
    expect(result.groups[1]?.meeting.id).toBe(first.meeting.id);
    expect((await ok('search:query', { text: '"' })).query).toMatchObject({
      isEmpty: true,
      reason: 'empty',
    });
    expect((await fail('search:query', { text: 'x', from: '2020-02-30' })).code).toBe(
      'invalid_input',
    );
    expect((await fail('search:query', { text: 'x', cursor: 'drop table' })).code).toBe(
      'invalid_input',
    );
    expect((await fail('search:query', { text: 'x', limit: 1000 })).code).toBe('invalid_input');
    expect((await fail('search:query', { text: 'x'.repeat(10_001) })).code).toBe('invalid_input');
  });

  it('decisions:previous and decisions:insertPrevious fill the chain; decisions:list groups it', async () => {
    const { ok, fail, library } = setup();
    const { later, earlier } = await seed(ok);
    const previous = await ok('decisions:previous', { itemId: later.id });
    expect(previous.entries.map((e) => e.line)).toEqual([
      'Byplanudvalget, 14. januar 2020, pkt. 1: Sendes i offentlig høring.',
    ]);
    const inserted = await ok('decisions:insertPrevious', {
      itemId: later.id,
      sourceItemIds: [earlier.id],
      baseRevision: 0,
    });
    expect(inserted.insertedItemIds).toEqual([earlier.id]);
    const meeting = await ok('meetings:get', { id: later.meetingId });
    expect(meeting.items[0]?.bodies.previousDecisions?.revision).toBe(inserted.revision);
    expect(
      (
        await fail('decisions:insertPrevious', {
          itemId: later.id,
          sourceItemIds: [earlier.id],
          baseRevision: 0,
        })
      ).code,
    ).toBe('conflict');
    expect(
      (
        await fail('decisions:insertPrevious', {
          itemId: later.id,
          sourceItemIds: [],
          baseRevision: 1,
        })
      ).code,
    ).toBe('invalid_input');
    expect((await fail('decisions:previous', { itemId: 'no-such-item' })).code).toBe('not_found');
    const register = await ok('decisions:list', { caseId: 'emn-2020-00042' });
    expect(register.cases).toHaveLength(1);
    expect(register.cases[0]?.entries.map((e) => e.itemId)).toEqual([earlier.id]);
    expect(checkSearchIndex(library.db)).toEqual([]);
  });

  it('follows a participant rename in bodies that refer to the participant', async () => {
    const { ok, library } = setup();
    const { later, participant } = await seed(ok);
    await ok('bodies:save', {
      owner: { kind: 'item', itemId: later.id, field: 'decision' },
      content: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', text: 'Forslag fra ' },
            { type: 'participantRef', participantId: participant.id },
          ],
        },
      ],
      baseRevision: 0,
    });
    const byName = await ok('search:query', { text: 'Ærø' });
    expect(byName.groups[0]?.hits.map((h) => h.place).sort()).toEqual(['body', 'participants']);
    await ok('participants:update', { id: participant.id, patch: { name: 'Søren Østergaard' } });
    expect((await ok('search:query', { text: 'Ærø' })).groups).toEqual([]);
    const renamed = await ok('search:query', { text: '"forslag fra søren østergaard"' });
    expect(renamed.groups[0]?.hits[0]?.bodyField).toBe('decision');
    expect(checkSearchIndex(library.db)).toEqual([]);
  });
});
