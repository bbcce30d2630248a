/**
 * Handlers of agenda items and of the text bodies with their history. Rules in
 * main/node/storage/queries/items.ts and bodies.ts.
 */
import type { itemsApi } from '../../../../common/contract/items';
import type { Library } from '../../storage/library';
import { bodyHistory, saveBody } from '../../storage/queries/bodies';
import { createItem, deleteItem, moveItem, updateItem } from '../../storage/queries/items';
import { authorOf, type AreaHandlers } from '../types';

/** The item and body handlers over one library. */
export function createItemsHandlers(library: Library): AreaHandlers<typeof itemsApi> {
  const db = library.db;
  return {
    'items:create': (input) => createItem(db, input),
    'items:update': (input) => updateItem(db, input),
    'items:move': (input) => moveItem(db, input),
    'items:delete': (input) => deleteItem(db, input),
    'bodies:save': (input, ctx) => saveBody(db, { ...input, author: authorOf(ctx, library) }),
    'bodies:history': (input) => bodyHistory(db, input),
  };
}
