/**
 * Converting a `referat/1` document to `referat/2` on import. Everything referat/1 says is kept;
 * what referat/2 adds is filled in with what the old document implies, and each assumption is
 * reported as a note (shown by the CLI and the app's import) so the secretary can check it:
 *
 * - the profile: the built-in profile of the meeting's template, which reproduces the layout
 *   referat/1 files were printed with;
 * - item absences (`absentFromItemIds`): "did not take part" without a reason, since referat/1
 *   does not say whether for inhabilitet;
 * - "fraværende": kept as absent without saying whether with notice;
 * - partial presence: read as arrivals and departures when the text is one of the usual
 *   phrases ("til kl. 18.40", "fra punkt 3", "forlod mødet kl. 20.10 under punkt 7"), else kept
 *   as free text;
 * - nobody called in, no item on a supplementary agenda, no item group, no appendix added after
 *   the meeting, no profile of the committee or meeting chosen: referat/1 cannot say so.
 *
 * Pure core.
 */
import { z } from 'zod';
import type { PresenceChange } from '../domain/model';
import { profileForTemplate } from '../domain/profiles';
import type { RichText } from '../domain/richText';
import type { Referat1Document } from './referat1';
import { formatId, type ReferatDocument } from './referat2';

const counted = <K extends string>(kind: K) =>
  z.object({ kind: z.literal(kind), count: z.number().int().min(1) }).strict();

export const conversionNoteSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('profile'),
      template: z.enum(['opgaveudvalg', 'fagudvalg']),
      profileId: z.string(),
    })
    .strict(),
  z.object({ kind: z.literal('defaults') }).strict(),
  counted('itemAbsences'),
  counted('absentUnspecified'),
  counted('presenceRead'),
  counted('presenceKept'),
]);
/** One assumption made while converting a referat/1 document (the UI words it by `kind`). */
export type ConversionNote = z.infer<typeof conversionNoteSchema>;

/** The English text of a note (the app shows its own translation by `kind`). */
export function describeConversionNote(note: ConversionNote): string {
  switch (note.kind) {
    case 'profile':
      return `Laid out with the built-in profile "${note.profileId}" of the template "${note.template}" (referat/1 carries no profile).`;
    case 'defaults':
      return 'Nobody is marked as called in, no item as on a supplementary agenda or in a group, no appendix as added after the meeting (referat/1 cannot say so).';
    case 'itemAbsences':
      return `${note.count} item ${note.count === 1 ? 'absence reads' : 'absences read'} as "did not take part in the item" without a reason (referat/1 does not say whether for inhabilitet).`;
    case 'absentUnspecified':
      return `${note.count} ${note.count === 1 ? 'participant' : 'participants'} marked absent ${note.count === 1 ? 'stays' : 'stay'} absent without saying whether with notice.`;
    case 'presenceRead':
      return `${note.count} partial presence ${note.count === 1 ? 'text was' : 'texts were'} read as arrivals and departures.`;
    case 'presenceKept':
      return `${note.count} partial presence ${note.count === 1 ? 'text is' : 'texts are'} kept as free text (not one of the usual phrases).`;
  }
}

