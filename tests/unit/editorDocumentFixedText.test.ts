// @vitest-environment happy-dom
/**
 * The meeting document's fixed text for find (documentFixedText.ts) and its place among the
 * bodies' matches (DocumentSearch): only marked elements are read, line by line, without
 * hidden or screen-reader-only text; a match across text nodes maps to one DOM range, which
 * is refused once the page has changed that text; headings come before the bodies below them,
 * also for sections that still show a preview; only the marked text is watched for changes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RichText } from '../../common/domain/richText';
import { DocumentBodies } from '../../renderer/src/editor/documentBodies';
import { DocumentSearch, type FoundMatch } from '../../renderer/src/editor/documentFind';
import {
  findInFixedText,
  fixedTextBlocks,
  fixedTextRange,
  fixedTextRoots,
  watchFixedText,
} from '../../renderer/src/editor/documentFixedText';

const text = (value: string): RichText => [
  { type: 'paragraph', children: [{ type: 'text', text: value }] },
];

function page(html: string): HTMLElement {
  document.body.innerHTML = `<div class="meeting-document"><article class="meeting-document__page">${html}</article></div>`;
  return document.querySelector('.meeting-document') as HTMLElement;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('fixed text', () => {
  it('reads only marked elements, one block per line, without hidden or screen-reader text', () => {
    const host = page(`
      <p data-find-text>(Åben) 5. møde</p>
      <nav><a>1. Projektafrunding</a></nav>
      <h3 data-find-text>Ad Projektafrunding<span class="badge">Lukket</span></h3>
      <ul data-find-text>
        <li>Marie-Louise Andreassen<span> (formand)</span></li>
        <li>Bo Sund<span class="visually-hidden"> skjult</span><span aria-hidden="true">*</span></li>
        <li hidden>Gemt Person</li>
      </ul>
      <button>Rediger fremmøde</button>`);
    const roots = fixedTextRoots(host);
    expect(roots.map((root) => root.tagName)).toEqual(['P', 'H3', 'UL']);
    expect(roots.map((root) => fixedTextBlocks(root).map((block) => block.text))).toEqual([
      ['(Åben) 5. møde'],
      ['Ad ProjektafrundingLukket'],
      ['Marie-Louise Andreassen (formand)', 'Bo Sund'],
    ]);
    expect(findInFixedText(host, 'fremmøde', {}, 100).matches).toEqual([]);
    expect(findInFixedText(host, 'skjult', {}, 100).matches).toEqual([]);
    expect(findInFixedText(host, 'gemt', {}, 100).matches).toEqual([]);
  });

  it('maps a match across text nodes to one range, and refuses it once the text changed', () => {
    const host = page(
      '<ul data-find-text><li>Bo Sund</li><li>Marie-Louise Andreassen<span> (formand)</span></li></ul>',
    );
    const { matches } = findInFixedText(host, 'andreassen (formand', {}, 100);
    expect(matches).toHaveLength(1);
    const [match] = matches;
    expect(match).toMatchObject({ kind: 'fixed', root: 0, block: 1, start: 13, end: 32 });
    const range = match ? fixedTextRange(match) : null;
    expect(range?.toString()).toBe('Andreassen (formand');
    expect(range?.startContainer.textContent).toBe('Marie-Louise Andreassen');
    expect(range?.endContainer.textContent).toBe(' (formand)');

    // A rename re-renders the line: the old match points at text that is not there any more.
    const name = host.querySelectorAll('li')[1]?.firstChild as Text;
    name.data = 'Marie-Louise Hansen';
    expect(match ? fixedTextRange(match) : 'none').toBeNull();
    host.querySelector('ul')?.remove();
    expect(match ? fixedTextRange(match) : 'none').toBeNull();
  });

  it('uses the options of the bodies: case, accents, æ/ø/å never folded', () => {
    const host = page('<h3 data-find-text>Ad Idé til årsbudget</h3>');
    const slices = (query: string, options = {}) =>
      findInFixedText(host, query, options, 100).matches.map((m) =>
        m.source.text.slice(m.start, m.end),
      );
    expect(slices('idé')).toEqual(['Idé']);
    expect(slices('idé', { isCaseSensitive: true })).toEqual([]);
    expect(slices('ide')).toEqual([]);
    expect(slices('ide', { isAccentInsensitive: true })).toEqual(['Idé']);
    expect(slices('arsbudget', { isAccentInsensitive: true })).toEqual([]);
  });

  it('watches the marked text and new marked elements beside it, not the bodies', async () => {
    const host = page(`
      <p data-find-text>Titel</p>
      <section id="s1"><h3 data-find-text>Ad Punkt</h3><div class="meeting-document__lazy"><div contenteditable="true"><p>Tekst</p></div></div></section>`);
    let calls = 0;
    const stop = watchFixedText(fixedTextRoots(host), () => calls++);
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    const body = host.querySelector('[contenteditable] p') as HTMLElement;
    body.textContent = 'Tekst der skrives';
    body.append(document.createElement('br'));
    await settle();
    expect(calls).toBe(0);
    (host.querySelector('h3')?.firstChild as Text).data = 'Ad Nyt navn';
    await settle();
    expect(calls).toBe(1);
    const caseId = document.createElement('p');
    caseId.textContent = 'Sags ID: 1';
    host.querySelector('article')?.append(caseId);
    await settle();
    expect(calls).toBe(2);
    stop();
    (host.querySelector('h3')?.firstChild as Text).data = 'Ad Igen';
    await settle();
    expect(calls).toBe(2);
  });
});

describe('DocumentSearch with fixed text', () => {
  /** A meeting with a Resumé and two items; the second item's section shows its preview. */
  function meetingDocument() {
    const host = page(`
      <p data-find-text>5. møde i Opgaveudvalget om Innovation</p>
      <section><div data-body-field="summary"></div></section>
      <h2 data-find-text>Beslutninger:</h2>
      <section id="document-item-i1"><h3 data-find-text>Ad Innovation</h3>
        <div class="meeting-document__lazy"><div data-body-field="decision"></div></div></section>
      <section id="document-item-i2"><h3 data-find-text>Ad Læring og innovation</h3>
        <div class="meeting-document__lazy"><div class="meeting-document__preview">innovation</div></div></section>
      <section><ul data-find-text><li>Anne Innovationsen</li></ul></section>`);
    const bodies = new DocumentBodies();
    bodies.host = host;
    bodies.itemSectionId = (itemId) => `document-item-${itemId}`;
    bodies.entries = [
      {
        key: 'summary',
        owner: { kind: 'meeting', meetingId: 'm', field: 'summary' },
        content: text('Om innovation'),
      },
      {
        key: 'i1',
        owner: { kind: 'item', itemId: 'i1', field: 'decision' },
        content: text('Innovation godkendt'),
      },
      {
        key: 'i2',
        owner: { kind: 'item', itemId: 'i2', field: 'decision' },
        content: text('Mere innovation'),
      },
    ];
    const names = { appendix: () => 'Bilag', participant: () => '?' };
    return { host, search: new DocumentSearch(bodies, () => names) };
  }

  const describeMatch = (match: FoundMatch) =>
    match.kind === 'body' ? `body ${match.owner}` : `fixed ${match.source.text}`;

  it('lists the matches of the bodies and of the fixed text in document order', () => {
    const { search } = meetingDocument();
    const { matches, isTruncated } = search.search('innovation', {});
    expect(isTruncated).toBe(false);
    expect(matches.map(describeMatch)).toEqual([
      'fixed 5. møde i Opgaveudvalget om Innovation',
      'body summary',
      'fixed Ad Innovation',
      'body i1',
      'fixed Ad Læring og innovation',
      'body i2',
      'fixed Anne Innovationsen',
    ]);
    // Ordered by compare as well, fixed and body alike.
    for (let i = 1; i < matches.length; i++) {
      const [a, b] = [matches[i - 1], matches[i]];
      if (a && b) {
        expect(search.compare(a, b)).toBe(-1);
        expect(search.compare(b, a)).toBe(1);
        expect(search.compare(a, a)).toBe(0);
      }
    }
  });

  it('compares with a match found before the page changed, and with a point in the page', () => {
    const { host, search } = meetingDocument();
    const before = search.search('innovation', {}).matches;
    const heading = before[4];
    expect(heading && describeMatch(heading)).toBe('fixed Ad Læring og innovation');
    // The second item's heading is re-rendered as a new element (a rename).
    const old = host.querySelector('#document-item-i2 h3');
    const renamed = document.createElement('h3');
    renamed.setAttribute('data-find-text', '');
    renamed.textContent = 'Ad Læring og innovation i 2018';
    old?.replaceWith(renamed);
    const after = search.search('innovation', {}).matches;
    if (!heading) throw new Error('no heading match');
    const at = after.findIndex((m) => search.compare(m, heading) >= 0);
    expect(describeMatch(after[at] as FoundMatch)).toBe('fixed Ad Læring og innovation i 2018');

    // A name selected in the attendance: its match is the first from there on.
    const name = host.querySelector('li')?.firstChild as Text;
    const fromName = after.findIndex((m) => search.comparePoint(m, name, 5) >= 0);
    expect(describeMatch(after[fromName] as FoundMatch)).toBe('fixed Anne Innovationsen');
    const fromTitle = after.findIndex(
      (m) => search.comparePoint(m, host.querySelector('p') as Node, 0) >= 0,
    );
    expect(fromTitle).toBe(0);
  });
});
