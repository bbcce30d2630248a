/**
 * Search, the decision register and "Tidligere beslutninger" on a generated library (real
 * SQLite files in temporary folders).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { SearchGroup } from '../../common/contract/api';
import type { ItemBodyField } from '../../common/domain/model';
import { richTextFromPlain, type RichText } from '../../common/domain/richText';
import { chainLineItemId } from '../../common/search/previousDecisions';
import { snippetToText } from '../../common/search/snippet';
import type { Library } from '../../main/node/storage/library';
import { writeTransaction } from '../../main/node/storage/library';
import { migration as createLibrary } from '../../main/node/storage/migrations/0010-create-library';
import { createAppendix, deleteAppendix } from '../../main/node/storage/queries/appendices';
import { getItemBodies, saveBody } from '../../main/node/storage/queries/bodies';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { createItem, deleteItem, updateItem } from '../../main/node/storage/queries/items';
import {
  createMeeting,
  deleteMeeting,
  updateMeeting,
} from '../../main/node/storage/queries/meetings';
import { createParticipant } from '../../main/node/storage/queries/participants';
import { listDecisions } from '../../main/node/storage/queries/decisionRegister';
import {
  insertPreviousDecisions,
  previousDecisions,
} from '../../main/node/storage/queries/previousDecisions';
import { searchLibrary, type SearchArgs } from '../../main/node/storage/queries/search';
import { checkSearchIndex, rebuildSearchIndex } from '../../main/node/storage/searchIndex';
import { makeTempDir, newLibrary, open } from './storageHelpers';

function save(library: Library, itemId: string, field: ItemBodyField, content: RichText | string) {
  const body = getItemBodies(library.db, itemId)[field];
  return saveBody(library.db, {
    owner: { kind: 'item', itemId, field },
    content: typeof content === 'string' ? richTextFromPlain(content) : content,
    baseRevision: body.revision,
    author: 'tester',
  });
}

/**
 * A small library: three committees, case EMN-2019-01234 going from Teknik- og Miljøudvalget
 * (2019-09-10) via Økonomiudvalget (2019-09-17) to Kommunalbestyrelsen (2019-09-30), plus
 * filler meetings with Danish text, a closed item and a vote with a dissent.
 */
