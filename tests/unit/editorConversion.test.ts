import { describe, expect, it } from 'vitest';
import { createHeadlessEditor } from '@lexical/headless';
import { $getRoot, type LexicalEditor, type LexicalNode } from 'lexical';
import { richTextSchema, type Block, type RichText, type Vote } from '../../common/domain/richText';
import type { SerializedEditorStateJson } from '../../common/editor/lexicalJson';
import {
  lexicalStateToRichText,
  normalizeRichText,
  richTextToLexicalState,
} from '../../common/editor/lexicalState';
import {
  $isAppendixReferenceNode,
  $isDissentNode,
  $isParticipantReferenceNode,
  $isVoteNode,
  editorNodes,
} from '../../renderer/src/editor/nodes';
import {
  setEditorReferenceLookup,
  type ReferenceLookup,
} from '../../renderer/src/editor/referenceLookup';

const vote: Vote = {
  type: 'vote',
  subject: 'Indstillingen',
  for: { participantIds: [], parties: ['A', 'V', 'C'], count: 8 },
  against: { participantIds: ['p5'], parties: ['O'], count: 1 },
  abstained: { participantIds: [], parties: [], count: null },
  outcome: 'adopted',
};

/** One sample per block kind and feature; each is in normal form. */
const samples: Record<string, RichText> = {
  empty: [],
  plainParagraphs: [
    { type: 'paragraph', children: [{ type: 'text', text: 'Godkendt.' }] },
    { type: 'paragraph', children: [] },
    { type: 'paragraph', children: [{ type: 'text', text: 'Taget til efterretning.' }] },
  ],
  formats: [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'fed', bold: true },
        { type: 'text', text: ' kursiv', italic: true },
        { type: 'text', text: ' understreget', underline: true },
        { type: 'text', text: ' alle tre', bold: true, italic: true, underline: true },
        { type: 'text', text: ' almindelig' },
      ],
    },
  ],
  lineBreaksAndTabs: [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Første linje\n', bold: true },
        { type: 'text', text: 'anden linje\tmed tabulator\n\ntredje' },
      ],
    },
  ],
  headings: [
    { type: 'heading', level: 1, children: [{ type: 'text', text: 'Beslutninger:' }] },
    { type: 'heading', level: 2, children: [{ type: 'text', text: 'Ad Projektafrunding' }] },
    {
      type: 'heading',
      level: 3,
      children: [{ type: 'text', text: 'Selektering/sæt holdet:', italic: true }],
    },
  ],
  links: [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        {
          type: 'link',
          url: 'https://gentofte.dk/dagsorden',
          children: [{ type: 'text', text: 'dagsordenen', bold: true }],
        },
        { type: 'text', text: ' eller skriv til ' },
        {
          type: 'link',
          url: 'mailto:sekretariat@gentofte.dk',
          children: [{ type: 'text', text: 'sekretariatet' }],
        },
      ],
    },
  ],
  references: [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Jf. ' },
        { type: 'appendixRef', appendixId: 'app-1' },
        { type: 'text', text: ' fremlagde ' },
        { type: 'participantRef', participantId: 'p1' },
        { type: 'text', text: ' projektet.' },
      ],
    },
    { type: 'heading', level: 2, children: [{ type: 'appendixRef', appendixId: 'app-2' }] },
  ],
  nestedLists: [
    {
      type: 'list',
      ordered: false,
      items: [
        { children: [{ type: 'text', text: 'Velkomst v/ Formand Marie-Louise Andreassen' }] },
        {
          children: [{ type: 'text', text: 'Orientering om medlemmer fra 1. januar 2018' }],
          sublist: {
            type: 'list',
            ordered: false,
            items: [
              { children: [{ type: 'text', text: 'Kristine Kryger (formand)' }] },
              {
                children: [{ type: 'text', text: 'Michael Fenger (næstformand)' }],
                sublist: {
                  type: 'list',
                  ordered: true,
                  items: [
                    { children: [{ type: 'text', text: 'dybt' }] },
                    { children: [{ type: 'appendixRef', appendixId: 'app-1' }] },
                  ],
                },
              },
            ],
          },
        },
        { children: [{ type: 'text', text: 'Afrunding', bold: true }] },
      ],
    },
  ],
  orderedWithStart: [
    {
      type: 'list',
      ordered: true,
      start: 3,
      items: [
        { children: [{ type: 'text', text: 'Iværksættermiljø - Moonshots' }] },
        { children: [] },
      ],
    },
  ],
  votes: [
    { type: 'paragraph', children: [{ type: 'text', text: 'Sagen blev sat til afstemning.' }] },
    vote,
    {
      ...vote,
      subject: '',
      outcome: 'tied',
      against: { participantIds: [], parties: [], count: 8 },
    },
  ],
  dissents: [
    vote,
    {
      type: 'dissent',
      participantId: 'p5',
      text: 'O kan ikke støtte forslaget, da det er underfinansieret.',
    },
  ],
  realVariety: [
    {
      type: 'vote',
      adPoint: '2',
      subject: 'Indstillingen',
      for: { participantIds: [], parties: ['B', 'F', 'Ø'], count: 5 },
      against: { participantIds: [], parties: ['V'], count: null },
      abstained: { participantIds: [], parties: [], count: null },
      outcome: 'recommended',
    },
    {
      type: 'dissent',
      kind: 'minority',
      participantId: null,
      parties: ['V', 'C'],
      text: 'Mindretallet finder, at sagen bør udsættes.',
    },
    { type: 'dissent', kind: 'note', participantId: 'p5', text: 'Bemærkning.' },
    {
      type: 'quotedDecision',
      committee: 'Teknik- og Miljøudvalget',
      date: '2022-03-14',
      itemNumber: '118',
      meetingId: 'meeting-2022-03-14',
      itemId: null,
      text: 'Anbefales.',
      vote: {
        type: 'vote',
        subject: '',
        for: { participantIds: [], parties: ['A', 'B'], count: null },
        against: { participantIds: [], parties: [], count: null },
        abstained: { participantIds: [], parties: [], count: null },
        outcome: 'recommended',
      },
    },
  ],
};

