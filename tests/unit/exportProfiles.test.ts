/**
 * The minutes follow their profile (common/domain/profiles.ts) and never drop or invent text:
 * regression tests for what was found when the exports were compared with the editor and with
 * real minutes.
 */
import { describe, expect, it } from 'vitest';
import { builtInProfiles, type MinutesProfile } from '../../common/domain/profiles';
import type { Vote } from '../../common/domain/richText';
import { buildEdition } from '../../common/export/editions';
import { layoutMinutes, type LayoutBlock } from '../../common/export/layoutMinutes';
import { a4Geometry, typeset, type Measure } from '../../common/export/typeset';
import type { ReferatDocument } from '../../common/format/referat1';
import { generateMeeting } from '../support/generateMeeting';
import { layoutBlockText } from '../support/layoutText';

/** As layoutBlockText, an image shown as `[its alternative text]`. */
const textOf = (block: LayoutBlock): string =>
  block.kind === 'image' ? `[${block.altText}]` : layoutBlockText(block);
const texts = (blocks: readonly LayoutBlock[]) => blocks.map(textOf);
const headings = (blocks: readonly LayoutBlock[]) =>
  blocks.flatMap((block) => (block.kind === 'heading' ? [`H${block.level} ${textOf(block)}`] : []));
const profile = (id: string): MinutesProfile => {
  const found = builtInProfiles.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no profile ${id}`);
  return found;
};
const paragraph = (text: string) => [
  { type: 'paragraph' as const, children: [{ type: 'text' as const, text }] },
];
const monospace: Measure = (text, font) =>
  text.length * (font === 'bold' || font === 'boldItalic' ? 0.6 : 0.55);

function oneItem(template: 'opgaveudvalg' | 'fagudvalg' = 'fagudvalg'): ReferatDocument {
  return generateMeeting({ items: 1, pagesPerItem: 0.2, template });
}

describe('findings: the exports neither drop nor invent text', () => {
  it('an opgaveudvalg meeting prints its items’ Resumé, Indstilling, Sagsfremstilling, Økonomi and Tidligere beslutninger (once left out silently)', () => {
    const doc = oneItem('opgaveudvalg');
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.bodies.summary = paragraph('MARKER-SUMMARY');
    item.bodies.recommendation = paragraph('MARKER-RECOMMENDATION');
    item.bodies.casePresentation = paragraph('MARKER-CASE');
    item.bodies.finances = paragraph('MARKER-FINANCES');
    item.bodies.previousDecisions = paragraph('MARKER-PREVIOUS');
    const blocks = layoutMinutes(doc);
    const all = texts(blocks);
    const at = (text: string) => all.indexOf(text);
    for (const marker of [
      'MARKER-SUMMARY',
      'MARKER-RECOMMENDATION',
      'MARKER-CASE',
      'MARKER-FINANCES',
      'MARKER-PREVIOUS',
    ])
      expect(all, marker).toContain(marker);
    // Under their default labels, after the profile's own section (the decision).
    expect(headings(blocks)).toEqual(
      expect.arrayContaining([
        'H4 Resumé',
        'H4 Indstilling',
        'H4 Sagsfremstilling',
        'H4 Økonomi',
        'H4 Tidligere beslutninger',
      ]),
    );
    expect(at('MARKER-SUMMARY')).toBeGreaterThan(at('Ad Projektafrunding'));
    expect(all.lastIndexOf('Resumé')).toBeGreaterThan(
      all.findIndex((text) => text.includes('Indstillingen blev vedtaget.')),
    );
  });

  it('prints no "Ingen beslutning." under an item without a decision, unless the profile says so', () => {
    const doc = oneItem();
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    delete item.bodies.decision;
    const blocks = layoutMinutes(doc);
    expect(texts(blocks).join('\n')).not.toContain('Ingen beslutning');
    expect(headings(blocks)).not.toContain('H3 Beslutning');
    const withText = { ...profile('fagudvalg'), noDecisionText: 'Sagen blev ikke behandlet.' };
    const own = texts(layoutMinutes(doc, { profile: withText }));
    expect(own).toContain('Sagen blev ikke behandlet.');
  });

  it('prints an end time without a start time', () => {
    const doc = oneItem();
    doc.meeting.startTime = null;
    doc.meeting.endTime = '18:00';
    expect(texts(layoutMinutes(doc))).toContain('Tid: til kl. 18.00');
    expect(texts(layoutMinutes(doc, { lang: 'en' }))).toContain('Time: until 18:00');
  });

  it('the full edition shows a closed item’s public decision, labelled as what will be published', () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.2, closedEvery: 2 });
    const full = texts(layoutMinutes(doc, { edition: 'full' }));
    const label = full.indexOf('Offentliggøres som:');
    expect(label).toBeGreaterThan(full.indexOf('Ad Lukket sag 2') + 0);
    expect(full[label + 1]).toBe('Udvalget traf beslutning i sagen.');
    const english = texts(layoutMinutes(doc, { edition: 'full', lang: 'en' }));
    expect(english).toContain('To be published as:');
    // The public edition prints it as the decision, without the label.
    const published = texts(layoutMinutes(buildEdition(doc, 'public'), { edition: 'public' }));
    expect(published).toContain('Udvalget traf beslutning i sagen.');
    expect(published).not.toContain('Offentliggøres som:');
  });

  it('the public edition keeps partial presence', () => {
    const doc = oneItem();
    const member = doc.participants[2];
    if (!member) throw new Error('no participant');
    member.partialPresence = 'fraværende til kl. 19.15 i punkt 3';
    member.note = 'privat grund';
    const all = texts(layoutMinutes(buildEdition(doc, 'public'), { edition: 'public' })).join('\n');
    expect(all).toContain('Marianne Zangenberg (A), fraværende til kl. 19.15 i punkt 3');
    expect(all).not.toContain('privat grund');
  });

  it('writes a vote by party letters without head counts as prose, never "For stemte 0"', () => {
    const doc = oneItem();
    const vote: Vote = {
      type: 'vote',
      subject: 'indstillingen',
      for: { participantIds: [], parties: ['B', 'F', 'Ø'], count: null },
      against: { participantIds: [], parties: ['V'], count: null },
      abstained: { participantIds: [], parties: [], count: null },
      outcome: 'adopted',
    };
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.bodies.decision = [vote];
    const all = texts(layoutMinutes(doc)).join('\n');
    expect(all).toContain(
      'Medlemmerne fra B, F og Ø stemte for. Medlemmerne fra V stemte imod. Indstillingen blev vedtaget.',
    );
    expect(all).not.toMatch(/For stemte|Undlod at stemme|stemte 0/);
  });

  it('writes one member one way in attendance, votes, dissents and on the signature page', () => {
    const doc = generateMeeting({ items: 1, pagesPerItem: 0.2, template: 'opgaveudvalg' });
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.bodies.decision = [
      {
        type: 'vote',
        subject: '',
        for: { participantIds: ['p2', 'p3', 'p4'], parties: [], count: null },
        against: { participantIds: ['p1'], parties: [], count: null },
        abstained: { participantIds: [], parties: [], count: null },
        outcome: 'adopted',
      },
      { type: 'dissent', participantId: 'p1', text: 'Imod.' },
    ];
    const blocks = layoutMinutes(doc, { isWithSignaturePage: true });
    const all = texts(blocks).join('\n');
    const canonical = 'Kristine Kryger (C, formand)';
    expect(all).toContain(`• ${canonical}`);
    expect(all).toContain(`${canonical} stemte imod.`);
    expect(all).toContain(`Protokoltilførsel fra ${canonical}: Imod.`);
    expect(blocks.some((block) => block.kind === 'signature' && block.name === canonical)).toBe(
      true,
    );
    expect(all).not.toMatch(/\(C\) \(formand\)|\(formand\) \(C\)|Kryger \(formand\)/);
  });
});

describe('profiles', () => {
  it('beslutningsprotokol: document title on top, the sections in the profile’s order and labels', () => {
    const doc = oneItem();
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.bodies.previousDecisions = paragraph('Tidligere behandlet.');
    const blocks = layoutMinutes(doc, { profile: profile('beslutningsprotokol') });
    expect(textOf(blocks[0] as LayoutBlock)).toBe('Beslutningsprotokol');
    expect(blocks[1]?.kind).toBe('heading');
    const h3 = headings(blocks).filter((heading) => heading.startsWith('H3 '));
    expect(h3).toEqual([
      'H3 Sagens kerne',
      'H3 Indstilling',
      'H3 Tidligere beslutninger',
      'H3 Beslutning',
      'H3 Sagsfremstilling',
      'H3 Økonomi',
      'H3 Bilag',
    ]);
  });

  it('aarsnummereret: the item heading follows the pattern ("Pkt. 42 Title")', () => {
    const doc = oneItem();
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    item.number = 42;
    expect(headings(layoutMinutes(doc, { profile: profile('aarsnummereret') }))).toContain(
      'H2 Pkt. 42 Projektafrunding',
    );
  });

  it('marks an item of the tillægsdagsorden as such in its heading, in Danish and English', () => {
    const doc = generateMeeting({ items: 2, pagesPerItem: 0.1, template: 'fagudvalg' });
    const [first, second] = doc.agendaItems;
    if (!first || !second) throw new Error('no items');
    second.isSupplementary = true;
    const danish = headings(layoutMinutes(doc, { profile: profile('fagudvalg') }));
    expect(danish).toContain(`H2 ${second.number}. ${second.title} (tillægsdagsorden)`);
    expect(danish).toContain(`H2 ${first.number}. ${first.title}`);
    expect(headings(layoutMinutes(doc, { profile: profile('fagudvalg'), lang: 'en' }))).toContain(
      `H2 ${second.number}. ${second.title} (supplementary agenda)`,
    );
  });

  it('grupperet: items split into "For åbne døre" and "For lukkede døre"', () => {
    const doc = generateMeeting({
      items: 4,
      pagesPerItem: 0.1,
      closedEvery: 2,
      template: 'fagudvalg',
    });
    const list = headings(layoutMinutes(doc, { profile: profile('grupperet') }));
    const open = list.indexOf('H2 For åbne døre');
    const closed = list.indexOf('H2 For lukkede døre');
    expect(open).toBeGreaterThan(0);
    expect(closed).toBeGreaterThan(open);
    expect(list.indexOf('H3 1. Projektafrunding')).toBeGreaterThan(open);
    expect(list.indexOf('H3 1. Projektafrunding')).toBeLessThan(closed);
    expect(
      list.findIndex(
        (heading) => heading.startsWith('H3 2. ') && heading.endsWith('(lukket punkt)'),
      ),
    ).toBeGreaterThan(closed);
    expect(list).toContain('H4 Beskrivelse af sagen');
  });

  it('attendance compact on page 1 ("Til stede: …", "Afbud: …") or as a list at the end', () => {
    const doc = oneItem();
    const compact = texts(layoutMinutes(doc, { profile: profile('fagudvalg') }));
    const present = compact.indexOf(
      'Til stede: Kristine Kryger (C, formand), Michael Fenger (C, næstformand), Marianne Zangenberg (A), Andreas Weidinger (V), Katja S. Johansen (Ø) og Søren Ågård.',
    );
    expect(present).toBeGreaterThan(0);
    expect(compact[present + 1]).toBe('Afbud: Birthe Østergaard.');
    expect(present).toBeLessThan(compact.indexOf('1. Projektafrunding'));
    const list = texts(layoutMinutes(doc, { profile: profile('opgaveudvalg') }));
    expect(list.indexOf('Til stede:')).toBeGreaterThan(list.indexOf('Ad Projektafrunding'));
  });

  it('appendices per item or at the end, with or without numbers', () => {
    const doc = oneItem();
    const perItem = texts(layoutMinutes(doc, { profile: profile('fagudvalg') }));
    expect(perItem).toContain('1. Bilag til Projektafrunding (3100000 - EMN-2017-05812)');
    const unnumbered = texts(
      layoutMinutes(doc, {
        profile: { ...profile('fagudvalg'), appendixNumbering: 'none', appendixPlacement: 'end' },
      }),
    );
    expect(unnumbered.at(-1)).toBe('Bilag til Projektafrunding (3100000 - EMN-2017-05812)');
    expect(unnumbered.at(-2)).toBe('Bilag');
  });

  it('English exports translate the built-in labels and keep an edited label as written', () => {
    const doc = oneItem();
    const edited: MinutesProfile = {
      ...profile('fagudvalg'),
      itemSections: profile('fagudvalg').itemSections.map((section) =>
        section.field === 'casePresentation' ? { ...section, label: 'Sagens forløb' } : section,
      ),
    };
    const list = headings(layoutMinutes(doc, { profile: edited, lang: 'en' }));
    expect(list).toEqual(
      expect.arrayContaining([
        'H3 Summary',
        'H3 Recommendation',
        'H3 Decision',
        'H3 Sagens forløb',
      ]),
    );
    expect(texts(layoutMinutes(doc, { profile: edited, lang: 'en' }))).toContain('Minutes');
  });

  it('municipality and logo on top of the first page, the logo a Figure with alternate text', () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    ).toString('base64');
    const withLogo: MinutesProfile = {
      ...profile('fagudvalg'),
      municipality: 'Gentofte Kommune',
      logo: { mediaType: 'image/png', dataBase64: png, altText: 'Gentofte Kommunes logo' },
    };
    const blocks = layoutMinutes(oneItem(), { profile: withLogo });
    expect(texts(blocks).slice(0, 4)).toEqual([
      '[Gentofte Kommunes logo]',
      'Gentofte Kommune',
      'Referat',
      '(Åben) 5. møde i Opgaveudvalget om Innovation den 12. december 2017',
    ]);
    const result = typeset(blocks, monospace, a4Geometry);
    const figure = result.structure.findIndex((node) => node.type === 'Figure');
    expect(result.structure[figure]?.alt).toBe('Gentofte Kommunes logo');
    expect(result.pages[0]?.images).toEqual([
      expect.objectContaining({ struct: figure, mediaType: 'image/png', height: 40 }),
    ]);
  });

  it('the signature page in two columns holds a 31-member council on one page', () => {
    const doc = oneItem();
    const base = doc.participants[0];
    if (!base) throw new Error('no participant');
    doc.participants = Array.from({ length: 31 }, (_unused, index) => ({
      ...base,
      id: `s${index}`,
      name: `Medlem Nummer ${index + 1}`,
      role: 'member' as const,
      position: index,
      attendance: 'present' as const,
    }));
    const blocks = layoutMinutes(doc, { isWithSignaturePage: true });
    const result = typeset(blocks, monospace, a4Geometry);
    const signaturePage = result.pages.findIndex((page) =>
      page.lines.some((line) =>
        line.segments.some((segment) => segment.text === 'Underskriftsblad'),
      ),
    );
    expect(signaturePage).toBe(result.pages.length - 1);
    const names = result.pages[signaturePage]?.lines.flatMap((line) =>
      line.segments.filter((segment) => segment.text.startsWith('Medlem')),
    );
    expect(names?.length).toBe(31);
    // Two columns: the right column starts in the middle of the page.
    expect(new Set(names?.map((segment) => Math.round(segment.x))).size).toBe(2);
  });
});
