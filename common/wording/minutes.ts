/**
 * The wording of the minutes around the bodies: the title, times and dates, attendance lines,
 * appendix lines, item headings, section labels, corrections, signature lines and quoted
 * earlier decisions, in Danish and English. layoutMinutes (PDF and DOCX) and the editor's
 * document view take these texts from here.
 *
 * Pure core.
 */
import { formatClockTime, formatDanishDate } from '../domain/danishDates';
import { defaultItemSectionLabels, type ItemSectionField } from '../domain/profiles';
import type { Vote } from '../domain/richText';
import { personName, type WordingPerson } from './people';
import { voteText } from './votes';
import { capitalize, joinList, type Lang } from './words';

/** The fixed words of the minutes, per language. */
export const minutesLabels = {
  da: {
    open: 'Åben',
    closed: 'Lukket',
    caseId: 'Sags ID',
    time: 'Tid',
    place: 'Sted',
    toc: 'Indholdsfortegnelse',
    openItems: 'Åbne punkter',
    closedItems: 'Lukkede punkter',
    openDoors: 'For åbne døre',
    closedDoors: 'For lukkede døre',
    none: 'Ingen.',
    notPublic: 'Beslutningen er ikke offentlig.',
    publishedAs: 'Offentliggøres som:',
    closedMark: '(lukket punkt)',
    presenter: 'v/',
    presentedBy: 'Fremlægges af',
    supplementary: 'tillægsdagsorden',
    appendixRef: 'Bilag',
    addedAfterMeeting: 'eftersendt',
    corrections: 'Rettelser',
    signatures: 'Underskriftsblad',
    signatureIntro:
      'Referatet underskrives af de medlemmer, der deltog i mødet. Et medlem, der ikke kan godkende referatet, underskriver med forbehold.',
    reservation: 'Forbehold:',
    ad: 'Ad',
    itemWord: 'pkt.',
    agenda: 'Dagsorden',
    supplementaryAgenda: 'Tillægsdagsorden',
    members: 'Medlemmer',
    changedAfterSending: 'Ændret efter udsendelse',
  },
  en: {
    open: 'Open',
    closed: 'Closed',
    caseId: 'Case ID',
    time: 'Time',
    place: 'Place',
    toc: 'Contents',
    openItems: 'Open items',
    closedItems: 'Closed items',
    openDoors: 'In open session',
    closedDoors: 'In closed session',
    none: 'None.',
    notPublic: 'The decision is not public.',
    publishedAs: 'To be published as:',
    closedMark: '(closed item)',
    presenter: 'by',
    presentedBy: 'Presented by',
    supplementary: 'supplementary agenda',
    appendixRef: 'Appendix',
    addedAfterMeeting: 'added after the meeting',
    corrections: 'Corrections',
    signatures: 'Signature page',
    signatureIntro:
      'The minutes are signed by the members who attended. A member who cannot approve them signs with a reservation.',
    reservation: 'Reservation:',
    ad: 'Re',
    itemWord: 'item',
    agenda: 'Agenda',
    supplementaryAgenda: 'Supplementary agenda',
    members: 'Members',
    changedAfterSending: 'Changed after the agenda was sent',
  },
} as const;

/** English for the built-in Danish labels a profile uses; an edited label is printed as written. */
const englishLabels: Record<string, string> = {
  Resumé: 'Summary',
  Indstilling: 'Recommendation',
  Beslutningskompetence: 'Decision authority',
  Sagsfremstilling: 'Case presentation',
  'Beskrivelse af sagen': 'Description of the case',
  'Sagens kerne': 'Key points',
  Høring: 'Consultation',
  Økonomi: 'Finances',
  'Tidligere beslutninger': 'Previous decisions',
  'Tidligere beslutninger:': 'Previous decisions:',
  Beslutning: 'Decision',
  Bilag: 'Appendices',
  'Beslutninger:': 'Decisions:',
  Deltagere: 'Participants',
  Referat: 'Minutes',
  Beslutningsprotokol: 'Minutes of decisions',
  Protokol: 'Minutes',
  'Offentlig udgave': 'Public edition',
  'Til efterretning': 'For information',
  'Til behandling': 'For decision',
  Meddelelser: 'Announcements',
};

/**
 * A profile's label in the export's language: the built-in Danish labels are translated for an
 * English export; a label the municipality wrote itself is kept as written.
 */
