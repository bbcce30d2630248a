/**
 * Handlers of the archive area: "Arkivér" (`archive:export`), "Åbn pakke" (`archive:import`),
 * the Word export (`meetings:exportDocx`), the HTML edition (`meetings:exportHtml`) and opening an appendix with the system viewer
 * (`appendices:open`). No path crosses the API: Electron uses the main process's dialogs and
 * shell (HandlerContext.pickSaveFile / pickFile / openWithSystem), browser mode uploads bytes
 * and receives downloads from the host (resolveUpload / offerDownload).
 */
import fs from 'node:fs';
import type { archiveApi } from '../../../../common/contract/archive';
import os from 'node:os';
import path from 'node:path';
import { safeFileName } from '../../../../common/archive/bagit';
import { DomainError, isDomainError } from '../../../../common/contract/result';
import { exportBag } from '../../archive/exportBag';
import { importBag } from '../../archive/importBag';
import { checkOpenableFile } from '../../archive/openableFile';
import { markAsDownloaded } from '../../archive/zoneIdentifier';
import { minutesDocx } from '../../docx/writeDocx';
import { htmlEdition } from '../../html/htmlEdition';
import { fileStorePath, hasStoredFile } from '../../storage/fileStore';
import type { Library } from '../../storage/library';
import { getAppendix } from '../../storage/queries/appendices';
import { writeFileAtomically } from '../../services/atomicFile';
import { editionFileName, editionSource, meetingFileBase } from '../../services/editionExport';
import { handOverFile } from '../../services/handOver';
import { handOverHtmlEdition } from '../../services/htmlHandOver';
import { incomingFile } from '../incomingFile';
import { authorOf, type AreaHandlers, type HandlerContext, type IncomingFile } from '../types';

export type ArchiveHandlerOptions = {
  /** Largest appendix file an import may add (the attachment limit). */
  maxAttachmentBytes?: number;
  /** The platform appendix copies are made for (Windows marks them). Default: the running one. */
  platform?: NodeJS.Platform;
};

