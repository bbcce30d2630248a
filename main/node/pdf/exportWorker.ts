/**
 * Worker-thread entry of the PDF export, so that the Electron main process (and with it the
 * window) stays responsive while a long meeting is typeset and written. Started by
 * exportInWorker.ts and reused for later exports (the parsed fonts stay in this thread):
 * receives one request message at a time, posts progress messages, then one `done` or `error`
 * message.
 */
import { parentPort } from 'node:worker_threads';
import { isDomainError, toApiError } from '../../../common/contract/result';
import { writeMinutesPdf } from './writePdf';
import type { WorkerRequest, WorkerMessage } from './exportInWorker';

async function main(port: NonNullable<typeof parentPort>, request: WorkerRequest): Promise<void> {
  const post = (message: WorkerMessage) => port.postMessage(message);
  try {
    const result = await writeMinutesPdf(request.document, {
      ...request.options,
      onProgress: (progress) => post({ type: 'progress', progress }),
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
  port.on('message', (request: WorkerRequest) => void main(port, request));
}
