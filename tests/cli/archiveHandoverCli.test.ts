/**
 * `referat export ID --format bag --out FILE --handover RECEIVER`: writes the package, then
 * records its handover (package SHA-256, receiver) in the audit log and sets the status
 * archived, which `referat list` shows. Minutes not yet signed are refused before any package is
 * written. Real library, real signatures (`referat sign --meeting`), run-time certificates.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openLibrary } from '../../main/node/storage/library';
import { approveMeeting, listAudit } from '../../main/node/storage/queries/lifecycle';
import { addTrustedRoots } from '../../main/node/storage/queries/trustedRoots';
import {
  createMemberCache,
  modelMeetingFile,
  presentAtModelMeeting as present,
} from '../helpers/modelMeeting';
import { runCliCaptured } from '../helpers/runCliCaptured';
import { createTestPki } from '../helpers/testPki';
import { makeTempDir } from '../storage/storageHelpers';

const pki = createTestPki();
afterAll(() => pki.dispose());
const memberFor = createMemberCache(pki);

const cli = (work: string, args: string[], env: Record<string, string> = {}) =>
  runCliCaptured(args, {
    cwd: work,
    env: { REFERAT_LIBRARY: path.join(work, 'library.sqlite'), ...env },
  });

async function approvedMeeting() {
  const work = makeTempDir();
  expect((await cli(work, ['import', modelMeetingFile])).code).toBe(0);
  const library = openLibrary(path.join(work, 'library.sqlite'), { author: 'Referent' });
  const meetingId = library.db.prepare('SELECT id FROM meetings').pluck().get() as string;
  approveMeeting(library.db, { id: meetingId, author: 'Referent' });
  addTrustedRoots(library.db, pki.rootPem);
  library.close();
  return { work, meetingId };
}

const auditOf = (work: string, meetingId: string) => {
  const library = openLibrary(path.join(work, 'library.sqlite'), { author: 'Referent' });
  try {
    return listAudit(library.db, { meetingId });
  } finally {
    library.close();
  }
};

describe('referat export --format bag --handover', () => {
  it('writes the package, records the handover with its SHA-256 and receiver; list shows archived', async () => {
    const { work, meetingId } = await approvedMeeting();
    for (const [index, name] of present.entries()) {
      const member = memberFor(name);
      const signed = await cli(
        work,
        ['sign', '--meeting', meetingId, '--p12', member.p12Path, '--out', `s${index}.pdf`],
        { REFERAT_P12_PASSWORD: member.password },
      );
      expect(signed.code, signed.stderr).toBe(0);
    }
    const run = await cli(work, [
      'export',
      meetingId,
      '--format',
      'bag',
      '--out',
      'pakke.zip',
      '--handover',
      'Gentofte Stadsarkiv',
    ]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const sha = createHash('sha256')
      .update(fs.readFileSync(path.join(work, 'pakke.zip')))
      .digest('hex');
    expect(run.stdout).toContain(`SHA-256 ${sha}`);
    expect(run.stdout).toContain('handed to the archive (Gentofte Stadsarkiv)');
    const last = auditOf(work, meetingId).at(-1);
    expect(last?.action).toBe('archived');
    expect(last?.detail).toBe(`package ${sha} handed to Gentofte Stadsarkiv`);

    const list = await cli(work, ['list']);
    expect(list.code).toBe(0);
    expect(list.stdout.trim().split('\t').at(-1)).toBe('archived');
  });

  it('minutes not yet signed: refused before writing, nothing recorded', async () => {
    const { work, meetingId } = await approvedMeeting();
    const before = auditOf(work, meetingId);
    const run = await cli(work, [
      'export',
      meetingId,
      '--format',
      'bag',
      '--out',
      'pakke.zip',
      '--handover',
      'Gentofte Stadsarkiv',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('only signed minutes can be handed to the archive');
    expect(fs.existsSync(path.join(work, 'pakke.zip'))).toBe(false);
    expect(auditOf(work, meetingId)).toEqual(before);
    expect((await cli(work, ['list'])).stdout.trim().split('\t').at(-1)).toBe('approved');
  });

  it('--handover applies only to --format bag', async () => {
    const { work, meetingId } = await approvedMeeting();
    const run = await cli(work, [
      'export',
      meetingId,
      '--format',
      'json',
      '--out',
      'm.json',
      '--handover',
      'Arkivet',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--handover does not apply to --format json');
  });
});
