/**
 * The agenda (dagsorden) layout from the pure core: title page, members, contents, per item the
 * sections the profile shows before the meeting and never a decision (in either edition), a
 * closed item's confidential text only in the full edition, change notes after sending and a
 * tillægsdagsorden with only the items added after sending.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import {
  agendaChanges,
  agendaDocument,
  changeNotes,
  layoutAgenda,
  prepareAgenda,
} from '../../common/export/layoutAgenda';
import type { LayoutBlock } from '../../common/export/layoutMinutes';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { generateMeeting } from '../support/generateMeeting';
import { layoutBlockText } from '../support/layoutText';

const fixture = (): ReferatDocument =>
  parseReferatDocument(
    readFileSync(
      path.join(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    ),
  );

const paragraph = (text: string) => [
  { type: 'paragraph' as const, children: [{ type: 'text' as const, text }] },
];

/** Every text of the blocks, one string. */
function textOf(blocks: readonly LayoutBlock[]): string {
  return blocks.map(layoutBlockText).join('\n');
}

/** A generated meeting whose every item has a decision, and a closed item full of markers. */
function meetingWithDecisions(): ReferatDocument {
  const doc = generateMeeting({ items: 6, pagesPerItem: 0.3, template: 'fagudvalg', seed: 3 });
  doc.agendaItems.forEach((item, index) => {
    item.bodies.decision = paragraph(`BESLUTNING-${index}`);
  });
  const closed = doc.agendaItems[2];
  if (!closed) throw new Error('no third item');
  closed.isClosed = true;
  closed.title = 'MARKER-TITLE Personalesag';
  closed.publicTitle = 'Personalesag';
  closed.presenter = 'MARKER-PRESENTER';
  closed.bodies = {
    summary: paragraph('MARKER-SUMMARY'),
    recommendation: paragraph('MARKER-RECOMMENDATION'),
    casePresentation: paragraph('MARKER-CASE'),
    finances: paragraph('MARKER-FINANCES'),
    decision: paragraph('MARKER-DECISION'),
    publicDecision: paragraph('OFFENTLIG-BESLUTNING'),
  };
  return doc;
}

