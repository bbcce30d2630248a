/**
 * The one preparation the PDF, Word and HTML writers share (common/export/editionLayout.ts):
 * the request chooses the minutes' or the agenda's steps, and the result equals what those
 * steps give when called one by one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  agendaRequest,
  layoutEdition,
  layoutPreparedEdition,
  minutesRequest,
  prepareRequestedEdition,
} from '../../common/export/editionLayout';
import { agendaTitle, layoutAgenda, prepareAgenda } from '../../common/export/layoutAgenda';
import { layoutMinutes, minutesTitle, publicEditionLabel } from '../../common/export/layoutMinutes';
import { prepareEdition } from '../../common/export/preparedEdition';
import type { ReferatDocument } from '../../common/format/referat1';
import { parseReferatDocument } from '../../common/format/referatJson';

const fixture = (): ReferatDocument =>
  parseReferatDocument(
    readFileSync(
      path.join(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
      'utf8',
    ),
  );

const correction = { date: '2017-12-20', author: 'Sekretær', reason: 'Stavefejl', text: 'Rettet' };

describe('minutesRequest and agendaRequest', () => {
  it('default to Danish and leave out what is not asked for', () => {
    expect(minutesRequest({ edition: 'full' })).toEqual({ edition: 'full', lang: 'da' });
    expect(
      minutesRequest({ edition: 'full', corrections: [correction], isWithSignaturePage: false }),
    ).toEqual({
      edition: 'full',
      lang: 'da',
      corrections: [correction],
      isWithSignaturePage: false,
    });
    expect(agendaRequest({ edition: 'public', lang: 'en', kind: 'agenda' })).toEqual({
      edition: 'public',
      lang: 'en',
      agenda: { kind: 'agenda' },
    });
  });
});

describe('layoutEdition', () => {
  it('lays out the minutes as prepareEdition and layoutMinutes do, with their title and label', () => {
    const doc = fixture();
    const request = minutesRequest({
      edition: 'public',
      corrections: [correction],
      isWithSignaturePage: true,
    });
    const layout = layoutEdition(doc, request);
    const { document } = prepareEdition(doc, 'public', 'da');
    expect(layout.document).toEqual(document);
    expect(layout.blocks).toEqual(
      layoutMinutes(document, {
        lang: 'da',
        edition: 'public',
        corrections: [correction],
        isWithSignaturePage: true,
      }),
    );
    expect(layout.title).toBe(minutesTitle(document, 'da'));
    expect(layout.editionLabel).toBe(publicEditionLabel(document, 'da'));
    expect(layout.editionLabel).not.toBe('');
  });

  it('lays out the agenda as prepareAgenda and layoutAgenda do; the full edition has no label', () => {
    const doc = fixture();
    const layout = layoutEdition(
      doc,
      agendaRequest({ edition: 'full', lang: 'en', kind: 'agenda' }),
    );
    const { document } = prepareAgenda(doc, 'agenda', 'full', 'en');
    expect(layout.document).toEqual(document);
    expect(layout.blocks).toEqual(
      layoutAgenda(document, { lang: 'en', edition: 'full', kind: 'agenda' }),
    );
    expect(layout.title).toBe(agendaTitle(document, 'agenda', 'en'));
    expect(layout.title).not.toBe(minutesTitle(document, 'en'));
    expect(layout.editionLabel).toBe('');
  });

  it('refuses a tillægsdagsorden without added items, as prepareAgenda does', () => {
    const request = agendaRequest({ edition: 'full', kind: 'supplementary-agenda' });
    expect(() => layoutEdition(fixture(), request)).toThrow(/no item/);
  });

  it('lays out an edition prepared earlier without preparing it again', () => {
    const doc = fixture();
    const request = minutesRequest({ edition: 'full' });
    const prepared = prepareRequestedEdition(doc, request);
    const layout = layoutPreparedEdition(prepared, request);
    expect(layout.document).toBe(prepared.document);
    expect(layout.report).toBe(prepared.report);
    expect(layout.blocks).toEqual(layoutEdition(doc, request).blocks);
  });
});
