import { describe, expect, it } from 'vitest';
import { noSharedFilters, sharedFilterInput } from '../../renderer/src/search/SearchFilterFields';

describe("sharedFilterInput (the search screens' committee, date and closed filters)", () => {
  it('sends no committee or date when none is chosen', () => {
    expect(sharedFilterInput(noSharedFilters)).toEqual({ isClosedIncluded: false });
  });

  it('sends the chosen committee as a list and the chosen dates', () => {
    expect(
      sharedFilterInput({
        committeeId: 'c1',
        from: '2017-01-01',
        to: '2017-12-31',
        isClosedIncluded: true,
      }),
    ).toEqual({
      isClosedIncluded: true,
      committeeIds: ['c1'],
      from: '2017-01-01',
      to: '2017-12-31',
    });
  });
});