export function profileLabel(label: string, lang: Lang): string {
  return lang === 'en' ? (englishLabels[label] ?? label) : label;
}

/** The default label of a section (for a body the profile has no place for). */
export function sectionLabel(field: ItemSectionField, lang: Lang): string {
  return profileLabel(defaultItemSectionLabels[field], lang);
}

/** What the title needs to know about the meeting. */
export type TitleMeeting = {
  number: number | null;
  date: string;
  isClosed: boolean;
  kind: 'ordinary' | 'extraordinary';
};

/** "5. møde i Opgaveudvalget om Innovation den 12. december 2017"; "Møde i ..." without a number. */
export function meetingTitle(meeting: TitleMeeting, committee: string, lang: Lang): string {
  const date = formatDanishDate(meeting.date, { language: lang });
  const extra = meeting.kind === 'extraordinary';
  if (lang === 'da') {
    const kind = `${extra ? 'ekstraordinære ' : ''}møde`;
    const lead = meeting.number === null ? capitalize(kind) : `${meeting.number}. ${kind}`;
    return `${lead} i ${committee} den ${date}`;
  }
  const lead =
    meeting.number === null
      ? `${extra ? 'Extraordinary meeting' : 'Meeting'}`
      : `Meeting no. ${meeting.number}${extra ? ' (extraordinary)' : ''}`;
  return `${lead} of ${committee}, ${date}`;
}

/** "(Åben) 5. møde i ..." as the minutes' first line. */
export function accessMarkedTitle(meeting: TitleMeeting, committee: string, lang: Lang): string {
  const l = minutesLabels[lang];
  return `(${meeting.isClosed ? l.closed : l.open}) ${meetingTitle(meeting, committee, lang)}`;
}

/** "16.30–18.00", "16.30", or "til kl. 18.00" when only the end was recorded; '' for neither. */
export function timeRange(start: string | null, end: string | null, lang: Lang): string {
  if (start === null && end === null) return '';
  if (start === null)
    return lang === 'da'
      ? `til kl. ${formatClockTime(end ?? '', lang)}`
      : `until ${formatClockTime(end ?? '', lang)}`;
  const from = formatClockTime(start, lang);
  return end === null ? from : `${from}–${formatClockTime(end, lang)}`;
}

/**
 * The note on an agenda section changed after the agenda was sent: "Ændret efter udsendelse
 * 12. december 2017" (the sending date, Copenhagen time).
 */
export function changedAfterSendingNote(sentDate: string, lang: Lang): string {
  return `${minutesLabels[lang].changedAfterSending} ${formatDanishDate(sentDate, { language: lang })}`;
}

/** A date as the minutes write it: "12. december 2017" / "12 December 2017". */
export function dateText(isoDate: string, lang: Lang): string {
  return formatDanishDate(isoDate, { language: lang });
}

/** What an attendance line needs to know about a participant. */
export type AttendancePerson = WordingPerson & {
  attendance: string;
  substituteForId: string | null;
  partialPresence: string;
  note: string;
  /** Indkaldt: called in for this meeting. */
  isCalledIn?: boolean;
  /** Arrivals and departures during the meeting. */
  presenceChanges?: readonly {
    direction: 'arrived' | 'left';
    time: string | null;
    itemId: string | null;
  }[];
  /** Items the participant took no part in, with why. */
  itemAbsences?: readonly {
    itemId: string;
    kind: 'disqualified' | 'not_participating';
    reason: string;
  }[];
  /** Items the participant took no part in (the model before item absences had reasons). */
  absentFromItemIds?: readonly string[];
};

/** Attendance statuses in print order with their group label ("Til stede", "Afbud"). */
export const attendanceGroups: Record<Lang, readonly { status: string; label: string }[]> = {
  da: [
    { status: 'present', label: 'Til stede' },
    { status: 'absent_with_notice', label: 'Afbud' },
    { status: 'absent_without_notice', label: 'Fraværende uden afbud' },
    { status: 'absent', label: 'Fraværende' },
  ],
  en: [
    { status: 'present', label: 'Present' },
    { status: 'absent_with_notice', label: 'Apologies' },
    { status: 'absent_without_notice', label: 'Absent without notice' },
    { status: 'absent', label: 'Absent' },
  ],
};