const expectValid = (blocks: RichText) =>
  expect(richTextSchema.safeParse(blocks).success).toBe(true);

describe('rich text → lexical → rich text (pure)', () => {
  for (const [name, sample] of Object.entries(samples)) {
    it(`is the identity for ${name}`, () => {
      expectValid(sample);
      expect(normalizeRichText(sample)).toEqual(sample);
      const state = richTextToLexicalState(sample);
      const back = lexicalStateToRichText(
        JSON.parse(JSON.stringify(state)) as SerializedEditorStateJson,
      );
      expect(back).toEqual(sample);
    });
  }

  it('writes Lexical list nesting: a nested list sits in its own list item after its parent', () => {
    const state = richTextToLexicalState(samples.nestedLists ?? []);
    const list = state.root.children[0] as { children: { children: { type: string }[] }[] };
    expect(list.children.map((item) => item.children.map((c) => c.type))).toEqual([
      ['text'],
      ['text'],
      ['list'],
      ['text'],
    ]);
  });

  it('stores no appendix number, only the id', () => {
    const json = JSON.stringify(richTextToLexicalState(samples.references ?? []));
    expect(json).toContain('"appendixId":"app-1"');
    expect(json).not.toMatch(/Bilag/);
  });

  it('gives an empty body one empty paragraph to type in, and reads it back as empty', () => {
    const state = richTextToLexicalState([]);
    expect(state.root.children).toHaveLength(1);
    expect(lexicalStateToRichText(state)).toEqual([]);
  });
});

describe('normal form', () => {
  it('merges equal runs, drops false flags and empty runs, moves a line break to the run before', () => {
    const blocks: Block[] = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'a', bold: true, italic: false },
          { type: 'text', text: '' },
          { type: 'text', text: 'b', bold: true },
          { type: 'text', text: '\nc' },
        ],
      },
      {
        type: 'list',
        ordered: false,
        start: 4,
        items: [{ children: [], sublist: { type: 'list', ordered: true, start: 1, items: [] } }],
      },
    ];
    expect(normalizeRichText(blocks)).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'ab\n', bold: true },
          { type: 'text', text: 'c' },
        ],
      },
      { type: 'list', ordered: false, items: [{ children: [] }] },
    ]);
  });

  it('treats a body of one empty paragraph as empty', () => {
    expect(normalizeRichText([{ type: 'paragraph', children: [] }])).toEqual([]);
  });
});

const text = (value: string, format = 0) => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
});
const element = { direction: null, format: '', indent: 0, version: 1 };
const stateOf = (children: unknown[]) =>
  ({ root: { ...element, type: 'root', children } }) as unknown as SerializedEditorStateJson;

