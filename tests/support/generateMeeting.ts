/**
 * Generated meetings for tests and benchmarks of the exports: realistic Danish text with lists,
 * headings, formatting, votes and dissents, open and closed items and appendices. Deterministic
 * (a seeded generator), so a given size always gives the same document.
 *
 * Pure core.
 */
import type { Block, Inline, RichText } from '../../common/domain/richText';
import { profileForTemplate } from '../../common/domain/profiles';
import type { ReferatDocument } from '../../common/format/referat2';
import { seededRandom } from './seededRandom';

export type GenerateOptions = {
  items: number;
  /** Roughly how many A4 pages of text each item gets. */
  pagesPerItem?: number;
  template?: 'opgaveudvalg' | 'fagudvalg';
  /** Every n-th item (1-based) is closed; 0 for none. */
  closedEvery?: number;
  seed?: number;
};

const sentences = [
  'Udvalget drøftede sagen og lagde vægt på, at borgerinddragelsen fortsætter i det kommende år.',
  'Forvaltningen redegjorde for økonomien, herunder de forventede udgifter til drift og anlæg i 2018-2021.',
  'Det blev besluttet at arbejde videre med en model for samskabelse mellem borgere, politikere og medarbejdere.',
  'Kommunalbestyrelsesmedlemmerne fremhævede betydningen af en åben og undersøgende tilgang til løsningerne.',
  'Projektejeren fortalte om de læringer, der er opnået undervejs, og om de næste skridt i projektet.',
  'Der var enighed om, at kvaliteten i velfærdsydelserne skal fastholdes, selv om ressourcerne er færre.',
  'Ældre- og Omsorgsudvalget samt Børne- og Skoleudvalget orienteres om resultatet af høringen.',
  'Øvrige bemærkninger: Æbleplantagen ved Øresundsvej åbner igen, og Åløkkeskolen får nye lokaler.',
  'Sagen genoptages på næste møde, hvor forvaltningen fremlægger et revideret forslag til godkendelse.',
  'Medlemmerne udtrykte stor tilfredshed med samarbejdet og takkede for de mange gode input.',
];
const titles = [
  'Projektafrunding',
  'Læringssporet og status på udvalgets leverancer',
  'Budgetopfølgning for ældreområdet',
  'Høring om trafikplan for Øresundsvej',
  'Medlemmernes input og feedback',
  'Ansøgning om tilskud til foreningslivet',
  'Orientering om digitaliseringsstrategien',
  'Afrunding',
];

function text(
  value: string,
  style: { bold?: boolean; italic?: boolean; underline?: boolean } = {},
): Inline {
  return { type: 'text', text: value, ...style };
}

