// @vitest-environment happy-dom
/**
 * Participant references ("@" search, bound to the participant id) and "Indsæt dagsorden" in
 * the meeting's Resumé, in the mounted BodyEditor.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import i18next from 'i18next';
import {
  $getRoot,
  $getSelection,
  $isRangeSelection,
  KEY_ARROW_DOWN_COMMAND,
  KEY_ENTER_COMMAND,
  KEY_ESCAPE_COMMAND,
  type LexicalEditor,
} from 'lexical';
import type { RichText } from '../../common/domain/richText';
import { mentionableParticipants, searchParticipants } from '../../common/editor/references';
import type { BodyEditorContext } from '../../renderer/src/editor/BodyEditor';
import { INSERT_AGENDA_COMMAND } from '../../renderer/src/editor/commands';
import { emptyMeetingRecords, type MeetingRecords } from '../../renderer/src/editor/meetingRecords';
import { shortcutAction } from '../../renderer/src/editor/plugins/ShortcutsPlugin';
import { editorShortcuts } from '../../renderer/src/editor/shortcuts';
import { mountBodyEditor, type BodyEditorHarness } from './helpers/bodyEditorHarness';
import { rendered, setupReactTests } from './helpers/reactHarness';

setupReactTests();

const participants = [
  { id: 'p1', name: 'Kristine Kryger', role: 'chair', party: 'C', attendance: 'present' },
  { id: 'p2', name: 'Michael Fenger', role: 'vice_chair', party: 'V', attendance: 'present' },
  { id: 'p3', name: 'Katja S. Johansen', role: 'member', party: 'O', attendance: 'present' },
] as const satisfies BodyEditorContext['participants'];

const mount = (
  context: BodyEditorContext,
  records: MeetingRecords = emptyMeetingRecords,
  initialContent: RichText = [],
) => mountBodyEditor({ context, records, initialContent, ariaLabel: 'Resumé' });

/** Types text at the end of the body, as the keyboard would. */
async function type(editor: LexicalEditor, text: string): Promise<void> {
  await act(async () => {
    editor.focus();
    editor.update(
      () => {
        const selection = $getSelection();
        if (!$isRangeSelection(selection)) $getRoot().selectEnd();
        const current = $getSelection();
        if ($isRangeSelection(current)) current.insertText(text);
      },
      { discrete: true },
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
}

async function press(
  editor: LexicalEditor,
  command: typeof KEY_ARROW_DOWN_COMMAND | typeof KEY_ENTER_COMMAND | typeof KEY_ESCAPE_COMMAND,
  key: string,
): Promise<boolean> {
  let handled = false;
  await act(async () => {
    handled = editor.dispatchCommand(command, new KeyboardEvent('keydown', { key }));
    await new Promise((resolve) => setTimeout(resolve, 20));
  });
  return handled;
}

const listbox = () =>
  document.querySelector<HTMLElement>(
    '[role="listbox"][aria-label="Søg deltager efter navn eller parti"]',
  );
const optionTexts = () =>
  Array.from(listbox()?.querySelectorAll('[role="option"]') ?? []).map((o) => o.textContent);
const last = (h: BodyEditorHarness) => h.changes[h.changes.length - 1];

const context: BodyEditorContext = { appendices: [], participants, lang: 'da' };

describe('searchParticipants', () => {
  it('keeps the meeting order and matches names, word starts and party letters', () => {
    expect(searchParticipants(participants, '').map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
    expect(searchParticipants(participants, 'kry').map((p) => p.id)).toEqual(['p1']);
    expect(searchParticipants(participants, 'KATJA s').map((p) => p.id)).toEqual(['p3']);
    // One letter: the start of a name word, or the party letter.
    expect(searchParticipants(participants, 'f').map((p) => p.id)).toEqual(['p2']);
    expect(searchParticipants(participants, 'o').map((p) => p.id)).toEqual(['p3']);
    expect(searchParticipants(participants, 'x')).toEqual([]);
  });
});

describe('mentionableParticipants (whom "@" offers)', () => {
  it('offers only participants present, and names whom a substitute stands in for', () => {
    const meeting = [
      { id: 'b1', name: 'Brian Møller', party: 'A', attendance: 'absent_with_notice' },
      { id: 'p1', name: 'Kristine Kryger', party: 'C', attendance: 'present' },
      {
        id: 's1',
        name: 'Birgitte Glifberg',
        party: 'A',
        attendance: 'present',
        substituteForId: 'b1',
      },
    ];
    const offered = mentionableParticipants(meeting, '');
    expect(offered.map((o) => [o.participant.name, o.substitutesFor?.name ?? null])).toEqual([
      ['Kristine Kryger', null],
      ['Birgitte Glifberg', 'Brian Møller'],
    ]);
    expect(mentionableParticipants(meeting, 'brian')).toEqual([]);
  });
});

describe('the "@" participant search', () => {
  it('lists the participants with role and party in a labelled listbox, filtered as you type', async () => {
    const h = await mount(context);
    await type(h.editor, 'Indledning ved @');
    expect(optionTexts()).toEqual([
      'Kristine Krygerformand, C',
      'Michael Fengernæstformand, V',
      'Katja S. Johansenmedlem, O',
    ]);
    const options = Array.from(listbox()?.querySelectorAll('[role="option"]') ?? []);
    expect(options.map((o) => o.getAttribute('aria-selected'))).toEqual(['true', 'false', 'false']);
    await type(h.editor, 'fen');
    expect(optionTexts()).toEqual(['Michael Fengernæstformand, V']);
  });

  it('moves with the arrow keys and inserts the chosen participant with Enter', async () => {
    const h = await mount(context);
    await type(h.editor, 'Indledning ved @k');
    expect(optionTexts()).toHaveLength(2);
    expect(await press(h.editor, KEY_ARROW_DOWN_COMMAND, 'ArrowDown')).toBe(true);
    const selected = listbox()?.querySelector('[aria-selected="true"]');
    expect(selected?.textContent).toContain('Katja S. Johansen');
    expect(h.editor.getRootElement()?.getAttribute('aria-activedescendant')).toBe(selected?.id);
    expect(await press(h.editor, KEY_ENTER_COMMAND, 'Enter')).toBe(true);
    await type(h.editor, ' og fremlagde.');
    expect(listbox()).toBeNull();
    expect(last(h)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Indledning ved ' },
          { type: 'participantRef', participantId: 'p3' },
          { type: 'text', text: ' og fremlagde.' },
        ],
      },
    ]);
    expect(h.editor.getRootElement()?.textContent).toBe(
      'Indledning ved Katja S. Johansen og fremlagde.',
    );
  });

  it('closes with Escape and keeps the typed text', async () => {
    const h = await mount(context);
    await type(h.editor, 'Mail til @kr');
    expect(optionTexts()).toHaveLength(1);
    expect(await press(h.editor, KEY_ESCAPE_COMMAND, 'Escape')).toBe(true);
    expect(listbox()).toBeNull();
    expect(JSON.stringify(last(h))).not.toContain('participantRef');
    expect(h.editor.getRootElement()?.textContent).toBe('Mail til @kr');
  });

  it('stays closed while nothing matches, leaving the arrow keys to the editor', async () => {
    const h = await mount(context);
    await type(h.editor, 'Se @zz');
    expect(listbox()).toBeNull();
    expect(await press(h.editor, KEY_ARROW_DOWN_COMMAND, 'ArrowDown')).toBe(false);
    await type(h.editor, ' og @m');
    expect(optionTexts()).toEqual(['Michael Fengernæstformand, V']);
  });

  it('does not open inside a mail address', async () => {
    const h = await mount(context);
    await type(h.editor, 'kk@');
    expect(listbox()).toBeNull();
  });

  it('shows the new name after a rename and flags a removed participant without dropping it', async () => {
    const body: RichText = [
      {
        type: 'paragraph',
        children: [
          { type: 'participantRef', participantId: 'p1' },
          { type: 'text', text: ' bød velkommen.' },
        ],
      },
    ];
    const h = await mount(context, emptyMeetingRecords, body);
    const reference = () => h.editor.getRootElement()?.querySelector('[data-participant-id="p1"]');
    expect(reference()?.textContent).toBe('Kristine Kryger');
    h.setContext({
      ...context,
      participants: [{ ...participants[0], name: 'Kristine Kryger Hansen' }, participants[1]],
    });
    expect(reference()?.textContent).toBe('Kristine Kryger Hansen');
    h.setContext({ ...context, participants: [participants[1]] });
    expect(reference()?.textContent).toBe('? (fjernet deltager)');
    expect(reference()?.getAttribute('data-state')).toBe('deleted');
    expect(reference()?.getAttribute('title')).toContain('fjernet fra mødet');
    // Nothing was written: the reference is still bound to its id.
    expect(h.changes.every((c) => JSON.stringify(c).includes('"participantId":"p1"'))).toBe(true);
  });
});

describe('"Indsæt dagsorden" in the Resumé', () => {
  const records: MeetingRecords = {
    ...emptyMeetingRecords,
    items: [
      {
        id: 'i2',
        position: 1,
        title: 'Projektafrunding og tak',
        presenter: 'de tre projektejere',
        isClosed: false,
        publicTitle: '',
      },
      {
        id: 'i1',
        position: 0,
        title: 'Velkomst',
        presenter: 'Formand Marie-Louise Andreassen',
        isClosed: false,
        publicTitle: '',
      },
      {
        id: 'i3',
        position: 2,
        title: 'Kort pause',
        presenter: '',
        isClosed: false,
        publicTitle: '',
      },
    ],
  };
  const agendaList = (byWord: string) => ({
    type: 'list',
    ordered: false,
    items: [
      { children: [{ type: 'text', text: `Velkomst ${byWord} Formand Marie-Louise Andreassen` }] },
      {
        children: [{ type: 'text', text: `Projektafrunding og tak ${byWord} de tre projektejere` }],
      },
      { children: [{ type: 'text', text: 'Kort pause' }] },
    ],
  });

  it('inserts the agenda points in order as a list from the toolbar button', async () => {
    const h = await mount({ ...context, canInsertAgenda: true }, records);
    const button = rendered().querySelector<HTMLButtonElement>(
      '[role="toolbar"] button[aria-label="Indsæt dagsorden"]',
    );
    expect(button?.title).toBe('Indsæt dagsorden (Ctrl+Shift+D)');
    await act(async () => {
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
      button?.click();
    });
    expect(last(h)).toEqual([agendaList('v/')]);
  });

  it('writes "by" in the English UI, and offers the command in the "/" menu', async () => {
    const h = await mount({ ...context, lang: 'en', canInsertAgenda: true }, records);
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    try {
      await type(h.editor, '/agen');
      const option = Array.from(document.querySelectorAll('[role="option"]')).find(
        (o) => o.textContent === 'Insert agenda',
      );
      expect(option).toBeDefined();
      expect(await press(h.editor, KEY_ENTER_COMMAND, 'Enter')).toBe(true);
      expect(last(h)).toEqual([agendaList('by')]);
    } finally {
      await act(async () => {
        await i18next.changeLanguage('da');
      });
    }
  });

  it('is not offered in other bodies, where the command does nothing', async () => {
    const h = await mount(context, records);
    expect(rendered().querySelector('button[aria-label="Indsæt dagsorden"]')).toBeNull();
    let handled = true;
    await act(async () => {
      h.editor.update(() => $getRoot().selectEnd(), { discrete: true });
      handled = h.editor.dispatchCommand(INSERT_AGENDA_COMMAND, undefined);
    });
    expect(handled).toBe(false);
    expect(h.changes.every((c) => c.length === 0)).toBe(true);
  });

  it('has a listed shortcut, Ctrl+Shift+D', () => {
    expect(editorShortcuts.find((s) => s.id === 'agenda')?.keys).toBe('Ctrl+Shift+D');
    const event = {
      code: 'KeyD',
      ctrlKey: true,
      shiftKey: true,
      altKey: false,
      metaKey: false,
    };
    expect(shortcutAction(event, null)).not.toBeNull();
    expect(shortcutAction({ ...event, shiftKey: false }, null)).toBeNull();
  });
});
