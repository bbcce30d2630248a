/**
 * Handlers of the PDF export in the app (issue 4): the personal-data check (`pdf:check`), the
 * export off the UI thread with progress and cancellation (`pdf:start` / `pdf:status` /
 * `pdf:cancel`, or `pdf:export` waiting in one request) and handing the file to the user
 * (`pdf:save`). The transport owns the export store and serves finished files
 * (HandlerContext.pdfExports): the HTTP host at `GET /exports/<id>`, Electron at
 * `app://referat/exports/<id>`. No path crosses the API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PdfExportHandleOutput, PdfExportStatusOutput } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import { buildEdition, type Edition } from '../../../../common/export/editions';
import { checkPersonalData } from '../../../../common/export/personalData';
import { referatFileName } from '../../../../common/format/referatJson';
import type { PdfExportHandle, PdfExportStatus } from '../../pdf/exportJobs';
import { exportMeetingDocument } from '../../storage/interchange';
import type { Library } from '../../storage/library';
import { correctionsForExport } from '../../storage/queries/lifecycle';
import type { HandlerContext, Handlers, PdfExportsContext } from '../types';

export type PdfRequestName =
  'pdf:check' | 'pdf:start' | 'pdf:status' | 'pdf:cancel' | 'pdf:export' | 'pdf:save';

/** The PDF handlers over one library. */
export function createPdfHandlers(library: Library): Pick<Handlers, PdfRequestName> {
  const start = (meetingId: string, edition: Edition, exports: PdfExportsContext): string => {
    const document = exportMeetingDocument(library.db, meetingId);
    const base = referatFileName(document).replace(/\.referat\.json$/, '');
    // Corrections after approval print as additions; only in the full edition, since a
    // correction may concern a closed item (as in the CLI export).
    const corrections = edition === 'full' ? correctionsForExport(library.db, meetingId) : [];
    return exports.jobs.start({
      document,
      edition,
      fileName: `${base}${edition === 'public' ? '-offentlig' : ''}.pdf`,
      corrections,
    });
  };

  return {
    'pdf:check': (input) => {
      if (input.edition === 'full') return { errors: [], warnings: [] };
      const document = exportMeetingDocument(library.db, input.meetingId);
      return checkPersonalData(buildEdition(document, 'public'));
    },

    'pdf:start': (input, ctx) => ({
      exportId: start(input.meetingId, input.edition, requireExports(ctx)),
    }),

    'pdf:status': (input, ctx) => {
      const exports = requireExports(ctx);
      return withUrls(exports.jobs.status(input.exportId), exports);
    },

    'pdf:cancel': (input, ctx) => {
      const exports = requireExports(ctx);
      exports.jobs.cancel(input.exportId);
      return withUrls(exports.jobs.status(input.exportId), exports);
    },

    'pdf:export': async (input, ctx) => {
      const exports = requireExports(ctx);
      const handle = await exports.jobs.wait(start(input.meetingId, input.edition, exports));
      return handleWithUrls(handle, exports);
    },

    'pdf:save': async (input, ctx) => {
      const exports = requireExports(ctx);
      const file = exports.jobs.file(input.exportId);
      if (!file)
        throw new DomainError(
          'not_found',
          `The PDF export ${input.exportId} is not finished or no longer kept; export again.`,
        );
      const bytes = fs.statSync(file.path).size;
      if (ctx.pickSaveFile) {
        const chosen = await ctx.pickSaveFile(file.fileName);
        if (chosen === null) throw new DomainError('cancelled', 'No place was chosen.');
        const target = chosen.toLowerCase().endsWith('.pdf') ? chosen : `${chosen}.pdf`;
        copyAtomically(file.path, target);
        return { fileName: path.basename(target), bytes, downloadUrl: null };
      }
      const downloadUrl = exports.downloadUrl(input.exportId);
      if (downloadUrl === null)
        throw new DomainError(
          'forbidden',
          `This transport (${ctx.transport}) cannot hand files to the user.`,
        );
      return { fileName: file.fileName, bytes, downloadUrl };
    },
  };
}

function requireExports(ctx: HandlerContext): PdfExportsContext {
  if (!ctx.pdfExports) {
    throw new DomainError(
      'forbidden',
      `This transport (${ctx.transport}) does not export PDFs; use referat export --format pdf.`,
    );
  }
  return ctx.pdfExports;
}

function handleWithUrls(
  handle: PdfExportHandle,
  exports: PdfExportsContext,
): PdfExportHandleOutput {
  return {
    ...handle,
    previewUrl: exports.previewUrl(handle.exportId),
    downloadUrl: exports.downloadUrl(handle.exportId),
  };
}

function withUrls(status: PdfExportStatus, exports: PdfExportsContext): PdfExportStatusOutput {
  return { ...status, result: status.result ? handleWithUrls(status.result, exports) : null };
}

function copyAtomically(source: string, target: string): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.copyFileSync(source, temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
