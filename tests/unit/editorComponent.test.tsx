// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { $getRoot } from 'lexical';
import type { RichText } from '../../common/domain/richText';
import type { BodyEditorContext } from '../../renderer/src/editor/BodyEditor';
import {
  INSERT_APPENDIX_REFERENCE_COMMAND,
  INSERT_STANDARD_TEXT_COMMAND,
  INSERT_VOTE_COMMAND,
  SET_BLOCK_TYPE_COMMAND,
} from '../../renderer/src/editor/commands';
import { $pasteHtml } from '../../renderer/src/editor/paste/PastePlugin';
import { shortcutAction } from '../../renderer/src/editor/plugins/ShortcutsPlugin';
import { mountBodyEditor } from './helpers/bodyEditorHarness';
import { rendered, setupReactTests } from './helpers/reactHarness';

setupReactTests();

const appendix = (id: string, number: number, title: string, isClosed = false) => ({
  id,
  number,
  title,
  documentNumber: `21074${number}`,
  isClosed,
});
const participants = [
  { id: 'p1', name: 'Kristine Kryger', party: 'C', attendance: 'present' as const },
  { id: 'p5', name: 'Katja S. Johansen', party: 'O', attendance: 'present' as const },
];

const mount = (initialContent: RichText, context: BodyEditorContext) =>
  mountBodyEditor({ initialContent, context, ariaLabel: 'Beslutning, punkt 1' });

const content = () => rendered().querySelector<HTMLElement>('[contenteditable]');

