import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  deepestList,
  maxListDepth,
  richTextSchema,
  richTextToPlain,
  type RichText,
} from '../../common/domain/richText';
import {
  decodeEntities,
  maxPasteHtmlLength,
  pastedHtmlToRichText,
} from '../../common/editor/htmlToRichText';

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/paste/${name}`, import.meta.url), 'utf8');
const text = (value: string, format: { bold?: true; italic?: true; underline?: true } = {}) => ({
  type: 'text' as const,
  text: value,
  ...format,
});
const item = (...children: ReturnType<typeof text>[]) => ({ children });

function paste(html: string): RichText {
  const result = pastedHtmlToRichText(html);
  // Whatever is pasted, the result is a valid body.
  expect(richTextSchema.safeParse(result).success).toBe(true);
  return result;
}

describe('paste from Word', () => {
  it('turns mso-list paragraphs into real nested lists, bullets and numbers', () => {
    expect(paste(fixture('word-lists.html'))).toEqual([
      { type: 'paragraph', children: [text('Resumé', { bold: true })] },
      {
        type: 'list',
        ordered: false,
        items: [
          item(text('Velkomst v/ Formand Marie-Louise Andreassen')),
          {
            children: [
              text('Orientering om medlemmer af opgaveudvalget om Innovation fra 1. januar 2018'),
            ],
            sublist: {
              type: 'list',
              ordered: false,
              items: [
                item(text('Kristine Kryger ('), text('formand', { bold: true }), text(')')),
                item(text('Michael Fenger ('), text('næstformand', { italic: true }), text(')')),
              ],
            },
          },
          item(text('Afrunding v/ Formand Marie-Louise Andreassen.')),
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [
          {
            children: [text('Forslag til 3-5 gennemgribende innovationsprojekter')],
            sublist: { type: 'list', ordered: true, items: [item(text('Sundhedsdata'))] },
          },
          item(text('Politisk model')),
        ],
      },
    ]);
  });

  it('keeps headings, formats and safe links; drops styles, scripts, images, hidden text and deletions', () => {
    const result = paste(fixture('word-formatting.html'));
    expect(result).toEqual([
      { type: 'heading', level: 1, children: [text('Beslutninger:')] },
      { type: 'heading', level: 2, children: [text('Ad Projektafrunding')] },
      {
        type: 'paragraph',
        children: [
          text('På det '),
          text('andet', { bold: true }),
          text(' møde i opgaveudvalget blev der nedsat '),
          text('3 arbejdsgrupper', { italic: true }),
          text(', som hver har arbejdet med et '),
          text('innovationsprojekt', { underline: true }),
          text('.'),
        ],
      },
      {
        type: 'paragraph',
        children: [
          text('Fed via stil', { bold: true }),
          text(' og '),
          text('kursiv understreget', { italic: true, underline: true }),
          text('.'),
        ],
      },
      {
        type: 'paragraph',
        children: [
          text('Se '),
          { type: 'link', url: 'https://www.gentofte.dk/politik', children: [text('gentofte.dk')] },
          text(' og ikke dette og heller ikke.'),
        ],
      },
      { type: 'paragraph', children: [text('Første linje\nanden linje')] },
      { type: 'paragraph', children: [text('Efter billedet')] },
      { type: 'paragraph', children: [text('Ændret ny tekst her.')] },
      { type: 'paragraph', children: [text('Slut & farvel æøå – …')] },
    ]);
    const json = JSON.stringify(result);
    for (const gone of [
      'alert',
      'steal',
      'javascript',
      'file:',
      'image001',
      'logo',
      'gammel tekst',
      'slettet',
      'Skjult',
      'evil',
      'Calibri',
      'MsoNormal',
    ]) {
      expect(json).not.toContain(gone);
    }
  });

  it('reads a list marker given only as an mso-list:Ignore span (no conditional comment)', () => {
    const html =
      "<p style='mso-list:l3 level1 lfo4'><span style='mso-list:Ignore'>3.<span>&nbsp;&nbsp;</span></span>Tredje</p>" +
      "<p style='mso-list:l3 level1 lfo4'><span style='mso-list:Ignore'>4.<span>&nbsp;</span></span>Fjerde</p>";
    expect(paste(html)).toEqual([
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [item(text('Tredje')), item(text('Fjerde'))],
      },
    ]);
  });

  it('fills a skipped Word list level with an empty item rather than losing the nesting', () => {
    const html =
      "<p style='mso-list:l0 level1 lfo1'><![if !supportLists]>·<![endif]>Top</p>" +
      "<p style='mso-list:l0 level3 lfo1'><![if !supportLists]>§<![endif]>Dyb</p>";
    expect(paste(html)).toEqual([
      {
        type: 'list',
        ordered: false,
        items: [
          {
            children: [text('Top')],
            sublist: {
              type: 'list',
              ordered: false,
              items: [
                {
                  children: [],
                  sublist: { type: 'list', ordered: false, items: [item(text('Dyb'))] },
                },
              ],
            },
          },
        ],
      },
    ]);
  });
});

describe('paste from LibreOffice', () => {
  it('keeps nested lists, start numbers, multi-paragraph items and formats', () => {
    expect(paste(fixture('libreoffice.html'))).toEqual([
      {
        type: 'heading',
        level: 2,
        children: [text('Ad Læringssporet og status på udvalgets 4 leverancer')],
      },
      {
        type: 'paragraph',
        children: [text('Der blev givet en status på udvalgets 4 leverancer:')],
      },
      {
        type: 'list',
        ordered: true,
        items: [
          {
            children: [
              text('Forslag til 3-5 gennemgribende innovationsprojekter\n', { bold: true }),
              text('Læringsopsamling fra de 3 innovationsprojekter.'),
            ],
            sublist: {
              type: 'list',
              ordered: false,
              items: [item(text('Sundhedsdata')), item(text('Teamwork', { italic: true }))],
            },
          },
          item(text('Politisk model', { underline: true })),
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [item(text('Idekatalog over samskabelsesmuligheder'))],
      },
      { type: 'paragraph', children: [text('Normal '), text('fed', { bold: true })] },
    ]);
  });
});

describe('paste from web pages', () => {
  it('keeps structure and safe links; drops scripts, forms, svg and unsafe links', () => {
    const result = paste(fixture('web-page.html'));
    expect(result).toEqual([
      { type: 'heading', level: 3, children: [text('Om kommunalbestyrelsen')] },
      {
        type: 'paragraph',
        children: [
          text('Læs '),
          { type: 'link', url: 'https://www.kl.dk/', children: [text("KL's vejledning")] },
          text(' om '),
          text('protokoltilførsler', { bold: true }),
          text(' og '),
          text('underskrift', { italic: true }),
          text('.'),
        ],
      },
      {
        type: 'list',
        ordered: false,
        items: [
          item(text('Punkt et')),
          {
            children: [text('Punkt '), text('to', { bold: true })],
            sublist: { type: 'list', ordered: false, items: [item(text('Underpunkt'))] },
          },
        ],
      },
      {
        type: 'table',
        headerRow: false,
        rows: [
          {
            cells: [
              { children: [{ type: 'paragraph', children: [text('Celle A')] }] },
              { children: [{ type: 'paragraph', children: [text('Celle B')] }] },
            ],
          },
        ],
      },
      { type: 'heading', level: 3, children: [text('Lille overskrift')] },
      {
        type: 'paragraph',
        children: [
          text('Skriv til '),
          { type: 'link', url: 'mailto:borger@gentofte.dk', children: [text('borgerservice')] },
          text(' eller data.'),
        ],
      },
      { type: 'paragraph', children: [text('linje 1\nlinje 2')] },
    ]);
    const json = JSON.stringify(result);
    for (const gone of ['evil', 'track', 'hemmelig', 'Send', 'vektor', 'color', 'data:'])
      expect(json).not.toContain(gone);
  });

  it('reads Google Docs formatting from inline styles, including its bold:normal wrapper', () => {
    expect(paste(fixture('google-docs.html'))).toEqual([
      {
        type: 'paragraph',
        children: [
          text('Udvalget '),
          text('godkendte', { bold: true }),
          text(' indstillingen', { italic: true }),
          text('.'),
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [item(text('Første punkt')), item(text('Andet punkt', { underline: true }))],
      },
    ]);
  });
});

describe('hostile and malformed input', () => {
  it('survives unclosed tags, stray brackets and comments', () => {
    expect(paste('<p>a < b <!-- hemmelig --> og <b>fed<p>næste')).toEqual([
      { type: 'paragraph', children: [text('a < b og '), text('fed', { bold: true })] },
      { type: 'paragraph', children: [text('næste', { bold: true })] },
    ]);
  });

  it('flattens absurdly deep nesting instead of overflowing', () => {
    const html = '<div>'.repeat(5000) + 'dybt' + '</div>'.repeat(5000);
    expect(paste(html)).toEqual([{ type: 'paragraph', children: [text('dybt')] }]);
  });

  it('keeps lists nested deeper than the format allows one level up', () => {
    const html = '<ul><li>x'.repeat(20) + '</li></ul>'.repeat(20);
    const result = paste(html);
    expect(deepestList(result)).toBe(maxListDepth);
    expect(richTextToPlain(result).match(/x/g)).toHaveLength(20);
  });

  it('refuses a paste larger than the limit', () => {
    expect(() => pastedHtmlToRichText('x'.repeat(maxPasteHtmlLength + 1))).toThrow(/at most/);
  });

  it('gives an empty body for markup without text', () => {
    expect(
      paste(
        '<html><head><style>p{}</style></head><body><p>&nbsp;</p><img src=x onerror=alert(1)></body></html>',
      ),
    ).toEqual([]);
  });

  it('decodes named and numeric character references', () => {
    expect(decodeEntities('&AElig;&oslash;&#229;&#x2013;&unknown;&#0;')).toBe(
      'Æøå–&unknown;\ufffd',
    );
  });
});
