/**
 * "Tidligere beslutninger" filled in automatically: earlier decisions on the same case id are
 * written into an item's previousDecisions body as one paragraph each,
 *
 *   Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales.
 *
 * where the reference part ("Teknik- og Miljøudvalget, 10. september 2019, pkt. 65") is a link
 * `referat://meeting/<meetingId>#item-<itemId>` to the source, so a reader can open it and the
 * app can recognise lines it wrote before (no duplicates, chain kept in date order).
 *
 * Pure core.
 */
import { formatDanishDate } from '../domain/danishDates';
import {
  referatUrlPattern,
  type Block,
  type Inline,
  type Paragraph,
  type RichText,
} from '../domain/richText';

/** An earlier decision that can be inserted into "Tidligere beslutninger". */
export type PreviousDecisionSource = {
  meetingId: string;
  itemId: string;
  committeeName: string;
  /** The meeting date, YYYY-MM-DD. */
  date: string;
  meetingNumber: number | null;
  itemNumber: number;
  /** The decision as plain text (lines are joined with spaces when formatted). */
  decisionText: string;
};

/** Longest decision text copied into a chain line; the link leads to the full text. */
export const maxChainDecisionLength = 600;

/** The internal link to an agenda item: `referat://meeting/<meetingId>#item-<itemId>`. */
export function referatItemUrl(meetingId: string, itemId: string): string {
  const url = `referat://meeting/${meetingId}#item-${itemId}`;
  if (!referatUrlPattern.test(url))
    throw new RangeError(`Cannot link to meeting "${meetingId}", item "${itemId}": not valid ids`);
  return url;
}

/** The meeting and item an internal link points at, or null when `url` is not one. */
export function parseReferatUrl(url: string): { meetingId: string; itemId: string | null } | null {
  const match = referatUrlPattern.exec(url);
  if (!match || match[1] === undefined) return null;
  return { meetingId: match[1], itemId: match[2] ?? null };
}

/** "Teknik- og Miljøudvalget, 10. september 2019, pkt. 65" */
export function formatDecisionReference(source: PreviousDecisionSource): string {
  return `${source.committeeName.trim()}, ${formatDanishDate(source.date)}, pkt. ${source.itemNumber}`;
}

/** The decision text on one line, shortened to {@link maxChainDecisionLength} at a word boundary. */
export function condenseDecisionText(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= maxChainDecisionLength) return line;
  const cut = line.slice(0, maxChainDecisionLength);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxChainDecisionLength / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')} …`;
}

/** The whole chain line as plain text (for lists, the CLI and tests). */
export function formatPreviousDecisionLine(source: PreviousDecisionSource): string {
  const decision = condenseDecisionText(source.decisionText);
  return decision === ''
    ? `${formatDecisionReference(source)}.`
    : `${formatDecisionReference(source)}: ${decision}`;
}

/** One chain line as a rich-text paragraph: the linked reference, then ": decision". */
export function previousDecisionParagraph(source: PreviousDecisionSource): Paragraph {
  const decision = condenseDecisionText(source.decisionText);
  const children: Inline[] = [
    {
      type: 'link',
      url: referatItemUrl(source.meetingId, source.itemId),
      children: [{ type: 'text', text: formatDecisionReference(source) }],
    },
    { type: 'text', text: decision === '' ? '.' : `: ${decision}` },
  ];
  return { type: 'paragraph', children };
}

/** The item a chain line links to, or null when `block` is not a chain line written by Referat. */
export function chainLineItemId(block: Block): string | null {
  if (block.type !== 'paragraph') return null;
  const first = block.children[0];
  if (!first || first.type !== 'link') return null;
  return parseReferatUrl(first.url)?.itemId ?? null;
}

/** Sort key of a chain line: date, then committee, then item number. */
type ChainKey = { date: string; committeeName: string; itemNumber: number };

function compareKeys(a: ChainKey, b: ChainKey): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const byCommittee = a.committeeName.localeCompare(b.committeeName, 'da');
  if (byCommittee !== 0) return byCommittee;
  return a.itemNumber - b.itemNumber;
}

/** The result of {@link mergePreviousDecisions}. */
export type MergedPreviousDecisions = {
  content: RichText;
  /** Item ids of the lines actually added (sources already present are skipped). */
  insertedItemIds: string[];
};

/**
 * Inserts chain lines for `sources` into an existing previousDecisions body.
 *
 * - A source whose item is already linked from the body is not inserted twice.
 * - The chain (existing chain lines plus new ones) is kept in date order; it stays where the
 *   first existing chain line was, or is appended after the other content.
 * - A body that holds only a placeholder (empty paragraphs or a lone ".") is replaced.
 * - Other content the secretary wrote is left where it is.
 *
 * `known` gives the sort key of existing chain lines by item id (looked up by the caller);
 * a line whose source is unknown (deleted since) keeps its place after its predecessor.
 */
export function mergePreviousDecisions(
  existing: RichText,
  sources: readonly PreviousDecisionSource[],
  known: ReadonlyMap<string, ChainKey> = new Map(),
): MergedPreviousDecisions {
  const isPlaceholder = existing.every(
    (block) => block.type === 'paragraph' && /^[\s.]*$/.test(plainInline(block.children)),
  );
  const body: RichText = isPlaceholder ? [] : [...existing];

  const present = new Set<string>();
  let firstChainIndex = -1;
  const chain: { block: Block; key: ChainKey | null; order: number }[] = [];
  const rest: Block[] = [];
  body.forEach((block) => {
    const itemId = chainLineItemId(block);
    if (itemId === null) {
      rest.push(block);
      return;
    }
    if (firstChainIndex === -1) firstChainIndex = rest.length;
    present.add(itemId);
    chain.push({ block, key: known.get(itemId) ?? null, order: chain.length });
  });

  const insertedItemIds: string[] = [];
  for (const source of sources) {
    if (present.has(source.itemId)) continue;
    present.add(source.itemId);
    insertedItemIds.push(source.itemId);
    chain.push({
      block: previousDecisionParagraph(source),
      key: {
        date: source.date,
        committeeName: source.committeeName,
        itemNumber: source.itemNumber,
      },
      order: chain.length,
    });
  }
  if (insertedItemIds.length === 0) return { content: existing, insertedItemIds };

  // Unknown lines inherit the key of the line before them (leading ones: of the first known
  // line) so they keep their neighbourhood.
  let lastKey: ChainKey = chain.find((entry) => entry.key !== null)?.key ?? {
    date: '',
    committeeName: '',
    itemNumber: -1,
  };
  const keyed = chain.map((entry) => {
    const key = entry.key ?? lastKey;
    lastKey = key;
    return { ...entry, key };
  });
  keyed.sort((a, b) => compareKeys(a.key, b.key) || a.order - b.order);

  const at = firstChainIndex === -1 ? rest.length : firstChainIndex;
  const content = [...rest.slice(0, at), ...keyed.map((entry) => entry.block), ...rest.slice(at)];
  return { content, insertedItemIds };
}

function plainInline(children: readonly Inline[]): string {
  return children
    .map((child) =>
      child.type === 'text'
        ? child.text
        : child.type === 'link'
          ? child.children.map((r) => r.text).join('')
          : 'x',
    )
    .join('');
}