/** Generates a valid `referat/2` meeting. */
export function generateMeeting(options: GenerateOptions): ReferatDocument {
  const next = seededRandom(options.seed ?? 42);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const template = options.template ?? 'opgaveudvalg';
  const closedEvery = options.closedEvery ?? 0;
  const paragraphsPerItem = Math.max(1, Math.round((options.pagesPerItem ?? 0.5) * 5.6));
  const participants: ReferatDocument['participants'] = [
    ['Kristine Kryger', 'chair', 'C', false],
    ['Michael Fenger', 'vice_chair', 'C', false],
    ['Marianne Zangenberg', 'member', 'A', false],
    ['Andreas Weidinger', 'member', 'V', false],
    ['Katja S. Johansen', 'member', 'Ø', false],
    ['Søren Ågård', 'member', null, true],
    ['Birthe Østergaard', 'member', null, true],
  ].map(([name, role, party, isCitizen], index) => ({
    id: `p${index + 1}`,
    memberId: `m${index + 1}`,
    name: name as string,
    role: role as 'chair' | 'vice_chair' | 'member',
    party: party as string | null,
    isCitizen: isCitizen as boolean,
    attendance: index === 6 ? 'absent_with_notice' : 'present',
    isCalledIn: false,
    substituteForId: null,
    partialPresence: '',
    presenceChanges: [],
    note: '',
    itemAbsences: [],
    position: index,
  }));
  const members: ReferatDocument['members'] = participants.map((p) => ({
    id: p.memberId ?? p.id,
    name: p.name,
    role: p.role,
    party: p.party,
    isCitizen: p.isCitizen,
    position: p.position,
    isActive: true,
  }));
  const paragraph = (): Block => {
    const count = 3 + Math.floor(next() * 4);
    const children: Inline[] = [];
    for (let i = 0; i < count; i++) {
      const sentence = pick(sentences);
      const style = next() < 0.08 ? { bold: true } : next() < 0.06 ? { italic: true } : {};
      children.push(text(`${sentence} `, style));
    }
    return { type: 'paragraph', children };
  };
  const body = (itemIndex: number): RichText => {
    const blocks: Block[] = [];
    for (let i = 0; i < paragraphsPerItem; i++) {
      if (i % 4 === 1) {
        blocks.push({
          type: 'heading',
          level: 2,
          children: [text(`Opsamling ${i}: ${pick(titles)}`)],
        });
      }
      blocks.push(paragraph());
      if (i % 5 === 2) {
        blocks.push({
          type: 'list',
          ordered: true,
          items: [
            { children: [text(pick(sentences))] },
            {
              children: [text(pick(sentences))],
              sublist: {
                type: 'list',
                ordered: false,
                items: [
                  { children: [text(pick(sentences))] },
                  { children: [text(pick(sentences), { underline: true })] },
                ],
              },
            },
            { children: [text(pick(sentences))] },
          ],
        });
      }
    }
    if (itemIndex % 3 === 0) {
      blocks.push({
        type: 'vote',
        subject: 'Indstillingen',
        for: { participantIds: ['p1', 'p2', 'p4'], parties: [], count: null },
        against: { participantIds: ['p5'], parties: [], count: null },
        abstained: { participantIds: ['p3'], parties: [], count: null },
        outcome: 'adopted',
      });
      blocks.push({
        type: 'dissent',
        participantId: 'p5',
        text: 'Ø kan ikke tiltræde indstillingen, da finansieringen er uafklaret.',
      });
    }
    return blocks;
  };
  const agendaItems: ReferatDocument['agendaItems'] = [];
  const appendices: ReferatDocument['appendices'] = [];
  for (let i = 0; i < options.items; i++) {
    const isClosed = closedEvery > 0 && (i + 1) % closedEvery === 0;
    const id = `item${i + 1}`;
    const title = `${titles[i % titles.length] ?? 'Punkt'}${i >= titles.length ? ` (${i + 1})` : ''}`;
    const decision = body(i);
    const bodies: ReferatDocument['agendaItems'][number]['bodies'] = { decision };
    if (template === 'fagudvalg') {
      bodies.summary = [paragraph()];
      bodies.recommendation = [
        { type: 'paragraph', children: [text('Forvaltningen indstiller,')] },
        {
          type: 'list',
          ordered: true,
          items: [
            { children: [text('at sagen godkendes.')] },
            { children: [text('at udgiften finansieres af puljen.')] },
          ],
        },
      ];
      bodies.casePresentation = [paragraph(), paragraph()];
      bodies.finances = [paragraph()];
    }
    if (isClosed)
      bodies.publicDecision = [
        { type: 'paragraph', children: [text('Udvalget traf beslutning i sagen.')] },
      ];
    agendaItems.push({
      id,
      number: i + 1,
      title,
      isClosed,
      publicTitle: isClosed ? `Lukket sag ${i + 1}` : '',
      caseId: `EMN-2017-${String(5812 + i).padStart(5, '0')}`,
      documentNumber: String(2107443 + i),
      presenter: i === 0 ? 'Formand Kristine Kryger' : '',
      kind: 'decision',
      isSupplementary: false,
      groupId: null,
      bodies,
    });
    appendices.push({
      id: `a${i + 1}`,
      itemId: id,
      number: i + 1,
      title: `Bilag til ${title}`,
      documentNumber: String(3100000 + i),
      caseId: `EMN-2017-${String(5812 + i).padStart(5, '0')}`,
      isClosed,
      isAddedAfterMeeting: false,
      file: null,
    });
  }
  return {
    format: 'referat/2',
    profile: profileForTemplate(template),
    committee: {
      id: 'c1',
      name: 'Opgaveudvalget om Innovation',
      kind: 'paragraf17_udvalg',
      organisation: 'Gentofte Kommune',
      template,
      profileId: null,
    },
    members,
    meeting: {
      id: 'meeting1',
      number: 5,
      kind: 'ordinary',
      date: '2017-12-12',
      startTime: '17:00',
      endTime: '19:30',
      location: 'Gentofte Rådhus, mødesal 1',
      caseId: 'EMN-2017-05812',
      isClosed: false,
      status: 'draft',
      template,
      profileId: null,
      bodies: {},
    },
    participants,
    agendaItems,
    appendices,
  };
}
