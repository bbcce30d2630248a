/**
 * An edition built and checked for personal data once per export. Every writer (PDF, Word, the
 * export store that starts the PDF worker) starts from this, so a public edition is derived
 * from the meeting and checked one time, however many steps the export passes through.
 *
 * Pure core.
 */
import type { ReferatDocument } from '../format/referat1';
import { buildEdition, type Edition } from './editions';
import { assertNoCprNumbers, checkPersonalData, type PersonalDataReport } from './personalData';
import type { Lang } from '../domain/lang';

/** The document of one edition and its personal-data check (empty for the full edition). */
export type PreparedEdition = {
  edition: Edition;
  /** The edition's document (see buildEdition). */
  document: ReferatDocument;
  report: PersonalDataReport;
};

/**
 * Builds the edition of `doc` and checks a public edition for personal data.
 * @throws DomainError personal_data (a public edition holding a CPR number)
 */
export function prepareEdition(
  doc: ReferatDocument,
  edition: Edition,
  lang: Lang = 'da',
): PreparedEdition {
  const document = buildEdition(doc, edition, lang);
  const report = edition === 'public' ? checkPersonalData(document) : { errors: [], warnings: [] };
  assertNoCprNumbers(report);
  return { edition, document, report };
}
