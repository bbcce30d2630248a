/**
 * Editions of the minutes. The full edition is the document as recorded; the public edition is
 * what the municipality may publish. Both are `referat/1` documents, so the PDF, the embedded
 * `meeting.json` and any other export are produced from one filtered document and can never
 * disagree about what was left out.
 *
 * Public edition rules (design.md):
 * - A closed item keeps its place and number and shows its public title (or "Lukket punkt"
 *   when none was written). Its only body is the public decision text, moved into the
 *   `decision` field; every confidential body (summary, recommendation, case presentation,
 *   finances, previous decisions, the confidential decision) is dropped, and so is the
 *   presenter. When there is no public decision the item has no decision body, and the layout
 *   prints "Beslutningen er ikke offentlig." so a reader sees that something was withheld.
 * - Appendices that are closed, or that belong to a closed item, are dropped (an appendix title
 *   of a closed matter usually tells the matter). Numbers are not changed, so "Bilag 3" means
 *   the same in both editions; a reference to a dropped appendix in open text becomes the
 *   plain text "Bilag N" without a link to the record.
 * - Attendance notes of every participant are cleared (they may hold private reasons). Partial
 *   presence ("fraværende til kl. 19.15 i punkt 3") stays: a reader needs it to judge who took
 *   part in a decision.
 * - `publicDecision` bodies are removed everywhere (open items never publish a second text).
 *
 * Pure core.
 */
import type { Block, Inline, List, RichText } from '../domain/richText';
import type { ReferatDocument } from '../format/referat1';
import type { Lang } from '../domain/lang';

/** Which edition of the minutes to produce. */
export type Edition = 'full' | 'public';
export const editions: readonly Edition[] = ['full', 'public'];

/** The title a closed item shows when its public title is empty. */
export const closedItemFallbackTitle = 'Lukket punkt';

/** The words the public edition writes into the document, in the export's language. */
const editionWords = {
  da: { closedItem: closedItemFallbackTitle, appendix: 'Bilag' },
  en: { closedItem: 'Closed item', appendix: 'Appendix' },
};

type DocItem = ReferatDocument['agendaItems'][number];

/**
 * Returns the document of the given edition; the input is never modified. `lang` is the
 * language of the export: the public edition's fallback title and the text of a reference to a
 * dropped appendix are written in it.
 */
export function buildEdition(
  doc: ReferatDocument,
  edition: Edition,
  lang: Lang = 'da',
): ReferatDocument {
  if (edition === 'full') return doc;
  const words = editionWords[lang];
  const closedItemIds = new Set(
    doc.agendaItems.filter((item) => item.isClosed).map((item) => item.id),
  );
  const keptAppendices = doc.appendices.filter(
    (appendix) =>
      !appendix.isClosed && !(appendix.itemId !== null && closedItemIds.has(appendix.itemId)),
  );
  const keptIds = new Set(keptAppendices.map((appendix) => appendix.id));
  const droppedNumbers = new Map(
    doc.appendices
      .filter((appendix) => !keptIds.has(appendix.id))
      .map((appendix) => [
        appendix.id,
        // An appendix without a number is cited by its title.
        appendix.number === null ? appendix.title : `${words.appendix} ${appendix.number}`,
      ]),
  );
  const scrub = (body: RichText | undefined): RichText | undefined =>
    body === undefined ? undefined : scrubAppendixRefs(body, droppedNumbers);

  const agendaItems = doc.agendaItems.map((item): DocItem => {
    if (item.isClosed) {
      const publicDecision = scrub(item.bodies.publicDecision);
      const title = item.publicTitle.trim() === '' ? words.closedItem : item.publicTitle;
      return {
        ...item,
        title,
        publicTitle: title,
        presenter: '',
        bodies: publicDecision && publicDecision.length > 0 ? { decision: publicDecision } : {},
      };
    }
    const bodies: DocItem['bodies'] = {};
    for (const [field, body] of Object.entries(item.bodies) as [
      keyof DocItem['bodies'],
      RichText,
    ][]) {
      if (field === 'publicDecision') continue;
      bodies[field] = scrub(body) ?? [];
    }
    return { ...item, bodies };
  });

  const meetingBodies: ReferatDocument['meeting']['bodies'] = {};
  for (const [field, body] of Object.entries(doc.meeting.bodies) as [
    keyof ReferatDocument['meeting']['bodies'],
    RichText,
  ][]) {
    meetingBodies[field] = scrub(body) ?? [];
  }

  return {
    ...doc,
    meeting: { ...doc.meeting, bodies: meetingBodies },
    participants: doc.participants.map((participant) => ({ ...participant, note: '' })),
    agendaItems,
    appendices: keptAppendices,
  };
}

function scrubAppendixRefs(body: RichText, dropped: ReadonlyMap<string, string>): RichText {
  if (dropped.size === 0) return body;
  const inlines = (children: readonly Inline[]): Inline[] =>
    children.map((child) => {
      if (child.type !== 'appendixRef') return child;
      const label = dropped.get(child.appendixId);
      return label === undefined ? child : { type: 'text', text: label };
    });
  const list = (value: List): List => ({
    ...value,
    items: value.items.map((item) => ({
      children: inlines(item.children),
      ...(item.sublist ? { sublist: list(item.sublist) } : {}),
    })),
  });
  return body.map((block): Block => {
    switch (block.type) {
      case 'paragraph':
      case 'heading':
        return { ...block, children: inlines(block.children) };
      case 'list':
        return list(block);
      case 'table':
        return {
          ...block,
          rows: block.rows.map((row) => ({
            cells: row.cells.map((cell) => ({
              children: cell.children.map((paragraph) => ({
                ...paragraph,
                children: inlines(paragraph.children),
              })),
            })),
          })),
        };
      default:
        return block;
    }
  });
}
