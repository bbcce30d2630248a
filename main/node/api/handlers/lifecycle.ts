/**
 * Handlers of the meeting lifecycle (issue 5): approval, corrections and the audit log. The
 * rules live in main/node/storage/queries/lifecycle.ts.
 */
import type { Library } from '../../storage/library';
import {
  addCorrection,
  approveMeeting,
  listAudit,
  listCorrections,
} from '../../storage/queries/lifecycle';
import type { Handlers } from '../handlers';

/** The lifecycle requests. */
export type LifecycleRequestName =
  'meetings:approve' | 'corrections:add' | 'corrections:list' | 'audit:list';

export function createLifecycleHandlers(library: Library): Pick<Handlers, LifecycleRequestName> {
  const db = library.db;
  return {
    'meetings:approve': (input, ctx) =>
      approveMeeting(db, { id: input.id, author: ctx.author ?? library.author }),
    'corrections:add': (input, ctx) =>
      addCorrection(db, { ...input, author: ctx.author ?? library.author }),
    'corrections:list': (input) => listCorrections(db, input),
    'audit:list': (input) => listAudit(db, input),
  };
}
