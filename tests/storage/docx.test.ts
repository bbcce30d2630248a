/**
 * DOCX export: the package is unzipped with yauzl and every XML part is checked with
 * a strict well-formedness checker written here (XML 1.0: one root, balanced and properly
 * nested tags, quoted and unique attributes, known entities, no stray "<" or "&"); the text
 * and structure are read back from word/document.xml; LibreOffice converts it to PDF where it
 * is installed (otherwise the test says it is skipped and why).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import yauzl from 'yauzl';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../../common/contract/result';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';
import { minutesDocx, writeMinutesDocx } from '../../main/node/docx/writeDocx';
import { runCli } from '../../main/node/cli/cli';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { generateMeeting } from '../support/generateMeeting';
import { tableMeeting } from '../support/tableMeeting';
import { confidentialMarkers, markClosedItem } from '../support/htmlEditionLibrary';
import { makeTempDir, newLibrary } from './storageHelpers';

const root = path.resolve(import.meta.dirname, '../..');
const fixture = (): ReferatDocument =>
  parseReferatDocument(
    fs.readFileSync(path.join(root, 'tests/fixtures/gentofte-2017-12-12.referat.json'), 'utf8'),
  );

/** The model meeting plus one body exercising every rich-text feature. */
function richDocument(): ReferatDocument {
  const doc = fixture();
  const [first, ...rest] = doc.agendaItems;
  if (!first) throw new Error('fixture without items');
  const participant = doc.participants[0]?.id ?? '';
  const decision: ReferatDocument['agendaItems'][number]['bodies']['decision'] = [
    { type: 'heading', level: 1, children: [{ type: 'text', text: 'Overskrift i beslutningen' }] },
    {
      type: 'paragraph',
      children: [
        { type: 'text', text: 'fed', bold: true },
        { type: 'text', text: ' kursiv', italic: true },
        { type: 'text', text: ' understreget', underline: true },
        { type: 'text', text: ' tegn < & > " \' ' },
        {
          type: 'link',
          url: 'https://www.gentofte.dk/?a=1&b=2',
          children: [{ type: 'text', text: 'gentofte.dk' }],
        },
        { type: 'text', text: ' og ' },
        {
          type: 'link',
          url: 'referat://meeting/abc',
          children: [{ type: 'text', text: 'intern henvisning' }],
        },
      ],
    },
    {
      type: 'list',
      ordered: true,
      start: 3,
      items: [
        {
          children: [{ type: 'text', text: 'punkt tre' }],
          sublist: {
            type: 'list',
            ordered: false,
            items: [{ children: [{ type: 'text', text: 'underpunkt' }] }],
          },
        },
        { children: [{ type: 'text', text: 'punkt fire' }] },
      ],
    },
    {
      type: 'vote',
      subject: 'indstillingen',
      outcome: 'adopted',
      for: { count: 5, parties: ['C'], participantIds: [] },
      against: { count: 2, parties: ['A'], participantIds: [] },
      abstained: { count: 0, parties: [], participantIds: [] },
    },
    { type: 'dissent', participantId: participant, text: 'Kan ikke tiltræde.' },
  ] as ReferatDocument['agendaItems'][number]['bodies']['decision'];
  return { ...doc, agendaItems: [{ ...first, bodies: { ...first.bodies, decision } }, ...rest] };
}

/** Every entry of a zip as name → bytes (test-side yauzl). */
async function unzipAll(bytes: Buffer): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  const parts = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          parts.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return parts;
}

/**
 * Strict XML 1.0 well-formedness (no DTDs expected in OOXML): returns the first problem or null.
 */
