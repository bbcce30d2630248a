/**
 * A library for the HTML edition's tests: one committee with the model document and a generated
 * fagudvalg meeting (both approved, so published), a draft meeting (not published), a logo in
 * the generated meeting's profile, a public appendix with a file, and a closed item whose every
 * confidential field holds a marker string.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { storeBytes } from '../../main/node/storage/fileStore';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import type { Library } from '../../main/node/storage/library';
import { generateMeeting } from './generateMeeting';

const root = path.resolve(import.meta.dirname, '../..');

/** Strings that appear only in a closed item's confidential fields (and the full edition). */
export const confidentialMarkers = [
  'MARKER-TITLE',
  'MARKER-PRESENTER',
  'MARKER-SUMMARY',
  'MARKER-RECOMMENDATION',
  'MARKER-CASE',
  'MARKER-FINANCES',
  'MARKER-PREVIOUS',
  'MARKER-DECISION',
  'MARKER-DISSENT',
  'MARKER-ITEM-APPENDIX',
  'MARKER-CLOSED-APPENDIX',
  'MARKER-NOTE',
] as const;

/** A 1×1 PNG (the profile's logo). */
const pngPixel = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export type HtmlLibraryMeetings = {
  model: string;
  generated: string;
  draft: string;
  committeeName: string;
  /** The public appendix file's content (to find it in the folder). */
  appendixText: string;
};

/** The model document as found in the fixtures. */
export function modelDocument(): ReferatDocument {
  return parseReferatDocument(
    readFileSync(path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
  );
}

/**
 * Makes the second item of `doc` closed with a marker in every confidential field (title,
 * presenter, each section, a dissent, its appendices), adds a closed appendix and a note on
 * the third participant: every string of {@link confidentialMarkers}, none in the public edition.
 */
export function markClosedItem(doc: ReferatDocument): void {
  const closed = doc.agendaItems[1];
  if (!closed) throw new Error('generated meeting has no second item');
  const paragraph = (text: string) => [
    { type: 'paragraph' as const, children: [{ type: 'text' as const, text }] },
  ];
  closed.isClosed = true;
  closed.title = 'MARKER-TITLE-Ekspropriation af Ågade 7';
  closed.publicTitle = 'Lukket punkt: Ejendomssag';
  closed.presenter = 'MARKER-PRESENTER';
  const dissenter = doc.participants.find((p) => p.attendance === 'present');
  closed.bodies = {
    summary: paragraph('MARKER-SUMMARY'),
    recommendation: paragraph('MARKER-RECOMMENDATION'),
    casePresentation: paragraph('MARKER-CASE'),
    finances: paragraph('MARKER-FINANCES'),
    previousDecisions: paragraph('MARKER-PREVIOUS'),
    decision: [
      ...paragraph('MARKER-DECISION'),
      ...(dissenter
        ? [{ type: 'dissent' as const, participantId: dissenter.id, text: 'MARKER-DISSENT' }]
        : []),
    ],
    publicDecision: paragraph('Udvalget godkendte købet af ejendommen.'),
  };
  for (const appendix of doc.appendices) {
    if (appendix.itemId === closed.id) appendix.title = 'MARKER-ITEM-APPENDIX';
  }
  doc.appendices.push({
    id: 'closed-appendix',
    itemId: null,
    number: 99,
    title: 'MARKER-CLOSED-APPENDIX',
    documentNumber: '9999999',
    caseId: 'EMN-2017-09999',
    isClosed: true,
    isAddedAfterMeeting: false,
    file: null,
  });
  const member = doc.participants[2];
  if (!member) throw new Error('generated meeting has too few participants');
  member.note = 'MARKER-NOTE';
}

/** A generated meeting of the model's committee with a closed item full of markers. */
export function markedMeeting(model: ReferatDocument): ReferatDocument {
  const doc = generateMeeting({
    items: 5,
    pagesPerItem: 0.3,
    closedEvery: 0,
    template: 'fagudvalg',
    seed: 5,
  });
  doc.committee = model.committee;
  doc.members = model.members;
  // The generated participants are not the model committee's standing members.
  for (const participant of doc.participants) participant.memberId = null;
  doc.meeting.number = 6;
  doc.meeting.date = '2018-01-16';
  markClosedItem(doc);
  doc.profile = {
    ...doc.profile,
    municipality: 'Gentofte Kommune',
    logo: {
      mediaType: 'image/png',
      dataBase64: pngPixel.toString('base64'),
      altText: 'Gentofte Kommunes logo',
    },
  };
  return doc;
}

/** Fills `library` (see the module comment). */
export async function fillHtmlLibrary(library: Library): Promise<HtmlLibraryMeetings> {
  const model = modelDocument();
  model.meeting.status = 'approved';
  const generated = markedMeeting(model);
  generated.meeting.status = 'approved';
  const appendixText = 'Bilag med offentlig tekst, æøå.';
  const stored = await storeBytes(library.filesDir, Buffer.from(appendixText, 'utf8'));
  const open = generated.appendices.find(
    (appendix) =>
      !appendix.isClosed &&
      (appendix.itemId === null ||
        generated.agendaItems.find((item) => item.id === appendix.itemId)?.isClosed === false),
  );
  if (!open) throw new Error('the generated meeting has no public appendix');
  open.file = {
    name: 'Høringssvar <endelig>.txt',
    sha256: stored.sha256,
    size: stored.size,
    mediaType: 'text/plain',
  };
  const draft = markedMeeting(model);
  draft.meeting.id = 'draft-meeting';
  draft.meeting.number = 7;
  draft.meeting.date = '2018-02-20';
  draft.meeting.status = 'draft';
  const ids = {
    model: importMeetingDocument(library.db, model).meetingId,
    generated: importMeetingDocument(library.db, generated).meetingId,
    draft: importMeetingDocument(library.db, draft, { onExisting: 'keepBoth' }).meetingId,
  };
  return { ...ids, committeeName: model.committee.name, appendixText };
}
