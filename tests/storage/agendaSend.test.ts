/**
 * Udsend dagsorden through the API: sending exports the full agenda PDF, hands it over and only
 * then records the sending (Udsendelsesdato, the file's SHA-256) in the audit log with a frozen
 * snapshot; a change after sending shows in `agenda:status` and in the next export; items
 * created afterwards form the tillægsdagsorden; the public agenda leaks none of a closed item's
 * confidential strings (PDF and HTML); sending again makes version 2.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import yauzl from 'yauzl';
import type { Result } from '../../common/contract/result';
import type { RequestName, RequestOutput } from '../../common/contract/api';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext } from '../../main/node/api/types';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { confidentialMarkers, markedMeeting, modelDocument } from '../support/htmlEditionLibrary';
import { makeTempDir, newLibrary } from './storageHelpers';

/** The text of a DOCX's main part (word/document.xml without its tags). */
async function docxText(file: string): Promise<string> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, value) =>
      error || !value ? reject(error) : resolve(value),
    ),
  );
  return new Promise<string>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName !== 'word/document.xml') return zip.readEntry();
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          zip.close();
          resolve(
            Buffer.concat(chunks)
              .toString('utf8')
              .replace(/<[^>]+>/g, ''),
          );
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', () => reject(new Error('no word/document.xml')));
    zip.readEntry();
  });
}

const pdfText = (file: string) => execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });

function setup() {
  const library = newLibrary();
  const doc = markedMeeting(modelDocument());
  doc.meeting.status = 'draft';
  // Every item has a decision: the agenda must never show it.
  for (const [index, item] of doc.agendaItems.entries())
    item.bodies.decision = [
      { type: 'paragraph', children: [{ type: 'text', text: `BESLUTNINGSTEKST-${index}` }] },
    ];
  const { meetingId } = importMeetingDocument(library.db, doc, { author: 'import' });
  const dir = makeTempDir();
  let answer: string | null = null;
  const ctx: HandlerContext = {
    transport: 'electron',
    pickSaveFile: async () => answer,
  };
  const dispatch = createDispatcher(createHandlers(library), { log: () => {} });
  const call = async <N extends RequestName>(
    name: N,
    input: unknown,
  ): Promise<RequestOutput<N>> => {
    const result = (await dispatch(name, input, ctx)) as Result<RequestOutput<N>>;
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value;
  };
  const saveTo = (name: string) => {
    answer = path.join(dir, name);
    return answer;
  };
  /** Exports the agenda through `agenda:export` to `name` in the temporary folder: its path. */
  const exportAgendaTo = async (
    name: string,
    document: 'agenda' | 'supplementary-agenda',
    format: 'pdf' | 'docx' | 'html',
    edition: 'full' | 'public',
  ): Promise<string> => {
    const file = saveTo(name);
    await call('agenda:export', { meetingId, document, format, edition });
    return file;
  };
  return { library, doc, meetingId, dispatch, ctx, call, saveTo, exportAgendaTo };
}

