import { describe, expect, it } from 'vitest';
import {
  linkSchema,
  richTextFromPlain,
  richTextSchema,
  safeUrlSchema,
  type RichText,
} from '../../common/domain/richText';
import {
  chainLineItemId,
  condenseDecisionText,
  formatPreviousDecisionLine,
  mergePreviousDecisions,
  parseReferatUrl,
  previousDecisionParagraph,
  referatItemUrl,
  type PreviousDecisionSource,
} from '../../common/search/previousDecisions';
import { snippetToText } from '../../common/search/snippet';

const tmu: PreviousDecisionSource = {
  meetingId: 'm-tmu-2019',
  itemId: 'i-tmu-65',
  committeeName: 'Teknik- og Miljøudvalget',
  date: '2019-09-10',
  meetingNumber: 8,
  itemNumber: 65,
  decisionText: 'Anbefales.',
};
const oeu: PreviousDecisionSource = {
  meetingId: 'm-oeu-2019',
  itemId: 'i-oeu-120',
  committeeName: 'Økonomiudvalget',
  date: '2019-09-17',
  meetingNumber: 9,
  itemNumber: 120,
  decisionText: 'Anbefales over for\nKommunalbestyrelsen.',
};
const kb: PreviousDecisionSource = {
  meetingId: 'm-kb-2019',
  itemId: 'i-kb-7',
  committeeName: 'Kommunalbestyrelsen',
  date: '2019-09-30',
  meetingNumber: 10,
  itemNumber: 7,
  decisionText: 'Godkendt.',
};

function plain(content: RichText): string[] {
  return content.map((block) =>
    block.type === 'paragraph'
      ? block.children
          .map((c) =>
            c.type === 'text'
              ? c.text
              : c.type === 'link'
                ? c.children.map((r) => r.text).join('')
                : '?',
          )
          .join('')
      : `<${block.type}>`,
  );
}

describe('referat:// links', () => {
  it('accepts exactly referat://meeting/<id>[#item-<id>] besides http(s) and mailto', () => {
    for (const url of [
      'referat://meeting/abc-1',
      'referat://meeting/abc#item-x_2',
      'https://example.dk/a',
      'mailto:a@b.dk',
    ]) {
      expect(safeUrlSchema.safeParse(url).success, url).toBe(true);
    }
    for (const url of [
      'referat://meeting/',
      'referat://meeting/a/b',
      'referat://meeting/a#item-',
      'referat://meeting/a#item-b c',
      'referat://meeting/a?x=1',
      'referat://meeting/a#item-b#c',
      'referat://file/etc/passwd',
      'referat:javascript:alert(1)',
      'javascript:alert(1)',
      'file:///etc/passwd',
      `referat://meeting/${'a'.repeat(65)}`,
    ]) {
      expect(safeUrlSchema.safeParse(url).success, url).toBe(false);
    }
  });

  it('builds and parses item links and refuses ids outside the id alphabet', () => {
    const url = referatItemUrl('m1', 'i-2');
    expect(url).toBe('referat://meeting/m1#item-i-2');
    expect(parseReferatUrl(url)).toEqual({ meetingId: 'm1', itemId: 'i-2' });
    expect(parseReferatUrl('referat://meeting/m1')).toEqual({ meetingId: 'm1', itemId: null });
    expect(parseReferatUrl('https://x.dk')).toBeNull();
    expect(() => referatItemUrl('m 1', 'i')).toThrow(RangeError);
  });
});

describe('chain lines', () => {
  it('formats the line the way the minutes write it', () => {
    expect(formatPreviousDecisionLine(tmu)).toBe(
      'Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales.',
    );
    expect(formatPreviousDecisionLine(oeu)).toBe(
      'Økonomiudvalget, 17. september 2019, pkt. 120: Anbefales over for Kommunalbestyrelsen.',
    );
  });

  it('links the reference to its source and validates as rich text', () => {
    const paragraph = previousDecisionParagraph(tmu);
    expect(richTextSchema.safeParse([paragraph]).success).toBe(true);
    const link = paragraph.children[0];
    expect(linkSchema.parse(link).url).toBe('referat://meeting/m-tmu-2019#item-i-tmu-65');
    expect(chainLineItemId(paragraph)).toBe('i-tmu-65');
  });

  it('shortens very long decisions at a word boundary', () => {
    const long = condenseDecisionText('ord '.repeat(400));
    expect(long.length).toBeLessThanOrEqual(602);
    expect(long.endsWith(' …')).toBe(true);
  });
});

