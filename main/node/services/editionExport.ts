/**
 * What every export of a meeting's edition starts from (the PDF and Word exports of the app and
 * the CLI, signing, the archive package): the meeting's `referat/1` document and the corrections
 * the edition prints, and the names its files get.
 */
import type { Edition } from '../../../common/export/editions';
import type { Correction } from '../../../common/export/layoutMinutes';
import type { ReferatDocument } from '../../../common/format/referat1';
import { meetingFileStem } from '../../../common/format/referatJson';
import type { ReadDb } from '../storage/db';
import { exportMeetingDocument } from '../storage/interchange';
import { correctionsForExport } from '../storage/queries/lifecycle';
import { getMeetingNameParts } from '../storage/queries/meetingBase';
import { editionPrintsCorrections } from '../storage/queries/signedPdfs';

/** A meeting's document and the corrections one edition of it prints. */
export type EditionSource = {
  edition: Edition;
  document: ReferatDocument;
  corrections: Correction[];
};

/**
 * The corrections (after approval) the edition prints: the full edition only, since a
 * correction may concern a closed item and the public edition must not reveal it.
 */
export function editionCorrections(db: ReadDb, meetingId: string, edition: Edition): Correction[] {
  return editionPrintsCorrections(edition) ? correctionsForExport(db, meetingId) : [];
}

/** The meeting's document and the edition's corrections. @throws DomainError not_found */
export function editionSource(db: ReadDb, meetingId: string, edition: Edition): EditionSource {
  return {
    edition,
    document: exportMeetingDocument(db, meetingId),
    corrections: editionCorrections(db, meetingId, edition),
  };
}

/**
 * The stem of a meeting's file names (`<committee>-<date>-moede-<number>`) from one indexed
 * read, without exporting the meeting. @throws DomainError not_found
 */
export function meetingFileBase(db: ReadDb, meetingId: string): string {
  return meetingFileStem(getMeetingNameParts(db, meetingId));
}

/**
 * A file name of an edition: `<stem>[-offentlig][-<label>].<extension>`, e.g.
 * `opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig.pdf`.
 */
export function editionFileName(
  stem: string,
  edition: Edition,
  extension: string,
  label?: string,
): string {
  return `${stem}${edition === 'public' ? '-offentlig' : ''}${label ? `-${label}` : ''}.${extension}`;
}
