/**
 * Minutes profiles kept in the library and the new fields of referat/2 through the API: the
 * profile list, saving with every problem named (in Danish for the Danish UI), the committee's
 * and the municipality's choice, the profile an export carries, yearly item numbers continuing
 * from the committee's earlier meetings, and attendance with presence changes, item absences
 * and "indkaldt" surviving a round trip to another library byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { builtInProfile, profileForTemplate } from '../../common/domain/profiles';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { dispatchExpecting, newLibrary } from './storageHelpers';

function setup() {
  const library = newLibrary();
  const logged: string[] = [];
  const dispatch = createDispatcher(createHandlers(library, { version: '9.9.9' }), {
    isValidatingOutput: true,
    log: (line) => logged.push(line),
  });
  const ctx: HandlerContext = { transport: 'cli', author: 'Referent' };
  return { library, dispatch, ...dispatchExpecting(dispatch, ctx, () => logged.join('\n')) };
}

const committee = {
  name: 'Teknik- og Miljøudvalget',
  kind: 'staaende_udvalg',
  organisation: 'Eksempel Kommune',
  template: 'fagudvalg',
} as const;
const item = (title: string) => ({
  title,
  isClosed: false,
  publicTitle: '',
  caseId: '',
  documentNumber: '',
  presenter: '',
  kind: 'decision' as const,
});

describe('minutes profiles in the library', () => {
  it('lists the built-ins, saves an own profile, refuses a bad one naming each problem in Danish and English', async () => {
    const t = setup();
    const listed = await t.ok('profiles:list', {});
    expect(listed.defaultProfileId).toBeNull();
    expect(listed.profiles.map((p) => p.id)).toEqual([
      'opgaveudvalg',
      'fagudvalg',
      'beslutningsprotokol',
      'aarsnummereret',
      'grupperet',
    ]);
    const own = { ...profileForTemplate('fagudvalg'), id: 'eksempel', name: 'Eksempel Kommune' };
    expect(await t.ok('profiles:save', { profile: own })).toEqual(own);
    expect(await t.ok('profiles:get', { id: 'eksempel' })).toEqual(own);

    const builtIn = await t.fail('profiles:save', { profile: profileForTemplate('fagudvalg') });
    expect(builtIn.message).toContain('"fagudvalg" is a built-in profile');

    const bad = await t.fail('profiles:save', {
      profile: { ...own, name: ' ', itemHeading: 'Pkt. {nummer}', itemSections: [] },
    });
    expect(bad.code).toBe('invalid_input');
    expect(bad.issues).toEqual(
      expect.arrayContaining([
        { path: 'profile.name', en: 'must not be empty', da: 'må ikke være tom' },
        { path: 'profile.itemHeading', en: 'must contain {titel}', da: 'skal indeholde {titel}' },
        {
          path: 'profile.itemSections',
          en: 'must have at least 1 entries',
          da: 'må mindst have 1 elementer',
        },
      ]),
    );

    await t.ok('profiles:setDefault', { id: 'eksempel' });
    expect((await t.ok('profiles:list', {})).defaultProfileId).toBe('eksempel');
    expect((await t.fail('profiles:setDefault', { id: 'findes-ikke' })).code).toBe('not_found');
  });

  it('exports the profile the meeting resolves to: meeting, then committee, then default, then template', async () => {
    const t = setup();
    const c = await t.ok('committees:create', committee);
    const meeting = await t.ok('meetings:create', {
      committeeId: c.id,
      number: null,
      date: '2024-03-05',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const profileOf = async () =>
      JSON.parse((await t.ok('meetings:exportJson', { id: meeting.meeting.id })).json) as {
        profile: { id: string };
        meeting: { number: number | null };
      };
    expect((await profileOf()).profile.id).toBe('fagudvalg');
    expect((await profileOf()).meeting.number).toBeNull();
    await t.ok('profiles:setDefault', { id: 'beslutningsprotokol' });
    expect((await profileOf()).profile.id).toBe('beslutningsprotokol');
    await t.ok('committees:update', { id: c.id, patch: { profileId: 'grupperet' } });
    expect((await profileOf()).profile.id).toBe('grupperet');
    await t.ok('meetings:update', {
      id: meeting.meeting.id,
      patch: { profileId: 'aarsnummereret' },
    });
    expect((await profileOf()).profile.id).toBe('aarsnummereret');
  });

  it('continues the item numbers of the year when the profile numbers yearly', async () => {
    const t = setup();
    const c = await t.ok('committees:create', { ...committee, profileId: 'aarsnummereret' });
    const first = await t.ok('meetings:create', {
      committeeId: c.id,
      number: 1,
      date: '2024-01-16',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    for (const title of ['Budget', 'Vejplan', 'Eventuelt'])
      await t.ok('items:create', { meetingId: first.meeting.id, item: item(title) });
    const proposal = await t.ok('meetings:proposeNext', { committeeId: c.id });
    expect(proposal.number).toBe(2);
    const next = await t.ok('meetings:create', {
      committeeId: c.id,
      number: 2,
      date: '2024-02-13',
      kind: 'ordinary',
      isCopyingPrevious: true,
    });
    expect(next.items.map((i) => i.number)).toEqual([4, 5, 6]);
    const added = await t.ok('items:create', { meetingId: next.meeting.id, item: item('Ny sag') });
    expect(added.number).toBe(7);

    // A new year starts again from the profile's start.
    const january = await t.ok('meetings:create', {
      committeeId: c.id,
      number: 1,
      date: '2025-01-14',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const firstOfYear = await t.ok('items:create', {
      meetingId: january.meeting.id,
      item: item('Konstituering'),
    });
    expect(firstOfYear.number).toBe(1);
  });

  it('keeps presence changes, item absences, indkaldt and an own profile byte for byte in another library', async () => {
    const t = setup();
    const yearly = builtInProfile('aarsnummereret');
    if (!yearly) throw new Error('no built-in aarsnummereret');
    const own = { ...yearly, id: 'eksempel', name: 'Eksempel' };
    await t.ok('profiles:save', { profile: own });
    const c = await t.ok('committees:create', { ...committee, profileId: 'eksempel' });
    const detail = await t.ok('meetings:create', {
      committeeId: c.id,
      number: null,
      date: '2024-03-05',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    const meetingId = detail.meeting.id;
    const a = await t.ok('items:create', {
      meetingId,
      item: { ...item('A'), isSupplementary: true },
    });
    const b = await t.ok('items:create', { meetingId, item: item('B') });
    const person = {
      role: 'member' as const,
      party: 'A',
      isCitizen: false,
      substituteForId: null,
      partialPresence: '',
      note: '',
    };
    const absent = await t.ok('participants:create', {
      meetingId,
      participant: {
        ...person,
        name: 'Brian Møller',
        attendance: 'absent_without_notice',
        itemAbsences: [],
      },
    });
    const present = await t.ok('participants:create', {
      meetingId,
      participant: {
        ...person,
        name: 'Birgitte Glifberg',
        attendance: 'present',
        isCalledIn: true,
        substituteForId: absent.id,
        presenceChanges: [{ direction: 'arrived', time: '19:15', itemId: a.id }],
        itemAbsences: [{ itemId: b.id, kind: 'disqualified', reason: 'bestyrelsesmedlem' }],
      },
    });
    expect(present).toMatchObject({
      isCalledIn: true,
      presenceChanges: [{ direction: 'arrived', time: '19:15', itemId: a.id }],
      itemAbsences: [{ itemId: b.id, kind: 'disqualified', reason: 'bestyrelsesmedlem' }],
    });
    const exported = await t.ok('meetings:exportJson', { id: meetingId });
    expect(JSON.parse(exported.json)).toMatchObject({ profile: own });

    const other = setup();
    await other.ok('meetings:importJson', { json: exported.json });
    expect((await other.ok('meetings:exportJson', { id: meetingId })).json).toBe(exported.json);
    expect(await other.ok('profiles:get', { id: 'eksempel' })).toEqual(own);
  });

  it('names the field in plain words for bad input, in both languages', async () => {
    const t = setup();
    const c = await t.ok('committees:create', committee);
    const wrong = await t.fail('meetings:create', {
      committeeId: c.id,
      number: 1.5,
      date: '2024-02-30',
      kind: 'ordinary',
      isCopyingPrevious: false,
    });
    expect(wrong.message).toContain('number: must be a whole number');
    expect(wrong.message).not.toMatch(/a int|expected/);
    expect(wrong.issues).toEqual([
      { path: 'number', en: 'must be a whole number', da: 'skal være et helt tal' },
      { path: 'date', en: 'is not a real calendar date', da: 'er ikke en rigtig dato' },
    ]);
  });
});
