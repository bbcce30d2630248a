/**
 * Handlers of the search feature: full-text search and the decision register. The
 * queries live in main/node/storage/queries/ (search.ts, decisionRegister.ts,
 * previousDecisions.ts).
 */
import type { Library } from '../../storage/library';
import { listDecisions } from '../../storage/queries/decisionRegister';
import {
  insertPreviousDecisions,
  previousDecisions,
} from '../../storage/queries/previousDecisions';
import { searchLibrary } from '../../storage/queries/search';
import type { Handlers } from '../types';

/** The search and decision-register requests. */
export type SearchRequestName =
  'search:query' | 'decisions:list' | 'decisions:previous' | 'decisions:insertPrevious';

export function createSearchHandlers(library: Library): Pick<Handlers, SearchRequestName> {
  const db = library.db;
  return {
    'search:query': (input) => searchLibrary(db, input),
    'decisions:list': (input) => listDecisions(db, input),
    'decisions:previous': (input) => previousDecisions(db, input),
    'decisions:insertPrevious': (input, ctx) =>
      insertPreviousDecisions(db, { ...input, author: ctx.author ?? library.author }),
  };
}
