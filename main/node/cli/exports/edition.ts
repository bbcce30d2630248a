/**
 * What the PDF, Word and HTML exports share: the `--edition` and `--document` options, the
 * meeting's document and the layout request they choose (the agenda's notes on changes since
 * sending, or the corrections the minutes' edition prints), and the warnings they print.
 */
import type { Edition } from '../../../../common/export/editions';
import {
  agendaRequest,
  minutesRequest,
  type EditionLayoutRequest,
} from '../../../../common/export/editionLayout';
import { meetingDocumentKinds, type AgendaKind } from '../../../../common/export/layoutAgenda';
import type { PersonalDataFinding } from '../../../../common/export/personalData';
import type { ReferatDocument } from '../../../../common/format/referat1';
import { agendaSource } from '../../services/agendaExport';
import { editionSource } from '../../services/editionExport';
import { writeOutput } from '../files';
import type { CommandContext, ExportFormat, OptionSpec } from '../types';

/** `--edition full|public` of `referat export --format pdf|docx`. */
export const editionOption: OptionSpec = {
  name: 'edition',
  kind: 'value',
  valueName: 'EDITION',
  values: ['full', 'public'],
  description:
    'pdf/docx: full (default) or public (closed items and appendices left out); html: public only',
};

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

/** The meeting's full document and what to lay out of it. */
export type RequestedDocument = { document: ReferatDocument; request: EditionLayoutRequest };

/**
 * The meeting's document and the request for the document `--document` asks for. Corrections
 * after approval print in the full edition only: one may concern a closed item, and the public
 * edition must not reveal it.
 * @throws DomainError not_found
 */
export function requestedDocument(
  ctx: CommandContext,
  meetingId: string,
  edition: Edition,
): RequestedDocument {
  const db = ctx.library().db;
  const kind = agendaKindOption(ctx);
  if (kind) {
    const { document, notes } = agendaSource(db, meetingId);
    return { document, request: agendaRequest({ edition, kind, changes: notes }) };
  }
  const { document, corrections } = editionSource(db, meetingId, edition);
  return { document, request: minutesRequest({ edition, corrections }) };
}

/** An export format of one of the meeting's documents in one edition (pdf, docx, html). */
export type EditionFormat = Omit<ExportFormat, 'options' | 'run'> & {
  /** The edition asked for; by default `--edition`, else the full edition. */
  edition?: (ctx: CommandContext) => Edition;
  write: (ctx: CommandContext, requested: RequestedDocument, out: string) => Promise<void> | void;
};

/** The export format that takes `--edition` and `--document` and writes what they ask for. */
export function editionFormat({
  edition = (ctx) => (ctx.options.edition ?? 'full') as Edition,
  write,
  ...format
}: EditionFormat): ExportFormat {
  return {
    ...format,
    options: [editionOption, documentOption],
    run: (ctx, { meetingId, out }) =>
      write(ctx, requestedDocument(ctx, meetingId, edition(ctx)), out),
  };
}

/**
 * An edition format that makes one file (pdf, docx): made in memory first, then written to
 * `--out` by the CLI's atomic writer, or to standard output with `--out -`.
 */
export function editionFileFormat({
  make,
  ...format
}: Omit<EditionFormat, 'canWriteToStdout' | 'write'> & {
  /** The file, and the personal-data warnings to print (none when absent). */
  make: (
    requested: RequestedDocument,
  ) => Promise<{ file: Uint8Array; warnings?: readonly PersonalDataFinding[] }>;
}): ExportFormat {
  return editionFormat({
    ...format,
    canWriteToStdout: true,
    async write(ctx, requested, out) {
      const { file, warnings = [] } = await make(requested);
      printWarnings(ctx, warnings);
      writeOutput(ctx, out, file);
    },
  });
}

/** Personal-data warnings of a public edition (citizen members named in the text), on stderr. */
export function printWarnings(ctx: CommandContext, warnings: readonly PersonalDataFinding[]): void {
  for (const warning of warnings)
    ctx.io.stderr(`referat: warning: ${warning.location}: ${warning.text}\n`);
}