function seed(library: Library) {
  const db = library.db;
  const committee = (name: string, kind: 'kommunalbestyrelse' | 'staaende_udvalg') =>
    createCommittee(db, { name, kind, organisation: 'Gentofte Kommune', template: 'fagudvalg' }).id;
  const committees = {
    tmu: committee('Teknik- og Miljøudvalget', 'staaende_udvalg'),
    oeu: committee('Økonomiudvalget', 'staaende_udvalg'),
    kb: committee('Kommunalbestyrelsen', 'kommunalbestyrelse'),
  };
  const meeting = (committeeId: string, number: number, date: string) =>
    createMeeting(db, { committeeId, number, date, kind: 'ordinary', isCopyingPrevious: false })
      .meeting.id;
  const meetings = {
    tmu2018: meeting(committees.tmu, 3, '2018-03-06'),
    tmu2019: meeting(committees.tmu, 8, '2019-09-10'),
    oeu2019: meeting(committees.oeu, 9, '2019-09-17'),
    kb2019: meeting(committees.kb, 10, '2019-09-30'),
    tmu2020: meeting(committees.tmu, 2, '2020-02-04'),
  };
  const item = (
    meetingId: string,
    number: number,
    title: string,
    caseId = '',
    isClosed = false,
    publicTitle = '',
  ) =>
    createItem(db, {
      meetingId,
      item: {
        number,
        title,
        isClosed,
        publicTitle,
        caseId,
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    }).id;
  const items = {
    cykel2018: item(meetings.tmu2018, 12, 'Cykelstrategi for Gentofte', 'EMN-2018-00077'),
    aarsplan2018: item(meetings.tmu2018, 13, 'Årsplan for vejvedligehold'),
    tmuHal: item(meetings.tmu2019, 65, 'Ny idrætshal ved Ørnegårdsskolen', 'EMN-2019-01234'),
    tmuKlima: item(meetings.tmu2019, 66, 'Klimaplan – høring', 'EMN-2019-04321'),
    oeuHal: item(meetings.oeu2019, 120, 'Ny idrætshal ved Ørnegårdsskolen', 'emn-2019-01234 '),
    oeuPersonale: item(
      meetings.oeu2019,
      121,
      'Personalesag',
      'EMN-2019-09999',
      true,
      'Personalesag (lukket)',
    ),
    kbHal: item(meetings.kb2019, 7, 'Ny idrætshal ved Ørnegårdsskolen', 'EMN-2019-01234'),
    kbVote: item(meetings.kb2019, 8, 'Parkeringsnorm i Hellerup', 'EMN-2019-05555'),
    tmuHal2020: item(
      meetings.tmu2020,
      4,
      'Idrætshal ved Ørnegårdsskolen, anlægsregnskab',
      'EMN-2019-01234',
    ),
  };
  save(
    library,
    items.cykel2018,
    'casePresentation',
    'Forvaltningen foreslår supercykelstier langs Lyngbyvej og Bernstorffsvej.',
  );
  save(library, items.cykel2018, 'decision', 'Godkendt.');
  save(
    library,
    items.aarsplan2018,
    'casePresentation',
    'Vejene ar mange huller efter vinteren. Ar er ikke år.',
  );
  save(
    library,
    items.tmuHal,
    'casePresentation',
    'Der foreslås en ny idrætshal med plads til håndbold og æblehaven bevares.',
  );
  save(library, items.tmuHal, 'decision', 'Anbefales.');
  save(library, items.tmuKlima, 'decision', 'Sendt i høring med de faldne bemærkninger.');
  save(library, items.oeuHal, 'decision', 'Anbefales over for Kommunalbestyrelsen.');
  save(
    library,
    items.oeuPersonale,
    'casePresentation',
    'Fortrolig sag om medarbejderen Jens Hemmelighedsfuld.',
  );
  save(library, items.oeuPersonale, 'decision', 'Afskedigelse godkendt.');
  save(library, items.oeuPersonale, 'publicDecision', 'Indstillingen blev godkendt.');
  save(library, items.kbHal, 'decision', 'Godkendt.');
  const bo = createParticipant(db, {
    meetingId: meetings.kb2019,
    participant: {
      name: 'Bo Østergård',
      role: 'member',
      party: 'Ø',
      isCitizen: false,
      attendance: 'present',
      substituteForId: null,
      partialPresence: '',
      note: '',
      itemAbsences: [],
    },
  });
  save(library, items.kbVote, 'decision', [
    { type: 'paragraph', children: [{ type: 'text', text: 'Indstillingen blev godkendt.' }] },
    {
      type: 'vote',
      subject: 'Ændringsforslag om beboerlicens',
      for: { participantIds: [], parties: ['Ø'], count: 1 },
      against: { participantIds: [], parties: ['C'], count: 15 },
      abstained: { participantIds: [], parties: [], count: 0 },
      outcome: 'rejected',
    },
    {
      type: 'dissent',
      participantId: bo.id,
      text: 'Enhedslisten ønsker gratis beboerlicens i hele kommunen.',
    },
  ]);
  save(library, items.tmuHal2020, 'decision', 'Anlægsregnskabet godkendt.');
  createAppendix(db, {
    meetingId: meetings.tmu2019,
    appendix: {
      title: 'Skitseprojekt for hallen',
      documentNumber: '2107443',
      caseId: 'EMN-2019-01234',
      isClosed: false,
      itemId: items.tmuHal,
    },
  });
  return { committees, meetings, items };
}

function search(library: Library, text: string, extra: Partial<SearchArgs> = {}) {
  return searchLibrary(library.db, { text, ...extra });
}

function meetingIdsOf(groups: SearchGroup[]): string[] {
  return groups.map((group) => group.meeting.id);
}

describe('search', () => {
  it('finds known words and phrases in the right meetings, newest first', () => {
    const library = newLibrary();
    const { meetings, items } = seed(library);
    const hal = search(library, 'idrætshal');
    expect(meetingIdsOf(hal.groups)).toEqual([
      meetings.tmu2020,
      meetings.kb2019,
      meetings.oeu2019,
      meetings.tmu2019,
    ]);
    const phrase = search(library, '"supercykelstier langs Lyngbyvej"');
    expect(meetingIdsOf(phrase.groups)).toEqual([meetings.tmu2018]);
    expect(phrase.groups[0]?.hits[0]).toMatchObject({
      itemId: items.cykel2018,
      place: 'body',
      bodyField: 'casePresentation',
    });
    expect(search(library, '"langs supercykelstier"').groups).toEqual([]);
    expect(checkSearchIndex(library.db)).toEqual([]);
  });

  it('finds the text of table cells, the cells kept apart in the snippet', () => {
    const library = newLibrary();
    const { meetings, items } = seed(library);
    const cell = (text: string) => ({
      children: [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text }] }],
    });
    save(library, items.cykel2018, 'decision', [
      { type: 'paragraph', children: [{ type: 'text', text: 'Tilskud:' }] },
      {
        type: 'table',
        headerRow: true,
        rows: [
          { cells: [cell('Forening'), cell('Beløb')] },
          { cells: [cell('Kajakklubben Strandvejen'), cell('40.000 kr.')] },
        ],
      },
    ]);
    const result = search(library, 'kajakklubben');
    expect(meetingIdsOf(result.groups)).toEqual([meetings.tmu2018]);
    const hit = result.groups[0]?.hits[0];
    expect(hit).toMatchObject({ itemId: items.cykel2018, bodyField: 'decision' });
    expect(snippetToText(hit?.snippet ?? [], '[', ']')).toContain(
      '[Kajakklubben] Strandvejen | 40.000 kr.',
    );
    expect(checkSearchIndex(library.db)).toEqual([]);
  });

  it('highlights the matches in snippets', () => {
    const library = newLibrary();
    seed(library);
    const result = search(library, 'håndbold');
    const hit = result.groups[0]?.hits[0];
    expect(hit?.snippet.filter((s) => s.isHit).map((s) => s.text)).toEqual(['håndbold']);
    expect(snippetToText(hit?.snippet ?? [], '[', ']')).toContain('plads til [håndbold] og');
  });

  it('treats æ, ø and å as letters of their own, ignoring case', () => {
    const library = newLibrary();
    const { meetings } = seed(library);
    expect(meetingIdsOf(search(library, 'ÆBLEHAVEN').groups)).toEqual([meetings.tmu2019]);
    expect(meetingIdsOf(search(library, 'ørnegårdsskolen').groups)).toHaveLength(4);
    // "år" and "ar" are different words (the default tokenizer would fold å to a).
    const aar = search(library, 'år');
    const ar = search(library, 'ar');
    expect(snippetToText(aar.groups[0]?.hits[0]?.snippet ?? [], '[', ']')).toContain('ikke [år]');
    expect(snippetToText(ar.groups[0]?.hits[0]?.snippet ?? [], '[', ']')).not.toContain('[år]');
    expect(meetingIdsOf(search(library, 'arsplan').groups)).toEqual([]);
    expect(meetingIdsOf(search(library, 'årsplan').groups)).toEqual([meetings.tmu2018]);
  });

  it('matches prefixes, explicit and while typing', () => {
    const library = newLibrary();
    const { meetings } = seed(library);
    expect(meetingIdsOf(search(library, 'supercykel*').groups)).toEqual([meetings.tmu2018]);
    expect(search(library, 'supercykel').groups).toEqual([]);
    expect(meetingIdsOf(search(library, 'supercyk', { isTyping: true }).groups)).toEqual([
      meetings.tmu2018,
    ]);
    expect(meetingIdsOf(search(library, 'Ørnegård', { isTyping: true }).groups)).toHaveLength(4);
  });

  it('finds case ids, document numbers, participant names, vote subjects and dissents', () => {
    const library = newLibrary();
    const { meetings, items } = seed(library);
    expect(meetingIdsOf(search(library, 'EMN-2019-01234').groups)).toEqual([
      meetings.tmu2020,
      meetings.kb2019,
      meetings.oeu2019,
      meetings.tmu2019,
    ]);
    const appendix = search(library, '2107443');
    expect(appendix.groups[0]?.hits[0]).toMatchObject({ itemId: items.tmuHal, place: 'appendix' });
    expect(search(library, 'Østergård').groups[0]?.hits.map((h) => h.place)).toContain(
      'participants',
    );
    expect(search(library, 'beboerlicens').groups[0]?.hits[0]).toMatchObject({
      itemId: items.kbVote,
      bodyField: 'decision',
    });
    expect(meetingIdsOf(search(library, '"gratis beboerlicens"').groups)).toEqual([
      meetings.kb2019,
    ]);
  });

  it('filters by committee, date range and case id', () => {
    const library = newLibrary();
    const { committees, meetings } = seed(library);
    expect(
      meetingIdsOf(search(library, 'idrætshal', { committeeIds: [committees.tmu] }).groups),
    ).toEqual([meetings.tmu2020, meetings.tmu2019]);
    expect(
      meetingIdsOf(search(library, 'idrætshal', { from: '2019-09-11', to: '2019-09-30' }).groups),
    ).toEqual([meetings.kb2019, meetings.oeu2019]);
    expect(meetingIdsOf(search(library, 'godkendt', { caseId: 'emn-2019-01234' }).groups)).toEqual([
      meetings.tmu2020,
      meetings.kb2019,
    ]);
    expect(() => search(library, 'x', { from: '2020-01-01', to: '2019-01-01' })).toThrow(
      /date range is empty/,
    );
  });

  it('hides closed text unless it is included, but finds the public title and decision', () => {
    const library = newLibrary();
    const { meetings, items } = seed(library);
    expect(search(library, 'Hemmelighedsfuld').groups).toEqual([]);
    expect(search(library, 'afskedigelse').groups).toEqual([]);
    const included = search(library, 'Hemmelighedsfuld', { isClosedIncluded: true });
    expect(meetingIdsOf(included.groups)).toEqual([meetings.oeu2019]);
    expect(included.groups[0]?.hits[0]).toMatchObject({
      itemId: items.oeuPersonale,
      isClosed: true,
      itemTitle: 'Personalesag',
    });
    const open = search(library, '"Indstillingen blev godkendt"');
    const personale = open.groups
      .flatMap((g) => g.hits)
      .find((h) => h.itemId === items.oeuPersonale);
    expect(personale).toMatchObject({
      bodyField: 'publicDecision',
      isClosed: false,
      itemTitle: 'Personalesag (lukket)',
    });
    // Closing an item hides its text from then on.
    updateItem(library.db, { id: items.cykel2018, patch: { isClosed: true } });
    expect(search(library, 'supercykelstier').groups).toEqual([]);
    expect(search(library, 'supercykelstier', { isClosedIncluded: true }).groups).toHaveLength(1);
  });

  it('answers broken FTS syntax and operator soup with results or a clear message, never an error', () => {
    const library = newLibrary();
    seed(library);
    const hostile = [
      '"',
      'idrætshal"',
      '"idrætshal',
      'AND',
      'OR OR',
      'NOT idrætshal',
      'idrætshal AND',
      '(idrætshal',
      'idrætshal)',
      'NEAR(idrætshal',
      'text:idrætshal',
      'tags:closed',
      '{tags}: closed',
      '^idrætshal',
      'idræts*hal',
      '*',
      '-',
      '-idrætshal',
      '\u0000',
      'x'.repeat(10_000),
      "'; DROP TABLE meetings; --",
    ];
    for (const text of hostile) {
      for (const isTyping of [false, true]) {
        const result = search(library, text, { isTyping });
        if (result.query.isEmpty) expect(result.query.message, text).toMatch(/\w+/);
        else expect(Array.isArray(result.groups), text).toBe(true);
      }
    }
    expect(search(library, 'idrætshal"').groups.length).toBe(4);
    expect(search(library, '(idrætshal').groups.length).toBe(4);
    expect(search(library, '-idrætshal').query).toMatchObject({
      isEmpty: true,
      reason: 'onlyExclusions',
    });
    // The filter tokens are not searchable as words.
    expect(search(library, 'closed', { isClosedIncluded: true }).groups).toEqual([]);
  });

  it('excludes words and supports OR', () => {
    const library = newLibrary();
    const { meetings } = seed(library);
    expect(meetingIdsOf(search(library, 'idrætshal -anlægsregnskab').groups)).not.toContain(
      meetings.tmu2020,
    );
    expect(meetingIdsOf(search(library, 'supercykelstier OR beboerlicens').groups)).toEqual([
      meetings.kb2019,
      meetings.tmu2018,
    ]);
  });

  it('pages newest first with a cursor and ranks by relevance on request', () => {
    const library = newLibrary();
    const { meetings } = seed(library);
    const first = search(library, 'ørnegårdsskolen', { limit: 3 });
    expect(meetingIdsOf(first.groups)).toEqual([
      meetings.tmu2020,
      meetings.kb2019,
      meetings.oeu2019,
    ]);
    expect(first.nextCursor).not.toBeNull();
    const second = search(library, 'ørnegårdsskolen', { limit: 3, cursor: first.nextCursor ?? '' });
    expect(meetingIdsOf(second.groups)).toEqual([meetings.tmu2019]);
    expect(second.nextCursor).toBeNull();
    const ranked = search(library, 'idrætshal håndbold OR idrætshal', { order: 'relevance' });
    expect(ranked.groups[0]?.meeting.id).toBe(meetings.tmu2019);
    expect(() => search(library, 'x', { cursor: 'r:3' })).toThrow(/cursor/);
  });

  it('echoes the request id so a client can drop stale answers', () => {
    const library = newLibrary();
    seed(library);
    expect(search(library, 'idræts', { isTyping: true, requestId: 41 }).requestId).toBe(41);
    expect(search(library, '', { requestId: 42 })).toMatchObject({
      requestId: 42,
      query: { isEmpty: true, reason: 'empty' },
    });
  });
});

