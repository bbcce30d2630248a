/**
 * referat/1 interchange over real libraries: the model fixture imports, export → import →
 * export gives identical documents (and bytes), keepBoth rewrites every reference, replace and
 * refuse behave, and a failing import writes nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import type { RichText } from '../../common/domain/richText';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument, serializeReferatDocument } from '../../common/format/referatJson';
import { exportMeetingDocument, importMeetingDocument } from '../../main/node/storage/interchange';
import type { Library } from '../../main/node/storage/library';
import { attachFileToAppendix, createAppendix } from '../../main/node/storage/queries/appendices';
import { saveBody } from '../../main/node/storage/queries/bodies';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { createItem } from '../../main/node/storage/queries/items';
import {
  createMeeting,
  getMeetingDetail,
  setMeetingStatus,
} from '../../main/node/storage/queries/meetings';
import { listMembers } from '../../main/node/storage/queries/members';
import { createParticipant, updateParticipant } from '../../main/node/storage/queries/participants';
import { tableMeeting } from '../support/tableMeeting';
import { newLibrary, seedCommittee, text } from './storageHelpers';
import { describeError } from '../../common/contract/result';

const fixturePath = path.resolve(__dirname, '../fixtures/gentofte-2017-12-12.referat.json');

function tableCounts(library: Library): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of [
    'committees',
    'members',
    'meetings',
    'participants',
    'participant_item_absences',
    'agenda_items',
    'bodies',
    'revisions',
    'appendices',
    'files',
  ]) {
    out[table] = Number(library.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get());
  }
  return out;
}

function expectDomainError(fn: () => unknown, code: string): string {
  try {
    fn();
  } catch (error) {
    if (!isDomainError(error)) throw error;
    expect(error.code).toBe(code);
    return describeError(error);
  }
  throw new Error(`expected a ${code} error`);
}

/** A meeting using every feature the document carries. */
function buildRichMeeting(library: Library): string {
  const db = library.db;
  const { committee } = seedCommittee(library);
  const meeting = createMeeting(db, {
    committeeId: committee.id,
    number: 5,
    date: '2017-12-12',
    kind: 'ordinary',
    isCopyingPrevious: false,
  });
  const meetingId = meeting.meeting.id;
  const item = (title: string, extra: Partial<Parameters<typeof createItem>[1]['item']> = {}) =>
    createItem(db, {
      meetingId,
      item: {
        title,
        isClosed: false,
        publicTitle: '',
        caseId: '',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
        ...extra,
      },
    });
  const open = item('Projektafrunding', {
    caseId: 'EMN-2017-05812',
    presenter: 'Bo Sund',
    kind: 'orientation',
  });
  const closed = item('Personsag', {
    isClosed: true,
    publicTitle: 'Lukket punkt',
    documentNumber: '123/17',
  });
  const [chair, vice, citizen] = meeting.participants;
  if (!chair || !vice || !citizen) throw new Error('participants missing');
  updateParticipant(db, {
    id: vice.id,
    patch: { attendance: 'absent_with_notice', note: 'Afbud' },
  });
  const substitute = createParticipant(db, {
    meetingId,
    participant: {
      name: 'Stedfortræder Hansen',
      role: 'member',
      party: 'A',
      isCitizen: false,
      attendance: 'present',
      substituteForId: vice.id,
      partialPresence: 'til kl. 18.40',
      note: '',
      itemAbsences: [{ itemId: closed.id, kind: 'not_participating', reason: '' }],
    },
  });
  updateParticipant(db, {
    id: citizen.id,
    patch: {
      itemAbsences: [
        { itemId: closed.id, kind: 'not_participating', reason: '' },
        { itemId: open.id, kind: 'not_participating', reason: '' },
      ],
    },
  });
  const appendix = createAppendix(db, {
    meetingId,
    appendix: {
      title: 'Læringsopsamling',
      documentNumber: '2107443',
      caseId: 'EMN-2017-05812',
      isClosed: false,
      itemId: open.id,
    },
  });
  attachFileToAppendix(db, {
    id: appendix.id,
    file: {
      sha256: 'ab'.repeat(32),
      size: 1234,
      name: 'opsamling.pdf',
      mediaType: 'application/pdf',
    },
  });
  createAppendix(db, {
    meetingId,
    appendix: {
      title: 'Fortroligt bilag',
      documentNumber: '',
      caseId: '',
      isClosed: true,
      itemId: closed.id,
    },
  });

  const decision: RichText = [
    {
      type: 'heading',
      level: 2,
      children: [{ type: 'text', text: 'Ad Projektafrunding', bold: true }],
    },
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'appendixRef', appendixId: appendix.id },
        { type: 'text', text: ' og ' },
        { type: 'participantRef', participantId: substitute.id },
      ],
    },
    {
      type: 'list',
      ordered: true,
      items: [
        {
          children: [{ type: 'text', text: 'Et', italic: true }],
          sublist: {
            type: 'list',
            ordered: false,
            items: [
              {
                children: [
                  {
                    type: 'link',
                    url: 'https://gentofte.dk',
                    children: [{ type: 'text', text: 'link', underline: true }],
                  },
                ],
              },
            ],
          },
        },
      ],
    },
    {
      type: 'vote',
      subject: 'Indstillingen',
      for: { participantIds: [chair.id, substitute.id], parties: [], count: null },
      against: { participantIds: [], parties: ['V'], count: 1 },
      abstained: { participantIds: [], parties: [], count: null },
      outcome: 'adopted',
    },
    { type: 'dissent', participantId: substitute.id, text: 'Jeg tager forbehold.' },
  ];
  const save = (owner: Parameters<typeof saveBody>[1]['owner'], content: RichText) =>
    saveBody(db, { owner, content, baseRevision: 0, author: 'tester' });
  save({ kind: 'item', itemId: open.id, field: 'decision' }, decision);
  save({ kind: 'item', itemId: open.id, field: 'summary' }, text('Resumé'));
  save({ kind: 'item', itemId: closed.id, field: 'publicDecision' }, text('Beslutning truffet.'));
  save({ kind: 'meeting', meetingId, field: 'summary' }, text('Velkomst v/ formanden'));
  return meetingId;
}

