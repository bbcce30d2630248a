/**
 * Every request of the contract through the real dispatcher (input and output validated against
 * the contract) over a real library: happy paths and typed errors.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { api, type RequestName } from '../../common/contract/api';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { readStoredFile } from '../../main/node/storage/fileStore';
import type { Library } from '../../main/node/storage/library';
import { setMeetingStatus } from '../../main/node/storage/queries/meetings';
import { makeTempDir, newLibrary, text, dispatchExpecting } from './storageHelpers';
import { describeError } from '../../common/contract/result';

function setup(library: Library = newLibrary(), context: Partial<HandlerContext> = {}) {
  const logged: string[] = [];
  const dispatch = createDispatcher(createHandlers(library, { version: '9.9.9' }), {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  const ctx: HandlerContext = { transport: 'cli', author: 'Referent', ...context };
  const { ok, fail } = dispatchExpecting(dispatch, ctx, () => logged.join('\n'));
  return { library, ok, fail, logged, dispatch, ctx };
}

const committeeInput = {
  name: 'Opgaveudvalget om Innovation',
  kind: 'paragraf17_udvalg',
  organisation: 'Gentofte Kommune',
  template: 'opgaveudvalg',
} as const;
const memberInput = (
  name: string,
  role: 'chair' | 'vice_chair' | 'member' = 'member',
  party: string | null = 'A',
) => ({
  name,
  role,
  party,
  isCitizen: party === null,
  isActive: true,
});
const itemInput = (title: string) => ({
  title,
  isClosed: false,
  publicTitle: '',
  caseId: '',
  documentNumber: '',
  presenter: 'Formanden',
  kind: 'decision' as const,
});

async function seedMeeting(t: ReturnType<typeof setup>) {
  const committee = await t.ok('committees:create', committeeInput);
  const chair = await t.ok('members:create', {
    committeeId: committee.id,
    member: memberInput('Marie-Louise Andreassen', 'chair', 'C'),
  });
  await t.ok('members:create', {
    committeeId: committee.id,
    member: memberInput('Bo Sund', 'vice_chair', 'A'),
  });
  await t.ok('members:create', {
    committeeId: committee.id,
    member: memberInput('Anna Borger', 'member', null),
  });
  const detail = await t.ok('meetings:create', {
    committeeId: committee.id,
    number: 5,
    date: '2017-12-12',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  return { committee, chair, detail, meetingId: detail.meeting.id };
}

describe('handlers', () => {
  it('implements every request of the contract', () => {
    const handlers = createHandlers(newLibrary());
    for (const name of Object.keys(api))
      expect(typeof handlers[name as RequestName], name).toBe('function');
  });

  it('app:info names the version, the transport and the library', async () => {
    const t = setup();
    expect(await t.ok('app:info', {})).toEqual({
      version: '9.9.9',
      transport: 'cli',
      libraryName: 'library',
    });
  });

  it('committees: create, list with counts, update; not_found and invalid input', async () => {
    const t = setup();
    const committee = await t.ok('committees:create', committeeInput);
    await t.ok('committees:create', {
      ...committeeInput,
      name: 'Økonomiudvalget',
      kind: 'staaende_udvalg',
      template: 'fagudvalg',
    });
    await t.ok('committees:create', {
      ...committeeInput,
      name: 'Børne- og skoleudvalget',
      kind: 'staaende_udvalg',
      template: 'fagudvalg',
    });
    await t.ok('members:create', { committeeId: committee.id, member: memberInput('A') });
    const list = await t.ok('committees:list', {});
    // Danish collation: Ø after O.
    expect(list.map((c) => c.name)).toEqual([
      'Børne- og skoleudvalget',
      'Opgaveudvalget om Innovation',
      'Økonomiudvalget',
    ]);
    expect(list.find((c) => c.id === committee.id)).toMatchObject({
      memberCount: 1,
      meetingCount: 0,
    });
    const updated = await t.ok('committees:update', {
      id: committee.id,
      patch: { organisation: 'Gentofte' },
    });
    expect(updated).toEqual({ ...committee, organisation: 'Gentofte' });
    expect((await t.fail('committees:update', { id: 'missing', patch: { name: 'X' } })).code).toBe(
      'not_found',
    );
    const invalid = await t.fail('committees:create', { ...committeeInput, kind: 'club' });
    expect(invalid.code).toBe('invalid_input');
    expect(invalid.message).toContain('kind');
  });

  it('members: create in order, update, move keeps positions dense', async () => {
    const t = setup();
    const committee = await t.ok('committees:create', committeeInput);
    const a = await t.ok('members:create', { committeeId: committee.id, member: memberInput('A') });
    const b = await t.ok('members:create', { committeeId: committee.id, member: memberInput('B') });
    const c = await t.ok('members:create', { committeeId: committee.id, member: memberInput('C') });
    expect([a.position, b.position, c.position]).toEqual([0, 1, 2]);
    const moved = await t.ok('members:move', { id: c.id, position: 0 });
    expect(moved.map((m) => [m.name, m.position])).toEqual([
      ['C', 0],
      ['A', 1],
      ['B', 2],
    ]);
    const last = await t.ok('members:move', { id: c.id, position: 99 });
    expect(last.map((m) => m.name)).toEqual(['A', 'B', 'C']);
    const updated = await t.ok('members:update', {
      id: a.id,
      patch: { isActive: false, party: 'Ø' },
    });
    expect(updated).toMatchObject({ isActive: false, party: 'Ø', name: 'A' });
    expect((await t.ok('members:list', { committeeId: committee.id })).map((m) => m.name)).toEqual([
      'A',
      'B',
      'C',
    ]);
    expect((await t.fail('members:list', { committeeId: 'nope' })).code).toBe('not_found');
    expect(
      (await t.fail('members:create', { committeeId: 'nope', member: memberInput('X') })).code,
    ).toBe('not_found');
    expect((await t.fail('members:move', { id: 'nope', position: 0 })).code).toBe('not_found');
  });

  it('meetings: create from active members, propose the next, copy the previous, list newest first', async () => {
    const t = setup();
    const { committee, detail, meetingId } = await seedMeeting(t);
    expect(detail.meeting).toMatchObject({
      number: 5,
      status: 'draft',
      template: 'opgaveudvalg',
      committeeId: committee.id,
    });
    expect(detail.participants.map((p) => [p.name, p.attendance, p.position])).toEqual([
      ['Marie-Louise Andreassen', 'present', 0],
      ['Bo Sund', 'present', 1],
      ['Anna Borger', 'present', 2],
    ]);
    expect(detail.bodies.summary).toEqual({
      content: [],
      revision: 0,
      updatedAt: null,
      updatedBy: '',
    });

    // The previous meeting gets an agenda, a substitute and text.
    const first = await t.ok('items:create', { meetingId, item: itemInput('Velkomst') });
    const second = await t.ok('items:create', {
      meetingId,
      item: { ...itemInput('Projektafrunding'), kind: 'orientation', presenter: 'Bo Sund' },
    });
    expect([first.number, second.number]).toEqual([1, 2]);
    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: second.id, field: 'decision' },
      content: text('Taget til efterretning.'),
      baseRevision: 0,
    });
    const bo = detail.participants[1];
    if (!bo) throw new Error('missing participant');
    await t.ok('participants:update', { id: bo.id, patch: { attendance: 'absent_with_notice' } });
    await t.ok('participants:create', {
      meetingId,
      participant: {
        name: 'Stedfortræder',
        role: 'member',
        party: 'A',
        isCitizen: false,
        attendance: 'present',
        substituteForId: bo.id,
        partialPresence: '',
        note: '',
        itemAbsences: [],
      },
    });
    await t.ok('meetings:update', {
      id: meetingId,
      patch: { location: 'Rådhuset', startTime: '16:30' },
    });

    const proposal = await t.ok('meetings:proposeNext', { committeeId: committee.id });
    expect(proposal.number).toBe(6);
    expect(proposal.previousMeetingId).toBe(meetingId);
    expect(proposal.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const next = await t.ok('meetings:create', {
      committeeId: committee.id,
      number: 6,
      date: '2018-01-20',
      kind: 'ordinary',
      isCopyingPrevious: true,
    });
    expect(next.participants.map((p) => [p.name, p.attendance, p.substituteForId])).toEqual([
      ['Marie-Louise Andreassen', 'present', null],
      ['Bo Sund', 'present', null],
      ['Anna Borger', 'present', null],
    ]);
    expect(
      next.items.map((i) => [i.number, i.title, i.kind, i.presenter, i.bodies.decision.revision]),
    ).toEqual([
      [1, 'Velkomst', 'decision', 'Formanden', 0],
      [2, 'Projektafrunding', 'orientation', 'Bo Sund', 0],
    ]);
    expect(next.meeting).toMatchObject({ location: 'Rådhuset', startTime: '16:30', caseId: '' });

    const blank = await t.ok('meetings:create', {
      committeeId: committee.id,
      number: 7,
      date: '2017-06-01',
      kind: 'extraordinary',
      isCopyingPrevious: false,
    });
    expect(blank.items).toEqual([]);
    expect(blank.participants).toHaveLength(3);

    const listed = await t.ok('meetings:list', { committeeId: committee.id });
    expect(listed.map((m) => m.date)).toEqual(['2018-01-20', '2017-12-12', '2017-06-01']);
    expect(listed[1]).toMatchObject({ committeeName: committee.name, itemCount: 2 });
    expect(await t.ok('meetings:list', {})).toHaveLength(3);
    expect((await t.fail('meetings:list', { committeeId: 'nope' })).code).toBe('not_found');
    expect(
      (
        await t.fail('meetings:create', {
          committeeId: 'nope',
          number: 1,
          date: '2018-01-01',
          kind: 'ordinary',
          isCopyingPrevious: false,
        })
      ).code,
    ).toBe('not_found');
    expect(
      (
        await t.fail('meetings:create', {
          committeeId: committee.id,
          number: 1,
          date: '2018-02-30',
          kind: 'ordinary',
          isCopyingPrevious: false,
        })
      ).code,
    ).toBe('invalid_input');
  });

  it('meetings: get, update, delete (draft only) and not_found', async () => {
    const t = setup();
    const { meetingId } = await seedMeeting(t);
    const updated = await t.ok('meetings:update', {
      id: meetingId,
      patch: { caseId: 'EMN-2017-05812', isClosed: true, endTime: '19:00' },
    });
    expect(updated).toMatchObject({
      caseId: 'EMN-2017-05812',
      isClosed: true,
      endTime: '19:00',
      startTime: null,
    });
    expect((await t.ok('meetings:get', { id: meetingId })).meeting).toEqual(updated);
    expect((await t.fail('meetings:get', { id: 'nope' })).code).toBe('not_found');
    expect(
      (await t.fail('meetings:update', { id: meetingId, patch: { startTime: '25:00' } })).code,
    ).toBe('invalid_input');

    setMeetingStatus(t.library.db, { id: meetingId, status: 'approved' });
    const locked = await t.fail('meetings:delete', { id: meetingId });
    expect(locked.code).toBe('locked');
    expect(
      (await t.fail('meetings:update', { id: meetingId, patch: { location: 'X' } })).code,
    ).toBe('locked');
    setMeetingStatus(t.library.db, { id: meetingId, status: 'draft' });

    expect(await t.ok('meetings:delete', { id: meetingId })).toEqual({ id: meetingId });
    expect((await t.fail('meetings:get', { id: meetingId })).code).toBe('not_found');
    expect(t.library.db.prepare('SELECT count(*) FROM participants').pluck().get()).toBe(0);
  });

  it('participants: substitutes, partial presence, absences from items; references stay inside the meeting', async () => {
    const t = setup();
    const { meetingId, detail, committee } = await seedMeeting(t);
    const item = await t.ok('items:create', { meetingId, item: itemInput('Punkt 1') });
    const [chair, bo] = detail.participants;
    if (!chair || !bo) throw new Error('missing participants');
    await t.ok('participants:update', { id: bo.id, patch: { attendance: 'absent_with_notice' } });
    const substitute = await t.ok('participants:create', {
      meetingId,
      participant: {
        name: 'Ny Stedfortræder',
        role: 'member',
        party: 'A',
        isCitizen: false,
        attendance: 'present',
        substituteForId: bo.id,
        partialPresence: 'til kl. 18.40',
        note: 'Indkaldt',
        itemAbsences: [{ itemId: item.id, kind: 'not_participating', reason: '' }],
      },
    });
    expect(substitute).toMatchObject({
      memberId: null,
      substituteForId: bo.id,
      partialPresence: 'til kl. 18.40',
      itemAbsences: [{ itemId: item.id, kind: 'not_participating', reason: '' }],
      position: 3,
    });
    const changed = await t.ok('participants:update', {
      id: chair.id,
      patch: {
        itemAbsences: [{ itemId: item.id, kind: 'not_participating', reason: '' }],
        note: 'inhabil',
      },
    });
    expect(changed).toMatchObject({
      itemAbsences: [{ itemId: item.id, kind: 'not_participating', reason: '' }],
      note: 'inhabil',
    });

    const other = await t.ok('meetings:create', {
      committeeId: committee.id,
      number: 6,
      date: '2018-01-01',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const foreign = await t.fail('participants:update', {
      id: chair.id,
      patch: { substituteForId: other.participants[0]?.id ?? '' },
    });
    expect(foreign.code).toBe('invalid_input');
    expect(foreign.message).toContain('substituteForId');
    expect(
      (await t.fail('participants:update', { id: chair.id, patch: { substituteForId: chair.id } }))
        .code,
    ).toBe('invalid_input');
    const mutual = await t.fail('participants:update', {
      id: bo.id,
      patch: { substituteForId: substitute.id },
    });
    expect(mutual.message).toContain('each other');
    expect(
      (
        await t.fail('participants:update', {
          id: chair.id,
          patch: { itemAbsences: [{ itemId: 'nope', kind: 'disqualified', reason: '' }] },
        })
      ).message,
    ).toContain('itemAbsences[0].itemId');

    // Deleting the one substituted for keeps the substitute, without the link.
    expect(await t.ok('participants:delete', { id: bo.id })).toEqual({ id: bo.id });
    const after = await t.ok('meetings:get', { id: meetingId });
    expect(after.participants.map((p) => [p.name, p.position, p.substituteForId])).toEqual([
      ['Marie-Louise Andreassen', 0, null],
      ['Anna Borger', 1, null],
      ['Ny Stedfortræder', 2, null],
    ]);
    expect((await t.fail('participants:delete', { id: bo.id })).code).toBe('not_found');
  });

  it('participants: the import substitute rules hold for create and update, naming the members in both languages', async () => {
    const t = setup();
    const { meetingId, detail } = await seedMeeting(t);
    const [chair, bo, anna] = detail.participants;
    if (!chair || !bo || !anna) throw new Error('missing participants');
    const substituteInput = (substituteForId: string) => ({
      name: 'Ny Stedfortræder',
      role: 'member' as const,
      party: 'A',
      isCitizen: false,
      attendance: 'present' as const,
      substituteForId,
      partialPresence: '',
      note: '',
      itemAbsences: [],
    });

    // A substitute for someone who is present: refused on create, nothing written.
    const forPresent = await t.fail('participants:create', {
      meetingId,
      participant: substituteInput(bo.id),
    });
    expect(forPresent.code).toBe('invalid_input');
    expect(forPresent.message).toBe(
      'substituteForId: Ny Stedfortræder substitutes for Bo Sund, who is present (a substitute stands in for an absent member).',
    );
    expect(forPresent.localized).toEqual({
      key: 'participants.substitute.present',
      values: { name: 'Ny Stedfortræder', other: 'Bo Sund' },
    });
    expect((await t.ok('meetings:get', { id: meetingId })).participants).toHaveLength(3);

    // ... and on update.
    const onUpdate = await t.fail('participants:update', {
      id: anna.id,
      patch: { substituteForId: bo.id },
    });
    expect(onUpdate.localized).toEqual({
      key: 'participants.substitute.present',
      values: { name: 'Anna Borger', other: 'Bo Sund' },
    });

    // Once Bo is absent the substitute is accepted; Bo cannot then come back as present
    // while someone substitutes for him, nor substitute for his own substitute.
    await t.ok('participants:update', { id: bo.id, patch: { attendance: 'absent_with_notice' } });
    const substitute = await t.ok('participants:create', {
      meetingId,
      participant: substituteInput(bo.id),
    });
    const backPresent = await t.fail('participants:update', {
      id: bo.id,
      patch: { attendance: 'present' },
    });
    expect(backPresent.localized?.key).toBe('participants.substitute.present');
    const mutual = await t.fail('participants:update', {
      id: bo.id,
      patch: { substituteForId: substitute.id },
    });
    expect(mutual.message).toBe(
      'substituteForId: Bo Sund and Ny Stedfortræder cannot substitute for each other.',
    );
    expect(mutual.localized).toEqual({
      key: 'participants.substitute.mutual',
      values: { name: 'Bo Sund', other: 'Ny Stedfortræder' },
    });

    // A second substitute for the same absentee.
    await t.ok('participants:update', { id: anna.id, patch: { attendance: 'absent' } });
    const twice = await t.fail('participants:update', {
      id: chair.id,
      patch: { substituteForId: bo.id },
    });
    expect(twice.localized).toEqual({
      key: 'participants.substitute.twice',
      values: { name: 'Marie-Louise Andreassen', other: 'Bo Sund', earlier: 'Ny Stedfortræder' },
    });
    // Nothing of the refused changes was kept.
    const after = await t.ok('meetings:get', { id: meetingId });
    expect(after.participants.map((p) => [p.name, p.attendance, p.substituteForId])).toEqual([
      ['Marie-Louise Andreassen', 'present', null],
      ['Bo Sund', 'absent_with_notice', null],
      ['Anna Borger', 'absent', null],
      ['Ny Stedfortræder', 'present', bo.id],
    ]);
  });

  it('participants: one named in the text cannot be removed until the reference is gone', async () => {
    const t = setup();
    const { meetingId, detail } = await seedMeeting(t);
    const chair = detail.participants[0];
    if (!chair) throw new Error('missing participant');
    const content = [
      {
        type: 'paragraph' as const,
        children: [{ type: 'participantRef' as const, participantId: chair.id }],
      },
    ];
    await t.ok('bodies:save', {
      owner: { kind: 'meeting', meetingId, field: 'summary' },
      content,
      baseRevision: 0,
    });
    const refused = await t.fail('participants:delete', { id: chair.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain("the meeting's summary");
    await t.ok('bodies:save', {
      owner: { kind: 'meeting', meetingId, field: 'summary' },
      content: [],
      baseRevision: 1,
    });
    await t.ok('participants:delete', { id: chair.id });
  });

  it('items: create with numbers, update, move dense, delete with decision confirmation', async () => {
    const t = setup();
    const { meetingId } = await seedMeeting(t);
    const a = await t.ok('items:create', { meetingId, item: itemInput('A') });
    const b = await t.ok('items:create', { meetingId, item: { ...itemInput('B'), number: 40 } });
    const c = await t.ok('items:create', { meetingId, item: itemInput('C') });
    expect([a.number, b.number, c.number]).toEqual([1, 40, 41]);
    expect(Object.keys(a.bodies).sort()).toEqual([
      'casePresentation',
      'consultation',
      'decision',
      'decisionAuthority',
      'finances',
      'previousDecisions',
      'publicDecision',
      'recommendation',
      'summary',
    ]);
    const renamed = await t.ok('items:update', {
      id: a.id,
      patch: { title: 'A2', isClosed: true, publicTitle: 'Lukket punkt', caseId: '17/123' },
    });
    expect(renamed).toMatchObject({
      title: 'A2',
      isClosed: true,
      publicTitle: 'Lukket punkt',
      caseId: '17/123',
      position: 0,
    });
    expect((await t.fail('items:update', { id: a.id, patch: { title: '   ' } })).code).toBe(
      'invalid_input',
    );

    const moved = await t.ok('items:move', { id: c.id, position: 0 });
    expect(moved.map((i) => [i.title, i.position])).toEqual([
      ['C', 0],
      ['A2', 1],
      ['B', 2],
    ]);

    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: b.id, field: 'decision' },
      content: text('Godkendt.'),
      baseRevision: 0,
    });
    const refused = await t.fail('items:delete', { id: b.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('decision');
    expect(await t.ok('items:delete', { id: b.id, isDecisionLossConfirmed: true })).toEqual({
      id: b.id,
    });
    // An item with only an empty decision goes without confirmation.
    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: c.id, field: 'decision' },
      content: text('   '),
      baseRevision: 0,
    });
    await t.ok('items:delete', { id: c.id });
    const left = (await t.ok('meetings:get', { id: meetingId })).items;
    expect(left.map((i) => [i.title, i.position])).toEqual([['A2', 0]]);
    expect(t.library.db.prepare('SELECT count(*) FROM revisions').pluck().get()).toBe(0);
    expect((await t.fail('items:move', { id: b.id, position: 0 })).code).toBe('not_found');
    expect((await t.fail('items:create', { meetingId: 'nope', item: itemInput('X') })).code).toBe(
      'not_found',
    );
  });

  it('bodies: save with revisions and authors, conflict on a stale base, history newest first, locked when approved', async () => {
    const t = setup();
    const { meetingId } = await seedMeeting(t);
    const item = await t.ok('items:create', { meetingId, item: itemInput('Punkt') });
    const owner = { kind: 'item' as const, itemId: item.id, field: 'recommendation' as const };
    const first = await t.ok('bodies:save', {
      owner,
      content: text('Første udkast'),
      baseRevision: 0,
    });
    expect(first.revision).toBe(1);
    const second = await t.ok('bodies:save', {
      owner,
      content: text('Andet udkast'),
      baseRevision: 1,
    });
    expect(second.revision).toBe(2);
    // The same text again is not a new revision.
    expect(
      (await t.ok('bodies:save', { owner, content: text('Andet udkast'), baseRevision: 2 }))
        .revision,
    ).toBe(2);

    const stale = await t.fail('bodies:save', {
      owner,
      content: text('Fra en anden fane'),
      baseRevision: 1,
    });
    expect(stale.code).toBe('conflict');
    expect(stale.message).toContain('revision 2');

    const history = await t.ok('bodies:history', { owner });
    expect(history.map((r) => [r.revision, r.author, r.content])).toEqual([
      [2, 'Referent', text('Andet udkast')],
      [1, 'Referent', text('Første udkast')],
    ]);
    const detail = await t.ok('meetings:get', { id: meetingId });
    expect(detail.items[0]?.bodies.recommendation).toMatchObject({
      revision: 2,
      content: text('Andet udkast'),
      updatedBy: 'Referent',
    });
    expect(
      await t.ok('bodies:history', { owner: { kind: 'meeting', meetingId, field: 'summary' } }),
    ).toEqual([]);

    const meetingOwner = {
      kind: 'meeting' as const,
      meetingId,
      field: 'previousDecisions' as const,
    };
    expect(
      (await t.ok('bodies:save', { owner: meetingOwner, content: text('Ingen'), baseRevision: 0 }))
        .revision,
    ).toBe(1);

    // References must point into the meeting.
    const dangling = await t.fail('bodies:save', {
      owner,
      content: [{ type: 'paragraph', children: [{ type: 'appendixRef', appendixId: 'nope' }] }],
      baseRevision: 2,
    });
    expect(dangling.code).toBe('invalid_input');

    expect(
      (
        await t.fail('bodies:save', {
          owner: { kind: 'item', itemId: 'nope', field: 'decision' },
          content: [],
          baseRevision: 0,
        })
      ).code,
    ).toBe('not_found');
    expect(
      (
        await t.fail('bodies:save', {
          owner: { kind: 'meeting', meetingId, field: 'decision' },
          content: [],
          baseRevision: 0,
        })
      ).code,
    ).toBe('invalid_input');
    expect(
      (
        await t.fail('bodies:save', {
          owner,
          content: [
            {
              type: 'paragraph',
              children: [{ type: 'link', url: 'javascript:alert(1)', children: [] }],
            },
          ],
          baseRevision: 2,
        })
      ).code,
    ).toBe('invalid_input');

    for (const status of ['approved', 'signed', 'archived'] as const) {
      setMeetingStatus(t.library.db, { id: meetingId, status });
      const locked = await t.fail('bodies:save', {
        owner,
        content: text('For sent'),
        baseRevision: 2,
      });
      expect(locked.code).toBe('locked');
      expect(locked.message).toContain(`is ${status}`);
      expect(locked.message).toContain('Add a correction instead');
    }
    expect((await t.fail('items:create', { meetingId, item: itemInput('X') })).code).toBe('locked');
    expect(
      (await t.fail('items:delete', { id: item.id, isDecisionLossConfirmed: true })).code,
    ).toBe('locked');
    expect(
      (
        await t.fail('participants:create', {
          meetingId,
          participant: {
            name: 'X',
            role: 'member',
            party: null,
            isCitizen: true,
            attendance: 'present',
            substituteForId: null,
            partialPresence: '',
            note: '',
            itemAbsences: [],
          },
        })
      ).code,
    ).toBe('locked');
    expect(
      (
        await t.fail('appendices:create', {
          meetingId,
          appendix: { title: 'X', documentNumber: '', caseId: '', isClosed: false, itemId: null },
        })
      ).code,
    ).toBe('locked');
    expect((await t.ok('bodies:history', { owner })).length).toBe(2);
  });

  it('appendices: numbered in order, move and delete renumber, item must be of the meeting', async () => {
    const t = setup();
    const { meetingId, committee } = await seedMeeting(t);
    const item = await t.ok('items:create', { meetingId, item: itemInput('Punkt') });
    const fields = (title: string) => ({
      title,
      documentNumber: '',
      caseId: '',
      isClosed: false,
      itemId: null,
    });
    const a = await t.ok('appendices:create', {
      meetingId,
      appendix: {
        ...fields('Læringsopsamling'),
        documentNumber: '2107443',
        caseId: 'EMN-2017-05812',
        itemId: item.id,
      },
    });
    const b = await t.ok('appendices:create', { meetingId, appendix: fields('B') });
    const c = await t.ok('appendices:create', { meetingId, appendix: fields('C') });
    expect([a.number, b.number, c.number]).toEqual([1, 2, 3]);
    expect(a).toMatchObject({ itemId: item.id, documentNumber: '2107443', file: null });
    expect(
      (await t.ok('appendices:move', { id: c.id, position: 0 })).map((x) => [x.title, x.number]),
    ).toEqual([
      ['C', 1],
      ['Læringsopsamling', 2],
      ['B', 3],
    ]);
    expect(
      await t.ok('appendices:update', { id: b.id, patch: { isClosed: true, title: 'B2' } }),
    ).toMatchObject({ isClosed: true, title: 'B2', number: 3 });

    const other = await t.ok('meetings:create', {
      committeeId: committee.id,
      number: 9,
      date: '2019-01-01',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const otherItem = await t.ok('items:create', {
      meetingId: other.meeting.id,
      item: itemInput('Andet'),
    });
    expect(
      (await t.fail('appendices:update', { id: b.id, patch: { itemId: otherItem.id } })).code,
    ).toBe('invalid_input');

    // Referred to in the text: not deleted until the reference goes.
    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: item.id, field: 'casePresentation' },
      content: [{ type: 'paragraph', children: [{ type: 'appendixRef', appendixId: a.id }] }],
      baseRevision: 0,
    });
    const refused = await t.fail('appendices:delete', { id: a.id });
    expect(refused.code).toBe('conflict');
    expect(refused.message).toContain('item 1, casePresentation');

    expect(await t.ok('appendices:delete', { id: c.id })).toEqual({ id: c.id });
    const left = (await t.ok('meetings:get', { id: meetingId })).appendices;
    expect(left.map((x) => [x.title, x.number])).toEqual([
      ['Læringsopsamling', 1],
      ['B2', 2],
    ]);
    // Deleting the item unbinds its appendices.
    await t.ok('items:delete', { id: item.id });
    expect((await t.ok('meetings:get', { id: meetingId })).appendices[0]?.itemId).toBeNull();
    expect((await t.fail('appendices:delete', { id: c.id })).code).toBe('not_found');
  });

  it('appendices:attachFile stores an upload by SHA-256 (once) and records name, size and media type', async () => {
    const library = newLibrary();
    const uploadDir = makeTempDir();
    const uploaded = path.join(uploadDir, 'upload-1');
    fs.writeFileSync(uploaded, 'PDF bytes %âø\n'.repeat(1000));
    const released: string[] = [];
    const t = setup(library, {
      transport: 'http',
      resolveUpload: (uploadId) => {
        if (uploadId !== 'a'.repeat(32)) throw new Error('unknown upload');
        return { path: uploaded, fileName: 'Læringsopsamling.PDF' };
      },
      releaseUpload: (uploadId) => {
        released.push(uploadId);
      },
    });
    const { meetingId } = await seedMeeting(t);
    const appendix = await t.ok('appendices:create', {
      meetingId,
      appendix: { title: 'Bilag', documentNumber: '', caseId: '', isClosed: false, itemId: null },
    });
    const attached = await t.ok('appendices:attachFile', {
      id: appendix.id,
      uploadId: 'a'.repeat(32),
    });
    expect(attached.file).toMatchObject({
      name: 'Læringsopsamling.PDF',
      mediaType: 'application/pdf',
      size: fs.statSync(uploaded).size,
    });
    const sha = attached.file?.sha256 ?? '';
    expect(readStoredFile(library.filesDir, sha).equals(fs.readFileSync(uploaded))).toBe(true);
    expect(fs.existsSync(path.join(library.filesDir, sha.slice(0, 2), sha))).toBe(true);
    expect(released).toEqual(['a'.repeat(32)]);

    // A second appendix with the same bytes shares the stored file.
    const again = await t.ok('appendices:create', {
      meetingId,
      appendix: { title: 'Kopi', documentNumber: '', caseId: '', isClosed: false, itemId: null },
    });
    await t.ok('appendices:attachFile', { id: again.id, uploadId: 'a'.repeat(32) });
    expect(library.db.prepare('SELECT count(*) FROM files').pluck().get()).toBe(1);
    expect(fs.readdirSync(path.join(library.filesDir, sha.slice(0, 2)))).toEqual([sha]);

    // A file above the limit is refused and nothing is attached or left in the store.
    const small = setup(library, {
      transport: 'http',
      resolveUpload: () => ({ path: uploaded, fileName: 'stor.pdf' }),
    });
    const limited = createDispatcher(createHandlers(library, { maxAttachmentBytes: 100 }), {
      log: () => {},
    });
    const tooLarge = await limited(
      'appendices:attachFile',
      { id: again.id, uploadId: 'b'.repeat(32) },
      small.ctx,
    );
    expect(tooLarge.ok ? null : tooLarge.error.code).toBe('too_large');
    expect(fs.readdirSync(path.join(library.filesDir, 'tmp'))).toEqual([]);

    // Without a dialog or an upload id the transport cannot attach.
    expect((await t.fail('appendices:attachFile', { id: again.id })).code).toBe('invalid_input');
    expect(
      (await t.fail('appendices:attachFile', { id: again.id, uploadId: '../../etc/passwd' })).code,
    ).toBe('invalid_input');
  });

  it('appendices:attachFile through the dialog: cancel answers cancelled and changes nothing', async () => {
    const library = newLibrary();
    const picked = path.join(makeTempDir(), 'referat.docx');
    fs.writeFileSync(picked, 'docx');
    let answer: { path: string; fileName: string } | null = null;
    const t = setup(library, { transport: 'electron', pickFile: async () => answer });
    const { meetingId } = await seedMeeting(t);
    const appendix = await t.ok('appendices:create', {
      meetingId,
      appendix: { title: 'Bilag', documentNumber: '', caseId: '', isClosed: false, itemId: null },
    });
    expect((await t.fail('appendices:attachFile', { id: appendix.id })).code).toBe('cancelled');
    expect((await t.ok('meetings:get', { id: meetingId })).appendices[0]?.file).toBeNull();
    answer = { path: picked, fileName: 'referat.docx' };
    const attached = await t.ok('appendices:attachFile', { id: appendix.id });
    expect(attached.file?.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    setMeetingStatus(library.db, { id: meetingId, status: 'signed' });
    expect((await t.fail('appendices:attachFile', { id: appendix.id })).code).toBe('locked');
  });

  it('meetings:exportJson and importJson round-trip through the canonical text; a bad file lists its errors and writes nothing', async () => {
    const t = setup();
    const { meetingId } = await seedMeeting(t);
    const item = await t.ok('items:create', { meetingId, item: itemInput('Punkt') });
    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: item.id, field: 'decision' },
      content: text('Godkendt'),
      baseRevision: 0,
    });
    const exported = await t.ok('meetings:exportJson', { id: meetingId });
    expect(exported.fileName).toMatch(/\.referat\.json$/);
    expect(JSON.parse(exported.json)).toMatchObject({ format: 'referat/2' });

    const refused = await t.fail('meetings:importJson', { json: exported.json });
    expect(refused.code).toBe('conflict');
    const copy = await t.ok('meetings:importJson', { json: exported.json, onExisting: 'keepBoth' });
    expect(copy.meetingId).not.toBe(meetingId);
    expect(
      await t.ok('meetings:importJson', { json: exported.json, onExisting: 'replace' }),
    ).toEqual({ meetingId, notes: [] });

    const other = setup();
    expect(await other.ok('meetings:importJson', { json: exported.json })).toEqual({
      meetingId,
      notes: [],
    });
    expect((await other.ok('meetings:exportJson', { id: meetingId })).json).toBe(exported.json);

    const broken = JSON.parse(exported.json) as {
      agendaItems: { title: string }[];
      meeting: { date: string };
    };
    broken.meeting.date = '2017-13-45';
    if (broken.agendaItems[0]) broken.agendaItems[0].title = '';
    const empty = setup();
    const invalid = await empty.fail('meetings:importJson', { json: JSON.stringify(broken) });
    expect(invalid.code).toBe('invalid_input');
    expect(describeError(invalid)).toContain('meeting.date');
    expect(describeError(invalid)).toContain('agendaItems[0].title');
    expect(await empty.ok('committees:list', {})).toEqual([]);
    expect((await empty.fail('meetings:importJson', { json: '{not json' })).code).toBe(
      'invalid_input',
    );
    expect((await empty.fail('meetings:exportJson', { id: 'nope' })).code).toBe('not_found');
  });

  it('library:backupNow and library:backups', async () => {
    const t = setup();
    await seedMeeting(t);
    expect(await t.ok('library:backups', {})).toEqual([]);
    const backup = await t.ok('library:backupNow', {});
    expect(backup.name).toMatch(/^library-\d{4}-\d{2}-\d{2}\.sqlite$/);
    expect(backup.size).toBeGreaterThan(0);
    expect(await t.ok('library:backups', {})).toEqual([backup]);
  });

  it('serves the search area through the same dispatcher (wiring and output contract)', async () => {
    const t = setup();
    const { meetingId } = await seedMeeting(t);
    const item = await t.ok('items:create', {
      meetingId,
      item: { ...itemInput('Cykelsti langs kysten'), caseId: 'EMN-2017-05812' },
    });
    await t.ok('bodies:save', {
      owner: { kind: 'item', itemId: item.id, field: 'decision' },
      content: text('Udvalget godkendte cykelstien.'),
      baseRevision: 0,
    });
    const found = await t.ok('search:query', { text: 'cykelstien', requestId: 7 });
    expect(found.requestId).toBe(7);
    expect(found.groups.map((g) => g.meeting.id)).toEqual([meetingId]);
    const register = await t.ok('decisions:list', {});
    expect(register.cases.length).toBeGreaterThan(0);
    expect((await t.ok('decisions:previous', { itemId: item.id })).caseId).toBe('EMN-2017-05812');
  });

  it('answers busy when another handle holds the write lock', async () => {
    const first = newLibrary();
    const t = setup(first);
    const { meetingId } = await seedMeeting(t);
    const { openLibrary } = await import('../../main/node/storage/library');
    const second = openLibrary(first.path, { busyTimeoutMs: 100 });
    try {
      const t2 = setup(second);
      first.db.exec('BEGIN IMMEDIATE');
      const busy = await t2.fail('meetings:update', { id: meetingId, patch: { location: 'X' } });
      first.db.exec('COMMIT');
      expect(busy.code).toBe('busy');
      expect((await t2.ok('meetings:get', { id: meetingId })).meeting.location).toBe('');
    } finally {
      second.close();
    }
  });
});
