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
import { DomainError, type ApiError } from '../../../common/contract/result';
import type { Correction } from '../../../common/export/layoutMinutes';
import type { Edition } from '../../../common/export/editions';
import type { PersonalDataReport } from '../../../common/export/personalData';
import type { ReferatDocument } from '../../../common/format/referat1';
import type { PdfProgress, WriteMinutesResult } from './writePdf';
import type { Lang } from '../../../common/domain/lang';

/** An export the worker runs (structured-cloned). */
export type WorkerRequest = {
  kind?: 'export';
  document: ReferatDocument;
  options: {
    edition: Edition;
    out: string;
    lang?: Lang;
    corrections?: Correction[];
    isWithSignaturePage?: boolean;
    /** `document` is the edition already built and checked (see WriteMinutesOptions). */
    preparedReport?: PersonalDataReport;
  };
  /**
   * Set to 1 (element 0, an Int32) by this side to cancel: the worker looks at it before each
   * page and stops there, removing its partial file (see {@link isCancelRequested}).
   */
  cancelFlag?: SharedArrayBuffer;
};

/**
 * Whether the export's side asked to stop. Cancelling by flag rather than by ending the thread:
 * a worker terminated while zlib is compressing a page can abort the whole process (Node's
 * "close before init" assertion), and a worker that stops by itself keeps its parsed fonts for
 * the next export.
 */
export function isCancelRequested(cancelFlag: SharedArrayBuffer | undefined): boolean {
  return cancelFlag !== undefined && Atomics.load(new Int32Array(cancelFlag), 0) === 1;
}

/** How long a cancelled worker may take to reach its next page before it is ended after all. */
const cancelGraceMs = 10_000;

function cancelledError(): DomainError {
  return new DomainError('cancelled', 'The PDF export was cancelled');
}

/**
 * Other work that would block the main thread for a long file, run by the same worker:
 * verifying a PDF's signatures, or adding one signature. Answered with one `done` (the result)
 * or `error` message.
 */
export type WorkerJob =
  | { kind: 'verify'; pdf: Uint8Array; options: { trustedRoots: string[]; at?: Date } }
  | {
      kind: 'sign';
      pdf: Uint8Array;
      options: {
        p12: Uint8Array;
        password: string;
        reason: string;
        location?: string;
        name?: string;
        /** CRLs and OCSP responses to embed before the signature (PAdES B-LT). */
        revocation?: { name: string; bytes: Uint8Array }[];
      };
    };

/** What the worker posts back. */
export type WorkerMessage =
  | { type: 'progress'; progress: PdfProgress }
  | { type: 'done'; result: WriteMinutesResult }
  | { type: 'jobDone'; result: unknown }
  | { type: 'error'; error: ApiError };

export type WorkerExportOptions = WorkerRequest['options'] & {
  onProgress?: (progress: PdfProgress) => void;
  /** Aborting stops the export at its next page; the partial file is never renamed into place. */
  signal?: AbortSignal;
};

/** The DomainError the worker answered, rebuilt on this side of the thread boundary. */
function domainErrorOf(error: ApiError): DomainError {
  const { code, message, localized, issues, details } = error;
  return new DomainError(code, message, localized, {
    ...(issues ? { issueTexts: issues } : {}),
    ...(details ? { details } : {}),
  });
}

function startWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    // Running from the sources (tests): register tsx inside the worker, then load the entry.
    const entry = new URL('./exportWorker.ts', here).href;
    const source = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(source, { eval: true });
  }
  const built = new URL('./exportWorker.mjs', here);
  if (!existsSync(fileURLToPath(built))) {
    throw new DomainError(
      'internal',
      `The PDF export worker is missing (${fileURLToPath(built)}); run npm run build`,
    );
  }
  return new Worker(built);
}

/**
 * Idle workers kept for the next export: a worker parses the fonts once (about 2.5 s on the
 * 2-core machine) and keeps them, so a second export starts at once. At most `maxIdle` wait;
 * each is unref'd (it never keeps the process alive) and ends after `idleMs` without work.
 */
const maxIdle = 1;
const idleMs = 60_000;
const idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];
/** Workers whose exit already removes them from the pool (one listener each, not one per job). */
const watched = new WeakSet<Worker>();

function takeWorker(): Worker {
  const entry = idle.pop();
  if (!entry) return startWorker();
  clearTimeout(entry.timer);
  entry.worker.ref();
  return entry.worker;
}

function releaseWorker(worker: Worker): void {
  if (idle.length >= maxIdle) {
    void worker.terminate();
    return;
  }
  worker.unref();
  const timer = setTimeout(() => {
    const index = idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) idle.splice(index, 1);
    void worker.terminate();
  }, idleMs);
  timer.unref();
  idle.push({ worker, timer });
  if (watched.has(worker)) return;
  watched.add(worker);
  // An idle worker that dies (it should not) leaves the pool.
  worker.once('exit', () => {
    const index = idle.findIndex((entry) => entry.worker === worker);
    if (index >= 0) {
      clearTimeout(idle[index]!.timer);
      idle.splice(index, 1);
    }
  });
}

