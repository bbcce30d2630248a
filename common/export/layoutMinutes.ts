/**
 * The minutes as a sequence of layout blocks: the structure of the model document (design.md)
 * in reading order, independent of any page size, font or PDF library. The PDF writer
 * typesets these blocks (typeset.ts); the DOCX export reads the same blocks.
 *
 * The layout follows the meeting's minutes profile (common/domain/profiles.ts):
 * - the header: municipality, logo and document title ("Referat", "Beslutningsprotokol") above
 *   the title line, then Sags ID, time and place;
 * - `ad_sections` (the model document): the meeting sections (Resumé, or the agenda points
 *   with presenters when none was written; Tidligere beslutninger:), the decisions heading
 *   ("Beslutninger:") and one "Ad <title>" section per item;
 * - `sections_per_item`: per item the profile's heading ("{nummer}. {titel}") and its sections
 *   in the profile's order and labels, items under the profile's groups and split into
 *   "for åbne døre" / "for lukkede døre" when asked;
 * - attendance compact on page 1 ("Til stede: A, B og C.") or a list at the end; appendices
 *   per item or at the end, numbered or not; the signature page in one or two columns.
 * No profile drops text: a body with text that the profile has no section for is printed
 * after the profile's sections under its default label.
 * Meetings with more than one item get a table of contents split into open and closed items.
 *
 * Every sentence (votes, dissents, attendance, appendix lines, headings, times) comes from the
 * wording module (common/wording), the same text the editor, search and DOCX show.
 *
 * Pure core.
 */
import { DomainError } from '../contract/result';
import type { ItemSectionField, MinutesProfile } from '../domain/profiles';
import { itemSectionFields, profileForTemplate } from '../domain/profiles';
import type { Block, Dissent, Inline, List, QuotedDecision, Table, Vote } from '../domain/richText';
import type { ReferatDocument } from '../format/referat1';
import { dissentHeading, type BlockTextContext } from '../wording/blocks';
import {
  accessMarkedTitle,
  appendixLine,
  attendanceGroups,
  attendanceLine,
  changedAfterSendingNote,
  compactAttendanceLine,
  correctionLine,
  itemHeading,
  minutesLabels,
  profileLabel,
  quotedDecisionText,
  sectionLabel,
  signatureName,
  timeRange,
} from '../wording/minutes';
import { isEmptyVote, voteText } from '../wording/votes';
import type { Lang } from '../wording/words';
import type { Edition } from './editions';

/** A run of text with formatting. */
export type Span = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  link?: string;
  /** A passage in another language than the document's (BCP 47, e.g. "en-GB"). */
  lang?: string;
};

export type LayoutListItem = { label: string; spans: Span[]; sublist?: LayoutList };
export type LayoutList = { ordered: boolean; items: LayoutListItem[] };
/**
 * A table: `rows[row][cell]` is the cell's paragraphs (an empty cell has none); with
 * `headerRow` the first row holds the column headings.
 */
export type LayoutTable = { headerRow: boolean; rows: Span[][][][] };

/** The text of a laid-out table: a line per row, cells separated by " | " (tests, benchmarks). */
export function layoutTableText(table: LayoutTable): string {
  return table.rows
    .map((row) =>
      row
        .map((cell) => cell.map((spans) => spans.map((span) => span.text).join('')).join(' '))
        .join(' | '),
    )
    .join('\n');
}

/** One block of the laid-out minutes. */
export type LayoutBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; spans: Span[]; anchor?: string }
  | { kind: 'paragraph'; spans: Span[]; variant?: 'body' | 'meta' | 'note' | 'title' }
  | ({ kind: 'list' } & LayoutList)
  | ({ kind: 'table' } & LayoutTable)
  /** A table-of-contents line; the typesetter fills in the page of `target`. */
  | { kind: 'tocEntry'; spans: Span[]; target: string }
  /**
   * A signature line with the signer's name under it and room for a reservation; `reservation`
   * is the label of that room ("Forbehold:"), in the export's language. `columns` 2 sets
   * consecutive signatures side by side.
   */
  | { kind: 'signature'; name: string; detail: string; reservation: string; columns?: 1 | 2 }
  /** An image (the municipality's logo), with its alternate text for the tag tree. */
  | {
      kind: 'image';
      mediaType: 'image/png' | 'image/jpeg';
      dataBase64: string;
      altText: string;
      /** Drawn height in points (the width follows the image's proportions). */
      height: number;
    }
  | { kind: 'pageBreak' };

