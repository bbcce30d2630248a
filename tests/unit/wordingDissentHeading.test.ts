/**
 * The lead-in of a protokoltilførsel whose author is not chosen yet (just inserted, or undone
 * back to that state) is open ("Protokoltilførsel fra …"), never the removed-participant mark
 * "? (fjernet deltager)", which is kept for an author who really left the list.
 */
import { describe, expect, it } from 'vitest';
import { dissentHeading } from '../../common/wording/blocks';

const people = [{ id: 'p1', name: 'Peter Jensen', party: 'A', role: 'member' as const }];

describe('dissentHeading', () => {
  it('is open while no author is chosen', () => {
    expect(dissentHeading({ participantId: '' }, people, 'da')).toBe('Protokoltilførsel fra …');
    expect(dissentHeading({ participantId: '' }, people, 'en')).toBe('Minute note by …');
  });

  it('names a chosen author and marks one who was removed', () => {
    expect(dissentHeading({ participantId: 'p1' }, people, 'da')).toBe(
      'Protokoltilførsel fra Peter Jensen (A)',
    );
    expect(dissentHeading({ participantId: 'gone' }, people, 'da')).toBe(
      'Protokoltilførsel fra ? (fjernet deltager)',
    );
  });
});
