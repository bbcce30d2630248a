import { describe, expect, it } from 'vitest';
import {
  maxQueryTerms,
  parseSearchQuery,
  searchTokens,
  type ParsedQuery,
} from '../../common/search/query';

function matchOf(text: string, options: Parameters<typeof parseSearchQuery>[1] = {}): string {
  const parsed = parseSearchQuery(text, options);
  if (parsed.isEmpty)
    throw new Error(`expected a query for ${JSON.stringify(text)}, got ${parsed.reason}`);
  return parsed.match;
}

function reasonOf(parsed: ParsedQuery): string | null {
  return parsed.isEmpty ? parsed.reason : null;
}

/**
 * Every string literal of an FTS5 expression written by the parser must be closed and contain
 * only letters, digits and spaces; everything outside literals must be our own operators.
 */
function assertSafeShape(match: string): void {
  const outside = match.replace(/"[\p{L}\p{N}\p{Co} ]*"\*?/gu, 'T');
  expect(outside).toMatch(/^(text : \()?[T()\s]*(?:(AND|OR|NOT)[T()\s]*)*\)?$/);
}

describe('parseSearchQuery: what users type', () => {
  it('requires every word (implicit AND), each as a literal', () => {
    expect(matchOf('innovation budget')).toBe('"innovation" AND "budget"');
  });

  it('keeps Danish letters and folds case to lower case', () => {
    expect(matchOf('Ærø ØSTERBRO Århus')).toBe('"ærø" AND "østerbro" AND "århus"');
  });

  it('turns an explicit star into a prefix', () => {
    expect(matchOf('inno*')).toBe('"inno"*');
    expect(matchOf('inno** budget')).toBe('"inno"* AND "budget"');
  });

  it('makes the last word a prefix while typing, but not after a space', () => {
    expect(matchOf('ledige dimit', { isTyping: true })).toBe('"ledige" AND "dimit"*');
    expect(matchOf('ledige dimit ', { isTyping: true })).toBe('"ledige" AND "dimit"');
    expect(matchOf('ledige dimit')).toBe('"ledige" AND "dimit"');
  });

  it('needs at least two letters for a prefix', () => {
    expect(matchOf('k*')).toBe('"k"');
    expect(matchOf('budget ø', { isTyping: true })).toBe('"budget" AND "ø"');
    expect(matchOf('budget øk', { isTyping: true })).toBe('"budget" AND "øk"*');
  });

  it('does not make a closed phrase or an exclusion a prefix while typing', () => {
    expect(matchOf('"ledige dimittender"', { isTyping: true })).toBe('"ledige dimittender"');
    expect(matchOf('skole -budg', { isTyping: true })).toBe('("skole") NOT ("budg")');
  });

  it('makes an unfinished phrase a prefix phrase while typing', () => {
    expect(matchOf('"ledige dimit', { isTyping: true })).toBe('"ledige dimit"*');
  });

  it('reads quoted phrases, also unbalanced ones', () => {
    expect(matchOf('"ledige dimittender" mentor')).toBe('"ledige dimittender" AND "mentor"');
    expect(matchOf('mentor "ledige dimittender')).toBe('"mentor" AND "ledige dimittender"');
  });

  it('excludes -words and -"phrases"', () => {
    expect(matchOf('skole -budget -"ny plan"')).toBe('("skole") NOT ("budget" OR "ny plan")');
  });

  it('answers only-exclusions with a clear message', () => {
    const parsed = parseSearchQuery('-budget -skole');
    expect(reasonOf(parsed)).toBe('onlyExclusions');
    expect(parsed.isEmpty && parsed.message).toMatch(/Add at least one word/);
  });

  it('binds OR tighter than the implicit AND and ignores dangling ORs', () => {
    expect(matchOf('plan skole OR daginstitution')).toBe(
      '"plan" AND ("skole" OR "daginstitution")',
    );
    expect(matchOf('a OR b OR c')).toBe('("a" OR "b" OR "c")');
    expect(matchOf('OR skole OR')).toBe('"skole"');
    expect(matchOf('skole OR', { isTyping: true })).toBe('"skole"');
  });

  it('treats lower-case or, AND and NOT as ordinary words', () => {
    expect(matchOf('skole or plan')).toBe('"skole" AND "or" AND "plan"');
    expect(matchOf('skole AND NOT plan')).toBe('"skole" AND "and" AND "not" AND "plan"');
  });

  it('turns a case id or document number into an exact token phrase', () => {
    expect(matchOf('EMN-2017-05812')).toBe('"emn 2017 05812"');
    expect(matchOf('(2107443 - EMN-2017-05812)')).toBe('"2107443" AND "emn 2017 05812"');
  });

  it('confines the expression to one column when asked', () => {
    expect(matchOf('skole -plan', { column: 'text' })).toBe('text : (("skole") NOT ("plan"))');
    expect(() => parseSearchQuery('x', { column: 'text) OR (x' })).toThrow(RangeError);
  });

  it('normalises decomposed letters (a + ring) to the precomposed å', () => {
    expect(matchOf('a\u030Arhus')).toBe('"århus"');
  });
});