/** A correction appended after approval: shown as an addition, never an edit. */
export type Correction = { date: string; author: string; reason: string; text: string };

export type LayoutOptions = {
  lang?: Lang;
  edition?: Edition;
  /** Corrections after approval, printed in a "Rettelser" section after the minutes. */
  corrections?: readonly Correction[];
  /** Adds the signature page (underskriftsblad) for every participant present. */
  isWithSignaturePage?: boolean;
  /** The minutes profile; by default the document's own, else the template's built-in one. */
  profile?: MinutesProfile;
  /**
   * Lays out the agenda (dagsorden) instead of the minutes; see layoutAgenda.ts, which builds
   * the document (no decisions) and the profile (only the agenda's sections) this expects.
   */
  agenda?: AgendaLayout;
};

/** What the agenda's layout adds to the minutes' (layoutAgenda.ts). */
export type AgendaLayout = {
  /** The tillægsdagsorden: titled as such. */
  isSupplementary: boolean;
  /**
   * Sections changed since the agenda was sent, per item id: the section fields (and `title`)
   * that get the note "Ændret efter udsendelse <date>".
   */
  changes?: { sentDate: string; byItem: ReadonlyMap<string, ReadonlySet<string>> };
};

type DocItem = ReferatDocument['agendaItems'][number];
type DocAppendix = ReferatDocument['appendices'][number];

/**
 * The profile a document is laid out with: the profile it carries (referat/2), else the
 * built-in profile of its legacy template.
 */
export function profileOfDocument(doc: ReferatDocument): MinutesProfile {
  // A referat/1 file is converted on import with its template's built-in profile; a document
  // built in memory without one (older callers) gets the same.
  return (doc.profile as MinutesProfile | undefined) ?? profileForTemplate(doc.meeting.template);
}

/** The access marker, number, committee and date: "(Åben) 5. møde i ... den 12. december 2017". */
export function minutesTitle(doc: ReferatDocument, lang: Lang = 'da'): string {
  return accessMarkedTitle(doc.meeting, doc.committee.name, lang);
}

/** The label the public edition carries on every page, in the export's language. */
export function publicEditionLabel(doc: ReferatDocument, lang: Lang = 'da'): string {
  return profileLabel(profileOfDocument(doc).publicEditionLabel, lang);
}

/** True when a body has something to print (not only empty paragraphs). */
export function hasText(blocks: readonly Block[] | undefined): boolean {
  return (blocks ?? []).some((block) => {
    if (block.type === 'paragraph' || block.type === 'heading')
      return block.children.some((child) => child.type !== 'text' || child.text.trim() !== '');
    return true;
  });
}

/** The item bodies that are item sections, in the default order (the public decision is apart). */
const bodySections = itemSectionFields.filter(
  (field): field is Exclude<ItemSectionField, 'appendices'> => field !== 'appendices',
);

