// @vitest-environment happy-dom
/**
 * The records forms of a 1,000-item meeting: the agenda renders the forms of its first items
 * only (the rest are stand-ins with the item's number and title until they come near the
 * viewport), and the appendix rows, each holding a select of all 1,000 items, render as
 * stand-ins too. A stand-in's button renders its form on focus and moves the focus into it.
 * A 60-item meeting renders every form at once, as before.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { AgendaItemDetail } from '../../common/contract/api';
import type { Appendix, Meeting } from '../../common/domain/model';
import { profileForTemplate } from '../../common/domain/profiles';
import { AgendaPanel } from '../../renderer/src/meeting/AgendaPanel';
import { AppendicesPanel } from '../../renderer/src/meeting/AppendicesPanel';
import { renderInApp, setupReactTests } from './helpers/reactHarness';

setupReactTests();

/** Nothing is ever near the viewport: only what renders at once or on focus shows a form. */
class FarAwayObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
  takeRecords() {
    return [];
  }
}

beforeAll(() => {
  (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver = FarAwayObserver;
});

const meetingId = 'm'.repeat(21);
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(20, '0')}`;
const meeting: Meeting = {
  id: meetingId,
  committeeId: 'c'.repeat(21),
  number: 2,
  kind: 'ordinary',
  date: '2026-11-27',
  startTime: null,
  endTime: null,
  location: '',
  caseId: '',
  isClosed: false,
  status: 'draft',
  template: 'fagudvalg',
  profileId: null,
};
const itemsOf = (count: number): AgendaItemDetail[] =>
  Array.from({ length: count }, (_, i) => ({
    id: id('i', i),
    meetingId,
    number: i + 1,
    position: i,
    title: `Punkt nummer ${i + 1}`,
    isClosed: false,
    publicTitle: '',
    caseId: '',
    documentNumber: '',
    presenter: '',
    kind: 'decision',
    isSupplementary: false,
    groupId: null,
    // No body written yet (the panel shows empty ones).
    bodies: {} as AgendaItemDetail['bodies'],
  }));
const appendicesOf = (count: number): Appendix[] =>
  Array.from({ length: count }, (_, i) => ({
    id: id('a', i),
    meetingId,
    itemId: id('i', i),
    number: i + 1,
    title: `Bilag ${i + 1}`,
    documentNumber: '',
    caseId: '',
    isClosed: false,
    isAddedAfterMeeting: false,
    file: null,
  }));

/** Every request answers an empty value: the panels are only rendered here. */
const answerEmpty = async () => ({ ok: true, value: {} });

async function render(itemCount: number, appendixCount: number): Promise<HTMLElement> {
  const items = itemsOf(itemCount);
  return renderInApp(
    <>
      <AgendaPanel
        meeting={meeting}
        profile={profileForTemplate('opgaveudvalg')}
        items={items}
        setItems={() => {}}
      />
      <AppendicesPanel
        meetingId={meetingId}
        appendices={appendicesOf(appendixCount)}
        items={items}
        setAppendices={() => {}}
      />
    </>,
    answerEmpty,
  );
}

const agendaForms = (view: HTMLElement) =>
  view.querySelectorAll('li.agenda-item:not(.record--placeholder)');

describe('records forms of a long meeting', () => {
  it('a 1,000-item agenda renders a bounded number of item forms, every heading, and stand-ins', async () => {
    const view = await render(1000, 40);
    expect(view.querySelectorAll('li.agenda-item')).toHaveLength(1000);
    expect(agendaForms(view).length).toBeLessThanOrEqual(10);
    expect(view.querySelectorAll('li.agenda-item h3')).toHaveLength(1000);
    expect(view.querySelector('li.agenda-item:last-child h3')?.textContent).toBe(
      'Punkt 1000: Punkt nummer 1000',
    );
    // The appendix rows' selects of 1,001 options each: at most one rendered at once.
    expect(view.querySelectorAll('select option[value=""]').length).toBeLessThanOrEqual(1);
    expect(view.querySelectorAll('li.record--placeholder').length).toBeGreaterThanOrEqual(990 + 39);
  });

  it('focusing a stand-in renders its form and moves the focus into its first field', async () => {
    const view = await render(1000, 0);
    const row = view.querySelectorAll<HTMLElement>('li.agenda-item')[499];
    const button = [...(row?.querySelectorAll('button') ?? [])].find(
      (candidate) => candidate.textContent === 'Vis felterne',
    );
    // Its name is the button's text and the item's heading.
    const names = button?.getAttribute('aria-labelledby')?.split(' ') ?? [];
    expect(names.map((name) => document.getElementById(name)?.textContent)).toEqual([
      'Vis felterne',
      'Punkt 500: Punkt nummer 500',
    ]);
    if (!row || !button) throw new Error('no stand-in for item 500');
    act(() => button.focus());
    expect(row.classList.contains('record--placeholder')).toBe(false);
    const number = row.querySelector<HTMLInputElement>('input');
    expect(number?.value).toBe('500');
    expect(document.activeElement).toBe(number);
  });

  it('a 60-item meeting with 40 appendices renders every form at once', async () => {
    const view = await render(60, 40);
    expect(agendaForms(view)).toHaveLength(60);
    expect(view.querySelectorAll('.record--placeholder')).toHaveLength(0);
    expect(view.querySelectorAll('select option[value=""]')).toHaveLength(40);
  });
});
