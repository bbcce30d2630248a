/**
 * The wording of the minutes (common/wording): people, attendance, presence changes, item
 * absences, appendix lines, headings, times, titles, dissents of every kind, Ad-points, every
 * outcome and quoted decisions, in Danish and English.
 */
import { describe, expect, it } from 'vitest';
import type { Vote } from '../../common/domain/richText';
import { dissentBlockText } from '../../common/wording/blocks';
import {
  appendixLine,
  attendanceLine,
  compactAttendanceLine,
  itemHeading,
  meetingTitle,
  presenceChangeText,
  profileLabel,
  quotedDecisionText,
  timeRange,
  type AttendancePerson,
} from '../../common/wording/minutes';
import { personName, substituteName } from '../../common/wording/people';
import { voteText } from '../../common/wording/votes';
import { memberCount, numberWord, oneLine } from '../../common/wording/words';

const person = (partial: Partial<AttendancePerson> & { id: string; name: string }) => ({
  party: null,
  role: 'member' as const,
  attendance: 'present',
  substituteForId: null,
  partialPresence: '',
  note: '',
  ...partial,
});

describe('people', () => {
  it('writes a member one way: party and role in one bracket', () => {
    expect(personName({ name: 'Lone Hansen', party: 'C', role: 'chair' }, 'da')).toBe(
      'Lone Hansen (C, formand)',
    );
    expect(personName({ name: 'Kristine Kryger', party: null, role: 'chair' }, 'da')).toBe(
      'Kristine Kryger (formand)',
    );
    expect(personName({ name: 'Peter Jensen', party: 'A', role: 'member' }, 'da')).toBe(
      'Peter Jensen (A)',
    );
    expect(personName({ name: 'Lone Hansen', party: 'C', role: 'vice_chair' }, 'en')).toBe(
      'Lone Hansen (C, vice-chair)',
    );
    expect(
      substituteName(
        { name: 'Birgitte Glifberg', party: 'A' },
        { name: 'Brian Møller', party: 'A' },
        'da',
      ),
    ).toBe('Birgitte Glifberg (A), stedfortræder for Brian Møller (A)');
  });
});

describe('numbers', () => {
  it('spells out numbers under ten at the start of a sentence only', () => {
    expect(memberCount(1, 'da', true)).toBe('Et medlem');
    expect(memberCount(2, 'da', true)).toBe('To medlemmer');
    expect(memberCount(9, 'da', true)).toBe('Ni medlemmer');
    expect(memberCount(12, 'da', true)).toBe('12 medlemmer');
    expect(memberCount(3, 'da', false)).toBe('3 medlemmer');
    expect(memberCount(1, 'en', true)).toBe('One member');
    expect(numberWord(1, 'da', { isSentenceStart: true, isCommonGender: true })).toBe('En');
  });
});

describe('attendance', () => {
  const items = new Map<string, number>([
    ['i3', 3],
    ['i4', 4],
    ['i7', 7],
  ]);
  const absent = person({ id: 'b', name: 'Brian Møller', party: 'A', attendance: 'absent' });

  it('writes every presence change as Danish minutes do', () => {
    const change = (
      direction: 'arrived' | 'left',
      time: string | null,
      itemNumber: number | null,
    ) => presenceChangeText({ direction, time, itemNumber }, 'da');
    expect(change('arrived', '19:15', 3)).toBe('fraværende til kl. 19.15 i punkt 3');
    expect(change('arrived', null, 4)).toBe('til stede fra punkt 4');
    expect(change('arrived', '19:15', null)).toBe('fraværende til kl. 19.15');
    expect(change('left', '20:10', 7)).toBe('forlod mødet kl. 20.10 under punkt 7');
    expect(change('left', '20:10', null)).toBe('til kl. 20.10');
    expect(change('left', null, 7)).toBe('forlod mødet under punkt 7');
    expect(presenceChangeText({ direction: 'left', time: '20:10', itemNumber: null }, 'en')).toBe(
      'present until 20:10',
    );
  });

  it('writes substitutes, called-in members, presence changes and item absences with reasons', () => {
    const substitute = person({
      id: 's',
      name: 'Birgitte Glifberg',
      party: 'A',
      substituteForId: 'b',
      isCalledIn: true,
      presenceChanges: [{ direction: 'arrived', time: '19:15', itemId: 'i3' }],
      itemAbsences: [
        { itemId: 'i4', kind: 'disqualified', reason: 'bestyrelsesmedlem i foreningen' },
        { itemId: 'i7', kind: 'not_participating', reason: '' },
      ],
    });
    const context = { participants: [absent, substitute], itemNumbers: items, lang: 'da' as const };
    expect(attendanceLine(substitute, context)).toBe(
      'Birgitte Glifberg (A), indkaldt som stedfortræder for Brian Møller (A), fraværende til kl. 19.15 i punkt 3, inhabil i punkt 4 (bestyrelsesmedlem i foreningen), deltog ikke i behandlingen af punkt 7',
    );
    expect(attendanceLine(substitute, { ...context, lang: 'en' })).toBe(
      'Birgitte Glifberg (A), called in as substitute for Brian Møller (A), absent until 19:15 during item 3, disqualified from item 4 (bestyrelsesmedlem i foreningen), did not take part in item 7',
    );
    const calledIn = person({ id: 'c', name: 'Hans Hansen', party: 'V', isCalledIn: true });
    expect(attendanceLine(calledIn, context)).toBe('Hans Hansen (V), indkaldt');
  });

  it('lists people compactly, with semicolons only when a line has its own commas', () => {
    expect(compactAttendanceLine('Til stede', ['A (C, formand)', 'B', 'C'], 'da')).toBe(
      'Til stede: A (C, formand), B og C.',
    );
    expect(compactAttendanceLine('Til stede', ['A, til kl. 18.00', 'B'], 'da')).toBe(
      'Til stede: A, til kl. 18.00; B.',
    );
  });
});