/** Builds the layout blocks of a document (pass the edition's document, see buildEdition). */
export function layoutMinutes(doc: ReferatDocument, options: LayoutOptions = {}): LayoutBlock[] {
  const lang: Lang = options.lang ?? 'da';
  const l = minutesLabels[lang];
  const profile = options.profile ?? profileOfDocument(doc);
  const label = (text: string) => profileLabel(text, lang);
  const isPublic = options.edition === 'public';
  const out: LayoutBlock[] = [];
  const ctx = makeInlineContext(doc, lang);
  const sectionOf = new Map(profile.itemSections.map((section) => [section.field, section]));
  const appendicesLabel = label(sectionOf.get('appendices')?.label ?? 'Bilag');
  const isNumbered = profile.appendixNumbering !== 'none';
  const appendixText = (appendix: DocAppendix) => appendixLine(appendix, lang, { isNumbered });

  // Header: logo, municipality and document title above the title line.
  if (profile.logo)
    out.push({
      kind: 'image',
      mediaType: profile.logo.mediaType,
      dataBase64: profile.logo.dataBase64,
      altText: profile.logo.altText,
      height: 40,
    });
  if (profile.municipality.trim() !== '') out.push(para(profile.municipality, 'meta'));
  const agenda = options.agenda;
  const documentTitle = agenda
    ? agenda.isSupplementary
      ? l.supplementaryAgenda
      : l.agenda
    : label(profile.documentTitle.trim());
  if (documentTitle !== '') out.push(para(documentTitle, 'title'));
  out.push({ kind: 'heading', level: 1, spans: [{ text: minutesTitle(doc, lang) }] });
  if (doc.meeting.caseId.trim() !== '')
    out.push(para(`${l.caseId}: ${doc.meeting.caseId}`, 'meta'));
  // An agenda goes out before the meeting: it has a start time only.
  const when = timeRange(doc.meeting.startTime, agenda ? null : doc.meeting.endTime, lang);
  if (when !== '') out.push(para(`${l.time}: ${when}`, 'meta'));
  if (doc.meeting.location.trim() !== '')
    out.push(para(`${l.place}: ${doc.meeting.location}`, 'meta'));

  if (agenda) out.push(...memberBlocks(doc, lang));
  else if (profile.attendance.placement === 'first_page')
    out.push(...participantBlocks(doc, profile, lang));

  const anchorOf = (item: DocItem) => `item-${item.id}`;
  if (doc.agendaItems.length > 1) {
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.toc }] });
    const groups: [string, DocItem[]][] = [
      [l.openItems, doc.agendaItems.filter((item) => !item.isClosed)],
      [l.closedItems, doc.agendaItems.filter((item) => item.isClosed)],
    ];
    for (const [title, items] of groups) {
      if (items.length === 0) continue;
      out.push({ kind: 'heading', level: 3, spans: [{ text: title }] });
      for (const item of items) {
        out.push({
          kind: 'tocEntry',
          target: anchorOf(item),
          spans: [{ text: itemHeading(profile.itemHeading, item) }],
        });
      }
    }
  }

  const body = (blocks: readonly Block[] | undefined, baseLevel: number) => {
    for (const block of blocks ?? []) out.push(...richTextBlocks(block, baseLevel, ctx));
  };
  const heading = (level: number, text: string, anchor?: string) =>
    out.push({
      kind: 'heading',
      level: Math.min(6, level) as 2 | 3 | 4 | 5 | 6,
      spans: [{ text }],
      ...(anchor ? { anchor } : {}),
    });

  /**
   * The decision of an item: its text, "Beslutningen er ikke offentlig." for a closed item in
   * the public edition, or the profile's text for an item without a decision (nothing by
   * default: the minutes never invent a decision). In the full edition a closed item's public
   * decision follows, labelled as what will be published.
   */
  const decisionOf = (item: DocItem, sectionLevel: number, labelText: string | null) => {
    const decision = item.bodies.decision;
    const fallback = item.isClosed && isPublic ? l.notPublic : profile.noDecisionText.trim();
    if (hasText(decision)) {
      if (labelText !== null) heading(sectionLevel, labelText);
      body(decision, sectionLevel);
    } else if (fallback !== '') {
      if (labelText !== null) heading(sectionLevel, labelText);
      out.push(para(fallback, 'note'));
    }
    if (!isPublic && item.isClosed && hasText(item.bodies.publicDecision)) {
      heading(sectionLevel + (labelText === null ? 1 : 0), l.publishedAs);
      body(item.bodies.publicDecision, sectionLevel + (labelText === null ? 1 : 0));
    }
  };

  /** Bodies with text the profile has no section for: after its sections, under their default label. */
  const unplacedBodies = (item: DocItem, level: number) => {
    for (const field of bodySections) {
      if (sectionOf.has(field) || field === 'decision') continue;
      const content = (item.bodies as Partial<Record<string, Block[]>>)[field];
      if (!hasText(content)) {
        // A section emptied after sending still says so in the agenda.
        if (agenda?.changes?.byItem.get(item.id)?.has(field)) {
          heading(level, sectionLabel(field, lang));
          changeNote(item, field);
        }
        continue;
      }
      heading(level, sectionLabel(field, lang));
      changeNote(item, field);
      body(content, level);
    }
  };

  /** "Ændret efter udsendelse <date>" under an agenda section changed since sending. */
  const changeNote = (item: DocItem, field: string) => {
    const changes = agenda?.changes;
    if (changes?.byItem.get(item.id)?.has(field))
      out.push(para(changedAfterSendingNote(changes.sentDate, lang), 'note'));
  };

  const ownAppendices = (item: DocItem) =>
    doc.appendices.filter((appendix) => appendix.itemId === item.id);

  if (profile.itemLayout === 'ad_sections') {
    meetingSections(doc, profile, lang, out, body);
    if (profile.decisionsHeading.trim() !== '') heading(2, label(profile.decisionsHeading.trim()));
    for (const item of doc.agendaItems) {
      heading(
        3,
        `${l.ad} ${item.title}${item.isClosed && !isPublic ? ` ${l.closedMark}` : ''}`,
        anchorOf(item),
      );
      for (const section of profile.itemSections) {
        if (section.field === 'decision') decisionOf(item, 3, null);
        else if (section.field === 'appendices') {
          const own = ownAppendices(item);
          if (profile.appendixPlacement === 'per_item' && own.length > 0) {
            heading(4, label(section.label));
            out.push(...own.map((appendix) => para(appendixText(appendix))));
          }
        } else {
          const content = (item.bodies as Partial<Record<string, Block[]>>)[section.field];
          if (!hasText(content)) continue;
          heading(4, label(section.label));
          body(content, 4);
        }
      }
      unplacedBodies(item, 4);
    }
  } else {
    // Meeting-level bodies in a layout without meeting sections are still printed.
    meetingSections(doc, profile, lang, out, body);
    const groupLabels = profile.itemGroups.map((group) => ({
      id: group.id as string | null,
      label: label(group.label),
    }));
    const groupOf = (item: DocItem): string | null => {
      const id = item.groupId;
      return profile.itemGroups.some((group) => group.id === id) ? id : null;
    };
    const groups =
      groupLabels.length === 0
        ? [{ id: null, label: '' }]
        : [{ id: null, label: '' }, ...groupLabels];
    for (const group of groups) {
      const groupDepth = group.label === '' ? 0 : 1;
      const inGroup = doc.agendaItems.filter((item) => groupOf(item) === group.id);
      if (inGroup.length === 0) continue;
      if (group.label !== '') heading(2, group.label);
      const parts: [string, DocItem[]][] = profile.isSplitByAccess
        ? [
            [l.openDoors, inGroup.filter((item) => !item.isClosed)],
            [l.closedDoors, inGroup.filter((item) => item.isClosed)],
          ]
        : [['', inGroup]];
      for (const [partLabel, items] of parts) {
        if (items.length === 0) continue;
        if (partLabel !== '') heading(2 + groupDepth, partLabel);
        const itemLevel = 2 + groupDepth + (profile.isSplitByAccess ? 1 : 0);
        for (const item of items) itemSections(item, itemLevel);
      }
    }
  }

  function itemSections(item: DocItem, itemLevel: number) {
    const sectionLevel = itemLevel + 1;
    heading(
      itemLevel,
      `${itemHeading(profile.itemHeading, item)}${item.isSupplementary ? ` (${l.supplementary})` : ''}${item.isClosed ? ` ${l.closedMark}` : ''}`,
      anchorOf(item),
    );
    const ids = [item.caseId, item.documentNumber].filter((value) => value.trim() !== '');
    if (item.caseId.trim() !== '') out.push(para(`${l.caseId}: ${ids.join(' · ')}`, 'meta'));
    if (item.presenter.trim() !== '') out.push(para(`${l.presentedBy}: ${item.presenter}`, 'meta'));
    if (agenda?.changes?.byItem.get(item.id)?.has('isClosed')) changeNote(item, 'isClosed');
    else changeNote(item, 'title');
    let isAppendicesPlaced = false;
    for (const section of profile.itemSections) {
      if (section.field === 'decision') {
        decisionOf(item, sectionLevel, label(section.label));
      } else if (section.field === 'appendices') {
        isAppendicesPlaced = true;
        const own = ownAppendices(item);
        if (profile.appendixPlacement === 'per_item' && own.length > 0) {
          heading(sectionLevel, label(section.label));
          out.push(...own.map((appendix) => para(appendixText(appendix))));
        }
      } else {
        const content = (item.bodies as Partial<Record<string, Block[]>>)[section.field];
        if (!hasText(content)) {
          // A section emptied after sending still says so in the agenda.
          if (agenda?.changes?.byItem.get(item.id)?.has(section.field)) {
            heading(sectionLevel, label(section.label));
            changeNote(item, section.field);
          }
          continue;
        }
        heading(sectionLevel, label(section.label));
        changeNote(item, section.field);
        body(content, sectionLevel);
      }
    }
    unplacedBodies(item, sectionLevel);
    const own = ownAppendices(item);
    if (!isAppendicesPlaced && profile.appendixPlacement === 'per_item' && own.length > 0) {
      heading(sectionLevel, appendicesLabel);
      out.push(...own.map((appendix) => para(appendixText(appendix))));
    }
  }

  refuseUnplaced(doc);

  if (!agenda && profile.attendance.placement === 'end')
    out.push(...participantBlocks(doc, profile, lang));

  // Appendices at the end: all of them (the model document), or the meeting's general ones
  // when the items list their own.
  const itemIds = new Set(doc.agendaItems.map((item) => item.id));
  const general =
    profile.appendixPlacement === 'end'
      ? doc.appendices
      : doc.appendices.filter(
          (appendix) => appendix.itemId === null || !itemIds.has(appendix.itemId),
        );
  if (general.length > 0) {
    heading(2, appendicesLabel);
    out.push(...general.map((appendix) => para(appendixText(appendix))));
  }

  if (options.corrections && options.corrections.length > 0) {
    heading(2, l.corrections);
    for (const correction of options.corrections) {
      out.push({
        kind: 'paragraph',
        spans: [{ text: correctionLine(correction, lang), bold: true }],
      });
      out.push(...correction.text.split('\n').map((line) => para(line)));
    }
  }

  if (options.isWithSignaturePage) {
    out.push({ kind: 'pageBreak' });
    heading(2, l.signatures);
    out.push(para(minutesTitle(doc, lang), 'meta'));
    out.push(para(l.signatureIntro));
    for (const p of doc.participants.filter(
      (participant) => participant.attendance === 'present',
    )) {
      out.push({
        kind: 'signature',
        name: signatureName(p, lang),
        detail: '',
        reservation: l.reservation,
        columns: profile.signaturePage.columns,
      });
    }
  }
  return out;
}

