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
import { authorOf, queryHandlers, type AreaHandlers } from '../types';

/** The search and decision-register handlers over one library. */
export function createSearchHandlers(library: Library): AreaHandlers<typeof searchApi> {
  return {
    ...queryHandlers(library.db, {
      'search:query': searchLibrary,
      'decisions:list': listDecisions,
      'decisions:previous': previousDecisions,
    }),
    'decisions:insertPrevious': (input, ctx) =>
      insertPreviousDecisions(library.db, { ...input, author: authorOf(ctx, library) }),
  };
}