describe('BodyEditor', () => {
  const context: BodyEditorContext = {
    appendices: [appendix('a1', 1, 'Læringsopsamling'), appendix('a2', 2, 'Politisk model')],
    participants,
    lang: 'da',
  };

  it('renders an accessible, Danish-spellchecked text box with a labelled toolbar', async () => {
    await mount([{ type: 'paragraph', children: [{ type: 'text', text: 'Godkendt.' }] }], context);
    const box = content();
    expect(box?.getAttribute('aria-label')).toBe('Beslutning, punkt 1');
    expect(box?.getAttribute('spellcheck')).toBe('true');
    expect(box?.getAttribute('lang')).toBe('da');
    expect(box?.textContent).toBe('Godkendt.');
    const toolbar = rendered().querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Formatering: Beslutning, punkt 1');
    // Every control of the toolbar has an accessible name.
    const controls = Array.from(toolbar?.querySelectorAll('button, select') ?? []);
    expect(controls.length).toBeGreaterThan(10);
    for (const control of controls) {
      const name = control.getAttribute('aria-label') ?? control.textContent ?? '';
      expect(name.trim()).not.toBe('');
    }
    // One tab stop for the whole toolbar.
    expect(controls.filter((c) => c.getAttribute('tabindex') === '0')).toHaveLength(1);
  });

  it('reports content changes as RichText, including inserted references and standard texts', async () => {
    const h = await mount(
      [{ type: 'paragraph', children: [{ type: 'text', text: 'Se ' }] }],
      context,
    );
    await act(async () => {
      // Caret at the end of the text.
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
      h.editor.dispatchCommand(INSERT_APPENDIX_REFERENCE_COMMAND, 'a2');
      h.editor.dispatchCommand(INSERT_STANDARD_TEXT_COMMAND, ' Godkendt.');
    });
    const last = h.changes[h.changes.length - 1];
    expect(last).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Se ' },
          { type: 'appendixRef', appendixId: 'a2' },
          { type: 'text', text: ' Godkendt.' },
        ],
      },
    ]);
    expect(content()?.textContent).toBe('Se Bilag 2 Godkendt.');
  });

  it('renumbers every displayed reference when the appendix list changes, and flags a deleted one', async () => {
    const h = await mount(
      [
        {
          type: 'paragraph',
          children: [
            { type: 'appendixRef', appendixId: 'a1' },
            { type: 'text', text: ' og ' },
            { type: 'appendixRef', appendixId: 'a2' },
          ],
        },
      ],
      context,
    );
    expect(content()?.textContent).toBe('Bilag 1 og Bilag 2');
    h.setContext({
      ...context,
      appendices: [appendix('a2', 1, 'Politisk model'), appendix('a1', 2, 'Læringsopsamling')],
    });
    expect(content()?.textContent).toBe('Bilag 2 og Bilag 1');
    h.setContext({ ...context, appendices: [appendix('a2', 1, 'Politisk model')] });
    expect(content()?.textContent).toBe('Bilag ? (slettet) og Bilag 1');
    expect(content()?.querySelector('[data-state="deleted"]')?.getAttribute('title')).toMatch(
      /slettet/,
    );
    // Display changes are not content changes: nothing to save.
    expect(h.changes).toEqual([]);
  });

  it('warns about a closed appendix cited in open text, not in closed text', async () => {
    const closed = { ...context, appendices: [appendix('a1', 1, 'Fortroligt notat', true)] };
    const body: RichText = [
      { type: 'paragraph', children: [{ type: 'appendixRef', appendixId: 'a1' }] },
    ];
    const h = await mount(body, closed);
    expect(content()?.querySelector('[data-state="closedInOpenText"]')).not.toBeNull();
    h.setContext({ ...closed, isOpenText: false });
    expect(content()?.querySelector('[data-state="ok"]')).not.toBeNull();
  });

  it('renders votes as minutes text in the UI language and warns about an unbacked dissent', async () => {
    const body: RichText = [
      {
        type: 'vote',
        subject: '',
        for: { participantIds: [], parties: ['A', 'V', 'C'], count: 8 },
        against: { participantIds: [], parties: ['O'], count: 1 },
        abstained: { participantIds: [], parties: [], count: null },
        outcome: 'adopted',
      },
      { type: 'dissent', participantId: 'p1', text: 'Jeg er imod.' },
    ];
    const h = await mount(body, context);
    expect(rendered().querySelector('[data-testid="vote"] p')?.textContent).toBe(
      'Et flertal (A, V og C) stemte for. Et medlem (O) stemte imod.',
    );
    const dissent = rendered().querySelector('[data-testid="dissent"]');
    expect(dissent?.textContent).toContain(
      'Protokoltilførsel fra Kristine Kryger (C): Jeg er imod.',
    );
    expect(dissent?.querySelector('.editor-warning')?.textContent).toBe(
      'Kristine Kryger er ikke registreret som stemmende imod i en afstemning i dette afsnit.',
    );
    h.setContext({ ...context, lang: 'en' });
    expect(rendered().querySelector('[data-testid="vote"] p')?.textContent).toBe(
      'A majority (A, V and C) voted in favour. One member (O) voted against.',
    );
  });

  it('a dissent by a member of the party that voted against has no warning', async () => {
    await mount(
      [
        {
          type: 'vote',
          subject: '',
          for: { participantIds: [], parties: ['C'], count: 5 },
          against: { participantIds: [], parties: ['O'], count: 1 },
          abstained: { participantIds: [], parties: [], count: null },
          outcome: 'adopted',
        },
        { type: 'dissent', participantId: 'p5', text: 'O stemmer imod.' },
      ],
      context,
    );
    expect(rendered().querySelector('[data-testid="dissent"] .editor-warning')).toBeNull();
  });

  it('inserts an empty vote that opens its dialog, and sets headings by command', async () => {
    const h = await mount(
      [{ type: 'paragraph', children: [{ type: 'text', text: 'Titel' }] }],
      context,
    );
    await act(async () => {
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
      h.editor.dispatchCommand(SET_BLOCK_TYPE_COMMAND, 'h2');
    });
    expect(h.changes[h.changes.length - 1]).toEqual([
      { type: 'heading', level: 2, children: [{ type: 'text', text: 'Titel' }] },
    ]);
    await act(async () => {
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
      h.editor.dispatchCommand(INSERT_VOTE_COMMAND, undefined);
    });
    const last = h.changes[h.changes.length - 1] ?? [];
    expect(last.map((b) => b.type)).toContain('vote');
    expect(document.querySelector('dialog.editor-dialog')?.getAttribute('aria-label')).toBe(
      'Afstemning',
    );
  });

  it('pastes Word HTML as clean structure', async () => {
    const h = await mount([], context);
    const data = {
      types: ['text/html', 'text/plain'],
      getData: (type: string) =>
        type === 'text/html'
          ? "<p class=MsoNormal style='color:red'><b>Godkendt</b> med <script>x()</script>bemærkning</p>"
          : 'Godkendt med bemærkning',
    } as unknown as DataTransfer;
    await act(async () => {
      h.editor.update(
        () => {
          $getRoot().selectEnd();
          expect($pasteHtml(h.editor, data)).toBe(true);
        },
        { discrete: true },
      );
    });
    expect(h.changes[h.changes.length - 1]).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Godkendt', bold: true },
          { type: 'text', text: ' med bemærkning' },
        ],
      },
    ]);
  });

  it('leaves a copy between bodies to Lexical, which keeps every node', async () => {
    const h = await mount([], context);
    const data = {
      types: ['application/x-lexical-editor', 'text/html'],
      getData: () => '<p>x</p>',
    } as unknown as DataTransfer;
    const handled = h.editor.getEditorState().read(() => $pasteHtml(h.editor, data));
    expect(handled).toBe(false);
  });
});

describe('shortcuts', () => {
  const key = (
    code: string,
    mods: Partial<Record<'ctrlKey' | 'shiftKey' | 'altKey' | 'metaKey', boolean>>,
    altGraph = false,
  ) => ({
    code,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...mods,
    getModifierState: (k: string) => k === 'AltGraph' && altGraph,
  });

  it('maps the listed shortcuts and ignores AltGr characters such as "@"', () => {
    expect(shortcutAction(key('Digit7', { ctrlKey: true, shiftKey: true }), null)).not.toBeNull();
    expect(shortcutAction(key('Digit8', { ctrlKey: true, shiftKey: true }), null)).not.toBeNull();
    expect(shortcutAction(key('Digit2', { ctrlKey: true, altKey: true }), null)).not.toBeNull();
    expect(shortcutAction(key('Digit2', { ctrlKey: true, altKey: true }, true), null)).toBeNull();
    expect(
      shortcutAction(key('KeyG', { ctrlKey: true, shiftKey: true }), 'Godkendt.'),
    ).not.toBeNull();
    expect(shortcutAction(key('KeyG', { ctrlKey: true, shiftKey: true }), null)).toBeNull();
    expect(shortcutAction(key('KeyB', { ctrlKey: true }), null)).toBeNull();
    expect(shortcutAction(key('Digit7', { shiftKey: true }), null)).toBeNull();
  });
});
