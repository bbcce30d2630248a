/**
 * Handlers of the archive area: "Arkivér" (`archive:export`), "Åbn pakke" (`archive:import`),
 * the Word export (`meetings:exportDocx`) and opening an appendix with the system viewer
 * (`appendices:open`). No path crosses the API: Electron uses the main process's dialogs and
 * shell (HandlerContext.pickSaveFile / pickFile / openWithSystem), browser mode uploads bytes
 * and receives downloads from the host (resolveUpload / offerDownload).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { safeFileName } from '../../../../common/archive/bagit';
import { DomainError, isDomainError } from '../../../../common/contract/result';
import { referatFileName } from '../../../../common/format/referatJson';
import { exportBag } from '../../archive/exportBag';
import { importBag } from '../../archive/importBag';
import { checkOpenableFile } from '../../archive/openableFile';
import { markAsDownloaded } from '../../archive/zoneIdentifier';
import { minutesDocx } from '../../docx/writeDocx';
import { fileStorePath, hasStoredFile } from '../../storage/fileStore';
import { exportMeetingDocument } from '../../storage/interchange';
import { correctionsForExport } from '../../storage/queries/lifecycle';
import type { Library } from '../../storage/library';
import { getAppendix } from '../../storage/queries/appendices';
import type { HandlerContext, Handlers, IncomingFile } from '../types';

type ArchiveRequestName =
  'archive:export' | 'archive:import' | 'meetings:exportDocx' | 'appendices:open';

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
): Pick<Handlers, ArchiveRequestName> {
  const baseName = (meetingId: string) =>
    referatFileName(exportMeetingDocument(library.db, meetingId)).replace(/\.referat\.json$/, '');
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
      const fileName = `${baseName(input.meetingId)}${kind === 'zip' ? '.zip' : ''}`;
      if (ctx.pickSaveFile) {
        const chosen = await ctx.pickSaveFile(fileName);
        if (chosen === null) throw new DomainError('cancelled', 'No place was chosen.');
        const out =
          kind === 'zip' && !chosen.toLowerCase().endsWith('.zip') ? `${chosen}.zip` : chosen;
        const result = await exportBag(library, input.meetingId, { out });
        return {
          fileName: path.basename(result.out),
          ...summary(result.payload),
          downloadUrl: null,
        };
      }
      if (kind === 'folder')
        throw new DomainError(
          'invalid_input',
          'kind: a folder can only be written by the desktop app; choose zip.',
        );
      const offer = requireDownloads(ctx);
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-export-'));
      try {
        const result = await exportBag(library, input.meetingId, {
          out: path.join(temp, fileName),
        });
        const { url } = offer({
          path: result.out,
          fileName,
          mediaType: 'application/zip',
          onDone: () => fs.rmSync(temp, { recursive: true, force: true }),
        });
        return { fileName, ...summary(result.payload), downloadUrl: url };
      } catch (error) {
        fs.rmSync(temp, { recursive: true, force: true });
        throw error;
      }
    },

    'archive:import': async (input, ctx) => {
      const file =
        input.uploadId === undefined
          ? await pickedPackage(input.onExisting, ctx)
          : await incomingPackage(input.uploadId, ctx);
      try {
        const result = await importBag(library, file.path, {
          onExisting: input.onExisting ?? 'refuse',
          author: ctx.author ?? library.author,
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
      const document = exportMeetingDocument(library.db, input.id);
      const corrections =
        input.edition === 'full' ? correctionsForExport(library.db, input.id) : [];
      const bytes = await minutesDocx(document, { edition: input.edition, corrections });
      const fileName = `${baseName(input.id)}${input.edition === 'public' ? '-offentlig' : ''}.docx`;
      if (ctx.pickSaveFile) {
        const chosen = await ctx.pickSaveFile(fileName);
        if (chosen === null) throw new DomainError('cancelled', 'No place was chosen.');
        writeAtomically(chosen, bytes);
        return { fileName: path.basename(chosen), bytes: bytes.length, downloadUrl: null };
      }
      const offer = requireDownloads(ctx);
      const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-export-'));
      const file = path.join(temp, fileName);
      fs.writeFileSync(file, bytes);
      const { url } = offer({
        path: file,
        fileName,
        mediaType: docxType,
        onDone: () => fs.rmSync(temp, { recursive: true, force: true }),
      });
      return { fileName, bytes: bytes.length, downloadUrl: url };
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
      const offer = requireDownloads(ctx);
      const { url } = offer({
        path: stored,
        fileName,
        // What the browser is told decides what it offers to do: only a checked document keeps a type.
        mediaType: check.isOpenable ? check.mediaType : 'application/octet-stream',
      });
      return { fileName, downloadUrl: url, handedOver: 'downloaded', notOpenedReason };
    },
  };
}

function summary(payload: readonly { size: number }[]): { files: number; bytes: number } {
  return { files: payload.length, bytes: payload.reduce((sum, file) => sum + file.size, 0) };
}

function requireDownloads(ctx: HandlerContext): NonNullable<HandlerContext['offerDownload']> {
  if (!ctx.offerDownload)
    throw new DomainError(
      'forbidden',
      `This transport (${ctx.transport}) cannot hand files to the user; use the CLI's export command.`,
    );
  return ctx.offerDownload;
}

async function incomingPackage(
  uploadId: string | undefined,
  ctx: HandlerContext,
): Promise<IncomingFile> {
  if (uploadId !== undefined) {
    if (!ctx.resolveUpload)
      throw new DomainError('forbidden', 'This transport does not accept uploads.');
    return ctx.resolveUpload(uploadId);
  }
  if (!ctx.pickFile)
    throw new DomainError(
      'invalid_input',
      'uploadId: upload the package first; this transport has no file dialog.',
    );
  const picked = await ctx.pickFile();
  if (!picked) throw new DomainError('cancelled', 'No package was chosen.');
  return picked;
}

function writeAtomically(target: string, bytes: Uint8Array): void {
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, bytes);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}
