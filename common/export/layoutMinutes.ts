/**
 * The minutes as a sequence of layout blocks: the structure of the model document (design.md)
 * in reading order, independent of any page size, font or PDF library. The PDF writer
 * typesets these blocks (typeset.ts); a DOCX export can read the same blocks.
 *
 * Templates:
 * - "opgaveudvalg": header, Sags ID, Resumé (the meeting summary, or the agenda points with
 *   presenters when none was written), Tidligere beslutninger:, Beslutninger: with one
 *   "Ad <title>" section per item, Deltagere, Bilag.
 * - "fagudvalg": header, Sags ID, then per item "N. Title" with Resumé, Indstilling,
 *   Sagsfremstilling, Økonomi, Tidligere beslutninger, Beslutning and the item's Bilag.
 * Meetings with more than one item get a table of contents split into open and closed items.
 *
 * Pure core.
 */
import { formatClockTime, formatDanishDate } from '../domain/danishDates';
import type { ItemBodyField } from '../domain/model';
import type { Block, Dissent, Inline, List, Vote, VoteGroup } from '../domain/richText';
import type { ReferatDocument } from '../format/referat1';
import type { Edition } from './editions';
import { joinWith, type Lang } from '../domain/lang';

/** A run of text with formatting. */
export type Span = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  link?: string;
};

export type LayoutListItem = { label: string; spans: Span[]; sublist?: LayoutList };
export type LayoutList = { ordered: boolean; items: LayoutListItem[] };

/** One block of the laid-out minutes. */
export type LayoutBlock =
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; spans: Span[]; anchor?: string }
  | { kind: 'paragraph'; spans: Span[]; variant?: 'body' | 'meta' | 'note' }
  | ({ kind: 'list' } & LayoutList)
  /** A table-of-contents line; the typesetter fills in the page of `target`. */
  | { kind: 'tocEntry'; spans: Span[]; target: string }
  /**
   * A signature line with the signer's name under it and room for a reservation; `reservation`
   * is the label of that room ("Forbehold:"), in the export's language.
   */
  | { kind: 'signature'; name: string; detail: string; reservation: string }
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
};

