// @vitest-environment happy-dom
/**
 * The appendices panel of a large meeting (60 items, 40 appendices): typing in one appendix
 * renders that appendix's row again, not the other 39 with their 61-option item selects; a
 * body edit (new `items`, same numbers and titles) renders no row again.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { AgendaItemDetail } from '../../common/contract/api';
import type { Appendix } from '../../common/domain/model';
import { createBridgeClient } from '../../renderer/src/api/client';
import { AppContext } from '../../renderer/src/appContext';
import da from '../../renderer/src/i18n/da.json';
import { AppendicesPanel } from '../../renderer/src/meeting/AppendicesPanel';
import { SaveQueue } from '../../renderer/src/save/saveQueue';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// Each render of an appendix row translates its legend once: the count is the rows rendered.
let legendRenders = 0;

beforeAll(async () => {
  await i18next
    .use(initReactI18next)
    .use({
      type: 'postProcessor',
      name: 'countLegends',
      process(value: string, key: string | string[]) {
        if ([key].flat().includes('appendices.legend')) legendRenders += 1;
        return value;
      },
    })
    .init({
      resources: { da: { translation: da } },
      lng: 'da',
      interpolation: { escapeValue: false },
      postProcess: ['countLegends'],
    });
});

const meetingId = 'm'.repeat(21);
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(20, '0')}`;
const itemsOf = (generation: number) =>
  Array.from(
    { length: 60 },
    (_, i) =>
      ({
        id: id('i', i),
        number: i + 1,
        title: `Punkt ${i + 1}`,
        bodies: { generation },
      }) as unknown as AgendaItemDetail,
  );
const appendices: Appendix[] = Array.from({ length: 40 }, (_, i) => ({
  id: id('a', i),
  meetingId,
  itemId: null,
  number: i + 1,
  title: `Bilag ${i + 1}`,
  documentNumber: '',
  caseId: '',
  isClosed: false,
  isAddedAfterMeeting: false,
  file: null,
}));

let root: Root | null = null;
let container: HTMLElement | null = null;
let setItems: (items: AgendaItemDetail[]) => void = () => {};

afterEach(() => {
  act(() => root?.unmount());
  container?.remove();
  root = null;
  container = null;
});

function Harness() {
  const [list, setList] = useState(appendices);
  const [items, setItemList] = useState(() => itemsOf(0));
  setItems = setItemList;
  return (
    <AppendicesPanel
      meetingId={meetingId}
      appendices={list}
      items={items}
      setAppendices={(change) => setList(change)}
    />
  );
}

function render() {
  const services = {
    client: createBridgeClient({ call: async () => ({ ok: true, value: {} }) }),
    // Long enough that no save is sent while the test runs.
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
        <Harness />
      </AppContext.Provider>,
    ),
  );
  return container;
}

function type(input: HTMLInputElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  act(() => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

describe('appendices panel of a large meeting', () => {
  it('renders every row with a labelled select of every item', () => {
    const view = render();
    const selects = [...view.querySelectorAll('select')];
    expect(selects).toHaveLength(40);
    for (const select of selects) {
      expect(view.querySelector(`label[for="${select.id}"]`)?.textContent).toBe('Punkt');
      expect(select.options).toHaveLength(61);
    }
  });

  it('typing in one appendix title renders only that row again', () => {
    const view = render();
    const title = view.querySelector<HTMLInputElement>('input[value="Bilag 1"]');
    if (!title) throw new Error('no title field');
    legendRenders = 0;
    type(title, 'Bilag 1 rettet');
    expect(title.value).toBe('Bilag 1 rettet');
    // The edited row only (React may render it twice for one input event); every row would be 40.
    expect(legendRenders).toBeLessThanOrEqual(2);
  });

  it('new items with the same numbers and titles (a body saved) render no row again', () => {
    render();
    legendRenders = 0;
    act(() => setItems(itemsOf(1)));
    expect(legendRenders).toBe(0);
  });
});
