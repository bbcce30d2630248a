/**
 * What the PDF and Word exports share: the `--edition` option, and the meeting's document with
 * the corrections the chosen edition prints.
 */
import type { Edition } from '../../../../common/export/editions';
import { meetingDocumentKinds, type AgendaKind } from '../../../../common/export/layoutAgenda';
import { editionSource, type EditionSource } from '../../services/editionExport';
import type { CommandContext, OptionSpec } from '../types';

/** `--edition full|public` of `referat export --format pdf|docx`. */
export const editionOption: OptionSpec = {
  name: 'edition',
  kind: 'value',
  valueName: 'EDITION',
  values: ['full', 'public'],
  description:
    'pdf/docx: full (default) or public (closed items and appendices left out); html: public only',
};

/**
 * The edition asked for, the meeting's document, and its corrections. Corrections after
 * approval print in the full edition only: one may concern a closed item, and the public
 * edition must not reveal it.
 */
export function editionExport(ctx: CommandContext, meetingId: string): EditionSource {
  return editionSource(ctx.library().db, meetingId, (ctx.options.edition ?? 'full') as Edition);
}

/** `--document minutes|agenda|supplementary-agenda` of `referat export --format pdf|docx|html`. */
export const documentOption: OptionSpec = {
  name: 'document',
  kind: 'value',
  valueName: 'DOCUMENT',
  values: meetingDocumentKinds,
  description:
    'pdf/docx/html: minutes (default), agenda (dagsorden) or supplementary-agenda (tillægsdagsorden: the items added after the agenda was sent)',
};

/** The agenda document asked for with `--document`, or null for the minutes. */
export function agendaKindOption(ctx: CommandContext): AgendaKind | null {
  const value = ctx.options.document ?? 'minutes';
  return value === 'minutes' ? null : (value as AgendaKind);
}
