/**
 * The sections of the start screen "Møder": every meeting of the library in exactly one of
 * them, the ones that need the secretary first.
 *
 * - Kladder: drafts dated today or earlier (minutes being written),
 * - Afventer underskrift: approved minutes not yet signed,
 * - Kommende: drafts dated after today (meetings not held yet),
 * - Seneste: signed and archived minutes, newest first, at most `recentLimit`.
 */
import type { MeetingSummary } from '../../../common/contract/api';

export type HomeSectionId = 'drafts' | 'awaitingSignature' | 'upcoming' | 'recent';

export type HomeSection = { id: HomeSectionId; meetings: MeetingSummary[] };

/** How many signed or archived meetings "Seneste" shows. */
export const recentLimit = 10;

const byDate = (a: MeetingSummary, b: MeetingSummary) =>
  a.date === b.date ? (a.number ?? 0) - (b.number ?? 0) : a.date < b.date ? -1 : 1;
const newestFirst = (a: MeetingSummary, b: MeetingSummary) => -byDate(a, b);

/**
 * The meetings of the start screen by section, in the order shown; empty sections are left
 * out. `today` is the date in Copenhagen (YYYY-MM-DD).
 */
export function homeSections(
  meetings: readonly MeetingSummary[],
  today: string,
): { sections: HomeSection[]; hiddenRecent: number } {
  const drafts: MeetingSummary[] = [];
  const awaiting: MeetingSummary[] = [];
  const upcoming: MeetingSummary[] = [];
  const done: MeetingSummary[] = [];
  for (const meeting of meetings) {
    if (meeting.status === 'draft') (meeting.date > today ? upcoming : drafts).push(meeting);
    else if (meeting.status === 'approved') awaiting.push(meeting);
    else done.push(meeting);
  }
  const recent = done.sort(newestFirst);
  const sections: HomeSection[] = [
    { id: 'drafts', meetings: drafts.sort(newestFirst) },
    { id: 'awaitingSignature', meetings: awaiting.sort(newestFirst) },
    // The next meeting first.
    { id: 'upcoming', meetings: upcoming.sort(byDate) },
    { id: 'recent', meetings: recent.slice(0, recentLimit) },
  ];
  return {
    sections: sections.filter((section) => section.meetings.length > 0),
    hiddenRecent: Math.max(0, recent.length - recentLimit),
  };
}