describe('the agenda layout', () => {
  it('prints the title page, the members, the contents and per item its agenda sections', () => {
    const doc = fixture();
    const { document } = prepareAgenda(doc, 'agenda', 'full');
    const blocks = layoutAgenda(document, { kind: 'agenda' });
    const text = textOf(blocks);
    expect(text).toContain('Dagsorden');
    expect(text).toContain('(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017');
    expect(text).toContain('Sags ID: EMN-2017-05812');
    expect(text).toContain('Medlemmer');
    expect(text).toContain('Kristine Kryger (formand)');
    expect(text).toContain('Indholdsfortegnelse');
    expect(blocks.filter((block) => block.kind === 'tocEntry')).toHaveLength(
      doc.agendaItems.length,
    );
    // One heading per item with its anchor (the bookmark and the contents' link target).
    const anchored = blocks.filter((block) => block.kind === 'heading' && block.anchor);
    expect(anchored).toHaveLength(doc.agendaItems.length);
    expect(text).toContain('1. Læringsopsamling og politisk model');
    // The minutes' decisions heading and Ad-sections are not in an agenda.
    expect(text).not.toContain('Beslutninger:');
    expect(text).not.toMatch(/^Ad /m);
    expect(text).not.toContain('Underskriftsblad');
  });

  it('never contains a decision, in either edition', () => {
    const doc = meetingWithDecisions();
    for (const edition of ['full', 'public'] as const) {
      const { document } = prepareAgenda(doc, 'agenda', edition);
      const text = textOf(layoutAgenda(document, { kind: 'agenda', edition }));
      expect(text).not.toMatch(/BESLUTNING-\d/);
      expect(text).not.toContain('MARKER-DECISION');
      expect(text).not.toContain('OFFENTLIG-BESLUTNING');
      expect(text).not.toContain('Beslutning\n');
      for (const item of document.agendaItems) {
        expect(item.bodies.decision).toBeUndefined();
        expect(item.bodies.publicDecision).toBeUndefined();
      }
    }
  });

  it('keeps the sections the profile leaves out of the agenda out of it', () => {
    const doc = meetingWithDecisions();
    doc.profile = {
      ...doc.profile,
      itemSections: doc.profile.itemSections.map((section) =>
        section.field === 'finances' ? { ...section, isInAgenda: false } : section,
      ),
    };
    const agenda = agendaDocument(doc, 'agenda');
    expect(agenda.agendaItems.every((item) => item.bodies.finances === undefined)).toBe(true);
    expect(textOf(layoutAgenda(agenda, { kind: 'agenda' }))).not.toContain('MARKER-FINANCES');
  });

  it('shows a closed item in full only in the full edition; the public agenda has none of its confidential text', () => {
    const doc = meetingWithDecisions();
    const full = textOf(
      layoutAgenda(prepareAgenda(doc, 'agenda', 'full').document, { kind: 'agenda' }),
    );
    expect(full).toContain('MARKER-CASE');
    expect(full).toContain('Lukkede punkter');
    const { document } = prepareAgenda(doc, 'agenda', 'public');
    const text = textOf(layoutAgenda(document, { kind: 'agenda', edition: 'public' }));
    for (const marker of [
      'MARKER-TITLE',
      'MARKER-PRESENTER',
      'MARKER-SUMMARY',
      'MARKER-RECOMMENDATION',
      'MARKER-CASE',
      'MARKER-FINANCES',
      'MARKER-DECISION',
    ])
      expect(text).not.toContain(marker);
    expect(text).toContain('Personalesag');
  });

  it('refuses a public agenda with a CPR number, like the minutes', () => {
    const doc = meetingWithDecisions();
    doc.agendaItems[0]!.bodies.casePresentation = paragraph('Borgeren 010203-1234 klager.');
    let caught: unknown;
    try {
      prepareAgenda(doc, 'agenda', 'public');
    } catch (error) {
      caught = error;
    }
    expect(isDomainError(caught) && caught.code).toBe('personal_data');
    // A CPR number only in a decision does not stop the agenda, which never shows it.
    const other = meetingWithDecisions();
    other.agendaItems[0]!.bodies.decision = paragraph('Borgeren 010203-1234 fik medhold.');
    expect(() => prepareAgenda(other, 'agenda', 'public')).not.toThrow();
  });

  it('notes the sections changed after sending, with the sending date', () => {
    const doc = meetingWithDecisions();
    const sent = agendaDocument(doc, 'agenda');
    const changed = structuredClone(doc);
    const item = changed.agendaItems[0]!;
    item.bodies.recommendation = paragraph('Ny indstilling efter udsendelse.');
    item.bodies.decision = paragraph('Beslutningen ændrer ikke dagsordenen.');
    // A section opened and left empty is no change.
    item.bodies.consultation = [{ type: 'paragraph', children: [] }];
    const now = agendaDocument(changed, 'agenda');
    const changes = agendaChanges(sent, now);
    expect(changes).toEqual([
      {
        itemId: item.id,
        number: item.number,
        title: item.title,
        isAdded: false,
        isRemoved: false,
        fields: ['recommendation'],
      },
    ]);
    const blocks = layoutAgenda(now, {
      kind: 'agenda',
      changes: changeNotes(changes, '2017-12-05'),
    });
    const text = textOf(blocks);
    expect(text.match(/Ændret efter udsendelse 5\. december 2017/g)).toHaveLength(1);
    // The note sits under the changed section's heading, before its text.
    const at = text.indexOf('Ændret efter udsendelse');
    expect(text.slice(0, at)).toMatch(/Indstilling\n$/);
    expect(text.slice(at)).toMatch(/^[^\n]*\nNy indstilling efter udsendelse\./);
    // An item closed after sending is a change, noted under its heading.
    const closedNow = structuredClone(changed);
    closedNow.agendaItems[1]!.isClosed = true;
    const closing = agendaChanges(sent, agendaDocument(closedNow, 'agenda'));
    expect(closing.find((c) => c.itemId === closedNow.agendaItems[1]!.id)?.fields).toEqual([
      'isClosed',
    ]);
  });

  it('makes the tillægsdagsorden of the supplementary items only, and refuses one without items', () => {
    const doc = meetingWithDecisions();
    expect(() => prepareAgenda(doc, 'supplementary-agenda', 'full')).toThrow(/no item/);
    const added = doc.agendaItems[4]!;
    added.isSupplementary = true;
    added.title = 'Tilføjet punkt';
    const { document } = prepareAgenda(doc, 'supplementary-agenda', 'full');
    expect(document.agendaItems.map((item) => item.id)).toEqual([added.id]);
    expect(document.appendices.every((appendix) => appendix.itemId === added.id)).toBe(true);
    const text = textOf(layoutAgenda(document, { kind: 'supplementary-agenda' }));
    expect(text).toContain('Tillægsdagsorden');
    expect(text).toContain('Tilføjet punkt (tillægsdagsorden)');
    for (const other of doc.agendaItems.filter((item) => item !== added))
      expect(text).not.toContain(other.title);
  });
});
