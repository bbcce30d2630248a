/**
 * Handlers of the PDF export in the app: the personal-data check (`pdf:check`), the
 * export off the UI thread with progress and cancellation (`pdf:start` / `pdf:status` /
 * `pdf:cancel`, or `pdf:export` waiting in one request) and handing the file to the user
 * (`pdf:save`). The transport owns the export store and serves finished files
 * (HandlerContext.pdfExports): the HTTP host at `GET /exports/<id>`, Electron at
 * `app://referat/exports/<id>`. No path crosses the API.
 */
import fs from 'node:fs';
import type { pdfApi } from '../../../../common/contract/pdf';
import type { PdfExportHandleOutput, PdfExportStatusOutput } from '../../../../common/contract/api';
import { DomainError } from '../../../../common/contract/result';
import { buildEdition, type Edition } from '../../../../common/export/editions';
import { checkPersonalData } from '../../../../common/export/personalData';
import type { PdfExportHandle, PdfExportStatus } from '../../pdf/exportJobs';
import { exportMeetingDocument } from '../../storage/interchange';
import type { Library } from '../../storage/library';
import { editionFileName, editionSource, meetingFileBase } from '../../services/editionExport';
import { handOverFile } from '../../services/handOver';
import type { AreaHandlers, HandlerContext, PdfExportsContext } from '../types';

/** The PDF handlers over one library. */
export function createPdfHandlers(library: Library): AreaHandlers<typeof pdfApi> {
  const start = (meetingId: string, edition: Edition, exports: PdfExportsContext): string => {
    const { document, corrections } = editionSource(library.db, meetingId, edition);
    return exports.jobs.start({
      document,
      edition,
      fileName: editionFileName(meetingFileBase(library.db, meetingId), edition, 'pdf'),
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
      const handed = await handOverFile(ctx, {
        fileName: file.fileName,
        mediaType: 'application/pdf',
        source: file.path,
        servedUrl: exports.downloadUrl(input.exportId),
      });
      return { fileName: handed.fileName, bytes, downloadUrl: handed.downloadUrl };
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
