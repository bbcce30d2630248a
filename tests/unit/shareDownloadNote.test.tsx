// @vitest-environment happy-dom
/**
 * "Eksportér til Word" in browser mode hands the file to the browser, which tells the page
 * nothing more: the "Word-dokumentet … hentes." note goes away after a while instead of staying
 * for good; a file the app saved itself keeps its "gemt" note.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { downloadNoteMs, ShareActions } from '../../renderer/src/share/ShareActions';
import { renderInApp, setupReactTests } from './helpers/reactHarness';

setupReactTests();

afterEach(() => {
  vi.useRealTimers();
});

async function exportWord(downloadUrl: string | null): Promise<HTMLElement> {
  const value = { fileName: 'referat.docx', downloadUrl };
  const host = await renderInApp(<ShareActions meetingId={'m'.repeat(21)} />, async () => ({
    ok: true,
    value,
  }));
  const button = [...host.querySelectorAll('button')].find(
    (b) => b.textContent === 'Eksportér til Word',
  );
  if (!button) throw new Error('no Word button');
  await act(async () => {
    button.click();
    await vi.advanceTimersByTimeAsync(0);
  });
  return host.querySelector('[role="status"]') as HTMLElement;
}

describe('the Word export note', () => {
  it('goes away after the download was handed to the browser', async () => {
    vi.useFakeTimers();
    const status = await exportWord('/download/abc');
    expect(status.textContent).toBe('Word-dokumentet referat.docx hentes.');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(downloadNoteMs + 10);
    });
    expect(status.textContent).toBe('');
  });

  it('stays when the app saved the file itself', async () => {
    vi.useFakeTimers();
    const status = await exportWord(null);
    const saved = status.textContent;
    expect(saved).toContain('referat.docx');
    await act(async () => {
      await vi.advanceTimersByTimeAsync(downloadNoteMs + 10);
    });
    expect(status.textContent).toBe(saved);
  });
});