export function xmlProblem(text: string): string | null {
  let at = 0;
  const stack: string[] = [];
  let rootCount = 0;
  const name = /^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/;
  const checkText = (chunk: string, where: number): string | null => {
    if (chunk.includes('<')) return `stray "<" at ${where}`;
    if (chunk.includes(']]>')) return `"]]>" in text at ${where}`;
    const amp = /&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9a-fA-F]+);)/.exec(chunk);
    if (amp) return `bad entity at ${where + amp.index}`;
    // eslint-disable-next-line no-control-regex
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(chunk))
      return `control character at ${where}`;
    return null;
  };
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end < 0) return 'unterminated XML declaration';
    at = end + 2;
  }
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    const chunk = lt < 0 ? text.slice(at) : text.slice(at, lt);
    if (stack.length === 0 && chunk.trim() !== '') return `text outside the root at ${at}`;
    const problem = checkText(chunk, at);
    if (problem) return problem;
    if (lt < 0) break;
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return 'unterminated comment';
      at = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      if (stack.length === 0) return 'CDATA outside the root';
      const end = text.indexOf(']]>', lt);
      if (end < 0) return 'unterminated CDATA';
      at = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt);
      if (end < 0) return 'unterminated processing instruction';
      at = end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) return `declaration or DTD at ${lt}`;
    const gt = findTagEnd(text, lt);
    if (gt < 0) return `unterminated tag at ${lt}`;
    const tag = text.slice(lt + 1, gt);
    if (tag.startsWith('/')) {
      const closing = tag.slice(1).trim();
      const open = stack.pop();
      if (open !== closing) return `</${closing}> closes <${open ?? 'nothing'}> at ${lt}`;
    } else {
      const isEmpty = tag.endsWith('/');
      const body = isEmpty ? tag.slice(0, -1) : tag;
      const match = name.exec(body);
      if (!match) return `bad tag name at ${lt}`;
      const attributes = body.slice(match[0].length);
      const seen = new Set<string>();
      const attribute = /\s+([A-Za-z_][\w.:-]*)\s*=\s*("([^"]*)"|'([^']*)')/y;
      let rest = 0;
      for (;;) {
        attribute.lastIndex = rest;
        const found = attribute.exec(attributes);
        if (!found) break;
        const key = found[1] ?? '';
        if (seen.has(key)) return `duplicate attribute ${key} at ${lt}`;
        seen.add(key);
        const value = found[3] ?? found[4] ?? '';
        const valueProblem = checkText(value, lt);
        if (valueProblem) return valueProblem;
        rest = attribute.lastIndex;
      }
      if (attributes.slice(rest).trim() !== '')
        return `malformed attributes at ${lt}: ${attributes.slice(rest, rest + 40)}`;
      if (stack.length === 0) rootCount += 1;
      if (rootCount > 1) return `second root element at ${lt}`;
      if (!isEmpty) stack.push(match[0]);
    }
    at = gt + 1;
  }
  if (stack.length > 0) return `unclosed <${stack[stack.length - 1] ?? ''}>`;
  if (rootCount !== 1) return 'no root element';
  return null;
}

function findTagEnd(text: string, from: number): number {
  let quote: string | null = null;
  for (let i = from + 1; i < text.length; i += 1) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '<') return -1;
    else if (c === '>') return i;
  }
  return -1;
}

describe('the strict XML checker', () => {
  it.each([
    ['<a><b></a></b>', /closes/],
    ['<a x="1" x="2"/>', /duplicate/],
    ['<a x=1/>', /malformed/],
    ['<a>&nbsp;</a>', /entity/],
    ['<a></a><b/>', /second root/],
    ['<a>', /unclosed/],
    ['<a>1 < 2</a>', /stray|unterminated/],
    ['text<a/>', /outside/],
  ])('refuses %s', (xml, reason) => {
    expect(xmlProblem(xml)).toMatch(reason);
  });
  it('accepts well-formed XML', () => {
    expect(
      xmlProblem(
        '<?xml version="1.0"?>\n<w:a xmlns:w="u" b=\'&amp;\'><!-- c --><w:b/>&#229;<![CDATA[<x>]]></w:a>',
      ),
    ).toBeNull();
  });
});