const labels = {
  da: {
    open: 'Åben',
    closed: 'Lukket',
    meetingTitle: (n: number, committee: string, date: string, extra: boolean) =>
      `${n}. ${extra ? 'ekstraordinære ' : ''}møde i ${committee} den ${date}`,
    caseId: 'Sags ID',
    time: 'Tid',
    place: 'Sted',
    toc: 'Indholdsfortegnelse',
    openItems: 'Åbne punkter',
    closedItems: 'Lukkede punkter',
    summary: 'Resumé',
    previous: 'Tidligere beslutninger:',
    decisions: 'Beslutninger:',
    ad: 'Ad',
    none: 'Ingen.',
    notPublic: 'Beslutningen er ikke offentlig.',
    noDecision: 'Ingen beslutning.',
    closedMark: '(lukket punkt)',
    presenter: 'v/',
    presentedBy: 'Fremlægges af',
    participants: 'Deltagere',
    present: 'Til stede',
    withNotice: 'Afbud',
    absent: 'Fraværende',
    substituteFor: 'stedfortræder for',
    notTakingPart: 'deltog ikke i behandlingen af punkt',
    appendices: 'Bilag',
    appendixRef: 'Bilag',
    chair: 'formand',
    viceChair: 'næstformand',
    fields: {
      summary: 'Resumé',
      recommendation: 'Indstilling',
      casePresentation: 'Sagsfremstilling',
      finances: 'Økonomi',
      previousDecisions: 'Tidligere beslutninger',
      decision: 'Beslutning',
      publicDecision: 'Offentlig beslutning',
    } satisfies Record<ItemBodyField, string>,
    vote: 'Afstemning om',
    voteFor: 'For stemte',
    voteAgainst: 'Imod stemte',
    voteAbstained: 'Undlod at stemme',
    outcomes: { adopted: 'vedtaget', rejected: 'forkastet', tied: 'ikke vedtaget (stemmelighed)' },
    wasOutcome: (subject: string, outcome: string) => `${subject} blev ${outcome}.`,
    dissent: 'Protokoltilførsel fra',
    corrections: 'Rettelser',
    correctionLine: (date: string, author: string, reason: string) =>
      `Rettelse ${date} ved ${author}. Begrundelse: ${reason}`,
    signatures: 'Underskriftsblad',
    signatureIntro:
      'Referatet underskrives af de medlemmer, der deltog i mødet. Et medlem, der ikke kan godkende referatet, underskriver med forbehold.',
    reservation: 'Forbehold:',
    and: 'og',
  },
  en: {
    open: 'Open',
    closed: 'Closed',
    meetingTitle: (n: number, committee: string, date: string, extra: boolean) =>
      `Meeting no. ${n}${extra ? ' (extraordinary)' : ''} of ${committee}, ${date}`,
    caseId: 'Case ID',
    time: 'Time',
    place: 'Place',
    toc: 'Contents',
    openItems: 'Open items',
    closedItems: 'Closed items',
    summary: 'Summary',
    previous: 'Previous decisions:',
    decisions: 'Decisions:',
    ad: 'Re',
    none: 'None.',
    notPublic: 'The decision is not public.',
    noDecision: 'No decision.',
    closedMark: '(closed item)',
    presenter: 'by',
    presentedBy: 'Presented by',
    participants: 'Participants',
    present: 'Present',
    withNotice: 'Apologies',
    absent: 'Absent',
    substituteFor: 'substitute for',
    notTakingPart: 'did not take part in item',
    appendices: 'Appendices',
    appendixRef: 'Appendix',
    chair: 'chair',
    viceChair: 'vice-chair',
    fields: {
      summary: 'Summary',
      recommendation: 'Recommendation',
      casePresentation: 'Case presentation',
      finances: 'Finances',
      previousDecisions: 'Previous decisions',
      decision: 'Decision',
      publicDecision: 'Public decision',
    } satisfies Record<ItemBodyField, string>,
    vote: 'Vote on',
    voteFor: 'For',
    voteAgainst: 'Against',
    voteAbstained: 'Abstained',
    outcomes: { adopted: 'adopted', rejected: 'rejected', tied: 'not adopted (tie)' },
    wasOutcome: (subject: string, outcome: string) => `${subject} was ${outcome}.`,
    dissent: 'Minute note by',
    corrections: 'Corrections',
    correctionLine: (date: string, author: string, reason: string) =>
      `Correction ${date} by ${author}. Reason: ${reason}`,
    signatures: 'Signature page',
    signatureIntro:
      'The minutes are signed by the members who attended. A member who cannot approve them signs with a reservation.',
    reservation: 'Reservation:',
    and: 'and',
  },
};
type Labels = (typeof labels)['da'];

type DocItem = ReferatDocument['agendaItems'][number];

/** The access marker, number, committee and date: "(Åben) 5. møde i ... den 12. december 2017". */
export function minutesTitle(doc: ReferatDocument, lang: Lang = 'da'): string {
  const l = labels[lang];
  const date = formatDanishDate(doc.meeting.date, { language: lang });
  const access = doc.meeting.isClosed ? l.closed : l.open;
  return `(${access}) ${l.meetingTitle(doc.meeting.number, doc.committee.name, date, doc.meeting.kind === 'extraordinary')}`;
}

