import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import { buildEdition, closedItemFallbackTitle } from '../../common/export/editions';
import { generateMeeting } from '../support/generateMeeting';
import {
  assertNoCprNumbers,
  checkPersonalData,
  findCprNumbers,
} from '../../common/export/personalData';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument, serializeReferatDocument } from '../../common/format/referatJson';

const fixture = (): ReferatDocument =>
  parseReferatDocument(
    readFileSync(
      path.join(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    ),
  );

function meetingWithClosedItem(): ReferatDocument {
  const doc = generateMeeting({ items: 3, pagesPerItem: 0.2, template: 'fagudvalg' });
  const closed = doc.agendaItems[1];
  if (!closed) throw new Error('no second item');
  closed.isClosed = true;
  closed.publicTitle = 'Personalesag';
  closed.bodies.publicDecision = [
    { type: 'paragraph', children: [{ type: 'text', text: 'Indstillingen blev godkendt.' }] },
  ];
  const appendix = doc.appendices[0];
  if (!appendix) throw new Error('no appendix');
  appendix.isClosed = true;
  // An open item refers to the closed appendix.
  doc.agendaItems[0]?.bodies.decision?.push({
    type: 'paragraph',
    children: [
      { type: 'text', text: 'Se ' },
      { type: 'appendixRef', appendixId: appendix.id },
    ],
  });
  const participant = doc.participants[0];
  if (participant) {
    participant.note = 'syg';
    participant.partialPresence = 'til kl. 18.40';
  }
  return doc;
}

describe('buildEdition', () => {
  it('returns the full document unchanged', () => {
    const doc = fixture();
    expect(buildEdition(doc, 'full')).toBe(doc);
  });

  it('public: a closed item shows its public title and only its public decision, as the decision', () => {
    const doc = meetingWithClosedItem();
    const before = JSON.stringify(doc);
    const edition = buildEdition(doc, 'public');
    expect(JSON.stringify(doc)).toBe(before);
    const closed = edition.agendaItems[1];
    expect(closed?.title).toBe('Personalesag');
    expect(closed?.presenter).toBe('');
    expect(Object.keys(closed?.bodies ?? {})).toEqual(['decision']);
    expect(closed?.bodies.decision).toEqual([
      { type: 'paragraph', children: [{ type: 'text', text: 'Indstillingen blev godkendt.' }] },
    ]);
    // Open items keep their texts, without any publicDecision body.
    expect(Object.keys(edition.agendaItems[0]?.bodies ?? {}).sort()).toEqual(
      ['casePresentation', 'decision', 'finances', 'recommendation', 'summary'].sort(),
    );
  });

  it('public: closed appendices and those of closed items are dropped; references to them become plain text', () => {
    const edition = buildEdition(meetingWithClosedItem(), 'public');
    expect(edition.appendices.map((appendix) => appendix.number)).toEqual([3]);
    const last = edition.agendaItems[0]?.bodies.decision?.at(-1);
    expect(last).toEqual({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Se ' },
        { type: 'text', text: 'Bilag 1' },
      ],
    });
  });

  it('public: attendance notes are cleared, partial presence is kept (who took part in a decision)', () => {
    const doc = meetingWithClosedItem();
    const edition = buildEdition(doc, 'public');
    expect(edition.participants.every((p) => p.note === '')).toBe(true);
    expect(edition.participants.map((p) => p.partialPresence)).toEqual(
      doc.participants.map((p) => p.partialPresence),
    );
    expect(edition.participants.some((p) => p.partialPresence === 'til kl. 18.40')).toBe(true);
  });

  it('public: a closed item without public title or decision gets the fallback title and no body', () => {
    const doc = meetingWithClosedItem();
    const closed = doc.agendaItems[1];
    if (!closed) throw new Error('no item');
    closed.publicTitle = '  ';
    delete closed.bodies.publicDecision;
    const edition = buildEdition(doc, 'public');
    expect(edition.agendaItems[1]?.title).toBe(closedItemFallbackTitle);
    expect(edition.agendaItems[1]?.bodies).toEqual({});
  });

  it('the public edition is a valid referat/1 document (it is embedded as meeting.json)', () => {
    const text = serializeReferatDocument(buildEdition(meetingWithClosedItem(), 'public'));
    expect(parseReferatDocument(text).agendaItems[1]?.title).toBe('Personalesag');
  });
});