describe('the index follows every save in the same transaction', () => {
  it('finds a word right after the body save and forgets the replaced text', () => {
    const library = newLibrary();
    const { items } = seed(library);
    save(library, items.tmuKlima, 'decision', 'Sendt i høring om skybrudssikring.');
    expect(library.db.prepare('SELECT count(*) FROM search_dirty').pluck().get()).toBe(0);
    expect(search(library, 'skybrudssikring').groups).toHaveLength(1);
    expect(search(library, '"faldne bemærkninger"').groups).toEqual([]);
    expect(checkSearchIndex(library.db)).toEqual([]);
  });

  it('rolls the index back with the save when the transaction fails', () => {
    const library = newLibrary();
    const { items } = seed(library);
    expect(() =>
      writeTransaction(library.db, () => {
        save(library, items.tmuKlima, 'decision', 'Kystsikring vedtaget.');
        expect(search(library, 'kystsikring').groups).toHaveLength(1);
        throw new Error('power cut');
      }),
    ).toThrow('power cut');
    expect(search(library, 'kystsikring').groups).toEqual([]);
    expect(search(library, 'høring').groups).toHaveLength(1);
    expect(checkSearchIndex(library.db)).toEqual([]);
  });

  it('follows title, case id, appendix, date and deletion changes', () => {
    const library = newLibrary();
    const { meetings, items } = seed(library);
    updateItem(library.db, {
      id: items.tmuKlima,
      patch: { title: 'Klimatilpasningsplan', caseId: 'EMN-2019-77777' },
    });
    expect(search(library, 'klimatilpasningsplan').groups).toHaveLength(1);
    expect(search(library, 'EMN-2019-77777').groups).toHaveLength(1);
    expect(search(library, 'EMN-2019-04321').groups).toEqual([]);

    updateMeeting(library.db, { id: meetings.tmu2018, patch: { date: '2021-01-05' } });
    expect(search(library, 'idrætshal OR supercykelstier').groups[0]?.meeting.id).toBe(
      meetings.tmu2018,
    );
    expect(search(library, 'supercykelstier', { to: '2020-12-31' }).groups).toEqual([]);

    const appendix = createAppendix(library.db, {
      meetingId: meetings.kb2019,
      appendix: {
        title: 'Trafiktælling Strandvejen',
        documentNumber: '998877',
        caseId: '',
        isClosed: false,
        itemId: null,
      },
    });
    expect(search(library, 'trafiktælling').groups[0]?.hits[0]).toMatchObject({
      place: 'appendix',
      appendixId: appendix.id,
    });
    deleteAppendix(library.db, { id: appendix.id });
    expect(search(library, 'trafiktælling').groups).toEqual([]);

    deleteItem(library.db, { id: items.tmuKlima, isDecisionLossConfirmed: true });
    expect(search(library, 'høring').groups).toEqual([]);
    deleteMeeting(library.db, { id: meetings.tmu2020 });
    expect(search(library, 'anlægsregnskab').groups).toEqual([]);
    expect(checkSearchIndex(library.db)).toEqual([]);
    expect(
      library.db
        .prepare('SELECT count(*) FROM search_docs WHERE meeting_id = ?')
        .pluck()
        .get(meetings.tmu2020),
    ).toBe(0);
  });

  it('builds the index of an existing library when migration 0020 runs', () => {
    const file = path.join(makeTempDir(), 'old.sqlite');
    const old = new Database(file);
    old.pragma('foreign_keys = ON');
    old.transaction(() => {
      createLibrary.up(old);
      old.pragma('user_version = 10');
    })();
    old.exec(`
      INSERT INTO committees VALUES ('c1', 'Børne- og Skoleudvalget', 'staaende_udvalg', '', 'fagudvalg', '2019-01-01T00:00:00Z');
      INSERT INTO meetings (id, committee_id, number, kind, date, location, case_id, is_closed, status, template, created_at)
        VALUES ('m1', 'c1', 1, 'ordinary', '2019-01-15', 'Rådhuset', '', 0, 'approved', 'fagudvalg', '2019-01-01T00:00:00Z');
      INSERT INTO agenda_items (id, meeting_id, number, position, title, is_closed, case_id, kind)
        VALUES ('i1', 'm1', 1, 0, 'Skolestruktur', 0, 'EMN-2019-00001', 'decision');
      INSERT INTO bodies (item_id, field, content, revision, updated_at, updated_by)
        VALUES ('i1', 'decision', '[{"type":"paragraph","children":[{"type":"text","text":"Sammenlægning af skoler udsat."}]}]', 1, '2019-01-15T12:00:00Z', 'x');
    `);
    old.close();
    const library = open(file);
    expect(library.schemaVersion).toBeGreaterThanOrEqual(20);
    expect(meetingIdsOf(search(library, 'sammenlægning').groups)).toEqual(['m1']);
    expect(checkSearchIndex(library.db)).toEqual([]);
    expect(writeTransaction(library.db, (db) => rebuildSearchIndex(db))).toBe(3);
  });
});

