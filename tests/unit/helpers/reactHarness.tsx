/**
 * What the unit tests that mount React components share: i18next with the app's Danish and
 * English strings, one React root per test in the (happy-dom) document, and the app's services
 * (API client, save queue, navigation) around a panel, with the host's answers given by the test.
 */
import { afterEach, beforeAll } from 'vitest';
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { createBridgeClient } from '../../../renderer/src/api/client';
import { AppContext, type AppServices } from '../../../renderer/src/appContext';
import da from '../../../renderer/src/i18n/da.json';
import en from '../../../renderer/src/i18n/en.json';
import { SaveQueue } from '../../../renderer/src/save/saveQueue';

// React's act() environment flag for a non-jest runner.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let container: HTMLElement | null = null;

/** Call once at the top of a test file: Danish strings before, the root unmounted after each test. */
export function setupReactTests(): void {
  beforeAll(async () => {
    await i18next.use(initReactI18next).init({
      resources: { da: { translation: da }, en: { translation: en } },
      lng: 'da',
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
  });
  afterEach(async () => {
    act(() => root?.unmount());
    container?.remove();
    root = null;
    container = null;
    await i18next.changeLanguage('da');
  });
}

/** Renders `element` into a new container in the document; unmounted after the test. */
export async function render(element: ReactElement): Promise<HTMLElement> {
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  await act(async () => root?.render(element));
  return container;
}

/** The container of the current test's render. */
export function rendered(): HTMLElement {
  if (!container) throw new Error('nothing rendered in this test');
  return container;
}

/** What the host answers to a request (a `Result`, as the preload bridge gives it). */
export type HostAnswer = (name: string, input: unknown) => unknown;

/**
 * Renders `element` inside the app's services: a client whose requests `answer` answers, a
 * save queue and a navigation that does nothing.
 */
export async function renderInApp(element: ReactElement, answer: HostAnswer): Promise<HTMLElement> {
  const services: AppServices = {
    client: createBridgeClient({
      call: async (name, input) =>
        answer(name, input) as Awaited<ReturnType<AppServices['client']['call']>>,
    }),
    queue: new SaveQueue(60_000),
    navigate: () => {},
  };
  return render(<AppContext.Provider value={services}>{element}</AppContext.Provider>);
}