describe('findCprNumbers', () => {
  it('finds DDMMYY-XXXX and DDMMYYXXXX with a real date, masked', () => {
    expect(findCprNumbers('CPR 010203-1234 og 3112991234.')).toEqual([
      '010203-XXXX',
      '311299-XXXX',
    ]);
  });

  it('accepts 29 February only in a leap year of some century', () => {
    expect(findCprNumbers('290200-1234')).toEqual(['290200-XXXX']);
    expect(findCprNumbers('290201-1234')).toEqual([]);
  });

  it('ignores impossible dates and numbers inside longer digit runs', () => {
    expect(findCprNumbers('320117-1234 011317-1234 12345678901 2107443 EMN-2017-05812')).toEqual(
      [],
    );
  });
});

describe('checkPersonalData', () => {
  it('lists every place with a human location, also a number split over formatting runs', () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2 });
    doc.meeting.bodies.summary = [
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Sag om 0102' },
          { type: 'text', text: '03-1234', bold: true },
        ],
      },
    ];
    const item = doc.agendaItems[1];
    if (!item) throw new Error('no item');
    item.title = 'Klage fra 111111-1118';
    item.bodies.decision = [
      {
        type: 'list',
        ordered: false,
        items: [
          {
            children: [{ type: 'text', text: 'x' }],
            sublist: {
              type: 'list',
              ordered: true,
              items: [{ children: [{ type: 'text', text: 'nr. 2412991234' }] }],
            },
          },
        ],
      },
    ];
    const appendix = doc.appendices[0];
    if (appendix) appendix.title = 'Udskrift 050505-5555';
    const participant = doc.participants[1];
    if (participant) participant.note = 'se 010101-0101';
    const report = checkPersonalData(doc);
    expect(report.errors.map((e) => `${e.location}: ${e.text}`)).toEqual([
      'Mødet · Resumé: CPR-nummer 010203-XXXX',
      'Deltagere · Michael Fenger: CPR-nummer 010101-XXXX',
      'Punkt 2: CPR-nummer 111111-XXXX',
      'Punkt 2 · Beslutning: CPR-nummer 241299-XXXX',
      'Bilag 1: CPR-nummer 050505-XXXX',
    ]);
    expect(report.errors[0]?.path).toBe('meeting.bodies.summary.0');
    expect(() => assertNoCprNumbers(report)).toThrow(/5 CPR-numre/);
    try {
      assertNoCprNumbers(report);
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('personal_data');
    }
  });

  it('warns when a citizen member is named inside a text, not for the attendance list', () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2 });
    expect(checkPersonalData(doc)).toEqual({ errors: [], warnings: [] });
    const citizen = doc.participants.find((p) => p.isCitizen);
    if (!citizen) throw new Error('no citizen');
    doc.agendaItems[0]?.bodies.decision?.push({
      type: 'paragraph',
      children: [{ type: 'participantRef', participantId: citizen.id }],
    });
    const report = checkPersonalData(doc);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([
      {
        path:
          'agendaItems.0.bodies.decision.' +
          String((doc.agendaItems[0]?.bodies.decision?.length ?? 0) - 1),
        location: 'Punkt 1 · Beslutning',
        text: `Borgermedlem nævnt ved navn: ${citizen.name}`,
      },
    ]);
  });

  it('the model document is clean', () => {
    expect(checkPersonalData(buildEdition(fixture(), 'public'))).toEqual({
      errors: [],
      warnings: [],
    });
  });
});
