/**
 * What a transport hands to every API handler besides the validated input.
 * Electron IPC, the HTTP host and the CLI each build one context per launch.
 */
import type { PdfExportJobs } from '../pdf/exportJobs';
import type { ReadDb } from '../storage/db';
import type { OutgoingFile } from '../services/handOver';
import type { HandlerMap } from './dispatch';

export type { OutgoingFile } from '../services/handOver';

/** A file that a transport has placed in a temporary location for a handler to take in. */
export type IncomingFile = {
  /** Absolute path of a temporary copy owned by the transport (never a path from the page). */
  path: string;
  /** The original file name, reduced to a base name (display and defaults only). */
  fileName: string;
  /** Media type if the transport knows it; otherwise the handler guesses from the name. */
  mediaType?: string;
};

/** What the open dialog offers, e.g. `[{ name: 'PKCS#12', extensions: ['p12', 'pfx'] }]`. */
export type PickFileOptions = { filters?: { name: string; extensions: string[] }[] };

export type HandlerContext = {
  transport: 'electron' | 'http' | 'cli';
  /** Author recorded on revisions; defaults to the library's author (the OS user). */
  author?: string;
  /**
   * Browser mode: turns an upload id (from `POST /upload`) into the uploaded file.
   * Throws a DomainError (`not_found`) for an unknown or expired id.
   */
  resolveUpload?: (uploadId: string) => IncomingFile | Promise<IncomingFile>;
  /** Forgets an upload once a handler has stored its bytes. */
  releaseUpload?: (uploadId: string) => void | Promise<void>;
  /** Electron: shows the open-file dialog (optionally limited to file types); null when the user cancels. */
  pickFile?: (options?: PickFileOptions) => Promise<IncomingFile | null>;
  /** Electron: shows the save dialog proposing `suggestedName`; the chosen path, or null when cancelled. */
  pickSaveFile?: (suggestedName: string) => Promise<string | null>;
  /** Electron: opens a file with the system's default application (`shell.openPath`). */
  openWithSystem?: (file: string) => Promise<void>;
  /**
   * Electron: shows a file in its folder in the system's file manager
   * (`shell.showItemInFolder`), for files Referat will not open (not a known document type).
   */
  showInFolder?: (file: string) => Promise<void>;
  /**
   * Browser mode: makes a file downloadable once from the host and answers its URL (relative to
   * the host; the session cookie authenticates it, the URL carries no credential). `onDone` runs after the download or when the host closes.
   */
  offerDownload?: (file: OutgoingFile) => { url: string };
  /**
   * Browser mode and Electron: the PDF exports of this launch (`pdf:*` requests) and the URLs
   * this transport serves a finished export at (main/node/pdf/exportJobs.ts).
   */
  pdfExports?: PdfExportsContext;
};

/** How a transport runs and serves PDF exports. */
export type PdfExportsContext = {
  jobs: PdfExportJobs;
  /** Where the page shows the export inline (browser mode: `/exports/<id>`). */
  previewUrl(exportId: string): string;
  /** The export as an attachment; null where the transport saves through a dialog instead. */
  downloadUrl(exportId: string): string | null;
};

/** A handler for every request, over one library. */
export type Handlers = HandlerMap<HandlerContext>;

/**
 * The handlers of one contract area (`typeof xApi` of common/contract/<area>.ts): exactly the
 * requests of that area, so an area file that misses or adds one is a type error.
 */
export type AreaHandlers<Area> = Pick<Handlers, Extract<keyof Area, keyof Handlers>>;

/** Who a change is recorded as: the transport's author, else the library's (the OS user). */
export function authorOf(ctx: HandlerContext, library: { author: string }): string {
  return ctx.author ?? library.author;
}

/** A storage query: the library's database first, then the request's input. */
type Query = (db: ReadDb, input: never) => unknown;

/**
 * Handlers that each hand their validated input to one query over `db`:
 * `queryHandlers(db, { 'members:list': listMembers })` answers `members:list` with
 * `listMembers(db, input)`. Requests that need more (the author, a file) are written out.
 */
export function queryHandlers<Queries extends Record<string, Query>>(
  db: ReadDb,
  queries: Queries,
): {
  [Name in keyof Queries]: Queries[Name] extends (db: ReadDb, input: infer Input) => infer Output
    ? (input: Input) => Output
    : never;
} {
  return Object.fromEntries(
    Object.entries(queries).map(([name, query]) => [name, (input: never) => query(db, input)]),
  ) as never;
}
