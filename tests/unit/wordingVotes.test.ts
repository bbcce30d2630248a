import { describe, expect, it } from 'vitest';
import type { Vote, VoteGroup } from '../../common/domain/richText';
import { voteSchema } from '../../common/domain/richText';
import type { WordingPerson } from '../../common/wording/people';
import { emptyVote, hasVotedAgainst, isUnanimous, voteText } from '../../common/wording/votes';
import { joinList } from '../../common/wording/words';

const people: WordingPerson[] = [
  { id: 'p1', name: 'Kristine Kryger', party: 'C' },
  { id: 'p2', name: 'Michael Fenger', party: 'C' },
  { id: 'p3', name: 'Marianne Zangenberg', party: 'A' },
  { id: 'p4', name: 'Andreas Weidinger', party: 'V' },
  { id: 'p5', name: 'Katja S. Johansen', party: 'O' },
];

const group = (
  parties: string[],
  count: number | null,
  participantIds: string[] = [],
): VoteGroup => ({
  participantIds,
  parties,
  count,
});

function vote(partial: Partial<Vote>): Vote {
  const result = { ...emptyVote(), ...partial };
  // Every vote used here must be a valid block, so the texts are tested on real data.
  expect(voteSchema.safeParse(result).success).toBe(true);
  return result;
}

describe('joinList', () => {
  it('joins with "og" in Danish and "and" in English', () => {
    expect(joinList(['A', 'V', 'C'], 'da')).toBe('A, V og C');
    expect(joinList(['A', 'V', 'C'], 'en')).toBe('A, V and C');
    expect(joinList(['A', 'V'], 'da')).toBe('A og V');
    expect(joinList(['O'], 'da')).toBe('O');
    expect(joinList([], 'da')).toBe('');
  });
});

describe('voteText by party', () => {
  const majority = vote({
    for: group(['A', 'V', 'C'], 8),
    against: group(['O'], 1),
    outcome: 'adopted',
  });

  it('renders the model Danish sentence', () => {
    expect(voteText(majority, people, 'da')).toBe(
      'Et flertal (A, V og C) stemte for. Et medlem (O) stemte imod.',
    );
  });

  it('renders English in the English UI', () => {
    expect(voteText(majority, people, 'en')).toBe(
      'A majority (A, V and C) voted in favour. One member (O) voted against.',
    );
  });

  it('adds abstentions and the subject with its outcome', () => {
    const v = vote({
      subject: 'indstillingen',
      for: group(['A', 'V'], 6),
      against: group(['O', 'Ø'], 3),
      abstained: group(['F'], 2),
      outcome: 'adopted',
    });
    expect(voteText(v, people, 'da')).toBe(
      'Et flertal (A og V) stemte for. Tre medlemmer (O og Ø) stemte imod. To medlemmer (F) undlod at stemme. Indstillingen blev vedtaget.',
    );
    expect(voteText(v, people, 'en')).toBe(
      'A majority (A and V) voted in favour. Three members (O and Ø) voted against. Two members (F) abstained. Indstillingen: adopted.',
    );
  });

  it('writes the party without a count, and the outcome the counts cannot show', () => {
    const v = vote({
      for: group(['A', 'V'], null),
      against: group(['O'], null),
      outcome: 'adopted',
    });
    expect(voteText(v, people, 'da')).toBe(
      'Medlemmerne fra A og V stemte for. Medlemmerne fra O stemte imod. Vedtaget.',
    );
  });
});

describe('voteText unanimous', () => {
  it('says "Enstemmigt vedtaget" when nobody voted against or abstained', () => {
    const v = vote({ for: group([], null, ['p1', 'p2', 'p3']), outcome: 'adopted' });
    expect(isUnanimous(v)).toBe(true);
    expect(voteText(v, people, 'da')).toBe('Enstemmigt vedtaget.');
    expect(voteText(v, people, 'en')).toBe('Adopted unanimously.');
    expect(voteText({ ...v, subject: 'indstillingen' }, people, 'da')).toBe(
      'Indstillingen blev enstemmigt vedtaget.',
    );
  });

  it('is not unanimous with one abstention', () => {
    const v = vote({ for: group(['A'], 5), abstained: group(['O'], 1), outcome: 'adopted' });
    expect(isUnanimous(v)).toBe(false);
    expect(voteText(v, people, 'da')).toBe(
      'Fem medlemmer (A) stemte for. Et medlem (O) undlod at stemme.',
    );
  });
});

describe('voteText by name', () => {
  it('names the members in each group', () => {
    const v = vote({
      for: group([], null, ['p1', 'p2', 'p3']),
      against: group([], null, ['p5']),
      outcome: 'adopted',
    });
    expect(voteText(v, people, 'da')).toBe(
      'Et flertal bestående af Kristine Kryger (C), Michael Fenger (C) og Marianne Zangenberg (A) stemte for. Katja S. Johansen (O) stemte imod.',
    );
  });

  it('marks an unknown participant instead of dropping it', () => {
    const v = vote({ for: group([], null, ['p1', 'gone']), against: group([], null, ['p5']) });
    expect(voteText(v, people, 'da')).toContain(
      'Kristine Kryger (C) og ? (fjernet deltager) stemte for',
    );
  });
});

describe('voteText ties and rejections', () => {
  it('states the tie and that the proposal lapsed', () => {
    const v = vote({ for: group(['A'], 2), against: group(['V'], 2), outcome: 'tied' });
    expect(voteText(v, people, 'da')).toBe(
      'To medlemmer (A) stemte for. To medlemmer (V) stemte imod. Stemmelighed: forslaget er bortfaldet.',
    );
    expect(voteText({ ...v, subject: 'ændringsforslaget' }, people, 'en')).toBe(
      'Two members (A) voted in favour. Two members (V) voted against. Tied vote: ændringsforslaget lapsed.',
    );
  });

  it('writes a rejection as majority against', () => {
    const v = vote({
      subject: 'ændringsforslaget fra O',
      for: group(['O'], 1),
      against: group(['A', 'V', 'C'], 8),
      outcome: 'rejected',
    });
    expect(voteText(v, people, 'da')).toBe(
      'Et medlem (O) stemte for. Et flertal (A, V og C) stemte imod. Ændringsforslaget fra O blev forkastet.',
    );
  });

  it('says nobody voted for when the for group is empty', () => {
    const v = vote({ against: group([], null, ['p1', 'p2']), outcome: 'rejected' });
    expect(voteText(v, people, 'da')).toBe(
      'Ingen stemte for. Kristine Kryger (C) og Michael Fenger (C) stemte imod.',
    );
  });

  it('states an outcome the counts do not imply', () => {
    const v = vote({ for: group(['A'], 5), against: group(['V'], 4), outcome: 'rejected' });
    expect(voteText(v, people, 'da')).toBe(
      'Et flertal (A) stemte for. Fire medlemmer (V) stemte imod. Forkastet.',
    );
  });
});

describe('hasVotedAgainst', () => {
  const votes = [vote({ for: group(['A', 'C'], 7), against: group(['O'], 1) })];
  it('finds a member by party letter or by name', () => {
    expect(hasVotedAgainst('p5', votes, people)).toBe(true);
    expect(hasVotedAgainst('p1', votes, people)).toBe(false);
    expect(hasVotedAgainst('p4', [vote({ against: group([], null, ['p4']) })], people)).toBe(true);
    expect(hasVotedAgainst('p4', [], people)).toBe(false);
  });
});
