/**
 * Hash routes (#/ the meetings, #/committees the committee list, #/committees/ID, #/meetings/ID, #/search, #/decisions): they work the same under the HTTP host
 * and under Electron's app:// protocol, and survive a reload.
 */
export type Route =
  | { screen: 'home' }
  | { screen: 'committees' }
  | { screen: 'committee'; committeeId: string }
  | { screen: 'meeting'; meetingId: string }
  | { screen: 'search' }
  | { screen: 'decisions' };

const idPattern = '([A-Za-z0-9_-]{1,64})';

/** The route named by a location hash; unknown hashes show the start screen (the meetings). */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '');
  const committee = new RegExp(`^/committees/${idPattern}$`).exec(path);
  if (committee?.[1]) return { screen: 'committee', committeeId: committee[1] };
  const meeting = new RegExp(`^/meetings/${idPattern}$`).exec(path);
  if (meeting?.[1]) return { screen: 'meeting', meetingId: meeting[1] };
  if (path === '/committees') return { screen: 'committees' };
  if (path === '/search') return { screen: 'search' };
  if (path === '/decisions') return { screen: 'decisions' };
  return { screen: 'home' };
}

/** The hash of a route. */
export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'home':
      return '#/';
    case 'committees':
      return '#/committees';
    case 'committee':
      return `#/committees/${route.committeeId}`;
    case 'meeting':
      return `#/meetings/${route.meetingId}`;
    case 'search':
      return '#/search';
    case 'decisions':
      return '#/decisions';
  }
}
