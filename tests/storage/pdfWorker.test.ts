/** The PDF export off the main thread: progress, errors and cancellation across the worker boundary. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../main/common/contract/result';
import { generateMeeting } from '../../main/common/export/generateMeeting';
import { exportMinutesPdfInWorker } from '../../main/node/pdf/exportInWorker';
import type { PdfProgress } from '../../main/node/pdf/writePdf';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-worker-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('exportMinutesPdfInWorker', () => {
  it('writes the PDF in a worker and reports progress page by page', async () => {
    const out = path.join(dir, 'worker.pdf');
    const progress: PdfProgress[] = [];
    let isMainThreadFree = false;
    const timer = setInterval(() => {
      isMainThreadFree = true;
    }, 5);
    const result = await exportMinutesPdfInWorker(generateMeeting({ items: 6, pagesPerItem: 1 }), {
      edition: 'full',
      out,
      onProgress: (p) => progress.push(p),
    });
    clearInterval(timer);
    expect(isMainThreadFree).toBe(true);
    expect(result.pages).toBeGreaterThan(4);
    expect(readFileSync(out).subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(progress[0]?.phase).toBe('layout');
    expect(progress.filter((p) => p.phase === 'write').map((p) => p.page)).toEqual(
      Array.from({ length: result.pages }, (_, index) => index + 1),
    );
  });

  it('passes the personal-data error through with its code and writes nothing', async () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    doc.meeting.bodies.summary = [{ type: 'paragraph', children: [{ type: 'text', text: 'CPR 010203-1234' }] }];
    const out = path.join(dir, 'cpr.pdf');
    const failure = await exportMinutesPdfInWorker(doc, { edition: 'public', out }).catch((error: unknown) => error);
    expect(isDomainError(failure) && failure.code).toBe('personal_data');
    expect((failure as Error).message).toContain('Mødet · Resumé: CPR-nummer 010203-XXXX');
    expect(existsSync(out)).toBe(false);
  });

  it('cancels: the promise rejects with cancelled and no file or temporary file remains', async () => {
    const out = path.join(dir, 'cancelled.pdf');
    const controller = new AbortController();
    const running = exportMinutesPdfInWorker(generateMeeting({ items: 40, pagesPerItem: 3 }), {
      edition: 'full',
      out,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'write' && p.page === 3) controller.abort();
      },
    });
    const failure = await running.catch((error: unknown) => error);
    expect(isDomainError(failure) && failure.code).toBe('cancelled');
    expect(readdirSync(dir).filter((name) => name.startsWith('cancelled')).join(' ')).toBe('');
  });
});
