import { describe, expect, it } from 'vitest';
import { richTextSchema } from '../../common/domain/richText';
import { agendaLines, agendaRichText, type AgendaPoint } from '../../common/editor/agendaText';

const point = (
  position: number,
  title: string,
  presenter = '',
  closed: Partial<Pick<AgendaPoint, 'isClosed' | 'publicTitle'>> = {},
): AgendaPoint => ({
  position,
  title,
  presenter,
  isClosed: false,
  publicTitle: '',
  ...closed,
});

// The Resumé of the model document (Opgaveudvalget om Innovation, 12 December 2017).
const modelAgenda: AgendaPoint[] = [
  point(2, 'Læringssporet og status på udvalgets 4 leverancer'),
  point(0, 'Velkomst', 'Formand Marie-Louise Andreassen'),
  point(
    1,
    'Projektafrunding og tak',
    'de tre projektejere Bo Sund, Jesper Holmboe og Frank E. Andersen',
  ),
];

describe('agendaLines', () => {
  it('lists the points in agenda order as "Title v/ Presenter", as the model document', () => {
    expect(agendaLines(modelAgenda, { lang: 'da', isOpenText: true })).toEqual([
      'Velkomst v/ Formand Marie-Louise Andreassen',
      'Projektafrunding og tak v/ de tre projektejere Bo Sund, Jesper Holmboe og Frank E. Andersen',
      'Læringssporet og status på udvalgets 4 leverancer',
    ]);
  });

  it('writes "by" in the English UI', () => {
    expect(agendaLines(modelAgenda, { lang: 'en', isOpenText: true })[0]).toBe(
      'Velkomst by Formand Marie-Louise Andreassen',
    );
  });

  it('treats a presenter of blanks as none and trims the title', () => {
    expect(agendaLines([point(0, ' Kort pause ', '  ')], { lang: 'da', isOpenText: true })).toEqual(
      ['Kort pause'],
    );
  });

  it('lists a closed item in open text only by its public title, without the presenter', () => {
    const items = [
      point(0, 'Salg af grunden Bernstorffsvej 20', 'Direktør A', {
        isClosed: true,
        publicTitle: 'Salg af grund',
      }),
      point(1, 'Personalesag', 'Direktør B', { isClosed: true }),
    ];
    expect(agendaLines(items, { lang: 'da', isOpenText: true })).toEqual([
      'Salg af grund',
      'Lukket punkt',
    ]);
    expect(agendaLines(items, { lang: 'en', isOpenText: true })[1]).toBe('Closed item');
    // In a closed meeting nothing is public: the real titles and presenters are listed.
    expect(agendaLines(items, { lang: 'da', isOpenText: false })).toEqual([
      'Salg af grunden Bernstorffsvej 20 v/ Direktør A',
      'Personalesag v/ Direktør B',
    ]);
  });
});

describe('agendaRichText', () => {
  it('is one valid bulleted list with a text per point', () => {
    const content = agendaRichText(modelAgenda, { lang: 'da', isOpenText: true });
    expect(richTextSchema.safeParse(content).success).toBe(true);
    expect(content).toHaveLength(1);
    const list = content[0];
    if (list?.type !== 'list') throw new Error('expected a list');
    expect(list.ordered).toBe(false);
    expect(list.items.map((item) => item.children)).toEqual([
      [{ type: 'text', text: 'Velkomst v/ Formand Marie-Louise Andreassen' }],
      [
        {
          type: 'text',
          text: 'Projektafrunding og tak v/ de tre projektejere Bo Sund, Jesper Holmboe og Frank E. Andersen',
        },
      ],
      [{ type: 'text', text: 'Læringssporet og status på udvalgets 4 leverancer' }],
    ]);
  });

  it('is empty for a meeting without agenda points', () => {
    expect(agendaRichText([], { lang: 'da', isOpenText: true })).toEqual([]);
  });
});
