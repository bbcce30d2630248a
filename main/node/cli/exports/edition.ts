/**
 * What the PDF and Word exports share: the `--edition` option, and the meeting's document with
 * the corrections the chosen edition prints.
 */
import type { Edition } from '../../../../common/export/editions';
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
