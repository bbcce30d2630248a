/**
 * Handlers of the search feature: full-text search and the decision register. The
 * queries live in main/node/storage/queries/ (search.ts, decisionRegister.ts,
 * previousDecisions.ts).
 */
import type { searchApi } from '../../../../common/contract/search';
import type { Library } from '../../storage/library';
import { listDecisions } from '../../storage/queries/decisionRegister';
import {
  insertPreviousDecisions,
  previousDecisions,
} from '../../storage/queries/previousDecisions';
import { searchLibrary } from '../../storage/queries/search';
import { authorOf, type AreaHandlers } from '../types';

/** The search and decision-register handlers over one library. */
export function createSearchHandlers(library: Library): AreaHandlers<typeof searchApi> {
  const db = library.db;
  return {
    'search:query': (input) => searchLibrary(db, input),
    'decisions:list': (input) => listDecisions(db, input),
    'decisions:previous': (input) => previousDecisions(db, input),
    'decisions:insertPrevious': (input, ctx) =>
      insertPreviousDecisions(db, { ...input, author: authorOf(ctx, library) }),
  };
}
