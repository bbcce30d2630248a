/**
 * Runs the PDF export in a worker thread (exportWorker.ts) and reports progress: the way the
 * Electron main process exports, so that typesetting a 300-page meeting never blocks the UI.
 * The CLI and tests may call writeMinutesPdf directly.
 *
 * The worker module is found next to this one: `exportWorker.mjs` in the built bundle
 * (out/main, an entry of scripts/build.mjs), `exportWorker.ts` when running from the sources
 * (tests), loaded through tsx.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DomainError, errorCodes, type ErrorCode } from '../../common/contract/result';
import type { Correction } from '../../common/export/layoutMinutes';
import type { Edition } from '../../common/export/editions';
import type { ReferatDocument } from '../../common/format/referat1';
import type { PdfProgress, WriteMinutesResult } from './writePdf';

/** What the worker receives (structured-cloned). */
export type WorkerRequest = {
  document: ReferatDocument;
  options: {
    edition: Edition;
    out: string;
    lang?: 'da' | 'en';
    corrections?: Correction[];
    isWithSignaturePage?: boolean;
  };
};

/** What the worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: PdfProgress }
  | { type: 'done'; result: WriteMinutesResult }
  | { type: 'error'; code: string; message: string };

export type WorkerExportOptions = WorkerRequest['options'] & {
  onProgress?: (progress: PdfProgress) => void;
  /** Aborting stops the worker; the partial file is never renamed into place. */
  signal?: AbortSignal;
};

function startWorker(request: WorkerRequest): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from the sources (tests): register tsx inside the worker, then load the entry.
    const entry = new URL('./exportWorker.ts', here).href;
    const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(source, { eval: true, workerData: request });
  }
  const built = new URL('./exportWorker.mjs', here);
  if (!existsSync(fileURLToPath(built))) {
    throw new DomainError('internal', `The PDF export worker is missing (${fileURLToPath(built)}); run npm run build`);
  }
  return new Worker(built, { workerData: request });
}

function removePartialFiles(out: string): void {
  const target = path.resolve(out);
  const prefix = `${path.basename(target)}.${process.pid}.`;
  try {
    for (const name of readdirSync(path.dirname(target))) {
      if (name.startsWith(prefix) && name.endsWith('.part')) rmSync(path.join(path.dirname(target), name), { force: true });
    }
  } catch {
    // The folder is gone or unreadable: nothing of ours to remove.
  }
}

/** Exports `document` as a PDF file in a worker thread. Rejects with the worker's DomainError. */
export function exportMinutesPdfInWorker(document: ReferatDocument, options: WorkerExportOptions): Promise<WriteMinutesResult> {
  const { onProgress, signal, ...rest } = options;
  const request: WorkerRequest = { document, options: rest };
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DomainError('cancelled', 'The PDF export was cancelled'));
      return;
    }
    const worker = startWorker(request);
    let isSettled = false;
    const settle = (action: () => void) => {
      if (isSettled) return;
      isSettled = true;
      signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () => {
      // Settle only after the worker is gone and its temporary file removed (a terminated
      // worker cannot clean up after itself), so a cancelled export leaves nothing behind.
      settle(() => {
        void worker.terminate().finally(() => {
          removePartialFiles(rest.out);
          reject(new DomainError('cancelled', 'The PDF export was cancelled'));
        });
      });
    };
    signal?.addEventListener('abort', onAbort);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') onProgress?.(message.progress);
      else if (message.type === 'done') settle(() => resolve(message.result));
      else {
        const code = (errorCodes as readonly string[]).includes(message.code) ? (message.code as ErrorCode) : 'internal';
        settle(() => reject(new DomainError(code, message.message)));
      }
    });
    worker.on('error', (error) => settle(() => reject(new DomainError('internal', `The PDF export failed: ${error.message}`))));
    worker.on('exit', (code) => {
      settle(() => reject(new DomainError('internal', `The PDF export worker stopped unexpectedly (exit code ${code})`)));
    });
  });
}
