/**
 * How references inside a body are displayed. The number of an appendix reference is never
 * stored in the body: it is looked up in the meeting's current appendix list every time, so
 * renumbering or reordering appendices updates every reference.
 *
 * Pure core.
 */
import type { Appendix } from '../domain/model';
import { tableInlines, type Block, type Inline, type List } from '../domain/richText';
import type { Lang } from '../wording/words';

/** What a reference knows about an appendix. */
export type AppendixInfo = Pick<
  Appendix,
  'id' | 'number' | 'title' | 'documentNumber' | 'isClosed'
>;

/** A resolved appendix reference: its label and why it may need attention. */
export type AppendixRefDisplay = {
  label: string;
  /** `deleted`: the appendix no longer exists; `closedInOpenText`: a closed appendix cited in open text. */
  state: 'ok' | 'deleted' | 'closedInOpenText';
  /** A tooltip: the appendix title, or the warning. */
  title: string;
};

/**
 * Resolves an appendix reference against the meeting's appendices. A reference to a deleted
 * appendix is flagged ("Bilag ? (slettet)"), never dropped.
 */
export function resolveAppendixRef(
  appendixId: string,
  appendices: readonly AppendixInfo[],
  options: { lang: Lang; isOpenText: boolean },
): AppendixRefDisplay {
  const word = options.lang === 'da' ? 'Bilag' : 'Appendix';
  const appendix = appendices.find((a) => a.id === appendixId);
  if (!appendix) {
    return {
      label: options.lang === 'da' ? 'Bilag ? (slettet)' : 'Appendix ? (deleted)',
      state: 'deleted',
      title:
        options.lang === 'da'
          ? 'Bilaget er slettet. Fjern henvisningen eller vælg et andet bilag.'
          : 'The appendix has been deleted. Remove the reference or choose another appendix.',
    };
  }
  // An appendix known only by its title (no number) is cited by the title.
  const label = appendix.number === null ? appendix.title : `${word} ${appendix.number}`;
  if (appendix.isClosed && options.isOpenText) {
    return {
      label,
      state: 'closedInOpenText',
      title:
        options.lang === 'da'
          ? `${appendix.title}: lukket bilag nævnt i åben tekst.`
          : `${appendix.title}: closed appendix cited in open text.`,
    };
  }
  return { label, state: 'ok', title: appendix.title };
}

/** Filters appendices for the "Bilag" trigger: by number, title or document number. */
export function searchAppendices<T extends AppendixInfo>(
  appendices: readonly T[],
  query: string,
): T[] {
  const q = query.trim().toLowerCase();
  const sorted = [...appendices].sort(
    (a, b) => (a.number ?? Number.MAX_SAFE_INTEGER) - (b.number ?? Number.MAX_SAFE_INTEGER),
  );
  if (!q) return sorted;
  return sorted.filter(
    (a) =>
      String(a.number) === q ||
      a.title.toLowerCase().includes(q) ||
      a.documentNumber.toLowerCase().includes(q),
  );
}

/**
 * Filters participants for the "@" trigger, keeping the meeting's order: a name containing the
 * query (from the start of any word when the query is one letter), or the exact party letter.
 */
export function searchParticipants<T extends { name: string; party: string | null }>(
  participants: readonly T[],
  query: string,
): T[] {
  const q = query.trim().toLocaleLowerCase('da');
  if (!q) return [...participants];
  return participants.filter((p) => {
    const name = p.name.toLocaleLowerCase('da');
    const isNameMatch =
      q.length === 1 ? name.split(/\s+/).some((word) => word.startsWith(q)) : name.includes(q);
    return isNameMatch || (p.party ?? '').toLocaleLowerCase('da') === q;
  });
}

/**
 * Whom the "@" list offers: the participants present (an absent member takes no part in the
 * minutes' text), each with who they substitute for, so a substitute reads "stedfortræder for
 * Brian Møller" rather than only "medlem".
 */
export function mentionableParticipants<
  T extends {
    id: string;
    name: string;
    party: string | null;
    attendance: string;
    substituteForId?: string | null;
  },
>(participants: readonly T[], query: string): Array<{ participant: T; substitutesFor: T | null }> {
  const byId = new Map(participants.map((p) => [p.id, p]));
  return searchParticipants(
    participants.filter((p) => p.attendance === 'present'),
    query,
  ).map((participant) => ({
    participant,
    substitutesFor:
      participant.substituteForId == null ? null : (byId.get(participant.substituteForId) ?? null),
  }));
}

function inlineAppendixIds(inlines: readonly Inline[], out: string[]): void {
  for (const inline of inlines) if (inline.type === 'appendixRef') out.push(inline.appendixId);
}

function listAppendixIds(list: List, out: string[]): void {
  for (const item of list.items) {
    inlineAppendixIds(item.children, out);
    if (item.sublist) listAppendixIds(item.sublist, out);
  }
}

/** Every appendix id referenced in a body, in document order (duplicates kept). */
export function referencedAppendixIds(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'paragraph' || block.type === 'heading')
      inlineAppendixIds(block.children, out);
    else if (block.type === 'list') listAppendixIds(block, out);
    else if (block.type === 'table')
      for (const inlines of tableInlines(block)) inlineAppendixIds(inlines, out);
  }
  return out;
}
