import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { profileForTemplate } from '../../common/domain/profiles';
import { checkVoteConsistency, type Vote } from '../../common/domain/richText';
import {
  describeConversionNote,
  readPartialPresence,
} from '../../common/format/referat1Conversion';
import type { ReferatDocument } from '../../common/format/referat2';
import {
  parseReferatDocument,
  readReferatDocument,
  serializeReferatDocument,
  validateReferatDocument,
} from '../../common/format/referatJson';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type LooseDocument = Record<string, any>;

const fixtureText = fs.readFileSync(
  path.resolve(__dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);
const fixture1Text = fs.readFileSync(
  path.resolve(__dirname, '../fixtures/referat1/gentofte-2017-12-12.referat.json'),
  'utf8',
);

const group = (over: Partial<Vote['for']> = {}): Vote['for'] => ({
  participantIds: [],
  parties: [],
  count: null,
  ...over,
});

/** The model meeting with every field referat/2 adds set to something other than its default. */
function withRealVariety(): ReferatDocument {
  const doc = parseReferatDocument(fixtureText);
  const [first, second, third] = doc.agendaItems;
  if (!first || !second || !third) throw new Error('fixture has fewer items');
  doc.profile = profileForTemplate('fagudvalg');
  doc.meeting.number = null;
  doc.meeting.template = 'fagudvalg';
  doc.committee.profileId = 'gentofte-fagudvalg';
  const [chair, vice, , , katja] = doc.participants;
  if (!chair || !vice || !katja) throw new Error('fixture has fewer participants');
  vice.attendance = 'absent_without_notice';
  katja.attendance = 'absent_with_notice';
  doc.participants.push({
    ...katja,
    id: 'suppleant-1',
    memberId: null,
    name: 'Birgitte Glifberg',
    attendance: 'present',
    isCalledIn: true,
    substituteForId: katja.id,
    position: doc.participants.length,
  });
  chair.presenceChanges = [
    { direction: 'arrived', time: '19:15', itemId: second.id },
    { direction: 'left', time: '20:10', itemId: null },
  ];
  chair.itemAbsences = [{ itemId: third.id, kind: 'disqualified', reason: 'bestyrelsesmedlem' }];
  first.isSupplementary = true;
  first.bodies.decisionAuthority = [
    { type: 'paragraph', children: [{ type: 'text', text: 'Økonomiudvalget.' }] },
  ];
  first.bodies.decision = [
    ...(first.bodies.decision ?? []),
    {
      type: 'vote',
      adPoint: '2',
      subject: 'Indstillingen',
      for: group({ parties: ['B', 'F', 'Ø'], count: 5 }),
      against: group({ parties: ['V'] }),
      abstained: group(),
      outcome: 'recommended',
    },
    {
      type: 'dissent',
      kind: 'minority',
      participantId: null,
      parties: ['V'],
      text: 'V finder sagen for dyr.',
    },
  ];
  first.bodies.previousDecisions = [
    {
      type: 'quotedDecision',
      committee: 'Teknik- og Miljøudvalget',
      date: '2022-03-14',
      itemNumber: '118',
      meetingId: null,
      itemId: null,
      text: 'Anbefales.',
      vote: null,
    },
  ];
  const appendix = doc.appendices[0];
  if (!appendix) throw new Error('fixture has no appendix');
  doc.appendices.push({
    ...appendix,
    id: 'bilag-efter',
    number: null,
    title: 'Notat.pdf',
    isAddedAfterMeeting: true,
  });
  return doc;
}

describe('referat/2 carries the profile and the real variety of minutes', () => {
  it('export → import → export gives identical bytes with every new field set', () => {
    const first = serializeReferatDocument(withRealVariety());
    const again = serializeReferatDocument(parseReferatDocument(first));
    expect(again).toBe(first);
    expect(JSON.parse(first)).toMatchObject({ format: 'referat/2', profile: { id: 'fagudvalg' } });
  });

  it('refuses a substitute for a present member and two members substituting for each other, naming them', () => {
    const doc = JSON.parse(fixtureText) as LooseDocument;
    doc.participants[1].substituteForId = doc.participants[0].id;
    doc.participants[3].substituteForId = doc.participants[4].id;
    doc.participants[4].substituteForId = doc.participants[3].id;
    doc.participants[3].attendance = 'absent';
    doc.participants[4].attendance = 'absent';
    const lines = validateReferatDocument(doc).errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'participants[1].substituteForId: Michael Fenger substitutes for Kristine Kryger, who is present (a substitute stands in for an absent member)',
        'participants[3].substituteForId: Andreas Weidinger and Katja S. Johansen cannot substitute for each other',
      ]),
    );
  });

  it('refuses two substitutes for one absent member', () => {
    const doc = JSON.parse(fixtureText) as LooseDocument;
    doc.participants[0].attendance = 'absent_with_notice';
    doc.participants[1].substituteForId = doc.participants[0].id;
    doc.participants[2].substituteForId = doc.participants[0].id;
    const lines = validateReferatDocument(doc).errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual([
      'participants[2].substituteForId: Kristine Kryger already has a substitute (Michael Fenger); each absent member has at most one',
    ]);
  });

  it('refuses an outcome that contradicts the counts, naming them; a vote by parties needs no count', () => {
    const vote = (outcome: Vote['outcome'], yes: number | null, no: number | null): Vote => ({
      type: 'vote',
      subject: 'Indstillingen',
      for: group({ parties: ['A'], count: yes }),
      against: group({ parties: ['V'], count: no }),
      abstained: group(),
      outcome,
    });
    expect(checkVoteConsistency(vote('adopted', 3, 4))).toEqual({
      outcome: 'adopted',
      for: 3,
      against: 4,
    });
    expect(checkVoteConsistency(vote('recommended', 5, 2))).toBeNull();
    expect(checkVoteConsistency(vote('not_recommended', 5, 2))).not.toBeNull();
    expect(checkVoteConsistency(vote('rejected', 3, 3))).toBeNull();
    expect(checkVoteConsistency(vote('tied', 3, 4))).not.toBeNull();
    expect(checkVoteConsistency(vote('adopted', null, 4))).toBeNull();
    expect(checkVoteConsistency(vote('noted', 1, 6))).toBeNull();

    const doc = JSON.parse(fixtureText) as LooseDocument;
    doc.agendaItems[0].bodies.decision.push(vote('approved', 2, 5));
    const index = doc.agendaItems[0].bodies.decision.length - 1;
    expect(validateReferatDocument(doc).errors).toEqual([
      {
        path: `agendaItems[0].bodies.decision[${index}].outcome`,
        message:
          'the outcome "approved" needs more votes for than against, not 2 for and 5 against',
      },
    ]);
  });

  it('checks item absences, presence changes, item groups, per-item appendix numbers and quoted votes', () => {
    const doc = JSON.parse(serializeReferatDocument(withRealVariety())) as LooseDocument;
    const chair = doc.participants[0];
    chair.itemAbsences.push({ ...chair.itemAbsences[0] });
    chair.presenceChanges.push({ direction: 'left', time: null, itemId: 'no-such-item' });
    chair.presenceChanges.push({ direction: 'left', time: null, itemId: null });
    doc.agendaItems[1].groupId = 'til-efterretning';
    doc.appendices[1].number = 1;
    doc.agendaItems[0].bodies.previousDecisions[0].vote = {
      type: 'vote',
      subject: '',
      for: group({ participantIds: [chair.id] }),
      against: group(),
      abstained: group(),
      outcome: 'recommended',
    };
    const lines = validateReferatDocument(doc).errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines.sort()).toEqual(
      [
        'agendaItems[0].bodies.previousDecisions[0].vote.for.participantIds: a quoted vote of another meeting names no participants of this one; give its count or parties',
        'agendaItems[1].groupId: the profile has no item group with the id "til-efterretning"',
        'appendices[1].number: number 1 is already used by appendices[0]',
        'participants[0].itemAbsences[1].itemId: Kristine Kryger is already recorded as absent from this item',
        'participants[0].presenceChanges[3]: needs a time, an agenda item or both',
        'participants[0].presenceChanges[2].itemId: no agenda item has the id "no-such-item"',
      ].sort(),
    );

    // Numbered per item, "Bilag 1" may exist once per item.
    const perItem = JSON.parse(serializeReferatDocument(withRealVariety())) as LooseDocument;
    perItem.profile.appendixNumbering = 'per_item';
    perItem.appendices[1].number = 1;
    perItem.appendices[1].itemId = perItem.agendaItems[0].id;
    expect(validateReferatDocument(perItem).errors).toEqual([]);
  });

  it('names sizes and whole numbers plainly instead of passing the library text', () => {
    const doc = JSON.parse(fixtureText) as LooseDocument;
    doc.agendaItems[0].bodies.decision[0].children[0].text = 'x'.repeat(1_000_001);
    doc.members[0].position = 0.5;
    const lines = validateReferatDocument(doc).errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual([
      'members[0].position: must be a whole number, not number',
      'agendaItems[0].bodies.decision[0].children[0].text: must have at most 1000000 characters',
    ]);
  });
});

