// @vitest-environment happy-dom
/**
 * "Åbn bilag" tells the user when a file was not opened: a program posing as a PDF is shown in
 * its folder (the app) or downloaded (browser mode), and the notice says why, in Danish and
 * English, naming the file by its real name. A real document opens without a notice.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Appendix } from '../../common/domain/model';
import { createBridgeClient } from '../../renderer/src/api/client';
import { AppContext } from '../../renderer/src/appContext';
import da from '../../renderer/src/i18n/da.json';
import en from '../../renderer/src/i18n/en.json';
import { OpenAppendixButton } from '../../renderer/src/share/OpenAppendixButton';
import { SaveQueue } from '../../renderer/src/save/saveQueue';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({
    resources: { da: { translation: da }, en: { translation: en } },
    lng: 'da',
    interpolation: { escapeValue: false },
  });
});

const appendix = {
  id: 'a'.repeat(21),
  meetingId: 'm'.repeat(21),
  itemId: null,
  number: 3,
  title: 'Budget 2018',
  documentNumber: '',
  caseId: '',
  isClosed: false,
  file: {
    name: 'Budget 2018 fdp.bat',
    sha256: 'f'.repeat(64),
    size: 10,
    mediaType: 'application/pdf',
  },
} as Appendix;

let root: Root | null = null;
let container: HTMLElement | null = null;
afterEach(async () => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
  await i18next.changeLanguage('da');
});

async function clickOpen(answer: unknown): Promise<HTMLElement> {
  const services = {
    client: createBridgeClient({ call: async () => ({ ok: true, value: answer }) }),
    queue: new SaveQueue(60_000),
    navigate: () => {},
  };
  container = document.createElement('div');
  document.body.append(container);
  const target = createRoot(container);
  root = target;
  act(() =>
    target.render(
      <AppContext.Provider value={services}>
        <OpenAppendixButton appendix={appendix} />
      </AppContext.Provider>,
    ),
  );
  const button = container.querySelector('button');
  if (!button) throw new Error('no button');
  await act(async () => {
    button.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return container;
}

describe('"Åbn bilag" notice', () => {
  it('says in Danish that a program was shown in its folder, not opened, by its real name', async () => {
    const view = await clickOpen({
      fileName: 'Budget 2018 fdp.bat',
      downloadUrl: null,
      handedOver: 'shownInFolder',
      notOpenedReason: 'unknownType',
    });
    const notice = view.querySelector('[role="status"]')?.textContent ?? '';
    expect(notice).toContain('Budget 2018 fdp.bat blev ikke åbnet');
    expect(notice).toContain('vises i sin mappe');
  });

  it('says in English that content not matching its name was not opened', async () => {
    await i18next.changeLanguage('en');
    const view = await clickOpen({
      fileName: 'Budget.pdf',
      downloadUrl: null,
      handedOver: 'shownInFolder',
      notOpenedReason: 'contentMismatch',
    });
    expect(view.querySelector('[role="status"]')?.textContent).toContain(
      'Budget.pdf was not opened: its content does not match its name',
    );
  });

  it('shows no notice when a document was opened', async () => {
    const view = await clickOpen({
      fileName: 'Budget.pdf',
      downloadUrl: null,
      handedOver: 'opened',
      notOpenedReason: null,
    });
    expect(view.querySelector('[role="status"]')).toBeNull();
  });
});
