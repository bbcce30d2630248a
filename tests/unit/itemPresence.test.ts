/**
 * Per-item presence as the item's heading shows it and records it: derived from arrivals,
 * departures and item absences in agenda order; recording at an item replaces what was
 * recorded there and keeps the changes in the order they happened.
 */
import { describe, expect, it } from 'vitest';
import type { Participant } from '../../common/domain/model';
import { itemPresence, withItemPresence } from '../../common/domain/presence';

const items = [1, 2, 3, 4, 5, 6, 7].map((n) => ({ id: `item-${n}`, position: n - 1 }));

function person(id: string, extra: Partial<Participant> = {}): Participant {
  return {
    id,
    meetingId: 'm',
    memberId: null,
    name: id,
    role: 'member',
    party: null,
    isCitizen: false,
    attendance: 'present',
    isCalledIn: false,
    substituteForId: null,
    partialPresence: '',
    presenceChanges: [],
    note: '',
    itemAbsences: [],
    position: 0,
    ...extra,
  };
}

const late = person('late', {
  position: 1,
  presenceChanges: [{ direction: 'arrived', time: '19:15', itemId: 'item-3' }],
});
const early = person('early', {
  position: 2,
  presenceChanges: [{ direction: 'left', time: '20:10', itemId: 'item-5' }],
});
const inhabil = person('inhabil', {
  position: 3,
  itemAbsences: [{ itemId: 'item-4', kind: 'disqualified', reason: 'bestyrelsesmedlem' }],
});
const away = person('away', { position: 4, attendance: 'absent_with_notice' });
const all = [person('chair'), late, early, inhabil, away];

const states = (itemId: string) =>
  itemPresence(all, items, itemId).map((entry) => [entry.participantId, entry.state]);

describe('per-item presence', () => {
  it('derives each present participant state at an item from changes in agenda order', () => {
    expect(states('item-2')).toEqual([
      ['chair', 'present'],
      ['late', 'not_yet_arrived'],
      ['early', 'present'],
      ['inhabil', 'present'],
    ]);
    expect(states('item-3')).toEqual([
      ['chair', 'present'],
      ['late', 'arrived'],
      ['early', 'present'],
      ['inhabil', 'present'],
    ]);
    expect(states('item-4')).toEqual([
      ['chair', 'present'],
      ['late', 'present'],
      ['early', 'present'],
      ['inhabil', 'disqualified'],
    ]);
    expect(states('item-5')[2]).toEqual(['early', 'left']);
    expect(states('item-7')[2]).toEqual(['early', 'already_left']);
    expect(itemPresence(all, items, 'item-5')[2]?.change).toEqual({
      direction: 'left',
      time: '20:10',
      itemId: 'item-5',
    });
  });

  it('records one change or absence per item, replacing the earlier one, in agenda order', () => {
    const left = withItemPresence(late, 'item-7', { kind: 'left', time: null }, items);
    expect(left.presenceChanges).toEqual([
      { direction: 'arrived', time: '19:15', itemId: 'item-3' },
      { direction: 'left', time: null, itemId: 'item-7' },
    ]);
    // A change at an earlier item is placed before the later ones.
    const leftEarlier = withItemPresence(
      { ...late, presenceChanges: [{ direction: 'left', time: '21:00', itemId: 'item-6' }] },
      'item-2',
      { kind: 'arrived', time: '18:05' },
      items,
    );
    expect(leftEarlier.presenceChanges.map((change) => change.itemId)).toEqual([
      'item-2',
      'item-6',
    ]);
    // An absence at the item replaces the change recorded there; null removes it.
    const disqualified = withItemPresence(
      late,
      'item-3',
      { kind: 'disqualified', reason: ' inhabil som nabo ' },
      items,
    );
    expect(disqualified).toEqual({
      presenceChanges: [],
      itemAbsences: [{ itemId: 'item-3', kind: 'disqualified', reason: 'inhabil som nabo' }],
    });
    expect(withItemPresence(inhabil, 'item-4', null, items).itemAbsences).toEqual([]);
  });
});