/** Ends the idle PDF workers (the host and the app call this when they close). */
export async function closeIdlePdfWorkers(): Promise<void> {
  const entries = idle.splice(0);
  await Promise.all(
    entries.map(({ worker, timer }) => {
      clearTimeout(timer);
      return worker.terminate();
    }),
  );
}

function removePartialFiles(out: string): void {
  const target = path.resolve(out);
  const prefix = `${path.basename(target)}.${process.pid}.`;
  try {
    for (const name of readdirSync(path.dirname(target))) {
      if (name.startsWith(prefix) && name.endsWith('.part'))
        rmSync(path.join(path.dirname(target), name), { force: true });
    }
  } catch {
    // The folder is gone or unreadable: nothing of ours to remove.
  }
}

/** An idle or new worker, or null after rejecting with why there is none (too many running). */
function takeWorkerOrReject(reject: (error: unknown) => void): Worker | null {
  try {
    return takeWorker();
  } catch (error) {
    reject(error);
    return null;
  }
}

/**
 * Runs a verification or a signature in the PDF worker (an idle one when there is one) and
 * answers its result; rejects with the worker's DomainError. The password of a signing job
 * crosses to the worker in the message only.
 */
export function runJobInPdfWorker(job: WorkerJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = takeWorkerOrReject(reject);
    if (!worker) return;
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') return;
      cleanup();
      if (message.type === 'jobDone' || message.type === 'done') {
        releaseWorker(worker);
        resolve(message.type === 'jobDone' ? message.result : message.result);
      } else {
        releaseWorker(worker);
        reject(domainErrorOf(message.error));
      }
    };
    const onError = (error: Error) => {
      cleanup();
      void worker.terminate();
      reject(new DomainError('internal', `The PDF worker failed: ${error.message}`));
    };
    const onExit = (code: number) => {
      cleanup();
      reject(
        new DomainError('internal', `The PDF worker stopped unexpectedly (exit code ${code})`),
      );
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(job);
  });
}

/**
 * Exports `document` as a PDF file in a worker thread (an idle one when there is one). A
 * cancelled export stops at its next page and leaves no file; its worker serves the next
 * export. Rejects with the worker's DomainError. `workerId` is the worker's thread id.
 */
export function exportMinutesPdfInWorker(
  document: ReferatDocument,
  options: WorkerExportOptions,
): Promise<WriteMinutesResult & { workerId: number }> {
  const { onProgress, signal, ...rest } = options;
  const cancelFlag = new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
  const request: WorkerRequest = { kind: 'export', document, options: rest, cancelFlag };
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelledError());
      return;
    }
    const worker = takeWorkerOrReject(reject);
    if (!worker) return;
    const workerId = worker.threadId;
    let isSettled = false;
    let isCancelling = false;
    let forceTimer: NodeJS.Timeout | undefined;
    const settle = (action: () => void) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(forceTimer);
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      action();
    };
    const onAbort = () => {
      if (isSettled || isCancelling) return;
      isCancelling = true;
      Atomics.store(new Int32Array(cancelFlag), 0, 1);
      // A worker that does not reach its next page in time is ended: then its temporary file
      // is removed here, since a terminated worker cannot clean up after itself.
      forceTimer = setTimeout(
        () =>
          settle(() => {
            void worker.terminate().finally(() => {
              removePartialFiles(rest.out);
              reject(cancelledError());
            });
          }),
        cancelGraceMs,
      );
    };
    const onMessage = (message: WorkerMessage) => {
      if (message.type === 'progress') {
        if (!isCancelling) onProgress?.(message.progress);
      } else if (message.type === 'jobDone') return;
      else if (message.type === 'done') {
        settle(() => {
          releaseWorker(worker);
          if (!isCancelling) {
            resolve({ ...message.result, workerId });
            return;
          }
          // Finished before it saw the flag: a cancelled export leaves no file.
          rmSync(rest.out, { force: true });
          reject(cancelledError());
        });
      } else {
        // A refused or cancelled export leaves the worker fit for the next one.
        settle(() => {
          releaseWorker(worker);
          reject(isCancelling ? cancelledError() : domainErrorOf(message.error));
        });
      }
    };
    const onError = (error: Error) => {
      settle(() => {
        void worker.terminate();
        reject(new DomainError('internal', `The PDF export failed: ${error.message}`));
      });
    };
    const onExit = (code: number) => {
      settle(() =>
        reject(
          new DomainError(
            'internal',
            `The PDF export worker stopped unexpectedly (exit code ${code})`,
          ),
        ),
      );
    };
    signal?.addEventListener('abort', onAbort);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}