/**
 * The meeting-level bodies: the profile's meeting sections (the model document's Resumé, with
 * the agenda points when none was written, and "Tidligere beslutninger:" with "Ingen." when
 * empty); a meeting body with text that the profile has no section for follows under its
 * default label.
 */
function meetingSections(
  doc: ReferatDocument,
  profile: MinutesProfile,
  lang: Lang,
  out: LayoutBlock[],
  body: (blocks: readonly Block[] | undefined, baseLevel: number) => void,
): void {
  const l = minutesLabels[lang];
  const placed = new Set<string>();
  for (const section of profile.meetingSections) {
    placed.add(section.field);
    out.push({
      kind: 'heading',
      level: 2,
      spans: [{ text: profileLabel(section.label, lang) }],
    });
    const content = doc.meeting.bodies[section.field];
    if (section.field === 'summary') {
      if (content && content.length > 0) body(content, 2);
      else if (doc.agendaItems.length > 0) {
        out.push({
          kind: 'list',
          ordered: false,
          items: doc.agendaItems.map((item) => ({
            label: '•',
            spans: [
              {
                text:
                  item.presenter.trim() === ''
                    ? item.title
                    : `${item.title} ${l.presenter} ${item.presenter}`,
              },
            ],
          })),
        });
      }
    } else if (content && content.length > 0) body(content, 2);
    else out.push(para(l.none));
  }
  for (const field of ['summary', 'previousDecisions'] as const) {
    if (placed.has(field) || !hasText(doc.meeting.bodies[field])) continue;
    out.push({ kind: 'heading', level: 2, spans: [{ text: sectionLabel(field, lang) }] });
    body(doc.meeting.bodies[field], 2);
  }
}