describe('mergePreviousDecisions', () => {
  it('replaces a lone "." placeholder with the chain in date order', () => {
    const merged = mergePreviousDecisions(richTextFromPlain('.'), [kb, tmu, oeu]);
    expect(plain(merged.content)).toEqual([
      'Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales.',
      'Økonomiudvalget, 17. september 2019, pkt. 120: Anbefales over for Kommunalbestyrelsen.',
      'Kommunalbestyrelsen, 30. september 2019, pkt. 7: Godkendt.',
    ]);
    expect(merged.insertedItemIds).toEqual(['i-kb-7', 'i-tmu-65', 'i-oeu-120']);
  });

  it('does not insert a source twice and fits new lines into the existing chain by date', () => {
    const first = mergePreviousDecisions([], [tmu, kb]);
    const known = new Map([
      [
        tmu.itemId,
        { date: tmu.date, committeeName: tmu.committeeName, itemNumber: tmu.itemNumber },
      ],
      [kb.itemId, { date: kb.date, committeeName: kb.committeeName, itemNumber: kb.itemNumber }],
    ]);
    const second = mergePreviousDecisions(first.content, [kb, oeu], known);
    expect(second.insertedItemIds).toEqual(['i-oeu-120']);
    expect(plain(second.content).map((line) => line.split(',')[0])).toEqual([
      'Teknik- og Miljøudvalget',
      'Økonomiudvalget',
      'Kommunalbestyrelsen',
    ]);
    const third = mergePreviousDecisions(second.content, [tmu], known);
    expect(third.insertedItemIds).toEqual([]);
    expect(third.content).toBe(second.content);
  });

  it('keeps the secretary’s own text and puts the chain where it already was', () => {
    const intro = richTextFromPlain('Sagen har tidligere været behandlet:');
    const outro = richTextFromPlain('Se også bilag 2.');
    const withChain = [...intro, previousDecisionParagraph(kb), ...outro];
    const known = new Map([
      [kb.itemId, { date: kb.date, committeeName: kb.committeeName, itemNumber: kb.itemNumber }],
    ]);
    const merged = mergePreviousDecisions(withChain, [tmu], known);
    expect(plain(merged.content)).toEqual([
      'Sagen har tidligere været behandlet:',
      'Teknik- og Miljøudvalget, 10. september 2019, pkt. 65: Anbefales.',
      'Kommunalbestyrelsen, 30. september 2019, pkt. 7: Godkendt.',
      'Se også bilag 2.',
    ]);
  });

  it('keeps a line whose source is unknown next to its neighbours', () => {
    const orphan = previousDecisionParagraph({ ...oeu, itemId: 'deleted-item' });
    const known = new Map([
      [kb.itemId, { date: kb.date, committeeName: kb.committeeName, itemNumber: kb.itemNumber }],
    ]);
    const merged = mergePreviousDecisions([orphan, previousDecisionParagraph(kb)], [tmu], known);
    expect(merged.content.map(chainLineItemId)).toEqual(['i-tmu-65', 'deleted-item', 'i-kb-7']);
  });

  it('appends after other content when there is no chain yet', () => {
    const merged = mergePreviousDecisions(richTextFromPlain('Intro'), [tmu]);
    expect(plain(merged.content)[0]).toBe('Intro');
    expect(plain(merged.content)).toHaveLength(2);
  });
});

describe('snippetToText', () => {
  it('wraps hits in the given marks', () => {
    expect(
      snippetToText(
        [
          { text: 'om ', isHit: false },
          { text: 'innovation', isHit: true },
        ],
        '[',
        ']',
      ),
    ).toBe('om [innovation]');
    expect(snippetToText([])).toBe('');
  });
});
