/**
 * One wording of the minutes: every block kind the minutes print (votes of every shape,
 * dissents, attendance lines, appendix lines, item headings, times, corrections, signature
 * lines) reads the same in every output: the editor's text (the find bar's block text, which
 * the views render and copy writes), the PDF (pdftotext), the DOCX (document.xml) and the
 * search index, in Danish and English (the search index is Danish, the library's language).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { afterAll, describe, expect, it } from 'vitest';
import type { Block, Vote } from '../../common/domain/richText';
import { richTextBlocks } from '../../common/editor/findInBodies';
import type { ReferatDocument } from '../../common/format/referat1';
import { bodyOneLine } from '../../common/wording/blocks';
import {
  appendixLine,
  attendanceLine,
  correctionLine,
  itemHeading,
  signatureName,
  timeRange,
} from '../../common/wording/minutes';
import type { Lang } from '../../common/wording/words';
import { minutesDocx } from '../../main/node/docx/writeDocx';
import { writeMinutesPdf } from '../../main/node/pdf/writePdf';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { writeTransaction } from '../../main/node/storage/library';
import { rebuildSearchIndex } from '../../main/node/storage/searchIndex';
import { generateMeeting } from '../support/generateMeeting';
import { newLibrary } from './storageHelpers';

const run = promisify(execFile);
const dir = mkdtempSync(path.join(os.tmpdir(), 'referat-wording-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const group = (participantIds: string[], parties: string[] = [], count: number | null = null) => ({
  participantIds,
  parties,
  count,
});
const vote = (partial: Partial<Vote>): Vote => ({
  type: 'vote',
  subject: '',
  for: group([]),
  against: group([]),
  abstained: group([]),
  outcome: 'adopted',
  ...partial,
});

/** Every shape of vote and dissent the model holds today. */
const blocks: Block[] = [
  { type: 'paragraph', children: [{ type: 'text', text: 'Udvalget drøftede sagen.' }] },
  // Named members, a majority, one abstention.
  vote({
    subject: 'indstillingen',
    for: group(['p1', 'p2', 'p4']),
    against: group(['p5']),
    abstained: group(['p3']),
  }),
  // Party letters with head counts.
  vote({
    subject: 'ændringsforslaget fra V',
    for: group([], ['V'], 1),
    against: group([], ['A', 'C', 'Ø'], 5),
    outcome: 'rejected',
  }),
  // Party letters without head counts.
  vote({ for: group([], ['B', 'F', 'Ø']), against: group([], ['V']) }),
  // Unanimous.
  vote({ subject: 'budgettet', for: group(['p1', 'p2', 'p3', 'p4', 'p5']) }),
  // A tie.
  vote({ for: group([], ['A'], 2), against: group([], ['C'], 2), outcome: 'tied' }),
  { type: 'dissent', participantId: 'p5', text: 'Ø kan ikke tiltræde indstillingen.' },
  { type: 'dissent', participantId: 'p1', text: 'Formanden tager forbehold.' },
];

function document(): ReferatDocument {
  const doc = generateMeeting({ items: 2, pagesPerItem: 0.1, template: 'fagudvalg' });
  const item = doc.agendaItems[0];
  if (!item) throw new Error('no item');
  item.bodies.decision = blocks;
  doc.meeting.startTime = null;
  doc.meeting.endTime = '18:00';
  const substitute = doc.participants[5];
  if (substitute) {
    substitute.substituteForId = 'p7';
    substitute.partialPresence = 'til kl. 17.30';
    substitute.itemAbsences = [{ itemId: 'item2', kind: 'not_participating', reason: '' }];
  }
  return doc;
}

const correction = {
  date: '2017-12-20',
  author: 'Udvalgssekretær',
  reason: 'Stavefejl',
  text: 'Der skulle stå Åløkkeskolen.',
};

