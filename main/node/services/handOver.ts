/**
 * Handing a produced file (a PDF, a Word file, an archive package, a signed PDF) over to the
 * user: in Electron through the save dialog (written atomically at the chosen place), in browser
 * mode as a one-time download link from the host. The page never names a path.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DomainError } from '../../../common/contract/result';
import { copyFileAtomically } from './atomicFile';

/** A file the main side hands to the user (browser mode: as a download). */
export type OutgoingFile = {
  /** Absolute path of the bytes (a temporary file or the file store). */
  path: string;
  /** The name the browser saves it under. */
  fileName: string;
  mediaType: string;
  /** Cleans up a temporary file once it was downloaded (or never will be). */
  onDone?: () => void;
};

/** What a transport offers for handing files over (a subset of the handler context). */
export type HandOverContext = {
  transport: string;
  /** Electron: the save dialog; the chosen path, or null when cancelled. */
  pickSaveFile?: (suggestedName: string) => Promise<string | null>;
  /** Browser mode: a one-time download link to a file. */
  offerDownload?: (file: OutgoingFile) => { url: string };
};

/** How the file comes to be. */
export type ProducedFile = {
  /** The proposed name, with its extension. */
  fileName: string;
  mediaType: string;
} & (
  | {
      /** An existing file (the file store, a finished export): copied, or offered as it is. */
      source: string;
      /** A link the transport already serves the file at (used before `offerDownload`). */
      servedUrl?: string | null;
    }
  | {
      /** Writes the whole file at `target` (atomically, or into a private temporary folder). */
      write: (target: string) => Promise<void> | void;
      /** Browser mode cannot take this file (e.g. a folder): the refusal message. */
      refusedForDownload?: string;
    }
);

/** Where the file went: the saved name (dialog) or the download link. */
export type HandedOver = { fileName: string; downloadUrl: string | null; path: string | null };

/**
 * Saves the file where the user chooses (Electron) or offers it as a download (browser mode).
 * @throws DomainError cancelled (no place chosen), forbidden (the transport cannot hand files over)
 */
export async function handOverFile(ctx: HandOverContext, file: ProducedFile): Promise<HandedOver> {
  const extension = path.extname(file.fileName).toLowerCase();
  if (ctx.pickSaveFile) {
    const chosen = await ctx.pickSaveFile(file.fileName);
    if (chosen === null) throw new DomainError('cancelled', 'No place was chosen.');
    const target =
      extension === '' || chosen.toLowerCase().endsWith(extension)
        ? chosen
        : `${chosen}${extension}`;
    if ('source' in file) copyFileAtomically(file.source, target);
    else await file.write(target);
    return { fileName: path.basename(target), downloadUrl: null, path: target };
  }
  if ('source' in file && file.servedUrl)
    return { fileName: file.fileName, downloadUrl: file.servedUrl, path: null };
  if ('write' in file && file.refusedForDownload)
    throw new DomainError('invalid_input', file.refusedForDownload);
  if (!ctx.offerDownload)
    throw new DomainError(
      'forbidden',
      `This transport (${ctx.transport}) cannot hand files to the user; use the CLI's export command.`,
    );
  if ('source' in file) {
    const { url } = ctx.offerDownload({
      path: file.source,
      fileName: file.fileName,
      mediaType: file.mediaType,
    });
    return { fileName: file.fileName, downloadUrl: url, path: null };
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-export-'));
  const cleanUp = () => fs.rmSync(temp, { recursive: true, force: true });
  try {
    const out = path.join(temp, file.fileName);
    await file.write(out);
    const { url } = ctx.offerDownload({
      path: out,
      fileName: file.fileName,
      mediaType: file.mediaType,
      onDone: cleanUp,
    });
    return { fileName: file.fileName, downloadUrl: url, path: out };
  } catch (error) {
    cleanUp();
    throw error;
  }
}