describe('Udsend dagsorden', () => {
  it('records the sending and the file SHA-256 only after the file is handed over', async () => {
    const { meetingId, dispatch, ctx, call, saveTo, library } = setup();
    expect(await call('agenda:status', { meetingId })).toEqual({
      sendings: [],
      changes: [],
      supplementaryItemIds: [],
    });
    // A dismissed save dialog sends nothing.
    const cancelled = await dispatch('agenda:send', { meetingId }, ctx);
    expect(cancelled.ok ? null : cancelled.error.code).toBe('cancelled');
    expect((await call('agenda:status', { meetingId })).sendings).toEqual([]);

    const file = saveTo('dagsorden.pdf');
    const sent = await call('agenda:send', { meetingId });
    const bytes = fs.readFileSync(file);
    expect(sent.sending.version).toBe(1);
    expect(sent.sending.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sent.sending.bytes).toBe(bytes.length);
    expect(sent.sending.author).toBe('tester');
    const audit = await call('audit:list', { meetingId });
    const entry = audit.find((a) => a.action === 'agenda_sent');
    expect(entry?.detail).toContain(sent.sending.sha256);
    expect(entry?.at).toBe(sent.sending.sentAt);
    // The sent agenda: full edition, the closed item's text, never a decision.
    const text = pdfText(file);
    expect(text).toContain('Dagsorden');
    expect(text).toContain('MARKER-CASE');
    expect(text).not.toMatch(/BESLUTNINGSTEKST|MARKER-DECISION|MARKER-DISSENT/);
    // The snapshot is frozen: the table is append-only.
    expect(() => library.db.prepare(`UPDATE agenda_sendings SET size = 1`).run()).toThrow(
      /append-only/,
    );
  });

  it('shows a change after sending in the app and in the next export; a new item is the tillægsdagsorden', async () => {
    const { meetingId, doc, call, saveTo, exportAgendaTo } = setup();
    saveTo('sendt.pdf');
    const first = await call('agenda:send', { meetingId });
    const item = doc.agendaItems[0];
    if (!item) throw new Error('no item');
    const owner = { kind: 'item', itemId: item.id, field: 'recommendation' } as const;
    const history = await call('bodies:history', { owner });
    await call('bodies:save', {
      owner,
      baseRevision: Math.max(0, ...history.map((r) => r.revision)),
      content: [{ type: 'paragraph', children: [{ type: 'text', text: 'Ny indstilling.' }] }],
    });
    const status = await call('agenda:status', { meetingId });
    expect(status.changes).toEqual([
      expect.objectContaining({
        itemId: item.id,
        isAdded: false,
        fields: [expect.objectContaining({ field: 'recommendation', after: 'Ny indstilling.' })],
      }),
    ]);
    const changedFile = await exportAgendaTo('aendret.pdf', 'agenda', 'pdf', 'full');
    const changedText = pdfText(changedFile).replace(/\s+/g, ' ');
    const day = new Intl.DateTimeFormat('da-DK', {
      timeZone: 'Europe/Copenhagen',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(new Date(first.sending.sentAt));
    expect(changedText).toContain(`Ændret efter udsendelse ${day}`);
    expect(changedText).toContain('Ny indstilling.');

    // A tillægsdagsorden exists only once an item is added after sending.
    const none = await call('agenda:status', { meetingId });
    expect(none.supplementaryItemIds).toEqual([]);
    const added = await call('items:create', {
      meetingId,
      item: {
        title: 'Ekstra punkt om vejbump',
        isClosed: false,
        publicTitle: '',
        caseId: 'EMN-2018-00001',
        documentNumber: '',
        presenter: '',
        kind: 'decision',
      },
    });
    expect(added.isSupplementary).toBe(true);
    const after = await call('agenda:status', { meetingId });
    expect(after.supplementaryItemIds).toEqual([added.id]);
    expect(after.changes.find((c) => c.itemId === added.id)?.isAdded).toBe(true);
    const supplementary = await exportAgendaTo(
      'tillaeg.pdf',
      'supplementary-agenda',
      'pdf',
      'full',
    );
    const supplementaryText = pdfText(supplementary);
    expect(supplementaryText).toContain('Tillægsdagsorden');
    expect(supplementaryText).toContain('Ekstra punkt om vejbump');
    for (const other of doc.agendaItems) expect(supplementaryText).not.toContain(other.title);

    // Sending again: version 2, recorded; its snapshot holds the change, so nothing is changed.
    saveTo('sendt-igen.pdf');
    const second = await call('agenda:send', { meetingId });
    expect(second.sending.version).toBe(2);
    const again = await call('agenda:status', { meetingId });
    expect(again.sendings.map((s) => s.version)).toEqual([1, 2]);
    expect(again.changes).toEqual([]);
    expect(
      (await call('audit:list', { meetingId })).filter((a) => a.action === 'agenda_sent'),
    ).toHaveLength(2);
  }, 60_000);

  it('the public agenda (PDF, HTML and Word) holds none of the closed item confidential markers', async () => {
    const { exportAgendaTo } = setup();
    const pdf = await exportAgendaTo('offentlig.pdf', 'agenda', 'pdf', 'public');
    const text = pdfText(pdf);
    expect(text).toContain('Lukket punkt: Ejendomssag');
    for (const marker of confidentialMarkers) expect(text).not.toContain(marker);
    expect(text).not.toContain('Udvalget godkendte købet');
    const folder = await exportAgendaTo('html', 'agenda', 'html', 'public');
    const html = fs.readFileSync(path.join(folder, 'index.html'), 'utf8');
    expect(html).toContain('Dagsorden');
    for (const marker of confidentialMarkers) expect(html).not.toContain(marker);
    const docx = await exportAgendaTo('dagsorden.docx', 'agenda', 'docx', 'public');
    const word = await docxText(docx);
    expect(word).toContain('Dagsorden');
    expect(word).toContain('Lukket punkt: Ejendomssag');
    for (const marker of confidentialMarkers) expect(word).not.toContain(marker);
    expect(word).not.toMatch(/BESLUTNINGSTEKST/);
  }, 60_000);

  it('refuses invalid input and the agenda of an approved meeting', async () => {
    const { meetingId, dispatch, ctx, call, saveTo } = setup();
    const html = await dispatch(
      'agenda:export',
      { meetingId, document: 'agenda', format: 'html', edition: 'full' },
      ctx,
    );
    expect(html.ok ? null : html.error.code).toBe('invalid_input');
    saveTo('x.pdf');
    const empty = await dispatch(
      'agenda:export',
      { meetingId, document: 'supplementary-agenda', format: 'pdf', edition: 'full' },
      ctx,
    );
    expect(empty.ok ? null : empty.error.message).toMatch(/no item has been added/);
    await call('meetings:approve', { id: meetingId });
    const locked = await dispatch('agenda:send', { meetingId }, ctx);
    expect(locked.ok ? null : locked.error.code).toBe('locked');
  });
});