/**
 * One participant as the attendance lists them: the canonical name, called in and whom they
 * substitute for, presence changes and partial presence, the items they took no part in (with
 * why), and the note. "Birgitte Glifberg (A), stedfortræder for Brian Møller (A), til kl. 18.40".
 */
export function attendanceLine(
  person: AttendancePerson,
  context: {
    participants: readonly AttendancePerson[];
    itemNumbers: ReadonlyMap<string, number | string>;
    lang: Lang;
  },
): string {
  const { lang } = context;
  const substituted =
    person.substituteForId === null
      ? null
      : (context.participants.find((p) => p.id === person.substituteForId) ?? null);
  let text = personName(person, lang);
  const calledIn = person.isCalledIn === true ? (lang === 'da' ? 'indkaldt' : 'called in') : '';
  if (substituted) {
    const word = lang === 'da' ? 'stedfortræder for' : 'substitute for';
    const lead = calledIn === '' ? word : `${calledIn} ${lang === 'da' ? 'som' : 'as'} ${word}`;
    text += `, ${lead} ${personName(substituted, lang)}`;
  } else if (calledIn !== '') text += `, ${calledIn}`;
  const numberOf = (itemId: string | null) =>
    itemId === null ? null : (context.itemNumbers.get(itemId) ?? '?');
  for (const change of person.presenceChanges ?? [])
    text += `, ${presenceChangeText({ ...change, itemNumber: numberOf(change.itemId) }, lang)}`;
  if (person.partialPresence.trim() !== '') text += `, ${person.partialPresence.trim()}`;
  text += itemAbsenceText(person, context.itemNumbers, lang);
  if (person.note.trim() !== '') text += ` (${person.note.trim()})`;
  return text;
}

const absenceLeads = {
  da: { disqualified: 'inhabil i punkt', not_participating: 'deltog ikke i behandlingen af punkt' },
  en: { disqualified: 'disqualified from item', not_participating: 'did not take part in item' },
} as const;

/** One item absence: "inhabil i punkt 3 (bestyrelsesmedlem)", "deltog ikke i behandlingen af punkt 4". */
export function itemAbsencePhrase(
  absence: { kind: 'disqualified' | 'not_participating'; reason: string },
  itemNumber: number | string,
  lang: Lang,
): string {
  const reason = absence.reason.trim();
  const text = `${absenceLeads[lang][absence.kind]} ${itemNumber}`;
  return reason === '' ? text : `${text} (${reason})`;
}

/** ", inhabil i punkt 3 (bestyrelsesmedlem), deltog ikke i behandlingen af punkt 4 og 5". */
function itemAbsenceText(
  person: AttendancePerson,
  itemNumbers: ReadonlyMap<string, number | string>,
  lang: Lang,
): string {
  const absences = [
    ...(person.itemAbsences ?? []),
    ...(person.absentFromItemIds ?? []).map((itemId) => ({
      itemId,
      kind: 'not_participating' as const,
      reason: '',
    })),
  ];
  const lead = absenceLeads[lang];
  let text = '';
  // Absences of one kind without a reason share one phrase ("punkt 3 og 4").
  for (const kind of ['disqualified', 'not_participating'] as const) {
    const plain = absences
      .filter((absence) => absence.kind === kind && absence.reason.trim() === '')
      .map((absence) => itemNumbers.get(absence.itemId))
      .filter((n): n is number | string => n !== undefined)
      .map(String);
    if (plain.length > 0) text += `, ${lead[kind]} ${joinList(plain, lang)}`;
    for (const absence of absences) {
      if (absence.kind !== kind || absence.reason.trim() === '') continue;
      const number = itemNumbers.get(absence.itemId);
      if (number === undefined) continue;
      text += `, ${itemAbsencePhrase({ kind, reason: absence.reason }, number, lang)}`;
    }
  }
  return text;
}

/** A change of presence during the meeting (who arrived late or left early, and when). */
export type PresenceChange = {
  direction: 'arrived' | 'left';
  time: string | null;
  itemNumber: number | string | null;
};

/**
 * "fraværende til kl. 19.15 i punkt 3", "til stede fra punkt 4", "forlod mødet kl. 20.10 under
 * punkt 7", "til kl. 20.10", "forlod mødet under punkt 7".
 */