describe('lexical → rich text edge cases', () => {
  it('keeps the text of unsafe links but not the link', () => {
    const blocks = lexicalStateToRichText(
      stateOf([
        {
          ...element,
          type: 'paragraph',
          children: [
            {
              ...element,
              type: 'link',
              url: 'javascript:alert(1)',
              rel: null,
              target: null,
              title: null,
              children: [text('klik')],
            },
            {
              ...element,
              type: 'link',
              url: 'file:///etc/passwd',
              rel: null,
              target: null,
              title: null,
              children: [text(' her')],
            },
          ],
        },
      ]),
    );
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'klik her' }] }]);
  });

  it('keeps only bold, italic and underline of the format bitmask', () => {
    // 4 strikethrough, 16 code, 32 subscript: dropped; 1|8 kept.
    const blocks = lexicalStateToRichText(
      stateOf([{ ...element, type: 'paragraph', children: [text('x', 1 | 4 | 8 | 16 | 32)] }]),
    );
    expect(blocks).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'x', bold: true, underline: true }] },
    ]);
  });

  it('maps h4-h6 to level 3, quotes and unknown elements to paragraphs, check lists to bullets', () => {
    const blocks = lexicalStateToRichText(
      stateOf([
        { ...element, type: 'heading', tag: 'h5', children: [text('Lille')] },
        { ...element, type: 'quote', children: [text('Citat')] },
        { type: 'some-future-node', version: 3, children: [{ type: 'mystery', text: 'bevaret' }] },
        {
          ...element,
          type: 'list',
          listType: 'check',
          start: 1,
          tag: 'ul',
          children: [
            { ...element, type: 'listitem', value: 1, checked: true, children: [text('opgave')] },
          ],
        },
      ]),
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 3, children: [{ type: 'text', text: 'Lille' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Citat' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'bevaret' }] },
      { type: 'list', ordered: false, items: [{ children: [{ type: 'text', text: 'opgave' }] }] },
    ]);
    expectValid(blocks);
  });

  it('never drops a reference: a malformed appendix id stays visible as "Bilag ?"', () => {
    const blocks = lexicalStateToRichText(
      stateOf([
        {
          ...element,
          type: 'paragraph',
          children: [{ type: 'appendix-reference', version: 1, appendixId: 'bad id!' }],
        },
      ]),
    );
    expect(blocks).toEqual([{ type: 'paragraph', children: [{ type: 'text', text: 'Bilag ?' }] }]);
  });

  it('splits a paragraph around a vote pasted into it', () => {
    const blocks = lexicalStateToRichText(
      stateOf([
        {
          ...element,
          type: 'paragraph',
          children: [text('før'), { ...vote, type: 'vote', version: 1 }, text('efter')],
        },
      ]),
    );
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'vote', 'paragraph']);
  });

  it('attaches a nested list with no parent item to an empty item', () => {
    const nested = {
      ...element,
      type: 'list',
      listType: 'bullet',
      start: 1,
      tag: 'ul',
      children: [{ ...element, type: 'listitem', value: 1, children: [text('x')] }],
    };
    const blocks = lexicalStateToRichText(
      stateOf([
        {
          ...element,
          type: 'list',
          listType: 'number',
          start: 1,
          tag: 'ol',
          children: [{ ...element, type: 'listitem', value: 1, children: [nested] }],
        },
      ]),
    );
    expect(blocks).toEqual([
      {
        type: 'list',
        ordered: true,
        items: [
          {
            children: [],
            sublist: {
              type: 'list',
              ordered: false,
              items: [{ children: [{ type: 'text', text: 'x' }] }],
            },
          },
        ],
      },
    ]);
  });
});

// ----------------------------------------------------------------------------------------
// Headless Lexical: the real node classes
// ----------------------------------------------------------------------------------------

function newEditor(): LexicalEditor {
  return createHeadlessEditor({
    namespace: 'test',
    nodes: [...editorNodes],
    onError: (error) => {
      throw error;
    },
  });
}

function load(editor: LexicalEditor, blocks: RichText): void {
  editor.setEditorState(editor.parseEditorState(JSON.stringify(richTextToLexicalState(blocks))));
}

function exported(editor: LexicalEditor): SerializedEditorStateJson {
  return JSON.parse(JSON.stringify(editor.getEditorState().toJSON())) as SerializedEditorStateJson;
}

function $allNodes(): LexicalNode[] {
  const out: LexicalNode[] = [];
  const walk = (node: LexicalNode) => {
    out.push(node);
    if ('getChildren' in node && typeof node.getChildren === 'function') {
      for (const child of (node as { getChildren(): LexicalNode[] }).getChildren()) walk(child);
    }
  };
  walk($getRoot());
  return out;
}