const docxType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The archive handlers over one library. */
export function createArchiveHandlers(
  library: Library,
  options: ArchiveHandlerOptions = {},
): AreaHandlers<typeof archiveApi> {
  // The package picked in the open dialog whose import met a conflict: the keep-both/replace
  // answer imports this file instead of showing the dialog a second time (the page names no path).
  let conflictPick: IncomingFile | null = null;
  const pickedPackage = async (
    onExisting: 'refuse' | 'keepBoth' | 'replace' | undefined,
    ctx: HandlerContext,
  ): Promise<IncomingFile> => {
    const kept = conflictPick;
    conflictPick = null;
    if (kept && onExisting !== undefined && onExisting !== 'refuse') return kept;
    return incomingPackage(undefined, ctx);
  };

  return {
    'archive:export': async (input, ctx) => {
      const kind = input.kind ?? 'zip';
      const stem = meetingFileBase(library.db, input.meetingId);
      let payload: readonly { size: number }[] = [];
      let packageSha256 = '';
      const handed = await handOverFile(ctx, {
        fileName: kind === 'zip' ? `${stem}.zip` : stem,
        mediaType: 'application/zip',
        write: async (out) => {
          const written = await exportBag(library, input.meetingId, { out });
          payload = written.payload;
          packageSha256 = written.packageSha256;
        },
        ...(kind === 'folder'
          ? {
              refusedForDownload:
                'kind: a folder can only be written by the desktop app; choose zip.',
            }
          : {}),
      });
      return {
        fileName: handed.fileName,
        ...summary(payload),
        packageSha256,
        downloadUrl: handed.downloadUrl,
      };
    },

    'archive:import': async (input, ctx) => {
      const file =
        input.uploadId === undefined
          ? await pickedPackage(input.onExisting, ctx)
          : await incomingPackage(input.uploadId, ctx);
      try {
        const result = await importBag(library, file.path, {
          onExisting: input.onExisting ?? 'refuse',
          author: authorOf(ctx, library),
          shownName: file.fileName,
          maxFileBytes: options.maxAttachmentBytes,
        });
        if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
        return result;
      } catch (error) {
        // A conflict is a question to the user: the upload (or the picked file) stays for the
        // keep-both/replace call.
        const isConflict = isDomainError(error) && error.code === 'conflict';
        if (input.uploadId === undefined) conflictPick = isConflict ? file : null;
        else if (!isConflict) await ctx.releaseUpload?.(input.uploadId);
        throw error;
      }
    },

    'meetings:exportDocx': async (input, ctx) => {
      const { edition, document, corrections } = editionSource(library.db, input.id, input.edition);
      const bytes = await minutesDocx(document, { edition, corrections });
      const handed = await handOverFile(ctx, {
        fileName: editionFileName(meetingFileBase(library.db, input.id), edition, 'docx'),
        mediaType: docxType,
        write: (out) => writeFileAtomically(out, bytes),
      });
      return { fileName: handed.fileName, bytes: bytes.length, downloadUrl: handed.downloadUrl };
    },

    'meetings:exportHtml': async (input, ctx) => {
      const { document } = editionSource(library.db, input.id, 'public');
      const edition = htmlEdition(document, { filesDir: library.filesDir });
      const stem = editionFileName(meetingFileBase(library.db, input.id), 'public', 'html');
      const handed = await handOverHtmlEdition(ctx, stem, edition.files);
      return {
        fileName: handed.fileName,
        files: edition.files.length,
        downloadUrl: handed.downloadUrl,
      };
    },

    'appendices:open': async (input, ctx) => {
      const appendix = getAppendix(library.db, input.id);
      if (!appendix.file)
        throw new DomainError(
          'not_found',
          `Bilag ${appendix.number} "${appendix.title}" has no file.`,
        );
      const { sha256, name } = appendix.file;
      if (!hasStoredFile(library.filesDir, sha256)) {
        throw new DomainError(
          'not_found',
          `The file of Bilag ${appendix.number} (${sha256}) is missing from the library's file store.`,
        );
      }
      // The name the copy or download gets: no bidirectional tricks, the real extension shows.
      const fileName = safeFileName(name);
      const stored = fileStorePath(library.filesDir, sha256);
      const check = await checkOpenableFile(stored, fileName);
      const notOpenedReason = check.isOpenable ? null : check.reason;
      if (ctx.openWithSystem) {
        // A copy under its own name: viewers show the name, and may not write into the store.
        const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-bilag-'));
        const copy = path.join(temp, fileName);
        fs.copyFileSync(stored, copy);
        // The store does not record where a file came from (a package by mail, a colleague's
        // USB stick): every copy is marked as from the Internet so Windows' own checks apply.
        markAsDownloaded(copy, { platform: options.platform });
        fs.chmodSync(copy, 0o444);
        if (check.isOpenable) {
          await ctx.openWithSystem(copy);
          return { fileName, downloadUrl: null, handedOver: 'opened', notOpenedReason };
        }
        if (!ctx.showInFolder)
          throw new DomainError(
            'forbidden',
            `${fileName} is not a document type Referat opens, and this transport cannot show it in its folder.`,
          );
        await ctx.showInFolder(copy);
        return { fileName, downloadUrl: null, handedOver: 'shownInFolder', notOpenedReason };
      }
      const handed = await handOverFile(
        { transport: ctx.transport, offerDownload: ctx.offerDownload },
        {
          fileName,
          // What the browser is told decides what it offers to do: only a checked document keeps a type.
          mediaType: check.isOpenable ? check.mediaType : 'application/octet-stream',
          source: stored,
        },
      );
      return {
        fileName,
        downloadUrl: handed.downloadUrl,
        handedOver: 'downloaded',
        notOpenedReason,
      };
    },
  };
}

function summary(payload: readonly { size: number }[]): { files: number; bytes: number } {
  return { files: payload.length, bytes: payload.reduce((sum, file) => sum + file.size, 0) };
}

/** The package a request names: an upload (browser mode) or the open dialog (Electron). */
function incomingPackage(uploadId: string | undefined, ctx: HandlerContext): Promise<IncomingFile> {
  return incomingFile(uploadId, ctx, undefined, 'package');
}
