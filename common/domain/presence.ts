/**
 * Who took part in one agenda item: the participants present at the meeting, each with their
 * presence at that item, derived from their arrivals and departures (presence changes) and the
 * items they took no part in (item absences). The secretary sees it from the item's heading,
 * and it decides what a change recorded there writes.
 *
 * Pure core.
 */
import type { ItemAbsence, Participant, PresenceChange } from './model';

/**
 * A participant's presence at one item:
 * - `present`: there for the whole item;
 * - `arrived` / `left`: arrived or left during this item (`time` when the minutes give it);
 * - `not_yet_arrived` / `already_left`: arrived at a later item, or left at an earlier one;
 * - `disqualified` / `not_participating`: present, but took no part (inhabil, or for `reason`).
 */
export type ItemPresenceState =
  | 'present'
  | 'arrived'
  | 'left'
  | 'not_yet_arrived'
  | 'already_left'
  | 'disqualified'
  | 'not_participating';

/** One participant's presence at one item, with the record that says so. */
export type ItemPresence = {
  participantId: string;
  state: ItemPresenceState;
  /** The change recorded at this item (`arrived`, `left`). */
  change: PresenceChange | null;
  /** The item absence recorded for this item (`disqualified`, `not_participating`). */
  absence: ItemAbsence | null;
};

type PresenceParticipant = Pick<
  Participant,
  'id' | 'attendance' | 'presenceChanges' | 'itemAbsences' | 'position'
>;

/**
 * The presence at `itemId` of every participant present at the meeting, in list order.
 * `items` gives the agenda order. A change with a time but no item cannot be placed among the
 * items and does not change the state (it is still printed in the attendance line).
 */
export function itemPresence(
  participants: readonly PresenceParticipant[],
  items: readonly { id: string; position: number }[],
  itemId: string,
): ItemPresence[] {
  const positionOf = new Map(items.map((item) => [item.id, item.position]));
  const here = positionOf.get(itemId);
  if (here === undefined) return [];
  return [...participants]
    .filter((participant) => participant.attendance === 'present')
    .sort((a, b) => a.position - b.position)
    .map((participant) => {
      const absence = participant.itemAbsences.find((one) => one.itemId === itemId) ?? null;
      const placed = participant.presenceChanges.filter(
        (change) => change.itemId !== null && positionOf.has(change.itemId),
      );
      const change = placed.find((one) => one.itemId === itemId) ?? null;
      const base = { participantId: participant.id, change: null, absence };
      if (absence) return { ...base, state: absence.kind };
      if (change) return { ...base, change, state: change.direction };
      // Present from the start unless the first placed change is an arrival.
      let isThere = placed[0]?.direction !== 'arrived';
      for (const one of placed) {
        const at = positionOf.get(one.itemId ?? '') ?? Number.POSITIVE_INFINITY;
        if (at < here) isThere = one.direction === 'arrived';
      }
      if (isThere) return { ...base, state: 'present' };
      const hasLeftBefore = placed.some(
        (one) =>
          one.direction === 'left' &&
          (positionOf.get(one.itemId ?? '') ?? Number.POSITIVE_INFINITY) < here,
      );
      return { ...base, state: hasLeftBefore ? 'already_left' : 'not_yet_arrived' };
    });
}

/** What the secretary records at an item from its heading. */
export type ItemPresenceRecord =
  | { kind: 'arrived' | 'left'; time: string | null }
  | { kind: 'disqualified' | 'not_participating'; reason: string };

/**
 * The participant's presence changes and item absences after recording `record` at `itemId`
 * (null removes what was recorded there): one record per participant and item, a new one
 * replacing the earlier one at that item. The changes stay in the order they happened: those
 * tied to an item in agenda order (`items`), a change with only a time where it was.
 */
export function withItemPresence(
  participant: Pick<Participant, 'presenceChanges' | 'itemAbsences'>,
  itemId: string,
  record: ItemPresenceRecord | null,
  items: readonly { id: string; position: number }[],
): Pick<Participant, 'presenceChanges' | 'itemAbsences'> {
  const result = recorded(participant, itemId, record);
  const positionOf = new Map(items.map((item) => [item.id, item.position]));
  const slots: number[] = [];
  const tied: PresenceChange[] = [];
  result.presenceChanges.forEach((change, index) => {
    if (change.itemId !== null && positionOf.has(change.itemId)) {
      slots.push(index);
      tied.push(change);
    }
  });
  tied.sort(
    (a, b) => (positionOf.get(a.itemId ?? '') ?? 0) - (positionOf.get(b.itemId ?? '') ?? 0),
  );
  const presenceChanges = [...result.presenceChanges];
  slots.forEach((slot, index) => {
    const change = tied[index];
    if (change) presenceChanges[slot] = change;
  });
  return { ...result, presenceChanges };
}

function recorded(
  participant: Pick<Participant, 'presenceChanges' | 'itemAbsences'>,
  itemId: string,
  record: ItemPresenceRecord | null,
): Pick<Participant, 'presenceChanges' | 'itemAbsences'> {
  const presenceChanges = participant.presenceChanges.filter((one) => one.itemId !== itemId);
  const itemAbsences = participant.itemAbsences.filter((one) => one.itemId !== itemId);
  if (record === null) return { presenceChanges, itemAbsences };
  if ('time' in record)
    return {
      presenceChanges: [...presenceChanges, { direction: record.kind, time: record.time, itemId }],
      itemAbsences,
    };
  return {
    presenceChanges,
    itemAbsences: [...itemAbsences, { itemId, kind: record.kind, reason: record.reason.trim() }],
  };
}