/** Builds the layout blocks of a document (pass the edition's document, see buildEdition). */
export function layoutMinutes(doc: ReferatDocument, options: LayoutOptions = {}): LayoutBlock[] {
  const lang = options.lang ?? 'da';
  const l = labels[lang];
  const isPublic = options.edition === 'public';
  const out: LayoutBlock[] = [];
  const ctx = makeInlineContext(doc, l);

  out.push({ kind: 'heading', level: 1, spans: [{ text: minutesTitle(doc, lang) }] });
  if (doc.meeting.caseId.trim() !== '')
    out.push(para(`${l.caseId}: ${doc.meeting.caseId}`, 'meta'));
  const when = timeRange(doc, lang);
  if (when !== '') out.push(para(`${l.time}: ${when}`, 'meta'));
  if (doc.meeting.location.trim() !== '')
    out.push(para(`${l.place}: ${doc.meeting.location}`, 'meta'));

  const template = doc.meeting.template;
  const itemHeading = (item: DocItem) =>
    template === 'opgaveudvalg'
      ? `${l.ad} ${item.title}${item.isClosed && !isPublic ? ` ${l.closedMark}` : ''}`
      : `${item.number}. ${item.title}${item.isClosed ? ` ${l.closedMark}` : ''}`;
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
          spans: [{ text: `${item.number}. ${item.title}` }],
        });
      }
    }
  }

  const body = (blocks: readonly Block[] | undefined, baseLevel: number) => {
    for (const block of blocks ?? []) out.push(...richTextBlocks(block, baseLevel, ctx));
  };

  if (template === 'opgaveudvalg') {
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.summary }] });
    const summary = doc.meeting.bodies.summary;
    if (summary && summary.length > 0) body(summary, 2);
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
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.previous }] });
    const previous = doc.meeting.bodies.previousDecisions;
    if (previous && previous.length > 0) body(previous, 2);
    else out.push(para(l.none));
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.decisions }] });
    for (const item of doc.agendaItems) {
      out.push({
        kind: 'heading',
        level: 3,
        spans: [{ text: itemHeading(item) }],
        anchor: anchorOf(item),
      });
      const decision = item.bodies.decision;
      if (decision && decision.length > 0) body(decision, 3);
      else out.push(para(item.isClosed && isPublic ? l.notPublic : l.noDecision, 'note'));
    }
  } else {
    for (const item of doc.agendaItems) {
      out.push({
        kind: 'heading',
        level: 2,
        spans: [{ text: itemHeading(item) }],
        anchor: anchorOf(item),
      });
      const ids = [item.caseId, item.documentNumber].filter((value) => value.trim() !== '');
      if (item.caseId.trim() !== '') out.push(para(`${l.caseId}: ${ids.join(' · ')}`, 'meta'));
      if (item.presenter.trim() !== '')
        out.push(para(`${l.presentedBy}: ${item.presenter}`, 'meta'));
      const fields: ItemBodyField[] = [
        'summary',
        'recommendation',
        'casePresentation',
        'finances',
        'previousDecisions',
      ];
      for (const field of fields) {
        const content = item.bodies[field];
        if (!content || content.length === 0) continue;
        out.push({ kind: 'heading', level: 3, spans: [{ text: l.fields[field] }] });
        body(content, 3);
      }
      out.push({ kind: 'heading', level: 3, spans: [{ text: l.fields.decision }] });
      const decision = item.bodies.decision;
      if (decision && decision.length > 0) body(decision, 3);
      else out.push(para(item.isClosed && isPublic ? l.notPublic : l.noDecision, 'note'));
      const own = doc.appendices.filter((appendix) => appendix.itemId === item.id);
      if (own.length > 0) {
        out.push({ kind: 'heading', level: 3, spans: [{ text: l.appendices }] });
        out.push(...own.map((appendix) => para(appendixLine(appendix))));
      }
    }
  }

  out.push(...participantBlocks(doc, l));

  // Opgaveudvalg: every appendix at the end, as in the model document. Fagudvalg: the items
  // list their own; the meeting's general appendices come at the end.
  const itemIds = new Set(doc.agendaItems.map((item) => item.id));
  const general =
    template === 'opgaveudvalg'
      ? doc.appendices
      : doc.appendices.filter(
          (appendix) => appendix.itemId === null || !itemIds.has(appendix.itemId),
        );
  if (general.length > 0) {
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.appendices }] });
    out.push(...general.map((appendix) => para(appendixLine(appendix))));
  }

  if (options.corrections && options.corrections.length > 0) {
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.corrections }] });
    for (const correction of options.corrections) {
      const date = formatDanishDate(correction.date.slice(0, 10), { language: lang });
      out.push({
        kind: 'paragraph',
        spans: [{ text: l.correctionLine(date, correction.author, correction.reason), bold: true }],
      });
      out.push(...correction.text.split('\n').map((line) => para(line)));
    }
  }

  if (options.isWithSignaturePage) {
    out.push({ kind: 'pageBreak' });
    out.push({ kind: 'heading', level: 2, spans: [{ text: l.signatures }] });
    out.push(para(minutesTitle(doc, lang), 'meta'));
    out.push(para(l.signatureIntro));
    for (const p of doc.participants.filter(
      (participant) => participant.attendance === 'present',
    )) {
      out.push({
        kind: 'signature',
        name: `${p.name}${roleSuffix(p.role, l)}`,
        detail: p.party ? `(${p.party})` : '',
        reservation: l.reservation,
      });
    }
  }
  return out;
}

function para(text: string, variant?: 'meta' | 'note'): LayoutBlock {
  return variant
    ? { kind: 'paragraph', spans: [{ text }], variant }
    : { kind: 'paragraph', spans: [{ text }] };
}

function timeRange(doc: ReferatDocument, lang: Lang): string {
  const { startTime, endTime } = doc.meeting;
  if (startTime === null) return '';
  const start = formatClockTime(startTime, lang);
  return endTime === null ? start : `${start}–${formatClockTime(endTime, lang)}`;
}

