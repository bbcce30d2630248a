// @vitest-environment happy-dom
/**
 * "Åbn bilag" tells the user when a file was not opened: a program posing as a PDF is shown in
 * its folder (the app) or downloaded (browser mode), and the notice says why, in Danish and
 * English, naming the file by its real name. A real document opens without a notice.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import i18next from 'i18next';
import type { Appendix } from '../../common/domain/model';
import { OpenAppendixButton } from '../../renderer/src/share/OpenAppendixButton';
import { renderInApp, setupReactTests } from './helpers/reactHarness';

setupReactTests();

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

async function clickOpen(answer: unknown): Promise<HTMLElement> {
  const container = await renderInApp(<OpenAppendixButton appendix={appendix} />, async () => ({
    ok: true,
    value: answer,
  }));
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