export function presenceChangeText(change: PresenceChange, lang: Lang): string {
  const time = change.time === null ? null : formatClockTime(change.time, lang);
  const item = change.itemNumber === null ? null : String(change.itemNumber);
  if (lang === 'da') {
    if (change.direction === 'arrived') {
      if (time && item) return `fraværende til kl. ${time} i punkt ${item}`;
      if (item) return `til stede fra punkt ${item}`;
      return `fraværende til kl. ${time ?? ''}`;
    }
    if (time && item) return `forlod mødet kl. ${time} under punkt ${item}`;
    if (time) return `til kl. ${time}`;
    return `forlod mødet under punkt ${item ?? ''}`;
  }
  if (change.direction === 'arrived') {
    if (time && item) return `absent until ${time} during item ${item}`;
    if (item) return `present from item ${item}`;
    return `absent until ${time ?? ''}`;
  }
  if (time && item) return `left the meeting at ${time} during item ${item}`;
  if (time) return `present until ${time}`;
  return `left the meeting during item ${item ?? ''}`;
}

/** "Til stede: Kristine Kryger (formand), Michael Fenger og Katja S. Johansen (Ø)." */
export function compactAttendanceLine(label: string, lines: readonly string[], lang: Lang): string {
  // Semicolons keep the people apart when a line carries its own commas.
  const hasCommas = lines.some((line) => line.replace(/\([^)]*\)/g, '').includes(','));
  const joined = hasCommas ? lines.join('; ') : joinList(lines, lang);
  return `${label}: ${joined}.`;
}

/** What an appendix line needs. */
export type AppendixLike = {
  number: number | null;
  title: string;
  documentNumber: string;
  caseId: string;
  isAddedAfterMeeting?: boolean;
};

/** "1. Title (documentNumber - caseId)" as in the model document; no number when not numbered. */
export function appendixLine(
  appendix: AppendixLike,
  lang: Lang,
  options: { isNumbered?: boolean } = {},
): string {
  const ids = [appendix.documentNumber, appendix.caseId].filter((value) => value.trim() !== '');
  const number =
    options.isNumbered === false || appendix.number === null ? '' : `${appendix.number}. `;
  const after = appendix.isAddedAfterMeeting ? ` (${minutesLabels[lang].addedAfterMeeting})` : '';
  return `${number}${appendix.title}${ids.length > 0 ? ` (${ids.join(' - ')})` : ''}${after}`;
}

/** An item heading from the profile's pattern: "{nummer}. {titel}" -> "5. Budget". */
export function itemHeading(
  pattern: string,
  item: { number: number | string; title: string },
): string {
  return pattern
    .replace(/\{nummer\}/g, String(item.number))
    .replace(/\{titel\}/g, item.title)
    .trim();
}

/** "Rettelse 20. december 2017 ved Udvalgssekretær. Begrundelse: Stavefejl". */
export function correctionLine(
  correction: { date: string; author: string; reason: string },
  lang: Lang,
): string {
  const date = dateText(correction.date.slice(0, 10), lang);
  return lang === 'da'
    ? `Rettelse ${date} ved ${correction.author}. Begrundelse: ${correction.reason}`
    : `Correction ${date} by ${correction.author}. Reason: ${correction.reason}`;
}

/** The name under a signature line: the canonical form ("Lone Hansen (C, formand)"). */
export function signatureName(person: Omit<WordingPerson, 'id'>, lang: Lang): string {
  return personName(person, lang);
}

/** An earlier decision quoted in Tidligere beslutninger. */
export type QuotedDecisionLike = {
  committee: string;
  date: string;
  itemNumber: string;
  text: string;
  vote: Vote | null;
};

/** "Teknik- og Miljøudvalget, 14. marts 2022, pkt. 118: Anbefales." with the quoted vote. */
export function quotedDecisionText(
  quoted: QuotedDecisionLike,
  participants: readonly WordingPerson[],
  lang: Lang,
): string {
  const where = [
    quoted.committee.trim(),
    dateText(quoted.date, lang),
    quoted.itemNumber.trim() === '' ? '' : `${minutesLabels[lang].itemWord} ${quoted.itemNumber}`,
  ].filter((part) => part !== '');
  const body = [quoted.text.trim(), quoted.vote ? voteText(quoted.vote, participants, lang) : '']
    .filter((part) => part !== '')
    .join(' ');
  return `${where.join(', ')}: ${body}`;
}
