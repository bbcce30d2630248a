/**
 * The agenda (dagsorden): what goes out before the meeting, from the same items that later
 * carry the decisions. It is laid out by the minutes' own layout (layoutMinutes.ts) from a
 * document that holds only what the agenda shows, so headings, the table of contents, the
 * wording and every writer (PDF, DOCX, HTML) are the minutes' own:
 * - title page: logo, municipality, "Dagsorden" (or "Tillægsdagsorden"), the title line
 *   ("(Åben) 5. møde i ... den 12. december 2017"), Sags ID, start time, place, the members;
 * - the table of contents (open and closed items, as links);
 * - per item its heading, Sags ID and the sections the profile shows in the agenda
 *   (`isInAgenda`; never the decision), then its appendices.
 * The decision and the public decision are removed before anything else happens, so neither
 * edition of the agenda can contain decision text; the edition rules and the personal-data
 * check are then the minutes' (prepareEdition).
 *
 * A sent agenda is frozen (its snapshot is this module's agenda document): `agendaChanges`
 * compares the snapshot with the meeting now, and the next export notes each changed section
 * ("Ændret efter udsendelse <dato>"). Items added after sending form the tillægsdagsorden.
 *
 * Pure core.
 */
import type { MinutesProfile } from '../domain/profiles';
import type { Lang } from '../domain/lang';
import type { RichText } from '../domain/richText';
import { DomainError } from '../contract/result';
import type { ReferatDocument } from '../format/referat1';
import { meetingTitle, minutesLabels } from '../wording/minutes';
import type { Edition } from './editions';
import {
  hasText,
  layoutMinutes,
  profileOfDocument,
  type AgendaLayout,
  type LayoutBlock,
} from './layoutMinutes';
import { prepareEdition, type PreparedEdition } from './preparedEdition';

/** Which document of a meeting: the minutes, the agenda or the supplementary agenda. */
export type MeetingDocumentKind = 'minutes' | 'agenda' | 'supplementary-agenda';
export const meetingDocumentKinds: readonly MeetingDocumentKind[] = [
  'minutes',
  'agenda',
  'supplementary-agenda',
];

/** The agenda documents (not the minutes). */
export type AgendaKind = Exclude<MeetingDocumentKind, 'minutes'>;

type DocItem = ReferatDocument['agendaItems'][number];
type BodyField = keyof DocItem['bodies'];

/** The bodies an agenda never shows. */
const neverInAgenda: ReadonlySet<string> = new Set(['decision', 'publicDecision']);

/** The item body fields the profile keeps out of the agenda (`isInAgenda` false). */
function fieldsLeftOut(profile: MinutesProfile): Set<string> {
  const out = new Set(neverInAgenda);
  for (const section of profile.itemSections) if (!section.isInAgenda) out.add(section.field);
  return out;
}

/**
 * The profile the agenda is laid out with: the minutes profile's sections that are in the
 * agenda, always one heading and its sections per item (the model document's "Ad"-sections are
 * the decisions, which an agenda has not).
 */
export function agendaProfile(profile: MinutesProfile): MinutesProfile {
  return {
    ...profile,
    itemLayout: 'sections_per_item',
    itemSections: profile.itemSections.filter(
      (section) => section.isInAgenda && section.field !== 'decision',
    ),
  };
}

/**
 * The document of an agenda: every item (`agenda`) or only the items of the tillægsdagsorden
 * (`supplementary-agenda`), with only the bodies the agenda shows, no end time and no
 * attendance notes. The input is never modified.
 */
export function agendaDocument(doc: ReferatDocument, kind: AgendaKind): ReferatDocument {
  const leftOut = fieldsLeftOut(profileOfDocument(doc));
  const items = doc.agendaItems.filter(
    (item) => kind === 'agenda' || item.isSupplementary === true,
  );
  const itemIds = new Set(items.map((item) => item.id));
  const agendaItems = items.map((item): DocItem => {
    const bodies: DocItem['bodies'] = {};
    for (const [field, body] of Object.entries(item.bodies) as [BodyField, RichText][]) {
      if (!leftOut.has(field)) bodies[field] = body;
    }
    return { ...item, bodies };
  });
  return {
    ...doc,
    meeting: {
      ...doc.meeting,
      endTime: null,
      ...(kind === 'supplementary-agenda' ? { bodies: {} } : {}),
    },
    participants: doc.participants.map((participant) => ({ ...participant, note: '' })),
    agendaItems,
    // The tillægsdagsorden lists the appendices of its own items only.
    appendices:
      kind === 'agenda'
        ? doc.appendices
        : doc.appendices.filter(
            (appendix) => appendix.itemId !== null && itemIds.has(appendix.itemId),
          ),
  };
}

