import { describe, expect, it } from 'vitest';
import type { MeetingSummary } from '../../common/contract/api';
import type { MeetingStatus } from '../../common/domain/model';
import { homeSections, recentLimit } from '../../renderer/src/home/homeSections';

function meeting(id: string, date: string, status: MeetingStatus, number = 1): MeetingSummary {
  return {
    id,
    committeeId: 'c1',
    committeeName: 'Økonomiudvalget',
    number,
    kind: 'ordinary',
    date,
    startTime: null,
    endTime: null,
    location: '',
    caseId: '',
    isClosed: false,
    status,
    template: 'fagudvalg',
    profileId: null,
    itemCount: 0,
  };
}

const ids = (result: ReturnType<typeof homeSections>) =>
  result.sections.map((section) => [section.id, section.meetings.map((m) => m.id)]);

describe('home sections', () => {
  it('puts drafts and minutes awaiting signature before the coming and the latest meetings', () => {
    const result = homeSections(
      [
        meeting('archived', '2017-06-01', 'archived'),
        meeting('next', '2018-02-01', 'draft'),
        meeting('later', '2018-03-01', 'draft'),
        meeting('approved', '2017-12-01', 'approved'),
        meeting('today', '2018-01-10', 'draft'),
        meeting('signed', '2017-11-01', 'signed'),
        meeting('older-draft', '2017-12-12', 'draft'),
      ],
      '2018-01-10',
    );
    expect(ids(result)).toEqual([
      ['drafts', ['today', 'older-draft']],
      ['awaitingSignature', ['approved']],
      ['upcoming', ['next', 'later']],
      ['recent', ['signed', 'archived']],
    ]);
    expect(result.hiddenRecent).toBe(0);
  });

  it('leaves out empty sections and orders meetings of one day by number', () => {
    const result = homeSections(
      [meeting('a', '2017-12-12', 'draft', 4), meeting('b', '2017-12-12', 'draft', 5)],
      '2018-01-10',
    );
    expect(ids(result)).toEqual([['drafts', ['b', 'a']]]);
  });

  it('shows the newest signed or archived meetings and counts the rest', () => {
    const done = Array.from({ length: recentLimit + 3 }, (_, i) =>
      meeting(`m${i}`, `2017-01-${String(i + 1).padStart(2, '0')}`, 'archived'),
    );
    const result = homeSections(done, '2018-01-10');
    expect(result.sections[0]?.meetings).toHaveLength(recentLimit);
    expect(result.sections[0]?.meetings[0]?.id).toBe(`m${recentLimit + 2}`);
    expect(result.hiddenRecent).toBe(3);
  });
});
