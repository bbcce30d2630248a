/**
 * PDF exports of the app: each export runs in a worker thread
 * (`exportMinutesPdfInWorker`) into a private temporary folder and is tracked by an unguessable
 * export id, so the page can poll progress (`pdf:status`), cancel (`pdf:cancel`), show the
 * finished file in the preview and save or download it.
 *
 * One store per transport launch (the HTTP host, the Electron shell): the host serves a finished
 * export at `GET /exports/<id>`, Electron at `app://referat/exports/<id>`. Finished exports are
 * kept (the preview re-reads them) until `maxKept` newer ones exist or the store closes; closing
 * cancels running exports and removes the folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withoutUnsafeCharacters } from '../../../common/archive/fileNames';
import {
  DomainError,
  isDomainError,
  toApiError,
  type ApiError,
} from '../../../common/contract/result';
import type { Edition } from '../../../common/export/editions';
import type { PersonalDataFinding } from '../../../common/export/personalData';
import { prepareEdition } from '../../../common/export/preparedEdition';
import type { Correction } from '../../../common/export/layoutMinutes';
import type { ReferatDocument } from '../../../common/format/referat1';
import { closeIdlePdfWorkers, exportMinutesPdfInWorker } from './exportInWorker';
import type { PdfProgress } from './writePdf';

/** A finished export. */
export type PdfExportHandle = {
  exportId: string;
  edition: Edition;
  pages: number;
  bytes: number;
  /** The name proposed for saving, e.g. `opgaveudvalget-om-innovation-2017-12-12-moede-5-offentlig.pdf`. */
  fileName: string;
  /** Personal-data warnings (citizen members named in the text); public edition only. */
  warnings: PersonalDataFinding[];
};

export type PdfExportState = 'running' | 'done' | 'failed' | 'cancelled';

/** What `status` answers. */
export type PdfExportStatus = {
  exportId: string;
  state: PdfExportState;
  phase: PdfProgress['phase'] | null;
  /** Pages written so far (0 while laying out). */
  page: number;
  /** Pages in total, known once layout is done (0 before). */
  pages: number;
  result: PdfExportHandle | null;
  error: ApiError | null;
};

export type PdfExportStart = {
  document: ReferatDocument;
  edition: Edition;
  fileName: string;
  corrections?: Correction[];
};

export type PdfExportJobs = {
  /**
   * Checks a public edition for CPR numbers (throws `personal_data` listing every place, nothing
   * is written), then starts the export. Throws `busy` when `maxRunning` exports are running.
   */
  start(request: PdfExportStart): string;
  /** The state of an export; `not_found` for an unknown or evicted id. */
  status(exportId: string): PdfExportStatus;
  /** Resolves with the finished export, rejects with its DomainError. */
  wait(exportId: string): Promise<PdfExportHandle>;
  /** Cancels a running export (its worker stops, its partial file is removed); no-op otherwise. */
  cancel(exportId: string): void;
  /** The finished file of an export, or null (unknown, running, failed, evicted). */
  file(exportId: string): { path: string; fileName: string } | null;
  /** Cancels running exports and removes every file. */
  close(): Promise<void>;
};

export type PdfExportJobsOptions = {
  /** Finished exports kept for preview and download (oldest removed first). Default 8. */
  maxKept?: number;
  /** Exports running at once (each is a worker thread). Default 2. */
  maxRunning?: number;
  /** The folder the store's own temporary folder is made in. Default: the OS temp folder. */
  parentDir?: string;
};

type Job = {
  id: string;
  state: PdfExportState;
  phase: PdfProgress['phase'] | null;
  page: number;
  pages: number;
  edition: Edition;
  fileName: string;
  file: string;
  controller: AbortController;
  done: Promise<void>;
  result: PdfExportHandle | null;
  error: ApiError | null;
};

/** Export ids are 128 random bits in hex. */
export const exportIdPattern = /^[a-f0-9]{32}$/;

