// @vitest-environment happy-dom
/**
 * "Eksportér til Word" in browser mode hands the file to the browser, which tells the page
 * nothing more: the "Word-dokumentet … hentes." note goes away after a while instead of staying
 * for good; a file the app saved itself keeps its "gemt" note.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createBridgeClient } from '../../renderer/src/api/client';
import { AppContext } from '../../renderer/src/appContext';
import da from '../../renderer/src/i18n/da.json';
import { SaveQueue } from '../../renderer/src/save/saveQueue';
import { downloadNoteMs, ShareActions } from '../../renderer/src/share/ShareActions';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { da: { translation: da } },
    lng: 'da',
    interpolation: { escapeValue: false },
  });
});

let root: Root | null = null;
let container: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
  vi.useRealTimers();
});

async function exportWord(downloadUrl: string | null): Promise<HTMLElement> {
  const value = { fileName: 'referat.docx', downloadUrl };
  const services = {
    client: createBridgeClient({ call: async () => ({ ok: true, value }) }),
    queue: new SaveQueue(60_000),
    navigate: () => {},
  };
  const host = document.createElement('div');
  container = host;
  document.body.append(host);
  const target = createRoot(host);
  root = target;
  act(() =>
    target.render(
      <AppContext.Provider value={services}>
        <ShareActions meetingId={'m'.repeat(21)} />
      </AppContext.Provider>,
    ),
  );
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