/**
 * Refuses a document with a text body no layout can place (a field this version does not
 * know), naming each, instead of leaving it out of the record.
 */
function refuseUnplaced(doc: ReferatDocument): void {
  const known = new Set<string>([...bodySections, 'publicDecision']);
  const missing: string[] = [];
  for (const item of doc.agendaItems) {
    for (const [field, content] of Object.entries(item.bodies)) {
      if (!known.has(field) && hasText(content as Block[]))
        missing.push(`${item.number}: ${field}`);
    }
  }
  for (const [field, content] of Object.entries(doc.meeting.bodies)) {
    if (field !== 'summary' && field !== 'previousDecisions' && hasText(content as Block[]))
      missing.push(field);
  }
  if (missing.length > 0)
    throw new DomainError(
      'invalid_input',
      `The minutes cannot be exported: these texts have no place in the layout and would be left out: ${missing.join(', ')}`,
    );
}

function para(text: string, variant?: 'meta' | 'note' | 'title'): LayoutBlock {
  if (variant === 'title') return { kind: 'paragraph', spans: [{ text, bold: true }], variant };
  return variant
    ? { kind: 'paragraph', spans: [{ text }], variant }
    : { kind: 'paragraph', spans: [{ text }] };
}

/** "1. Title (documentNumber - caseId)" as in the model document. */
export { appendixLine } from '../wording/minutes';

