/**
 * Bug: in the desktop app, "Åbn pakke" → "Behold begge"/"Erstat" showed the open dialog a second
 * time. The archive:import handler (with the dialog function injected as Electron's context
 * does) now answers the conflict question with the package picked the first time.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseReferatDocument } from '../../common/format/referatJson';
import { createDispatcher } from '../../main/node/api/dispatch';
import { createHandlers } from '../../main/node/api/handlers';
import type { HandlerContext, IncomingFile } from '../../main/node/api/types';
import { importMeetingDocument } from '../../main/node/storage/interchange';
import { listMeetings } from '../../main/node/storage/queries/meetings';
import { makeTempDir, newLibrary } from './storageHelpers';

const fixtureText = fs.readFileSync(
  path.resolve(import.meta.dirname, '../fixtures/gentofte-2017-12-12.referat.json'),
  'utf8',
);

/** A library with the fixture meeting, its package exported to a zip, and a dialog that counts. */
async function setup() {
  const library = newLibrary();
  importMeetingDocument(library.db, parseReferatDocument(fixtureText));
  const dispatch = createDispatcher(createHandlers(library), { log: () => {} });
  const zip = path.join(makeTempDir(), 'pakke.zip');
  const picks: (IncomingFile | null)[] = [];
  let answer: IncomingFile | null = { path: zip, fileName: 'pakke.zip' };
  const ctx: HandlerContext = {
    transport: 'electron',
    pickSaveFile: async () => zip,
    pickFile: async () => {
      picks.push(answer);
      return answer;
    },
  };
  const meetingId = listMeetings(library.db, {})[0]?.id ?? '';
  const exported = await dispatch('archive:export', { meetingId }, ctx);
  if (!exported.ok) throw new Error(exported.error.message);
  return {
    library,
    dispatch,
    ctx,
    picks,
    setAnswer: (next: IncomingFile | null) => {
      answer = next;
    },
  };
}

describe('bug: Electron import with keep both / replace asks for the package file twice', () => {
  it('keep both after a conflict imports the file picked first, without a second dialog', async () => {
    const { library, dispatch, ctx, picks, setAnswer } = await setup();
    const conflict = await dispatch('archive:import', {}, ctx);
    expect(conflict.ok ? null : conflict.error.code).toBe('conflict');
    expect(picks).toHaveLength(1);
    // A second dialog would answer "cancelled" and import nothing.
    setAnswer(null);
    const kept = await dispatch('archive:import', { onExisting: 'keepBoth' }, ctx);
    expect(kept.ok ? null : kept.error).toBeNull();
    expect(picks).toHaveLength(1);
    expect(listMeetings(library.db, {})).toHaveLength(2);
  });

  it('replace after a conflict also reuses the first pick; a new import asks again', async () => {
    const { library, dispatch, ctx, picks, setAnswer } = await setup();
    expect((await dispatch('archive:import', {}, ctx)).ok).toBe(false);
    setAnswer(null);
    const replaced = await dispatch('archive:import', { onExisting: 'replace' }, ctx);
    expect(replaced.ok ? null : replaced.error).toBeNull();
    expect(picks).toHaveLength(1);
    expect(listMeetings(library.db, {})).toHaveLength(1);
    // The kept file served one answer only: the next import shows the dialog again.
    const next = await dispatch('archive:import', { onExisting: 'keepBoth' }, ctx);
    expect(next.ok ? null : next.error.code).toBe('cancelled');
    expect(picks).toHaveLength(2);
  });

  it('a fresh import after a cancelled question shows the dialog again', async () => {
    const { dispatch, ctx, picks } = await setup();
    expect((await dispatch('archive:import', {}, ctx)).ok).toBe(false);
    const again = await dispatch('archive:import', {}, ctx);
    expect(again.ok ? null : again.error.code).toBe('conflict');
    expect(picks).toHaveLength(2);
  });
});