describe('DOCX export', () => {
  it('writes a package whose XML parts are all well formed, with the content of the edition', async () => {
    const doc = richDocument();
    const bytes = await minutesDocx(doc, { edition: 'full' });
    const parts = await unzipAll(bytes);
    expect([...parts.keys()]).toEqual(
      expect.arrayContaining([
        '[Content_Types].xml',
        'word/document.xml',
        'word/numbering.xml',
        'word/styles.xml',
      ]),
    );
    const xmlParts = [...parts.keys()].filter((name) => /\.(xml|rels)$/.test(name));
    expect(xmlParts.length).toBeGreaterThan(5);
    for (const name of xmlParts) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(parts.get(name));
      expect(xmlProblem(text), name).toBeNull();
    }
    const body = parts.get('word/document.xml')?.toString('utf8') ?? '';
    const plain = body.replace(/<[^>]+>/g, '');
    expect(plain).toContain('Overskrift i beslutningen');
    expect(plain).toContain('tegn &lt; &amp; &gt;');
    // The DOCX once wrote "For stemte 5 … Undlod at stemme 0. indstillingen blev vedtaget.".
    expect(plain).toContain(
      'Et flertal (C) stemte for. To medlemmer (A) stemte imod. Indstillingen blev vedtaget.',
    );
    expect(plain).not.toContain('Undlod at stemme');
    expect(plain).not.toContain('For stemte');
    expect(plain).toContain('Protokoltilførsel fra');
    expect(plain).toContain('Deltagere');
    expect(plain).toContain('Bilag');
    expect(body).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    expect(body).toMatch(/<w:i\/>|<w:i w:val="true"\/>/);
    expect(body).toContain('<w:u w:val="single"/>');
    expect(body).toContain('<w:numPr>');
    expect(body).toMatch(/<w:ilvl w:val="1"\/>/);
    expect(body).toContain('<w:hyperlink');
    // Internal referat:// links never become hyperlinks.
    const rels = parts.get('word/_rels/document.xml.rels')?.toString('utf8') ?? '';
    expect(rels).toContain('https://www.gentofte.dk/?a=1&amp;b=2');
    expect(rels).not.toContain('referat://');
    expect(body).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    const numbering = parts.get('word/numbering.xml')?.toString('utf8') ?? '';
    expect(numbering).toContain('<w:start w:val="3"/>');
  });

  it('writes a table as a Word table (w:tbl) whose header row is marked to repeat, the cells in order', async () => {
    const bytes = await minutesDocx(tableMeeting(fixture(), 3), { edition: 'full' });
    const parts = await unzipAll(bytes);
    const body = parts.get('word/document.xml')?.toString('utf8') ?? '';
    expect(xmlProblem(body)).toBeNull();
    const tables = [...body.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((match) => match[0]);
    expect(tables).toHaveLength(2);
    const budget = tables.find((table) => table.includes('Budgetpost')) ?? '';
    const rows = [...budget.matchAll(/<w:tr>[\s\S]*?<\/w:tr>/g)].map((match) => match[0]);
    expect(rows).toHaveLength(4);
    // Only the header row repeats (w:tblHeader) and is bold.
    expect(rows.map((row) => row.includes('<w:tblHeader/>'))).toEqual([true, false, false, false]);
    expect(rows[0]).toMatch(/<w:b\/>|<w:b w:val="true"\/>/);
    const cellTexts = (row: string) =>
      [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => cell[0].replace(/<[^>]+>/g, ''));
    expect(cellTexts(rows[0] ?? '')).toEqual(['Post', '2024 (kr.)', '2025 (kr.)', 'Bemærkning']);
    expect(cellTexts(rows[2] ?? '')).toEqual(['Budgetpost 2', '2500.000', '2600.000', '']);
    const grants = tables.find((table) => table.includes('Æblehaven')) ?? '';
    expect(grants).not.toContain('<w:tblHeader/>');
    // Columns sized to their text: the remarks column is the widest, together the page width.
    const grid = [...budget.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((match) =>
      Number(match[1]),
    );
    expect(grid).toHaveLength(4);
    expect(Math.max(...grid)).toBe(grid[3]);
    expect(
      Math.abs(grid.reduce((total, width) => total + width, 0) - (11906 - 2 * 1440)),
    ).toBeLessThan(4);
  });

  it('the public edition has no confidential marker of a closed item in any part of the package', async () => {
    // The fagudvalg template prints every field of an item, so every marker is in the full edition.
    const doc = generateMeeting({
      items: 3,
      pagesPerItem: 0.3,
      closedEvery: 0,
      template: 'fagudvalg',
    });
    markClosedItem(doc);
    const markers = confidentialMarkers;
    const full = await unzipAll(await minutesDocx(doc, { edition: 'full' }));
    const fullText = [...full.values()].map((part) => part.toString('utf8')).join('\n');
    for (const marker of markers)
      expect(fullText, `the full edition shows ${marker}`).toContain(marker);

    const pub = await unzipAll(await minutesDocx(doc, { edition: 'public' }));
    expect([...pub.keys()]).toContain('word/document.xml');
    expect([...pub.keys()]).toContain('docProps/core.xml');
    for (const [name, part] of pub) {
      const text = part.toString('utf8');
      for (const marker of markers) expect(text, `${name} lacks ${marker}`).not.toContain(marker);
    }
    const body = pub.get('word/document.xml')?.toString('utf8') ?? '';
    expect(body).toContain('Lukket punkt: Ejendomssag');
    expect(body).toContain('Udvalget godkendte købet af ejendommen.');
  });

  it('writes the fallback title of a closed item in the export language (the English DOCX said "Lukket punkt")', async () => {
    const doc = fixture();
    const closedItem = {
      ...(doc.agendaItems[0] ?? ({} as never)),
      isClosed: true,
      publicTitle: '',
      title: 'Hemmelig titel XYZ',
    };
    const withClosed = { ...doc, agendaItems: [closedItem, ...doc.agendaItems.slice(1)] };
    const body = async (lang: 'da' | 'en') =>
      (await unzipAll(await minutesDocx(withClosed, { edition: 'public', lang })))
        .get('word/document.xml')
        ?.toString('utf8') ?? '';
    expect(await body('da')).toContain('Lukket punkt');
    const english = await body('en');
    expect(english).toContain('Closed item');
    expect(english).not.toContain('Lukket punkt');
  });

  it('names the public edition in the footer of every page, and not the full edition', async () => {
    const footers = async (edition: 'full' | 'public') => {
      const parts = await unzipAll(await minutesDocx(richDocument(), { edition }));
      return [...parts.entries()]
        .filter(([name]) => /^word\/footer\d*\.xml$/.test(name))
        .map(([, bytes]) => bytes.toString('utf8'))
        .join('\n');
    };
    expect(await footers('public')).toContain('Offentlig udgave · ');
    expect(await footers('full')).not.toContain('Offentlig udgave');
  });

  it('puts the profile’s logo (with its alternate text), municipality and document title on top', async () => {
    const logo =
      'iVBORw0KGgoAAAANSUhEUgAAACgAAAAUCAIAAABwJOjsAAAAI0lEQVR4nGNgCFgwMGjU4lGLRy0etXjU4lGLRy0etXjkWAwA0Q3uH7AKjM4AAAAASUVORK5CYII=';
    const doc = richDocument();
    const parts = await unzipAll(
      await minutesDocx(
        {
          ...doc,
          profile: {
            ...doc.profile,
            municipality: 'Gentofte Kommune',
            documentTitle: 'Beslutningsprotokol',
            logo: { mediaType: 'image/png', dataBase64: logo, altText: 'Gentofte Kommunes logo' },
          },
        },
        { edition: 'full' },
      ),
    );
    expect([...parts.keys()].some((name) => /^word\/media\/.+\.png$/.test(name))).toBe(true);
    const body = parts.get('word/document.xml')?.toString('utf8') ?? '';
    expect(body).toContain('descr="Gentofte Kommunes logo"');
    const plain = body.replace(/<[^>]+>/g, '');
    expect(plain.indexOf('Gentofte Kommune')).toBeLessThan(plain.indexOf('Beslutningsprotokol'));
    expect(plain.indexOf('Beslutningsprotokol')).toBeLessThan(plain.indexOf('(Åben)'));
  });

  it('refuses a public edition that would publish a CPR number', async () => {
    const doc = fixture();
    const [first, ...rest] = doc.agendaItems;
    if (!first) throw new Error('fixture without items');
    const decision = [
      {
        type: 'paragraph' as const,
        children: [{ type: 'text' as const, text: 'CPR 010203-1234 nævnt' }],
      },
    ];
    const leaky = {
      ...doc,
      agendaItems: [{ ...first, isClosed: false, bodies: { ...first.bodies, decision } }, ...rest],
    };
    try {
      await minutesDocx(leaky, { edition: 'public' });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(isDomainError(error) && error.code).toBe('personal_data');
    }
  });

  it('is written by the CLI (--format docx --edition public) atomically', async () => {
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, fixture());
    const libraryPath = library.path;
    library.close();
    const dir = makeTempDir();
    let stderr = '';
    const code = await runCli(
      [
        '--library',
        libraryPath,
        'export',
        meetingId,
        '--format',
        'docx',
        '--edition',
        'public',
        '--out',
        path.join(dir, 'referat.docx'),
      ],
      {
        stdout: () => undefined,
        stderr: (text) => {
          stderr += text;
        },
        env: {},
        cwd: dir,
      },
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['referat.docx']);
    const parts = await unzipAll(fs.readFileSync(path.join(dir, 'referat.docx')));
    expect(xmlProblem(parts.get('word/document.xml')?.toString('utf8') ?? '')).toBeNull();
  });

  const office = ['libreoffice', 'soffice'].find((bin) => spawnSync('which', [bin]).status === 0);
  if (!office) {
    process.stdout.write(
      'docx.test: LibreOffice (libreoffice/soffice) is not installed; the --convert-to pdf check is skipped.\n',
    );
  }
  it.skipIf(!office)('converts with libreoffice --headless --convert-to pdf', async () => {
    const dir = makeTempDir();
    const file = path.join(dir, 'referat.docx');
    // With tables: Word tables (w:tbl) must convert too.
    await writeMinutesDocx(tableMeeting(richDocument(), 3), { edition: 'full', out: file });
    execFileSync(
      office ?? 'libreoffice',
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        file,
      ],
      {
        timeout: 120_000,
      },
    );
    const pdf = path.join(dir, 'referat.pdf');
    expect(fs.existsSync(pdf)).toBe(true);
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', [pdf, '-']).toString('utf8');
    expect(text).toContain('Overskrift i beslutningen');
    const raw = execFileSync('pdftotext', ['-raw', pdf, '-']).toString('utf8').replace(/\s+/g, ' ');
    expect(raw).toContain('Post 2024 (kr.) 2025 (kr.) Bemærkning');
    expect(raw).toContain('Budgetpost 2 2500.000 2600.000');
  });
});