describe('decision register and Tidligere beslutninger', () => {
  it('offers the earlier decisions of a case across three committees in date order', () => {
    const library = newLibrary();
    const { items, meetings } = seed(library);
    const chain = previousDecisions(library.db, { itemId: items.tmuHal2020 });
    expect(chain.caseId).toBe('EMN-2019-01234');
    expect(chain.entries.map((e) => e.line)).toEqual([
      'Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales.',
      'Økonomiudvalget, 17. september 2019, pkt. 120: Anbefales over for Kommunalbestyrelsen.',
      'Kommunalbestyrelsen, 30. september 2019, pkt. 7: Godkendt.',
    ]);
    expect(chain.entries.map((e) => e.meetingId)).toEqual([
      meetings.tmu2019,
      meetings.oeu2019,
      meetings.kb2019,
    ]);
    // Only earlier meetings count: the Økonomiudvalget item sees only the first.
    expect(
      previousDecisions(library.db, { itemId: items.oeuHal }).entries.map((e) => e.itemId),
    ).toEqual([items.tmuHal]);
    expect(previousDecisions(library.db, { itemId: items.aarsplan2018 })).toEqual({
      caseId: '',
      entries: [],
    });
  });

  it('inserts the chosen ones as linked lines in date order, once', () => {
    const library = newLibrary();
    const { items, meetings } = seed(library);
    save(library, items.tmuHal2020, 'previousDecisions', '.');
    const base = getItemBodies(library.db, items.tmuHal2020).previousDecisions.revision;
    const result = insertPreviousDecisions(library.db, {
      itemId: items.tmuHal2020,
      sourceItemIds: [items.kbHal, items.tmuHal],
      baseRevision: base,
      author: 'tester',
    });
    expect(result.insertedItemIds).toEqual([items.kbHal, items.tmuHal]);
    const body = getItemBodies(library.db, items.tmuHal2020).previousDecisions;
    expect(body.revision).toBe(base + 1);
    expect(body.content.map(chainLineItemId)).toEqual([items.tmuHal, items.kbHal]);
    const first = body.content[0];
    expect(first?.type === 'paragraph' && first.children[0]).toMatchObject({
      type: 'link',
      url: `referat://meeting/${meetings.tmu2019}#item-${items.tmuHal}`,
    });
    // The missing middle link goes between them; repeating a source changes nothing.
    insertPreviousDecisions(library.db, {
      itemId: items.tmuHal2020,
      sourceItemIds: [items.oeuHal, items.tmuHal],
      baseRevision: body.revision,
      author: 'tester',
    });
    const after = getItemBodies(library.db, items.tmuHal2020).previousDecisions;
    expect(after.content.map(chainLineItemId)).toEqual([items.tmuHal, items.oeuHal, items.kbHal]);
    expect(
      previousDecisions(library.db, { itemId: items.tmuHal2020 }).entries.every(
        (e) => e.isInserted,
      ),
    ).toBe(true);
    // The inserted chain is searchable at once.
    expect(
      search(library, '"Anbefales over for Kommunalbestyrelsen"').groups.map((g) => g.meeting.id),
    ).toContain(meetings.tmu2020);
  });

  it('refuses sources that are not earlier decisions on the case, and stale revisions', () => {
    const library = newLibrary();
    const { items } = seed(library);
    expect(() =>
      insertPreviousDecisions(library.db, {
        itemId: items.tmuHal2020,
        sourceItemIds: [items.cykel2018],
        baseRevision: 0,
        author: 't',
      }),
    ).toThrow(/Not an earlier decision on case EMN-2019-01234/);
    expect(() =>
      insertPreviousDecisions(library.db, {
        itemId: items.tmuHal2020,
        sourceItemIds: [items.tmuHal],
        baseRevision: 5,
        author: 't',
      }),
    ).toThrow(/changed elsewhere/);
  });

  it('uses the public decision of a closed item unless closed text is included into a closed item', () => {
    const library = newLibrary();
    const { items, meetings } = seed(library);
    const later = createItem(library.db, {
      meetingId: meetings.kb2019,
      item: {
        title: 'Personalesag, opfølgning',
        isClosed: false,
        publicTitle: '',
        caseId: 'EMN-2019-09999',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    const open = previousDecisions(library.db, { itemId: later.id, isClosedIncluded: true });
    expect(open.entries.map((e) => e.decisionText)).toEqual(['Indstillingen blev godkendt.']);
    expect(open.entries[0]?.itemTitle).toBe('Personalesag (lukket)');
    updateItem(library.db, { id: later.id, patch: { isClosed: true } });
    const closed = previousDecisions(library.db, { itemId: later.id, isClosedIncluded: true });
    expect(closed.entries.map((e) => e.decisionText)).toEqual(['Afskedigelse godkendt.']);
    expect(items.oeuPersonale).toBe(closed.entries[0]?.itemId);
  });

  it('lists every decision grouped by case, each case oldest first, with filters', () => {
    const library = newLibrary();
    const { committees, items } = seed(library);
    const all = listDecisions(library.db, {});
    const hal = all.cases.find((c) => c.caseId.toUpperCase() === 'EMN-2019-01234');
    expect(hal?.entries.map((e) => e.itemId)).toEqual([
      items.tmuHal,
      items.oeuHal,
      items.kbHal,
      items.tmuHal2020,
    ]);
    expect(all.cases[0]?.caseId).toBe('EMN-2019-01234');
    const closedEntry = all.cases
      .flatMap((c) => c.entries)
      .find((e) => e.itemId === items.oeuPersonale);
    expect(closedEntry).toMatchObject({
      decisionText: 'Indstillingen blev godkendt.',
      isClosed: false,
    });
    const withClosed = listDecisions(library.db, { isClosedIncluded: true }).cases.flatMap(
      (c) => c.entries,
    );
    expect(withClosed.find((e) => e.itemId === items.oeuPersonale)).toMatchObject({
      decisionText: 'Afskedigelse godkendt.',
      isClosed: true,
    });
    const tmu = listDecisions(library.db, { committeeIds: [committees.tmu] }).cases.flatMap(
      (c) => c.entries,
    );
    expect(new Set(tmu.map((e) => e.committeeName))).toEqual(new Set(['Teknik- og Miljøudvalget']));
    const text = listDecisions(library.db, { text: 'anbefales' });
    expect(text.cases.map((c) => c.entries.map((e) => e.itemId))).toEqual([
      [items.tmuHal, items.oeuHal],
    ]);
    const paged = listDecisions(library.db, { limit: 2 });
    expect(paged.cases).toHaveLength(2);
    const next = listDecisions(library.db, { limit: 2, cursor: paged.nextCursor ?? '' });
    expect(next.cases[0]?.caseId).not.toBe(paged.cases[0]?.caseId);
  });
});
