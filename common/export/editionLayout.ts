/**
 * The laid-out document of a meeting for one edition and one document kind (the minutes, the
 * agenda or the tillægsdagsorden): the one preparation every writer (PDF, Word, HTML) starts
 * from. It chooses between the minutes' steps (prepareEdition, layoutMinutes, minutesTitle) and
 * the agenda's (prepareAgenda, layoutAgenda, agendaTitle), so the three writers cannot drift
 * apart in what they print for the same request.
 *
 * Pure core.
 */
import type { Lang } from '../domain/lang';
import type { ReferatDocument } from '../format/referat1';
import type { Edition } from './editions';
import { agendaTitle, layoutAgenda, prepareAgenda, type AgendaKind } from './layoutAgenda';
import {
  layoutMinutes,
  minutesTitle,
  publicEditionLabel,
  type AgendaLayout,
  type Correction,
  type LayoutBlock,
} from './layoutMinutes';
import { prepareEdition, type PreparedEdition } from './preparedEdition';

/** The agenda (dagsorden) or the tillægsdagsorden, laid out instead of the minutes. */
export type AgendaChoice = {
  kind: AgendaKind;
  /** Notes on the sections changed since the agenda was sent. */
  changes?: AgendaLayout['changes'];
};

/** Which document of a meeting to lay out, in which edition and language. */
export type EditionLayoutRequest = {
  edition: Edition;
  lang: Lang;
  /** The agenda or the tillægsdagsorden; the minutes when absent. */
  agenda?: AgendaChoice;
  /** Minutes only: corrections after approval ("Rettelser"); pass them for the full edition only. */
  corrections?: readonly Correction[];
  /**
   * Minutes only: whether the signature page (underskriftsblad) is added; none when absent here,
   * the PDF writer then decides by the meeting's status.
   */
  isWithSignaturePage?: boolean;
};

/** What the writers' entry points take besides the document kind: the edition and language. */
export type EditionOptions = { edition: Edition; lang?: Lang };

/** The request of a writer's minutes options (the language defaults to Danish). */
export function minutesRequest(
  options: EditionOptions & Pick<EditionLayoutRequest, 'corrections' | 'isWithSignaturePage'>,
): EditionLayoutRequest {
  const { corrections, isWithSignaturePage } = options;
  return {
    edition: options.edition,
    lang: options.lang ?? 'da',
    ...(corrections ? { corrections } : {}),
    ...(isWithSignaturePage !== undefined ? { isWithSignaturePage } : {}),
  };
}

/** The request of a writer's agenda options (the language defaults to Danish). */
export function agendaRequest(options: EditionOptions & AgendaChoice): EditionLayoutRequest {
  const { kind, changes } = options;
  return {
    edition: options.edition,
    lang: options.lang ?? 'da',
    agenda: { kind, ...(changes ? { changes } : {}) },
  };
}

/** An edition's document with its layout, its title and the label the edition carries. */
export type EditionLayout = PreparedEdition & {
  blocks: LayoutBlock[];
  /** The minutes' or the agenda's title ("Dagsorden: 5. møde i ..."). */
  title: string;
  /** The label the public edition names on every page; empty for the full edition. */
  editionLabel: string;
};

/**
 * The requested document's edition, checked for personal data (prepareAgenda or prepareEdition).
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export function prepareRequestedEdition(
  doc: ReferatDocument,
  request: EditionLayoutRequest,
): PreparedEdition {
  return request.agenda
    ? prepareAgenda(doc, request.agenda.kind, request.edition, request.lang)
    : prepareEdition(doc, request.edition, request.lang);
}

/** Lays out an edition made by prepareRequestedEdition (or an equal one made earlier). */
export function layoutPreparedEdition(
  prepared: PreparedEdition,
  request: EditionLayoutRequest,
): EditionLayout {
  const { document } = prepared;
  const { agenda, edition, lang } = request;
  const blocks = agenda
    ? layoutAgenda(document, { lang, edition, ...agenda })
    : layoutMinutes(document, {
        lang,
        edition,
        ...(request.corrections ? { corrections: request.corrections } : {}),
        ...(request.isWithSignaturePage ? { isWithSignaturePage: true } : {}),
      });
  return {
    ...prepared,
    blocks,
    title: agenda ? agendaTitle(document, agenda.kind, lang) : minutesTitle(document, lang),
    editionLabel: edition === 'public' ? publicEditionLabel(document, lang) : '',
  };
}

/**
 * The requested document of `doc` (the meeting's full document) in its edition, laid out.
 * @throws DomainError personal_data, invalid_input (a tillægsdagsorden without items)
 */
export function layoutEdition(doc: ReferatDocument, request: EditionLayoutRequest): EditionLayout {
  return layoutPreparedEdition(prepareRequestedEdition(doc, request), request);
}