/** A validated referat/1 document as referat/2, with the notes of what was assumed. */
export function convertReferat1(old: Referat1Document): {
  document: ReferatDocument;
  notes: ConversionNote[];
} {
  const profile = profileForTemplate(old.meeting.template);
  const itemIdByNumber = new Map<number, string | null>();
  for (const item of old.agendaItems) {
    // Two items with one number: "punkt N" is ambiguous and stays text.
    itemIdByNumber.set(item.number, itemIdByNumber.has(item.number) ? null : item.id);
  }
  let itemAbsences = 0;
  let absent = 0;
  let presenceRead = 0;
  let presenceKept = 0;
  const participants = old.participants.map((p) => {
    itemAbsences += p.absentFromItemIds.length;
    if (p.attendance === 'absent') absent += 1;
    let partialPresence = p.partialPresence;
    let presenceChanges: PresenceChange[] = [];
    if (p.partialPresence.trim() !== '') {
      const read = readPartialPresence(p.partialPresence, itemIdByNumber);
      if (read) {
        presenceChanges = read;
        partialPresence = '';
        presenceRead += 1;
      } else {
        presenceKept += 1;
      }
    }
    return {
      id: p.id,
      memberId: p.memberId,
      name: p.name,
      role: p.role,
      party: p.party,
      isCitizen: p.isCitizen,
      attendance: p.attendance,
      isCalledIn: false,
      substituteForId: p.substituteForId,
      partialPresence,
      presenceChanges,
      note: p.note,
      itemAbsences: p.absentFromItemIds.map((itemId) => ({
        itemId,
        kind: 'not_participating' as const,
        reason: '',
      })),
      position: p.position,
    };
  });
  const document: ReferatDocument = {
    format: formatId,
    profile,
    committee: { ...old.committee, profileId: null },
    members: old.members.map((member) => ({ ...member })),
    meeting: {
      ...old.meeting,
      profileId: null,
      bodies: old.meeting.bodies as Partial<Record<'summary' | 'previousDecisions', RichText>>,
    },
    participants,
    agendaItems: old.agendaItems.map((item) => ({
      id: item.id,
      number: item.number,
      title: item.title,
      isClosed: item.isClosed,
      publicTitle: item.publicTitle,
      caseId: item.caseId,
      documentNumber: item.documentNumber,
      presenter: item.presenter,
      kind: item.kind,
      isSupplementary: false,
      groupId: null,
      // referat/1 blocks are referat/2 blocks (a subset of votes and dissents).
      bodies: item.bodies as ReferatDocument['agendaItems'][number]['bodies'],
    })),
    appendices: old.appendices.map((appendix) => ({
      ...appendix,
      isAddedAfterMeeting: false,
    })),
  };
  const notes: ConversionNote[] = [
    { kind: 'profile', template: old.meeting.template, profileId: profile.id },
    { kind: 'defaults' },
  ];
  if (itemAbsences > 0) notes.push({ kind: 'itemAbsences', count: itemAbsences });
  if (absent > 0) notes.push({ kind: 'absentUnspecified', count: absent });
  if (presenceRead > 0) notes.push({ kind: 'presenceRead', count: presenceRead });
  if (presenceKept > 0) notes.push({ kind: 'presenceKept', count: presenceKept });
  return { document, notes };
}

const time = String.raw`kl\.?\s*([01]?\d|2[0-3])[.:]([0-5]\d)`;
const item = String.raw`(?:punkt|pkt\.?)\s*(\d{1,6})`;
/** The usual Danish phrases of partial presence, each with its direction. */
const phrases: { pattern: RegExp; direction: PresenceChange['direction'] }[] = [
  // "fraværende til kl. 19.15 i punkt 3", "fraværende til kl. 19.15", "fraværende til punkt 3"
  {
    pattern: new RegExp(
      String.raw`^fraværende til (?:${time})?(?:\s*(?:i|under)?\s*${item})?$`,
      'i',
    ),
    direction: 'arrived',
  },
  // "til stede fra punkt 4", "fra kl. 17.30", "fra punkt 3", "ankom kl. 17.30 under punkt 2"
  {
    pattern: new RegExp(
      String.raw`^(?:til stede fra|deltog fra|fra|ankom)\s*(?:${time})?(?:\s*(?:i|under|fra)?\s*${item})?$`,
      'i',
    ),
    direction: 'arrived',
  },
  // "forlod mødet kl. 20.10 under punkt 7", "til kl. 18.40", "til stede til kl. 18.40"
  {
    pattern: new RegExp(
      String.raw`^(?:forlod mødet|gik|til stede til|til)\s*(?:${time})?(?:\s*(?:i|under)?\s*${item})?$`,
      'i',
    ),
    direction: 'left',
  },
];

/**
 * Reads free-text partial presence ("til kl. 18.40", "fra punkt 3, forlod mødet kl. 20.10")
 * as presence changes; null when any part is not one of the usual phrases or names an item
 * number the meeting does not have exactly once.
 */
export function readPartialPresence(
  text: string,
  itemIdByNumber: ReadonlyMap<number, string | null>,
): PresenceChange[] | null {
  const parts = text
    .trim()
    .replace(/[.;]$/, '')
    .split(/\s*(?:,|;|\bog\b)\s*/)
    .filter((part) => part !== '');
  if (parts.length === 0) return null;
  const changes: PresenceChange[] = [];
  for (const part of parts) {
    const change = readPhrase(part, itemIdByNumber);
    if (!change) return null;
    changes.push(change);
  }
  return changes;
}

function readPhrase(
  part: string,
  itemIdByNumber: ReadonlyMap<number, string | null>,
): PresenceChange | null {
  for (const { pattern, direction } of phrases) {
    const match = pattern.exec(part);
    if (!match) continue;
    const [, hours, minutes, number] = match;
    const clock =
      hours !== undefined && minutes !== undefined ? `${hours.padStart(2, '0')}:${minutes}` : null;
    let itemId: string | null = null;
    if (number !== undefined) {
      itemId = itemIdByNumber.get(Number(number)) ?? null;
      if (itemId === null) return null;
    }
    if (clock === null && itemId === null) return null;
    return { direction, time: clock, itemId };
  }
  return null;
}
