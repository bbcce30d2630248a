/**
 * "Tidligere beslutninger": the earlier decisions on an item's case (decisionRegister.ts reads
 * them) and their insertion, one linked line each, into the item's previousDecisions body.
 */
import type { DecisionEntry, PreviousDecision } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import type { RichText } from '../../../../common/domain/richText';
import {
  chainLineItemId,
  formatPreviousDecisionLine,
  mergePreviousDecisions,
  type PreviousDecisionSource,
} from '../../../../common/search/previousDecisions';
import type { ReadDb } from '../library';
import { writeTransaction } from '../library';
import { getItemBodies, saveBody } from './bodies';
import { notFound } from './common';
import { stmt } from '../statements';
import {
  compareEntries,
  decisionSelect,
  peopleLookup,
  toEntry,
  type DecisionRow,
} from './decisionRegister';

type TargetItem = { id: string; meetingId: string; caseId: string; isClosed: number; date: string };

function getTarget(db: ReadDb, itemId: string): TargetItem {
  const row = stmt(
    db,
    `SELECT i.id, i.meeting_id AS meetingId, i.case_id AS caseId, (i.is_closed OR m.is_closed) AS isClosed, m.date
       FROM agenda_items i JOIN meetings m ON m.id = i.meeting_id WHERE i.id = ?`,
  ).get(itemId) as TargetItem | undefined;
  if (!row) throw notFound('agenda item', itemId);
  return row;
}

/**
 * Earlier decisions on the item's case id, from any committee, oldest first: items of other
 * meetings dated on or before the item's meeting, with a decision. Closed decision text is
 * offered only when asked for AND the item itself is closed (it would otherwise end up in open
 * text); otherwise closed items contribute their public decision.
 */
export function previousDecisions(
  db: ReadDb,
  args: { itemId: string; isClosedIncluded?: boolean },
): { caseId: string; entries: PreviousDecision[] } {
  const target = getTarget(db, args.itemId);
  const caseId = target.caseId.trim();
  if (caseId === '') return { caseId: '', entries: [] };
  const isClosedIncluded = args.isClosedIncluded === true && target.isClosed === 1;
  const rows = stmt(
    db,
    `${decisionSelect}
       WHERE i.case_id <> '' AND upper(trim(i.case_id)) = upper(trim(?)) AND i.meeting_id <> ? AND m.date <= ?
         AND (d.id IS NOT NULL OR pd.id IS NOT NULL)`,
  ).all(caseId, target.meetingId, target.date) as DecisionRow[];
  const inserted = new Set(
    getItemBodies(db, args.itemId)
      .previousDecisions.content.map(chainLineItemId)
      .filter((id): id is string => id !== null),
  );
  const peopleOf = peopleLookup(db);
  const entries = rows
    .map((row) => toEntry(row, isClosedIncluded, peopleOf))
    .filter((entry): entry is DecisionEntry => entry !== null)
    .sort(compareEntries)
    .map((entry) => ({
      ...entry,
      line: formatPreviousDecisionLine(toSource(entry)),
      isInserted: inserted.has(entry.itemId),
    }));
  return { caseId, entries };
}

function toSource(entry: DecisionEntry): PreviousDecisionSource {
  return {
    meetingId: entry.meetingId,
    itemId: entry.itemId,
    committeeName: entry.committeeName,
    date: entry.date,
    meetingNumber: entry.meetingNumber,
    itemNumber: entry.itemNumber,
    decisionText: entry.decisionText,
  };
}

/**
 * Inserts the chosen earlier decisions into the item's previousDecisions body (one linked line
 * each, the chain in date order, nothing twice) and saves it as a new revision.
 * @throws DomainError not_found, invalid_input (a source that is not an earlier decision on the case), conflict, locked
 */
export function insertPreviousDecisions(
  db: ReadDb,
  args: {
    itemId: string;
    sourceItemIds: readonly string[];
    baseRevision: number;
    isClosedIncluded?: boolean;
    author: string;
  },
): { revision: number; updatedAt: string; content: RichText; insertedItemIds: string[] } {
  return writeTransaction(db, (db) => {
    const chain = previousDecisions(db, {
      itemId: args.itemId,
      isClosedIncluded: args.isClosedIncluded,
    });
    const byItem = new Map(chain.entries.map((entry) => [entry.itemId, entry]));
    const unknown = args.sourceItemIds.filter((id) => !byItem.has(id));
    if (unknown.length > 0) {
      throw new DomainError(
        'invalid_input',
        chain.caseId === ''
          ? 'The item has no case id, so it has no earlier decisions to insert.'
          : `Not an earlier decision on case ${chain.caseId}: item ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ' …' : ''}.`,
      );
    }
    const body = getItemBodies(db, args.itemId).previousDecisions;
    if (body.revision !== args.baseRevision) {
      throw new DomainError(
        'conflict',
        `"Tidligere beslutninger" was changed elsewhere (now revision ${body.revision}, the choice was based on revision ${args.baseRevision}). Reload and choose again.`,
      );
    }
    const known = new Map(
      chain.entries.map((e) => [
        e.itemId,
        { date: e.date, committeeName: e.committeeName, itemNumber: e.itemNumber },
      ]),
    );
    const sources = args.sourceItemIds.map((id) => toSource(byItem.get(id) as DecisionEntry));
    const merged = mergePreviousDecisions(body.content, sources, known);
    if (merged.insertedItemIds.length === 0) {
      return {
        revision: body.revision,
        updatedAt: body.updatedAt ?? '',
        content: body.content,
        insertedItemIds: [],
      };
    }
    const saved = saveBody(db, {
      owner: { kind: 'item', itemId: args.itemId, field: 'previousDecisions' },
      content: merged.content,
      baseRevision: args.baseRevision,
      author: args.author,
    });
    return { ...saved, content: merged.content, insertedItemIds: merged.insertedItemIds };
  });
}