describe('parseSearchQuery: hostile input', () => {
  const hostile: string[] = [
    '"',
    '""',
    '"""',
    '"a" "b',
    'AND',
    'OR',
    'NOT',
    'AND OR NOT',
    'a AND',
    'NOT a',
    '*',
    '**',
    'a*b*',
    '^',
    '^a',
    '(',
    ')',
    '(a OR b',
    'a) OR (b',
    'NEAR(',
    'NEAR(a b, 3)',
    'NEAR/2',
    'text:foo',
    '{text tags}: foo',
    '- tags : closed',
    '-',
    '--a',
    '-"',
    '+',
    '\u0000\u0001\u0002\u0003',
    'a\u0000b',
    '\u2028\u2029',
    '\uD800',
    '🙂 🙂🙂',
    "'; DROP TABLE meetings; --",
    'a:b:c',
    'col : (x)',
    '"a" * "b"',
    '\\"',
    '%_',
    ' ',
    '\t\n',
  ];

  for (const text of hostile) {
    it(`answers ${JSON.stringify(text)} with a safe expression or an empty-query reason`, () => {
      const parsed = parseSearchQuery(text, { column: 'text', isTyping: true });
      if (parsed.isEmpty) {
        expect(['empty', 'onlyExclusions']).toContain(parsed.reason);
        expect(parsed.message.length).toBeGreaterThan(10);
      } else {
        assertSafeShape(parsed.match);
      }
    });
  }

  it('answers blank and operator-only text as empty', () => {
    for (const text of ['', '   ', '"', '*', '^', '( )', 'OR', 'OR OR', '-', '\u0000']) {
      expect(reasonOf(parseSearchQuery(text))).toBe('empty');
    }
  });

  it('bounds a 10,000-character query', () => {
    const words = Array.from({ length: 2000 }, (_, i) => `ord${i}`).join(' ');
    const parsed = parseSearchQuery(words.slice(0, 10_000));
    expect(parsed.isEmpty).toBe(false);
    if (!parsed.isEmpty) {
      expect(parsed.groups.length).toBe(maxQueryTerms);
      expect(parsed.isTruncated).toBe(true);
      assertSafeShape(parsed.match);
    }
  });

  it('bounds one 10,000-character word and one 10,000-character phrase', () => {
    const word = matchOf('x'.repeat(10_000));
    expect(word.length).toBeLessThan(100);
    const phrase = parseSearchQuery(`"${'ab '.repeat(3300)}"`);
    expect(phrase.isEmpty).toBe(false);
    if (!phrase.isEmpty) {
      expect(phrase.groups[0]?.[0]?.tokens.length).toBe(32);
      expect(phrase.isTruncated).toBe(true);
    }
  });

  it('never throws on random strings over the operator alphabet', () => {
    const alphabet = [
      '"',
      '*',
      '-',
      '+',
      '(',
      ')',
      '^',
      ':',
      '{',
      '}',
      ' ',
      'OR',
      'AND',
      'NOT',
      'NEAR',
      'å',
      'Ø',
      'x',
      '1',
      '\u0000',
      '\\',
      "'",
    ];
    let seed = 12345;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 2000; round += 1) {
      const length = next() % 20;
      let text = '';
      for (let i = 0; i < length; i += 1) text += alphabet[next() % alphabet.length];
      const parsed = parseSearchQuery(text, { column: 'text', isTyping: round % 2 === 0 });
      if (!parsed.isEmpty) assertSafeShape(parsed.match);
    }
  });
});

describe('searchTokens', () => {
  it('splits like unicode61: letters and digits are tokens, the rest separates', () => {
    expect(searchTokens('Teknik- og Miljøudvalget, pkt. 65: Anbefales.')).toEqual([
      'teknik',
      'og',
      'miljøudvalget',
      'pkt',
      '65',
      'anbefales',
    ]);
  });
});
