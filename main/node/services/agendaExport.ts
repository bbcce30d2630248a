/**
 * What every export of a meeting's agenda starts from (the app's requests and the CLI): the
 * meeting's document, and, once the agenda has been sent, the changes since the newest sending
 * (common/export/layoutAgenda.ts) as notes for the next export and as a list for the app.
 */
import type { AgendaItemChangeView } from '../../../common/contract/agenda';
import { toCopenhagen } from '../../../common/domain/danishDates';
import type { RichText } from '../../../common/domain/richText';
import type { Edition } from '../../../common/export/editions';
import { agendaRequest } from '../../../common/export/editionLayout';
import {
  agendaChanges,
  agendaDocument,
  changeNotes,
  type AgendaItemChange,
  type AgendaKind,
  type AgendaLayoutOptions,
} from '../../../common/export/layoutAgenda';
import type { ReferatDocument } from '../../../common/format/referat1';
import { parseReferatDocument, serializeReferatDocument } from '../../../common/format/referatJson';
import { bodyPlainText } from '../../../common/wording/blocks';
import { editionPdfFile } from '../pdf/writePdf';
import type { ReadDb } from '../storage/db';
import { exportMeetingDocument } from '../storage/interchange';
import { latestAgendaSending, type StoredAgendaSending } from '../storage/queries/agenda';

/** A meeting's document and what changed since its agenda was last sent. */
export type AgendaSource = {
  document: ReferatDocument;
  latest: StoredAgendaSending | null;
  /** The frozen agenda of the newest sending. */
  sent: ReferatDocument | null;
  changes: AgendaItemChange[];
  /** The notes "Ændret efter udsendelse <dato>" of the next export; absent before sending. */
  notes?: AgendaLayoutOptions['changes'];
};

/** The meeting's document and its changes since sending. @throws DomainError not_found */
export function agendaSource(db: ReadDb, meetingId: string): AgendaSource {
  const document = exportMeetingDocument(db, meetingId);
  const latest = latestAgendaSending(db, meetingId);
  if (!latest) return { document, latest, sent: null, changes: [] };
  const sent = parseReferatDocument(latest.snapshot);
  const changes = agendaChanges(sent, agendaDocument(document, 'agenda'));
  return {
    document,
    latest,
    sent,
    changes,
    notes: changeNotes(changes, toCopenhagen(latest.sentAt).date),
  };
}

/** The frozen snapshot of an agenda about to be sent (the agenda document's JSON). */
export function agendaSnapshot(document: ReferatDocument): string {
  return serializeReferatDocument(agendaDocument(document, 'agenda'));
}

/** The PDF of an agenda edition, in memory (for its SHA-256 before it is handed over). */
export async function agendaPdfBytes(
  source: AgendaSource,
  kind: AgendaKind,
  edition: Edition,
): Promise<Buffer> {
  const request = agendaRequest({ edition, kind, changes: source.notes });
  return (await editionPdfFile(source.document, request)).file;
}

/** The changes since sending as the app shows them: each section's text then and now. */
export function agendaChangeViews(source: AgendaSource): AgendaItemChangeView[] {
  const textOf = (doc: ReferatDocument | null, itemId: string, field: string): string => {
    const item = doc?.agendaItems.find((candidate) => candidate.id === itemId);
    if (!item) return '';
    if (field === 'title') return item.title;
    if (field === 'isClosed') return item.isClosed ? 'Lukket' : 'Åben';
    const body = (item.bodies as Partial<Record<string, RichText>>)[field] ?? [];
    return bodyPlainText(body, { participants: doc?.participants ?? [], lang: 'da' });
  };
  const now = agendaDocument(source.document, 'agenda');
  return source.changes.map((change) => ({
    itemId: change.itemId,
    number: change.number,
    title: change.title,
    isAdded: change.isAdded,
    isRemoved: change.isRemoved,
    fields: change.fields.map((field) => ({
      field,
      before: textOf(source.sent, change.itemId, field),
      after: textOf(now, change.itemId, field),
    })),
  }));
}
