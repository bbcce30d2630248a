/** The PDF export off the main thread: progress, errors and cancellation across the worker boundary. */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { generateMeeting } from '../support/generateMeeting';
import { closeIdlePdfWorkers, exportMinutesPdfInWorker } from '../../main/node/pdf/exportInWorker';
import type { PdfProgress } from '../../main/node/pdf/writePdf';
import { describeError, type DomainError } from '../../common/contract/result';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'referat-pdf-worker-'));
});
afterAll(async () => {
  await closeIdlePdfWorkers();
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
    doc.meeting.bodies.summary = [
      { type: 'paragraph', children: [{ type: 'text', text: 'CPR 010203-1234' }] },
    ];
    const out = path.join(dir, 'cpr.pdf');
    const failure = await exportMinutesPdfInWorker(doc, { edition: 'public', out }).catch(
      (error: unknown) => error,
    );
    expect(isDomainError(failure) && failure.code).toBe('personal_data');
    expect(describeError(failure as DomainError)).toContain(
      'Mødet · Resumé: CPR-nummer 010203-XXXX',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('reuses the idle worker for the next export, after a refused and after a cancelled one', async () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.5 });
    const first = await exportMinutesPdfInWorker(doc, {
      edition: 'full',
      out: path.join(dir, 'reuse-1.pdf'),
    });
    const second = await exportMinutesPdfInWorker(doc, {
      edition: 'full',
      out: path.join(dir, 'reuse-2.pdf'),
    });
    expect(second.workerId).toBe(first.workerId);
    expect(readFileSync(path.join(dir, 'reuse-2.pdf')).subarray(0, 8).toString('latin1')).toBe(
      '%PDF-1.7',
    );
    // A refused export leaves the worker fit for the next one.
    const refused = structuredClone(doc);
    refused.meeting.bodies.summary = [
      { type: 'paragraph', children: [{ type: 'text', text: 'CPR 010203-1234' }] },
    ];
    await expect(
      exportMinutesPdfInWorker(refused, {
        edition: 'public',
        out: path.join(dir, 'reuse-cpr.pdf'),
      }),
    ).rejects.toThrow(/CPR/);
    const third = await exportMinutesPdfInWorker(doc, {
      edition: 'full',
      out: path.join(dir, 'reuse-3.pdf'),
    });
    expect(third.workerId).toBe(first.workerId);
    // A cancelled export stops at its next page by itself (ending the thread mid-page could
    // abort the process): its worker, with its parsed fonts, serves the next export.
    const controller = new AbortController();
    const cancelled = exportMinutesPdfInWorker(generateMeeting({ items: 20, pagesPerItem: 2 }), {
      edition: 'full',
      out: path.join(dir, 'reuse-cancelled.pdf'),
      signal: controller.signal,
      onProgress: (p) => {
        if (p.phase === 'write' && p.page === 2) controller.abort();
      },
    });
    await expect(cancelled).rejects.toThrow(/cancelled/);
    expect(readdirSync(dir).filter((name) => name.startsWith('reuse-cancelled'))).toEqual([]);
    const fourth = await exportMinutesPdfInWorker(doc, {
      edition: 'full',
      out: path.join(dir, 'reuse-4.pdf'),
    });
    expect(fourth.workerId).toBe(first.workerId);
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
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('cancelled'))
        .join(' '),
    ).toBe('');
  });
});