describe('headless Lexical round trip', () => {
  for (const [name, sample] of Object.entries(samples)) {
    it(`parses and exports ${name} unchanged`, () => {
      const editor = newEditor();
      load(editor, sample);
      const back = lexicalStateToRichText(exported(editor));
      expect(back).toEqual(sample);
      expectValid(back);
    });
  }

  it('exports each custom node with exactly the JSON it was imported from', () => {
    const editor = newEditor();
    load(editor, [...(samples.references ?? []), ...(samples.dissents ?? [])]);
    const input = richTextToLexicalState([
      ...(samples.references ?? []),
      ...(samples.dissents ?? []),
    ]);
    const output = exported(editor);
    // Custom nodes are matched by their own keys, not by key order of Lexical's export.
    const pick = (state: SerializedEditorStateJson) => {
      const found: unknown[] = [];
      const walk = (node: unknown) => {
        if (typeof node !== 'object' || node === null) return;
        const record = node as Record<string, unknown>;
        if (
          ['appendix-reference', 'participant-reference', 'vote', 'dissent'].includes(
            String(record.type),
          )
        ) {
          found.push(record);
        }
        if (Array.isArray(record.children)) record.children.forEach(walk);
      };
      walk(state.root);
      return found;
    };
    expect(pick(output)).toEqual(pick(input));
    expect(pick(output)).toHaveLength(5);
  });

  it('creates the registered node classes, not generic nodes', () => {
    const editor = newEditor();
    load(editor, [...(samples.references ?? []), ...(samples.dissents ?? [])]);
    const kinds = editor.read(() =>
      $allNodes().map((node) =>
        $isAppendixReferenceNode(node)
          ? 'appendix'
          : $isParticipantReferenceNode(node)
            ? 'participant'
            : $isVoteNode(node)
              ? 'vote'
              : $isDissentNode(node)
                ? 'dissent'
                : null,
      ),
    );
    expect(kinds.filter(Boolean)).toEqual([
      'appendix',
      'participant',
      'appendix',
      'vote',
      'dissent',
    ]);
  });

  it('edits a vote node and exports the change', () => {
    const editor = newEditor();
    load(editor, [vote]);
    editor.update(
      () => {
        const node = $getRoot().getFirstChild();
        if (!$isVoteNode(node)) throw new Error('expected a vote');
        node.setVote({ ...node.getVote(), outcome: 'rejected' });
      },
      { discrete: true },
    );
    expect(lexicalStateToRichText(exported(editor))).toEqual([{ ...vote, outcome: 'rejected' }]);
  });
});

describe('appendix references follow the appendix list', () => {
  const body: RichText = [
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'appendixRef', appendixId: 'a-laering' },
        { type: 'text', text: ' og ' },
        { type: 'appendixRef', appendixId: 'a-model' },
      ],
    },
    {
      type: 'list',
      ordered: false,
      items: [{ children: [{ type: 'appendixRef', appendixId: 'a-laering' }] }],
    },
  ];
  const appendix = (id: string, number: number, isClosed = false) => ({
    id,
    number,
    title: `Bilag ${id}`,
    documentNumber: '2107443',
    isClosed,
  });
  const lookup = (
    appendices: ReferenceLookup['appendices'],
    isOpenText = true,
  ): ReferenceLookup => ({
    appendices,
    participants: [],
    lang: 'da',
    isOpenText,
  });
  const labels = (editor: LexicalEditor) =>
    editor.read(() =>
      $allNodes()
        .filter($isAppendixReferenceNode)
        .map((node) => node.getTextContent()),
    );

  it('shows the current number of every reference, and the new number after renumbering', () => {
    const editor = newEditor();
    load(editor, body);
    setEditorReferenceLookup(editor, lookup([appendix('a-laering', 1), appendix('a-model', 2)]));
    expect(labels(editor)).toEqual(['Bilag 1', 'Bilag 2', 'Bilag 1']);
    expect(editor.read(() => $getRoot().getTextContent())).toContain('Se Bilag 1 og Bilag 2');

    // Reordered: the model appendix is now number 1.
    setEditorReferenceLookup(editor, lookup([appendix('a-model', 1), appendix('a-laering', 2)]));
    expect(labels(editor)).toEqual(['Bilag 2', 'Bilag 1', 'Bilag 2']);
    // The stored body did not change: numbers are resolved, not stored.
    expect(lexicalStateToRichText(exported(editor))).toEqual(body);
  });

  it('flags a deleted appendix and keeps the reference', () => {
    const editor = newEditor();
    load(editor, body);
    setEditorReferenceLookup(editor, lookup([appendix('a-model', 1)]));
    expect(labels(editor)).toEqual(['Bilag ? (slettet)', 'Bilag 1', 'Bilag ? (slettet)']);
    expect(lexicalStateToRichText(exported(editor))).toEqual(body);
  });

  it('shows English labels in the English UI', () => {
    const editor = newEditor();
    load(editor, body);
    setEditorReferenceLookup(editor, { ...lookup([appendix('a-laering', 3)]), lang: 'en' });
    expect(labels(editor)).toEqual(['Appendix 3', 'Appendix ? (deleted)', 'Appendix 3']);
  });
});