describe('referat/1 files still import, converted with a note of what was assumed', () => {
  it('reads the model meeting as Referat 0.2 wrote it and gives the referat/2 fixture', () => {
    const reading = readReferatDocument(fixture1Text);
    expect(reading.sourceFormat).toBe('referat/1');
    expect(serializeReferatDocument(reading.document)).toBe(fixtureText);
    expect(reading.notes.map(describeConversionNote)).toEqual([
      'Laid out with the built-in profile "opgaveudvalg" of the template "opgaveudvalg" (referat/1 carries no profile).',
      'Nobody is marked as called in, no item as on a supplementary agenda or in a group, no appendix as added after the meeting (referat/1 cannot say so).',
    ]);
    expect(readReferatDocument(fixtureText)).toMatchObject({
      sourceFormat: 'referat/2',
      notes: [],
    });
  });

  it('converts absences from items, "fraværende" and partial presence, and says so', () => {
    const doc = JSON.parse(fixture1Text) as LooseDocument;
    const [item1, item2] = doc.agendaItems;
    doc.participants[0].absentFromItemIds = [item1.id, item2.id];
    doc.participants[1].attendance = 'absent';
    doc.participants[2].partialPresence = 'fraværende til kl. 19.15 i punkt 2';
    doc.participants[3].partialPresence = 'forlod mødet kl. 20.10 under punkt 1';
    doc.participants[4].partialPresence = 'til og med punkt 5';
    const reading = readReferatDocument(JSON.stringify(doc));
    const [chair, vice, marianne, andreas, katja] = reading.document.participants;
    expect(chair?.itemAbsences).toEqual([
      { itemId: item1.id, kind: 'not_participating', reason: '' },
      { itemId: item2.id, kind: 'not_participating', reason: '' },
    ]);
    expect(vice?.attendance).toBe('absent');
    expect(marianne).toMatchObject({
      partialPresence: '',
      presenceChanges: [{ direction: 'arrived', time: '19:15', itemId: item2.id }],
    });
    expect(andreas?.presenceChanges).toEqual([
      { direction: 'left', time: '20:10', itemId: item1.id },
    ]);
    expect(katja).toMatchObject({ partialPresence: 'til og med punkt 5', presenceChanges: [] });
    expect(reading.notes.slice(2)).toEqual([
      { kind: 'itemAbsences', count: 2 },
      { kind: 'absentUnspecified', count: 1 },
      { kind: 'presenceRead', count: 2 },
      { kind: 'presenceKept', count: 1 },
    ]);
  });

  it('reads the usual phrases of partial presence, and nothing it is unsure of', () => {
    const items = new Map<number, string | null>([
      [3, 'i3'],
      [4, 'i4'],
      [7, 'i7'],
      [9, null],
    ]);
    expect(readPartialPresence('til kl. 18.40', items)).toEqual([
      { direction: 'left', time: '18:40', itemId: null },
    ]);
    expect(readPartialPresence('til stede fra punkt 4', items)).toEqual([
      { direction: 'arrived', time: null, itemId: 'i4' },
    ]);
    expect(readPartialPresence('fra kl. 17.30, forlod mødet under punkt 7', items)).toEqual([
      { direction: 'arrived', time: '17:30', itemId: null },
      { direction: 'left', time: null, itemId: 'i7' },
    ]);
    // An item number the meeting does not have exactly once, or another phrase: kept as text.
    expect(readPartialPresence('fra punkt 8', items)).toBeNull();
    expect(readPartialPresence('fra punkt 9', items)).toBeNull();
    expect(readPartialPresence('deltog under punkt 3 pr. telefon', items)).toBeNull();
  });

  it('refuses in a referat/1 file what referat/1 could not hold', () => {
    const doc = JSON.parse(fixture1Text) as LooseDocument;
    doc.participants[0].attendance = 'absent_without_notice';
    doc.profile = profileForTemplate('fagudvalg');
    const lines = validateReferatDocument(doc).errors.map((e) => `${e.path}: ${e.message}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        '(document): unknown property "profile"',
        'participants[0].attendance: must be one of "present", "absent_with_notice", "absent"',
      ]),
    );
  });
});
