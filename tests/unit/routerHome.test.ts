import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash } from '../../renderer/src/router';

describe('the routes of the start screen and the committee list', () => {
  it('opens the meetings at #/ and on unknown addresses, the committees at #/committees', () => {
    expect(parseRoute('')).toEqual({ screen: 'home' });
    expect(parseRoute('#/')).toEqual({ screen: 'home' });
    expect(parseRoute('#/nowhere')).toEqual({ screen: 'home' });
    expect(parseRoute('#/committees')).toEqual({ screen: 'committees' });
    expect(parseRoute('#/committees/abc')).toEqual({ screen: 'committee', committeeId: 'abc' });
  });

  it('writes each route back as the hash it is read from', () => {
    for (const hash of ['#/', '#/committees', '#/committees/abc', '#/meetings/m1', '#/search']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });
});