describe('lines around the bodies', () => {
  it('writes the title without an invented meeting number', () => {
    const meeting = {
      number: null,
      date: '2017-12-12',
      isClosed: false,
      kind: 'ordinary' as const,
    };
    expect(meetingTitle(meeting, 'Økonomiudvalget', 'da')).toBe(
      'Møde i Økonomiudvalget den 12. december 2017',
    );
    expect(meetingTitle({ ...meeting, number: 5 }, 'Økonomiudvalget', 'da')).toBe(
      '5. møde i Økonomiudvalget den 12. december 2017',
    );
  });

  it('writes times, headings, appendix lines and profile labels', () => {
    expect(timeRange('17:00', '19:30', 'da')).toBe('17.00–19.30');
    expect(timeRange(null, '19:30', 'da')).toBe('til kl. 19.30');
    expect(timeRange('17:00', null, 'en')).toBe('17:00');
    expect(itemHeading('Pkt. {nummer} {titel}', { number: 42, title: 'Budget' })).toBe(
      'Pkt. 42 Budget',
    );
    const appendix = { number: 3, title: 'Tegning', documentNumber: '', caseId: 'EMN-1' };
    expect(appendixLine(appendix, 'da')).toBe('3. Tegning (EMN-1)');
    expect(appendixLine({ ...appendix, number: null }, 'da')).toBe('Tegning (EMN-1)');
    expect(appendixLine({ ...appendix, isAddedAfterMeeting: true }, 'da')).toBe(
      '3. Tegning (EMN-1) (eftersendt)',
    );
    expect(profileLabel('Beskrivelse af sagen', 'en')).toBe('Description of the case');
    expect(profileLabel('Sagens forløb', 'en')).toBe('Sagens forløb');
  });

  it('joins a body’s lines so blocks never run together', () => {
    expect(oneLine(['Godkendt', 'Et flertal stemte for.', 'Protokoltilførsel fra A: Nej.'])).toBe(
      'Godkendt · Et flertal stemte for. Protokoltilførsel fra A: Nej.',
    );
  });
});

describe('votes and dissents of every kind', () => {
  const base: Vote = {
    type: 'vote',
    subject: 'indstillingen',
    for: { participantIds: [], parties: ['B', 'F', 'Ø'], count: 5 },
    against: { participantIds: [], parties: ['V'], count: 2 },
    abstained: { participantIds: [], parties: [], count: null },
    outcome: 'recommended',
  };
  it('writes every outcome', () => {
    const outcomes: [Vote['outcome'], string][] = [
      ['adopted', 'Indstillingen blev vedtaget.'],
      ['rejected', 'Indstillingen blev forkastet.'],
      ['tied', 'Stemmelighed: indstillingen er bortfaldet.'],
    ];
    for (const [outcome, sentence] of outcomes)
      expect(voteText({ ...base, outcome }, [], 'da')).toContain(sentence);
  });

  it('writes the Ad-point before the vote', () => {
    const vote = { ...base, outcome: 'adopted' as const, adPoint: '2' } as Vote;
    expect(voteText(vote, [], 'da')).toBe(
      'Ad 2. Et flertal (B, F og Ø) stemte for. To medlemmer (V) stemte imod. Indstillingen blev vedtaget.',
    );
  });

  it('writes a dissent with its kind, by a member or by party letters', () => {
    const people = [{ id: 'p1', name: 'Peter Jensen', party: 'A', role: 'member' as const }];
    const context = { participants: people, lang: 'da' as const };
    expect(dissentBlockText({ participantId: 'p1', text: 'Imod.' }, context)).toBe(
      'Protokoltilførsel fra Peter Jensen (A): Imod.',
    );
    expect(
      dissentBlockText(
        { participantId: '', parties: ['B', 'F'], kind: 'minority', text: 'For dyrt.' },
        context,
      ),
    ).toBe('Mindretalsudtalelse fra B og F: For dyrt.');
    expect(
      dissentBlockText({ participantId: 'p1', kind: 'note', text: 'Bemærkning.' }, context),
    ).toBe('Protokolbemærkning fra Peter Jensen (A): Bemærkning.');
  });

  it('quotes an earlier decision with committee, date, item and its own vote', () => {
    expect(
      quotedDecisionText(
        {
          committee: 'Teknik- og Miljøudvalget',
          date: '2022-03-14',
          itemNumber: '118',
          text: 'Anbefales.',
          vote: null,
        },
        [],
        'da',
      ),
    ).toBe('Teknik- og Miljøudvalget, 14. marts 2022, pkt. 118: Anbefales.');
  });
});