/** The agenda's list of members (before the meeting nobody is present or absent yet). */
function memberBlocks(doc: ReferatDocument, lang: Lang): LayoutBlock[] {
  if (doc.participants.length === 0) return [];
  return [
    { kind: 'heading', level: 2, spans: [{ text: minutesLabels[lang].members }] },
    {
      kind: 'list',
      ordered: false,
      items: doc.participants.map((p) => ({
        label: '•',
        spans: [{ text: signatureName(p, lang) }],
      })),
    },
  ];
}

/** Attendance in the profile's place and style: a list per status, or compact lines. */
function participantBlocks(
  doc: ReferatDocument,
  profile: MinutesProfile,
  lang: Lang,
): LayoutBlock[] {
  if (doc.participants.length === 0) return [];
  const itemNumbers = new Map(doc.agendaItems.map((item) => [item.id, item.number]));
  const context = { participants: doc.participants, itemNumbers, lang };
  const out: LayoutBlock[] = [
    {
      kind: 'heading',
      level: 2,
      spans: [{ text: profileLabel(profile.attendance.heading, lang) }],
    },
  ];
  for (const group of attendanceGroups[lang]) {
    const people = doc.participants.filter((p) => p.attendance === group.status);
    if (people.length === 0) continue;
    const lines = people.map((p) => attendanceLine(p, context));
    if (profile.attendance.style === 'compact') {
      out.push(para(compactAttendanceLine(group.label, lines, lang)));
      continue;
    }
    out.push({ kind: 'paragraph', spans: [{ text: `${group.label}:`, bold: true }] });
    out.push({
      kind: 'list',
      ordered: false,
      items: lines.map((line) => ({ label: '•', spans: [{ text: line }] })),
    });
  }
  return out;
}

type InlineContext = {
  lang: Lang;
  blockContext: BlockTextContext;
  participant: (id: string) => string;
  appendix: (id: string) => string;
};

function makeInlineContext(doc: ReferatDocument, lang: Lang): InlineContext {
  const people = new Map(doc.participants.map((p) => [p.id, p]));
  const appendices = new Map(doc.appendices.map((a) => [a.id, a]));
  const word = minutesLabels[lang].appendixRef;
  return {
    lang,
    blockContext: { participants: doc.participants, lang },
    participant: (id) => people.get(id)?.name ?? '?',
    appendix: (id) => {
      const appendix = appendices.get(id);
      if (appendix === undefined) return `${word} ?`;
      // An appendix without a number is cited by its title.
      return appendix.number === null ? appendix.title : `${word} ${appendix.number}`;
    },
  };
}