/** Every text the wording writes for this document, in a language. */
function expectedTexts(doc: ReferatDocument, lang: Lang): string[] {
  const names = { participant: () => '?', appendix: () => '?' };
  const context = { participants: doc.participants, lang };
  const editor = richTextBlocks(blocks, names, context);
  const itemNumbers = new Map(doc.agendaItems.map((item) => [item.id, item.number]));
  return [
    ...editor,
    ...doc.participants.map((p) =>
      attendanceLine(p, { participants: doc.participants, itemNumbers, lang }),
    ),
    ...doc.appendices.map((appendix) => appendixLine(appendix, lang)),
    ...doc.agendaItems.map((item) => itemHeading('{nummer}. {titel}', item)),
    timeRange(doc.meeting.startTime, doc.meeting.endTime, lang),
    correctionLine(correction, lang),
    ...doc.participants
      .filter((p) => p.attendance === 'present')
      .map((p) => signatureName(p, lang)),
  ];
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

async function pdfText(doc: ReferatDocument, lang: Lang): Promise<string> {
  const file = path.join(dir, `wording-${lang}.pdf`);
  await writeMinutesPdf(
    { ...doc, meeting: { ...doc.meeting, status: 'approved' } },
    { edition: 'full', lang, out: file, corrections: [correction], isWithSignaturePage: true },
  );
  const { stdout } = await run('pdftotext', [file, '-'], { maxBuffer: 64 * 1024 * 1024 });
  return flat(stdout);
}

async function docxText(doc: ReferatDocument, lang: Lang): Promise<string> {
  const bytes = await minutesDocx(doc, { edition: 'full', lang, corrections: [correction] });
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  const xml = await new Promise<string>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== 'word/document.xml') return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      });
    });
    zip.on('end', () => reject(new Error('no word/document.xml')));
    zip.readEntry();
  });
  const paragraphs = xml.split('</w:p>').map((part) =>
    [...part.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
      .map((match) => match[1] ?? '')
      .join('')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&'),
  );
  return flat(paragraphs.join('\n'));
}

describe('one wording for every output', () => {
  for (const lang of ['da', 'en'] as const) {
    it(`${lang}: the editor's text of every block is what the PDF and the DOCX print`, async () => {
      const doc = document();
      const expected = expectedTexts(doc, lang).filter((text) => text !== '');
      const [pdf, docx] = await Promise.all([pdfText(doc, lang), docxText(doc, lang)]);
      for (const text of expected) {
        expect(pdf, `PDF (${lang}) prints "${text}"`).toContain(flat(text));
        // The DOCX has no signature page in the PDF's form: its names are the signature lines.
        expect(docx, `DOCX (${lang}) prints "${text}"`).toContain(flat(text));
      }
      // A few texts spelled out, so the shared wording itself is pinned down.
      const sample =
        lang === 'da'
          ? [
              'Et flertal bestående af Kristine Kryger (C, formand), Michael Fenger (C, næstformand) og Andreas Weidinger (V) stemte for. Katja S. Johansen (Ø) stemte imod. Marianne Zangenberg (A) undlod at stemme. Indstillingen blev vedtaget.',
              'Et medlem (V) stemte for. Et flertal (A, C og Ø) stemte imod. Ændringsforslaget fra V blev forkastet.',
              'Medlemmerne fra B, F og Ø stemte for. Medlemmerne fra V stemte imod. Vedtaget.',
              'Budgettet blev enstemmigt vedtaget.',
              'To medlemmer (A) stemte for. To medlemmer (C) stemte imod. Stemmelighed: forslaget er bortfaldet.',
              'Protokoltilførsel fra Kristine Kryger (C, formand): Formanden tager forbehold.',
              'Søren Ågård, stedfortræder for Birthe Østergaard, til kl. 17.30, deltog ikke i behandlingen af punkt 2',
              'Tid: til kl. 18.00',
            ]
          : [
              'A majority consisting of Kristine Kryger (C, chair), Michael Fenger (C, vice-chair) and Andreas Weidinger (V) voted in favour.',
              'The members from B, F and Ø voted in favour. The members from V voted against. Adopted.',
              'Minute note by Katja S. Johansen (Ø): Ø kan ikke tiltræde indstillingen.',
              'Time: until 18:00',
            ];
      for (const text of sample) {
        expect(pdf).toContain(text);
        expect(docx).toContain(text);
      }
      expect(pdf).not.toMatch(/For stemte|Undlod at stemme \d|stemte 0/);
    });
  }

  it('the search index stores the same sentences of a vote and a dissent (not only the subject)', () => {
    const doc = document();
    const library = newLibrary();
    const { meetingId } = importMeetingDocument(library.db, doc);
    writeTransaction(library.db, (db) => rebuildSearchIndex(db));
    const stored = (
      library.db
        .prepare(
          `SELECT f.text FROM search_fts f JOIN search_docs d ON d.doc_id = f.rowid
           WHERE d.meeting_id = ? AND d.doc_key = 'body:decision'`,
        )
        .all(meetingId) as { text: string }[]
    ).map((row) => row.text);
    const expected = bodyOneLine(blocks, { participants: doc.participants, lang: 'da' });
    expect(stored.some((text) => text === expected.toLowerCase() || text === expected)).toBe(true);
    for (const line of richTextBlocks(
      blocks,
      { participant: () => '?', appendix: () => '?' },
      { participants: doc.participants, lang: 'da' },
    ))
      expect(expected).toContain(line);
    // Blocks stay apart: the paragraph ends its sentence, each vote and dissent is one.
    expect(expected).toContain('Udvalget drøftede sagen. Et flertal bestående af');
  });
});
