import { describe, expect, it } from 'vitest';
import { checkVoteConsistency } from '../../common/domain/richText';
import { voteFromDraft } from '../../renderer/src/editor/views/VoteView';

const draft = (outcome: 'recommended' | 'not_recommended') => ({
  adPoint: 'Ad 2.',
  subject: 'Indstillingen',
  byParticipant: {},
  parties: { for: 'B, F, Ø', against: 'v', abstained: '' },
  counts: { for: '5', against: '2', abstained: '' },
  outcome,
});

describe('the vote dialog draft', () => {
  it('keeps an Ad-point ("Ad 2." is point 2) and party letters with counts', () => {
    const parsed = voteFromDraft(draft('recommended'));
    if (!('vote' in parsed)) throw new Error('expected a vote');
    expect(parsed.vote).toMatchObject({
      adPoint: '2',
      for: { parties: ['B', 'F', 'Ø'], count: 5 },
      against: { parties: ['V'], count: 2 },
      outcome: 'recommended',
    });
    expect(checkVoteConsistency(parsed.vote)).toBeNull();
  });

  it('finds the contradiction the dialog refuses: "anbefales ikke" with 5 for and 2 against', () => {
    const parsed = voteFromDraft(draft('not_recommended'));
    if (!('vote' in parsed)) throw new Error('expected a vote');
    expect(checkVoteConsistency(parsed.vote)).toEqual({
      outcome: 'not_recommended',
      for: 5,
      against: 2,
    });
  });
});