describe('referat/1 interchange', () => {
  it('imports the model fixture and exports it as the same canonical text', () => {
    const library = newLibrary();
    const fixtureText = fs.readFileSync(fixturePath, 'utf8');
    const document = parseReferatDocument(fixtureText);
    const { meetingId } = importMeetingDocument(library.db, document);
    expect(meetingId).toBe(document.meeting.id);
    const exported = exportMeetingDocument(library.db, meetingId);
    expect(serializeReferatDocument(exported)).toBe(serializeReferatDocument(document));
    const detail = getMeetingDetail(library.db, meetingId);
    expect(detail.committee.name).toBe('Opgaveudvalget om Innovation');
    expect(detail.items.length).toBe(document.agendaItems.length);
    // Each imported body starts its history at revision 1.
    expect(detail.bodies.summary.revision).toBe(document.meeting.bodies.summary?.length ? 1 : 0);
  });

  it('export → import → export gives identical documents and bytes', () => {
    const source = newLibrary();
    const meetingId = buildRichMeeting(source);
    const first = exportMeetingDocument(source.db, meetingId);
    const firstText = serializeReferatDocument(first);
    const target = newLibrary();
    importMeetingDocument(target.db, parseReferatDocument(firstText));
    const second = exportMeetingDocument(target.db, meetingId);
    expect(second).toEqual(first);
    expect(serializeReferatDocument(second)).toBe(firstText);
    // The document is complete: what the importer rebuilt equals the source meeting.
    const a = getMeetingDetail(source.db, meetingId);
    const b = getMeetingDetail(target.db, meetingId);
    expect(b.participants).toEqual(a.participants);
    expect(b.appendices).toEqual(a.appendices);
    expect(
      b.items.map((i) => ({
        ...i,
        bodies: Object.fromEntries(Object.entries(i.bodies).map(([k, v]) => [k, v.content])),
      })),
    ).toEqual(
      a.items.map((i) => ({
        ...i,
        bodies: Object.fromEntries(Object.entries(i.bodies).map(([k, v]) => [k, v.content])),
      })),
    );
  });

  it('a meeting with tables goes through a library and back to the same bytes; keepBoth rewrites references in cells', () => {
    const document = tableMeeting(parseReferatDocument(fs.readFileSync(fixturePath, 'utf8')), 4);
    const participantId = document.participants[0]?.id ?? '';
    const appendixId = document.appendices[0]?.id ?? '';
    const first = document.agendaItems[0];
    if (!first) throw new Error('fixture without items');
    first.bodies.decision = [
      ...(first.bodies.decision ?? []),
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              {
                children: [
                  { type: 'paragraph', children: [{ type: 'participantRef', participantId }] },
                ],
              },
              {
                children: [{ type: 'paragraph', children: [{ type: 'appendixRef', appendixId }] }],
              },
            ],
          },
        ],
      },
    ];
    const json = serializeReferatDocument(document);
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, parseReferatDocument(json));
    expect(serializeReferatDocument(exportMeetingDocument(library.db, meetingId))).toBe(json);
    const { meetingId: copyId } = importMeetingDocument(library.db, parseReferatDocument(json), {
      onExisting: 'keepBoth',
    });
    const copy = exportMeetingDocument(library.db, copyId);
    const decision = JSON.stringify(copy.agendaItems[0]?.bodies.decision);
    expect(decision).toContain(`"participantId":"${copy.participants[0]?.id ?? '?'}"`);
    expect(decision).toContain(`"appendixId":"${copy.appendices[0]?.id ?? '?'}"`);
    expect(decision).not.toContain(`"participantId":"${participantId}"`);
    expect(decision).toContain('Budgetpost 4');
  });

  it('keepBoth gives the copy new ids and rewrites every reference to them', () => {
    const library = newLibrary();
    const meetingId = buildRichMeeting(library);
    const original = exportMeetingDocument(library.db, meetingId);
    const { meetingId: copyId } = importMeetingDocument(library.db, original, {
      onExisting: 'keepBoth',
    });
    expect(copyId).not.toBe(meetingId);
    const copy = exportMeetingDocument(library.db, copyId);

    const oldIds = new Set([
      meetingId,
      ...original.participants.map((p) => p.id),
      ...original.agendaItems.map((i) => i.id),
      ...original.appendices.map((a) => a.id),
    ]);
    const copyText = JSON.stringify({ ...copy, committee: null, members: null });
    for (const id of oldIds)
      expect(copyText.includes(id), `old id ${id} left in the copy`).toBe(false);

    // Same structure once ids are mapped back.
    const back = new Map<string, string>([[copyId, meetingId]]);
    copy.participants.forEach((p, i) => back.set(p.id, original.participants[i]?.id ?? ''));
    copy.agendaItems.forEach((item, i) => back.set(item.id, original.agendaItems[i]?.id ?? ''));
    copy.appendices.forEach((a, i) => back.set(a.id, original.appendices[i]?.id ?? ''));
    const mappedBack = JSON.parse(JSON.stringify(copy), (_key, value: unknown) =>
      typeof value === 'string' && back.has(value) ? back.get(value) : value,
    ) as ReferatDocument;
    expect(mappedBack).toEqual(original);
    // The copy is a valid document on its own (every reference resolves inside it).
    expect(() => serializeReferatDocument(copy)).not.toThrow();
    // Committee and members are shared, not duplicated.
    expect(library.db.prepare('SELECT count(*) FROM committees').pluck().get()).toBe(1);
    expect(listMembers(library.db, { committeeId: original.committee.id })).toHaveLength(
      original.members.length,
    );
  });

  it('refuse answers conflict and replace swaps a draft meeting for the document', () => {
    const library = newLibrary();
    const meetingId = buildRichMeeting(library);
    const document = exportMeetingDocument(library.db, meetingId);
    const before = tableCounts(library);
    expect(
      expectDomainError(() => importMeetingDocument(library.db, document), 'conflict'),
    ).toContain('already has this meeting');
    expect(tableCounts(library)).toEqual(before);

    const changed: ReferatDocument = {
      ...document,
      meeting: { ...document.meeting, location: 'Rådhuset, mødelokale 1' },
      agendaItems: document.agendaItems.map((item, index) =>
        index === 0 ? { ...item, title: 'Ny titel' } : item,
      ),
    };
    importMeetingDocument(library.db, changed, { onExisting: 'replace' });
    expect(exportMeetingDocument(library.db, meetingId)).toEqual(changed);
    expect(library.db.prepare('SELECT count(*) FROM meetings').pluck().get()).toBe(1);

    setMeetingStatus(library.db, { id: meetingId, status: 'approved' });
    const lockedBefore = tableCounts(library);
    expectDomainError(
      () => importMeetingDocument(library.db, document, { onExisting: 'replace' }),
      'locked',
    );
    expect(tableCounts(library)).toEqual(lockedBefore);
  });

  it('imports an approved meeting as approved with its text', () => {
    const source = newLibrary();
    const meetingId = buildRichMeeting(source);
    setMeetingStatus(source.db, { id: meetingId, status: 'signed' });
    const document = exportMeetingDocument(source.db, meetingId);
    const target = newLibrary();
    importMeetingDocument(target.db, document);
    expect(exportMeetingDocument(target.db, meetingId)).toEqual(document);
  });

  it('matches an existing committee and members by id and adds only the new members', () => {
    const source = newLibrary();
    const meetingId = buildRichMeeting(source);
    const document = exportMeetingDocument(source.db, meetingId);
    const target = newLibrary();
    createCommittee(target.db, { ...document.committee, name: 'Lokalt navn' });
    const known = document.members[1];
    if (!known) throw new Error('no members');
    target.db
      .prepare(
        "INSERT INTO members (id, committee_id, name, role, party, is_citizen, position, is_active) VALUES (?, ?, 'Lokalt medlem', 'member', NULL, 0, 0, 1)",
      )
      .run(known.id, document.committee.id);
    importMeetingDocument(target.db, document);
    // The library's committee and member records win; the other members are added after them.
    const exported = exportMeetingDocument(target.db, meetingId);
    expect(exported.committee.name).toBe('Lokalt navn');
    const members = listMembers(target.db, { committeeId: document.committee.id });
    expect(members.map((m) => m.id)).toEqual([
      known.id,
      ...document.members.filter((m) => m.id !== known.id).map((m) => m.id),
    ]);
    expect(members.map((m) => m.position)).toEqual([0, 1, 2, 3]);
    expect(members[0]?.name).toBe('Lokalt medlem');

    // A participant bound to a member the document and the library lack is refused, with its path.
    const orphan: ReferatDocument = {
      ...document,
      meeting: { ...document.meeting, id: 'orphan' },
      participants: document.participants.map((p, i) =>
        i === 0 ? { ...p, memberId: 'nobody' } : p,
      ),
    };
    const before = tableCounts(target);
    expect(
      expectDomainError(
        () => importMeetingDocument(target.db, orphan, { onExisting: 'keepBoth' }),
        'invalid_input',
      ),
    ).toContain('participants[0].memberId');
    expect(tableCounts(target)).toEqual(before);
  });

  it('writes nothing when the import fails part-way (all or nothing)', () => {
    const source = newLibrary();
    const meetingId = buildRichMeeting(source);
    const document = exportMeetingDocument(source.db, meetingId);

    // A member id that belongs to another committee in the target.
    const target = newLibrary();
    const other = createCommittee(target.db, {
      name: 'Andet udvalg',
      kind: 'staaende_udvalg',
      organisation: '',
      template: 'fagudvalg',
    });
    const lastMember = document.members[document.members.length - 1];
    if (!lastMember) throw new Error('no members');
    target.db
      .prepare(
        "INSERT INTO members (id, committee_id, name, role, party, is_citizen, position, is_active) VALUES (?, ?, 'X', 'member', NULL, 0, 0, 1)",
      )
      .run(lastMember.id, other.id);
    const before = tableCounts(target);
    expect(
      expectDomainError(() => importMeetingDocument(target.db, document), 'conflict'),
    ).toContain(`members[${document.members.length - 1}].id`);
    expect(tableCounts(target)).toEqual(before);

    // Item ids already used by another meeting.
    const reused: ReferatDocument = {
      ...document,
      meeting: { ...document.meeting, id: 'another-meeting' },
    };
    const before2 = tableCounts(source);
    expect(expectDomainError(() => importMeetingDocument(source.db, reused), 'conflict')).toContain(
      'agendaItems[0].id',
    );
    expect(tableCounts(source)).toEqual(before2);

    // A file hash known with another size.
    const clash: ReferatDocument = {
      ...document,
      appendices: document.appendices.map((a) =>
        a.file ? { ...a, file: { ...a.file, size: a.file.size + 1 } } : a,
      ),
    };
    const before3 = tableCounts(source);
    expectDomainError(
      () => importMeetingDocument(source.db, clash, { onExisting: 'keepBoth' }),
      'conflict',
    );
    expect(tableCounts(source)).toEqual(before3);
  });
});
