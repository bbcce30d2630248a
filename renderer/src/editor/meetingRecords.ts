/**
 * The records of the open meeting that body editors display references from. Provided once
 * by the meeting screen (or the document view), read by every BodyField, so the fields need
 * no extra props and renumbering an appendix re-renders every reference at once.
 */
import { createContext, useContext } from 'react';
import type { BodyOwner } from '../../../common/contract/api';
import type { AgendaItem, Appendix, Participant } from '../../../common/domain/model';

export type MeetingRecords = {
  appendices: readonly Appendix[];
  participants: readonly Participant[];
  /** The agenda: which items are closed, and the points the Resumé can list. */
  items: readonly Pick<
    AgendaItem,
    'id' | 'isClosed' | 'title' | 'presenter' | 'position' | 'publicTitle'
  >[];
  /** A closed meeting (lukket møde): none of its text is public. */
  isMeetingClosed: boolean;
  /** The committee's standard decision texts; the built-in list when absent. */
  standardTexts?: readonly string[];
  /** Approved or later: the text is read-only (corrections are additions). */
  isLocked?: boolean;
};

export const emptyMeetingRecords: MeetingRecords = {
  appendices: [],
  participants: [],
  items: [],
  isMeetingClosed: false,
};

export const MeetingRecordsContext = createContext<MeetingRecords>(emptyMeetingRecords);

export function useMeetingRecords(): MeetingRecords {
  return useContext(MeetingRecordsContext);
}

/**
 * Whether a body is open (public) text: not in a closed meeting, and either a meeting body,
 * the public decision of a closed item, or any body of an open item.
 */
export function isOpenBody(owner: BodyOwner, records: MeetingRecords): boolean {
  if (records.isMeetingClosed) return false;
  if (owner.kind === 'meeting') return true;
  if (owner.field === 'publicDecision') return true;
  const item = records.items.find((candidate) => candidate.id === owner.itemId);
  return !item?.isClosed;
}