/** A new store with its own temporary folder (created on the first export). */
export function createPdfExportJobs(options: PdfExportJobsOptions = {}): PdfExportJobs {
  const maxKept = options.maxKept ?? 8;
  const maxRunning = options.maxRunning ?? 2;
  const jobs = new Map<string, Job>();
  let dir: string | null = null;
  let isClosed = false;

  const folder = () => {
    dir ??= fs.mkdtempSync(path.join(options.parentDir ?? os.tmpdir(), 'referat-pdf-'));
    return dir;
  };

  const find = (exportId: string): Job => {
    const job = jobs.get(exportId);
    if (!job) throw new DomainError('not_found', `No PDF export ${exportId}; export again.`);
    return job;
  };

  const evict = () => {
    const settled = [...jobs.values()].filter((job) => job.state !== 'running');
    for (const job of settled.slice(0, Math.max(0, settled.length - maxKept))) {
      jobs.delete(job.id);
      fs.rmSync(job.file, { force: true });
    }
  };

  return {
    start({ document, edition, fileName, corrections }) {
      if (isClosed) throw new DomainError('internal', 'The PDF export store is closed.');
      // Built and checked here, once: a refusal answers at once and nothing starts, and the
      // worker takes the prepared edition as it is.
      const prepared = prepareEdition(document, edition);
      const running = [...jobs.values()].filter((job) => job.state === 'running').length;
      if (running >= maxRunning) {
        throw new DomainError(
          'busy',
          `${running} PDF exports are running; wait for one to finish or cancel it.`,
        );
      }
      const id = randomBytes(16).toString('hex');
      const file = path.join(folder(), `${id}.pdf`);
      const controller = new AbortController();
      const job: Job = {
        id,
        state: 'running',
        phase: null,
        page: 0,
        pages: 0,
        edition,
        fileName,
        file,
        controller,
        done: Promise.resolve(),
        result: null,
        error: null,
      };
      job.done = exportMinutesPdfInWorker(prepared.document, {
        edition,
        preparedReport: prepared.report,
        out: file,
        ...(corrections && corrections.length > 0 ? { corrections } : {}),
        signal: controller.signal,
        onProgress: (progress) => {
          job.phase = progress.phase;
          job.page = progress.page;
          job.pages = progress.pages;
        },
      }).then(
        (written) => {
          job.state = 'done';
          job.page = written.pages;
          job.pages = written.pages;
          job.result = {
            exportId: id,
            edition,
            pages: written.pages,
            bytes: written.bytes,
            fileName,
            warnings: written.warnings,
          };
          evict();
        },
        (error: unknown) => {
          const isCancelled = isDomainError(error) && error.code === 'cancelled';
          job.state = isCancelled ? 'cancelled' : 'failed';
          job.error = isDomainError(error)
            ? toApiError(error)
            : { code: 'internal', message: 'The PDF export failed.' };
          if (!isCancelled && !isDomainError(error)) {
            process.stderr.write(
              `referat: PDF export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
            );
          }
          fs.rmSync(file, { force: true });
          evict();
        },
      );
      jobs.set(id, job);
      return id;
    },

    status(exportId) {
      const job = find(exportId);
      return {
        exportId: job.id,
        state: job.state,
        phase: job.phase,
        page: job.page,
        pages: job.pages,
        result: job.result,
        error: job.error,
      };
    },

    async wait(exportId) {
      const job = find(exportId);
      await job.done;
      if (job.result) return job.result;
      const error = job.error ?? { code: 'internal' as const, message: 'The PDF export failed.' };
      throw new DomainError(error.code, error.message);
    },

    cancel(exportId) {
      const job = find(exportId);
      if (job.state === 'running') job.controller.abort();
    },

    file(exportId) {
      const job = jobs.get(exportId);
      if (!job || job.state !== 'done' || !fs.existsSync(job.file)) return null;
      return { path: job.file, fileName: job.fileName };
    },

    async close() {
      isClosed = true;
      for (const job of jobs.values()) if (job.state === 'running') job.controller.abort();
      await Promise.allSettled([...jobs.values()].map((job) => job.done));
      jobs.clear();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      dir = null;
      // The idle worker is unref'd anyway; ending it lets the host close without a thread left.
      await closeIdlePdfWorkers();
    },
  };
}

/**
 * `inline` or `attachment` with the file name (RFC 6266 / 5987), without bidirectional
 * formatting and control characters.
 */
export function pdfContentDisposition(name: string, isDownload: boolean): string {
  const fileName = withoutUnsafeCharacters(name);
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${isDownload ? 'attachment' : 'inline'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