function spansOf(children: readonly Inline[], ctx: InlineContext): Span[] {
  const spans: Span[] = [];
  for (const child of children) {
    switch (child.type) {
      case 'text':
        spans.push(runSpan(child.text, child));
        break;
      case 'link': {
        // Internal referat:// links (earlier decisions) lead nowhere outside the app: text only.
        const link = /^(https?:|mailto:)/i.test(child.url) ? child.url : undefined;
        for (const run of child.children)
          spans.push(link ? { ...runSpan(run.text, run), link } : runSpan(run.text, run));
        break;
      }
      case 'appendixRef':
        spans.push({ text: ctx.appendix(child.appendixId) });
        break;
      case 'participantRef':
        spans.push({ text: ctx.participant(child.participantId) });
        break;
    }
  }
  return spans;
}

function runSpan(
  text: string,
  style: { bold?: boolean; italic?: boolean; underline?: boolean },
): Span {
  const span: Span = { text };
  if (style.bold) span.bold = true;
  if (style.italic) span.italic = true;
  if (style.underline) span.underline = true;
  return span;
}

function richTextBlocks(block: Block, baseLevel: number, ctx: InlineContext): LayoutBlock[] {
  switch (block.type) {
    case 'paragraph':
      return [{ kind: 'paragraph', spans: spansOf(block.children, ctx) }];
    case 'heading':
      return [
        {
          kind: 'heading',
          level: Math.min(6, baseLevel + block.level) as 4 | 5 | 6,
          spans: spansOf(block.children, ctx),
        },
      ];
    case 'list':
      return [{ kind: 'list', ...listOf(block, ctx, 0) }];
    case 'vote':
      return [voteParagraph(block, ctx)];
    case 'dissent':
      return [dissentParagraph(block, ctx)];
    case 'quotedDecision':
      return quotedDecisionBlocks(block, ctx);
    case 'table':
      return [{ kind: 'table', ...tableOf(block, ctx) }];
  }
}

function tableOf(table: Table, ctx: InlineContext): LayoutTable {
  return {
    headerRow: table.headerRow,
    rows: table.rows.map((row) =>
      row.cells.map((cell) => cell.children.map((paragraph) => spansOf(paragraph.children, ctx))),
    ),
  };
}

/** "Teknik- og Miljøudvalget, 14. marts 2022, pkt. 118: Anbefales." and its own vote. */
function quotedDecisionBlocks(quote: QuotedDecision, ctx: InlineContext): LayoutBlock[] {
  const where = quotedDecisionText({ ...quote, text: '', vote: null }, [], ctx.lang).trim();
  const out: LayoutBlock[] = [
    {
      kind: 'paragraph',
      spans: [{ text: `${where} `, bold: true }, { text: quote.text }],
    },
  ];
  if (quote.vote && !isEmptyVote(quote.vote)) out.push(voteParagraph(quote.vote, ctx));
  return out;
}

const bulletsByDepth = ['•', '◦', '▪'];

function listOf(list: List, ctx: InlineContext, depth: number): LayoutList {
  const start = list.start ?? 1;
  return {
    ordered: list.ordered,
    items: list.items.map((item, index) => {
      const out: LayoutListItem = {
        label: list.ordered
          ? `${start + index}.`
          : (bulletsByDepth[depth % bulletsByDepth.length] ?? '•'),
        spans: spansOf(item.children, ctx),
      };
      if (item.sublist) out.sublist = listOf(item.sublist, ctx, depth + 1);
      return out;
    }),
  };
}

function voteParagraph(vote: Vote, ctx: InlineContext): LayoutBlock {
  return {
    kind: 'paragraph',
    spans: [{ text: voteText(vote, ctx.blockContext.participants, ctx.lang) }],
  };
}

function dissentParagraph(dissent: Dissent, ctx: InlineContext): LayoutBlock {
  return {
    kind: 'paragraph',
    spans: [
      { text: `${dissentHeading(dissent, ctx.blockContext.participants, ctx.lang)}: `, bold: true },
      { text: dissent.text, italic: true },
    ],
  };
}