/** "1. Title (documentNumber - caseId)" as in the model document. */
export function appendixLine(appendix: ReferatDocument['appendices'][number]): string {
  const ids = [appendix.documentNumber, appendix.caseId].filter((value) => value.trim() !== '');
  return `${appendix.number}. ${appendix.title}${ids.length > 0 ? ` (${ids.join(' - ')})` : ''}`;
}

function roleSuffix(role: string, l: Labels): string {
  if (role === 'chair') return ` (${l.chair})`;
  if (role === 'vice_chair') return ` (${l.viceChair})`;
  return '';
}

function participantBlocks(doc: ReferatDocument, l: Labels): LayoutBlock[] {
  if (doc.participants.length === 0) return [];
  const byId = new Map(doc.participants.map((p) => [p.id, p]));
  const numberOf = new Map(doc.agendaItems.map((item) => [item.id, item.number]));
  const describe = (p: ReferatDocument['participants'][number]): string => {
    let text = `${p.name}${p.party ? ` (${p.party})` : ''}${roleSuffix(p.role, l)}`;
    const substitutes = p.substituteForId === null ? undefined : byId.get(p.substituteForId);
    if (substitutes) text += `, ${l.substituteFor} ${substitutes.name}`;
    if (p.partialPresence.trim() !== '') text += `, ${p.partialPresence}`;
    const skipped = p.absentFromItemIds
      .map((id) => numberOf.get(id))
      .filter((n): n is number => n !== undefined);
    if (skipped.length > 0) text += `, ${l.notTakingPart} ${joinWith(skipped.map(String), l.and)}`;
    if (p.note.trim() !== '') text += ` (${p.note})`;
    return text;
  };
  const out: LayoutBlock[] = [{ kind: 'heading', level: 2, spans: [{ text: l.participants }] }];
  const groups: [string, 'present' | 'absent_with_notice' | 'absent'][] = [
    [l.present, 'present'],
    [l.withNotice, 'absent_with_notice'],
    [l.absent, 'absent'],
  ];
  for (const [title, status] of groups) {
    const people = doc.participants.filter((p) => p.attendance === status);
    if (people.length === 0) continue;
    out.push({ kind: 'paragraph', spans: [{ text: `${title}:`, bold: true }] });
    out.push({
      kind: 'list',
      ordered: false,
      items: people.map((p) => ({ label: '•', spans: [{ text: describe(p) }] })),
    });
  }
  return out;
}

type InlineContext = {
  l: Labels;
  participant: (id: string) => string;
  appendix: (id: string) => string;
};

function makeInlineContext(doc: ReferatDocument, l: Labels): InlineContext {
  const people = new Map(doc.participants.map((p) => [p.id, p]));
  const appendices = new Map(doc.appendices.map((a) => [a.id, a.number]));
  return {
    l,
    participant: (id) => people.get(id)?.name ?? '?',
    appendix: (id) => {
      const number = appendices.get(id);
      return number === undefined ? `${l.appendixRef} ?` : `${l.appendixRef} ${number}`;
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
  }
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

function voteGroupText(group: VoteGroup, ctx: InlineContext): string {
  const names = group.participantIds.map((id) => ctx.participant(id));
  const count = group.count ?? names.length;
  const parties = group.parties.length > 0 ? ` (${joinWith(group.parties, ctx.l.and)})` : '';
  return `${count}${parties}${names.length > 0 ? `: ${joinWith(names, ctx.l.and)}` : ''}`;
}

function voteParagraph(vote: Vote, ctx: InlineContext): LayoutBlock {
  const l = ctx.l;
  const parts = [
    `${l.voteFor} ${voteGroupText(vote.for, ctx)}.`,
    `${l.voteAgainst} ${voteGroupText(vote.against, ctx)}.`,
    `${l.voteAbstained} ${voteGroupText(vote.abstained, ctx)}.`,
    l.wasOutcome(vote.subject, l.outcomes[vote.outcome]),
  ];
  return {
    kind: 'paragraph',
    spans: [{ text: `${l.vote} ${vote.subject}: `, bold: true }, { text: parts.join(' ') }],
  };
}

function dissentParagraph(dissent: Dissent, ctx: InlineContext): LayoutBlock {
  return {
    kind: 'paragraph',
    spans: [
      { text: `${ctx.l.dissent} ${ctx.participant(dissent.participantId)}: `, bold: true },
      { text: dissent.text, italic: true },
    ],
  };
}
