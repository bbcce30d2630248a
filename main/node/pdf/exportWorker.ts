/**
 * Worker-thread entry of the PDF export, so that the Electron main process (and with it the
 * window) stays responsive while a long meeting is typeset and written. Started by
 * exportInWorker.ts and reused for later exports (the parsed fonts stay in this thread):
 * receives one request message at a time, posts progress messages, then one `done` or `error`
 * message. It also verifies and signs PDFs (WorkerJob), which would block the main thread for
 * a long file: one `jobDone` or `error` message each.
 */
import { parentPort } from 'node:worker_threads';
import { isDomainError } from '../../../common/contract/result';
import { signPdf } from '../signing/signPdf';
import { verifyPdf } from '../signing/verifyPdf';
import { writeMinutesPdf } from './writePdf';
import type { WorkerJob, WorkerMessage, WorkerRequest } from './exportInWorker';

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
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result });
  } catch (error) {
    post({
      type: 'error',
      code: isDomainError(error) ? error.code : 'internal',
      message: error instanceof Error ? error.message : String(error),
      ...(isDomainError(error) && error.localized ? { localized: error.localized } : {}),
    });
  }
}

if (parentPort) {
  const port = parentPort;
  port.on('message', (request: WorkerRequest | WorkerJob) => void main(port, request));
}