/**
 * The agenda's edition, built and checked as the minutes' are (a CPR number in a public
 * agenda refuses the export). `doc` is the meeting's full document.
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export function prepareAgenda(
  doc: ReferatDocument,
  kind: AgendaKind,
  edition: Edition,
  lang: Lang = 'da',
): PreparedEdition {
  const agenda = agendaDocument(doc, kind);
  if (agenda.agendaItems.length === 0 && kind === 'supplementary-agenda')
    throw new DomainError(
      'invalid_input',
      'There is no supplementary agenda: no item has been added since the agenda was sent.',
      { key: 'agenda.noSupplementaryItems', values: {} },
    );
  return prepareEdition(agenda, edition, lang);
}

/** Options of {@link layoutAgenda}. */
export type AgendaLayoutOptions = {
  lang?: Lang;
  edition?: Edition;
  kind: AgendaKind;
  changes?: AgendaLayout['changes'];
};

/** The layout blocks of an agenda edition's document (from prepareAgenda). */
export function layoutAgenda(doc: ReferatDocument, options: AgendaLayoutOptions): LayoutBlock[] {
  return layoutMinutes(doc, {
    lang: options.lang ?? 'da',
    edition: options.edition ?? 'full',
    profile: agendaProfile(profileOfDocument(doc)),
    agenda: {
      isSupplementary: options.kind === 'supplementary-agenda',
      ...(options.changes ? { changes: options.changes } : {}),
    },
  });
}

/**
 * The agenda's title (the PDF's and the web page's): "Dagsorden: 5. møde i ... den 12. december
 * 2017". The access marker "(Åben)" stays in the title line inside, so the title keeps within
 * the length a browser tab and a search result show.
 */
export function agendaTitle(doc: ReferatDocument, kind: AgendaKind, lang: Lang = 'da'): string {
  const l = minutesLabels[lang];
  return `${kind === 'agenda' ? l.agenda : l.supplementaryAgenda}: ${meetingTitle(doc.meeting, doc.committee.name, lang)}`;
}

/** What changed in one item of a sent agenda. */
export type AgendaItemChange = {
  itemId: string;
  /** The item's number and title now. */
  number: number;
  title: string;
  /** Added after sending (not in the snapshot). */
  isAdded: boolean;
  /** Removed after sending (in the snapshot, not in the meeting now). */
  isRemoved: boolean;
  /** The changed fields: body fields of the agenda, `title`, and `isClosed` (open or closed). */
  fields: string[];
};

/**
 * The changes of the agenda since it was sent: `sent` is the frozen snapshot (an agenda
 * document of kind `agenda`, full edition), `now` the agenda document of the meeting now.
 * Compares item by item (by id): the title and every body the agenda shows.
 */
export function agendaChanges(sent: ReferatDocument, now: ReferatDocument): AgendaItemChange[] {
  const before = new Map(sent.agendaItems.map((item) => [item.id, item]));
  const changes: AgendaItemChange[] = [];
  for (const item of now.agendaItems) {
    const old = before.get(item.id);
    if (!old) {
      changes.push({
        itemId: item.id,
        number: item.number,
        title: item.title,
        isAdded: true,
        isRemoved: false,
        fields: [],
      });
      continue;
    }
    const fields: string[] = [];
    if (old.title !== item.title) fields.push('title');
    if (old.isClosed !== item.isClosed) fields.push('isClosed');
    const names = new Set([...Object.keys(old.bodies), ...Object.keys(item.bodies)]);
    for (const field of names) {
      const a = (old.bodies as Partial<Record<string, RichText>>)[field];
      const b = (item.bodies as Partial<Record<string, RichText>>)[field];
      if (comparable(a) !== comparable(b)) fields.push(field);
    }
    if (fields.length > 0)
      changes.push({
        itemId: item.id,
        number: item.number,
        title: item.title,
        isAdded: false,
        isRemoved: false,
        fields,
      });
  }
  const nowIds = new Set(now.agendaItems.map((item) => item.id));
  for (const old of sent.agendaItems) {
    if (!nowIds.has(old.id))
      changes.push({
        itemId: old.id,
        number: old.number,
        title: old.title,
        isAdded: false,
        isRemoved: true,
        fields: [],
      });
  }
  return changes;
}

/** A body as compared: a body without text (empty, or only empty paragraphs) is no body. */
function comparable(body: RichText | undefined): string {
  return hasText(body) ? JSON.stringify(body) : '';
}

/** The change notes of the next agenda export, from agendaChanges. */
export function changeNotes(
  changes: readonly AgendaItemChange[],
  sentDate: string,
): NonNullable<AgendaLayout['changes']> {
  return {
    sentDate,
    byItem: new Map(
      changes
        .filter((change) => !change.isAdded && !change.isRemoved)
        .map((change) => [change.itemId, new Set(change.fields)]),
    ),
  };
}
