/**
 * Handlers of the meeting lifecycle: approval, corrections, signing, the handover to the
 * archive and the audit log. The rules live in main/node/storage/queries/lifecycle.ts.
 */
import type { lifecycleApi } from '../../../../common/contract/lifecycle';
import { DomainError } from '../../../../common/contract/result';
import { checkStoredRound, importSignedPdf } from '../../signing/recordSignatures';
import type { Library } from '../../storage/library';
import {
  addCorrection,
  approveMeeting,
  listAudit,
  listCorrections,
  markSigned,
  recordArchiveHandover,
} from '../../storage/queries/lifecycle';
import { latestSignedPdf } from '../../storage/queries/signedPdfs';
import { incomingFile, readIncomingFile } from '../incomingFile';
import { authorOf, type AreaHandlers } from '../types';

/** Largest signed PDF accepted (it is read into memory). */
const maxPdfBytes = 512 * 1024 * 1024;

/** The lifecycle handlers over one library. */
export function createLifecycleHandlers(library: Library): AreaHandlers<typeof lifecycleApi> {
  const db = library.db;
  return {
    'meetings:approve': (input, ctx) =>
      approveMeeting(db, { id: input.id, author: authorOf(ctx, library) }),
    'meetings:markSigned': async (input, ctx) => {
      if (input.edition !== undefined) {
        const stored = latestSignedPdf(db, input.id, input.edition);
        if (!stored)
          throw new DomainError(
            'not_found',
            `The ${input.edition} edition of this meeting has not been signed in Referat yet.`,
          );
        const check = await checkStoredRound(library, input.id, input.edition, stored);
        return markSigned(db, { id: input.id, author: authorOf(ctx, library), check });
      }
      const file = await incomingFile(input.uploadId, ctx);
      try {
        const pdf = readIncomingFile(file, maxPdfBytes, 'is larger than 512 MB');
        // A file signed elsewhere: this meeting's edition, with new signers matched to members
        // present; it must complete the round, or nothing is recorded (signatures:import
        // records partial progress).
        const result = await importSignedPdf(library, {
          meetingId: input.id,
          pdf,
          author: authorOf(ctx, library),
          isCompletionRequired: true,
        });
        const audit = listAudit(db, { meetingId: input.id }).at(-1);
        if (!audit) throw new DomainError('internal', 'The signed meeting has no audit entry.');
        return { meeting: result.meeting, audit };
      } finally {
        if (input.uploadId !== undefined) await ctx.releaseUpload?.(input.uploadId);
      }
    },
    'meetings:recordArchiveHandover': (input, ctx) =>
      recordArchiveHandover(db, { ...input, author: authorOf(ctx, library) }),
    'corrections:add': (input, ctx) =>
      addCorrection(db, { ...input, author: authorOf(ctx, library) }),
    'corrections:list': (input) => listCorrections(db, input),
    'audit:list': (input) => listAudit(db, input),
  };
}
