/**
 * Worker-thread entry of the PDF export, so that the Electron main process (and with it the
 * window) stays responsive while a long meeting is typeset and written. Started by
 * exportInWorker.ts and reused for later exports (the parsed fonts stay in this thread):
 * receives one request message at a time, posts progress messages, then one `done` or `error`
 * message. It also verifies and signs PDFs (WorkerJob), which would block the main thread for
 * a long file: one `jobDone` or `error` message each.
 */
import { parentPort } from 'node:worker_threads';
import { DomainError, isDomainError, toApiError } from '../../../common/contract/result';
import { signPdf } from '../signing/signPdf';
import { verifyPdf } from '../signing/verifyPdf';
import { writeMinutesPdf } from './writePdf';
import {
  isCancelRequested,
  type WorkerJob,
  type WorkerMessage,
  type WorkerRequest,
} from './exportInWorker';

async function main(
  port: NonNullable<typeof parentPort>,
  request: WorkerRequest | WorkerJob,
): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    if (request.kind === 'verify') {
      post({ type: 'jobDone', result: await verifyPdf(request.pdf, request.options) });
      return;
    }
    if (request.kind === 'sign') {
      post({ type: 'jobDone', result: signPdf(request.pdf, request.options) });
      return;
    }
    const result = await writeMinutesPdf(request.document, {
      ...request.options,
      onProgress: (progress) => {
        // Stopping here, before the next page, aborts the write and removes the partial file.
        if (isCancelRequested(request.cancelFlag))
          throw new DomainError('cancelled', 'The PDF export was cancelled');
        post({ type: 'progress', progress });
      },
    });
    post({ type: 'done', result });
  } catch (error) {
    if (!isDomainError(error)) {
      process.stderr.write(
        `referat: PDF export failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    post({
      type: 'error',
      error: isDomainError(error)
        ? toApiError(error)
        : { code: 'internal', message: 'The PDF export failed. Details were written to the log.' },
    });
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest | WorkerJob) => void main(port, request));
}
