/**
 * Handlers of the committees' standard decision texts. Rules in
 * main/node/storage/queries/standardTexts.ts.
 */
import type { standardTextsApi } from '../../../../common/contract/standardTexts';
import type { Library } from '../../storage/library';
import { listStandardTexts, saveStandardTexts } from '../../storage/queries/standardTexts';
import type { AreaHandlers } from '../types';

/** The standard-text handlers over one library. */
export function createStandardTextsHandlers(
  library: Library,
): AreaHandlers<typeof standardTextsApi> {
  return {
    'standardTexts:get': (input) => listStandardTexts(library.db, input.committeeId),
    'standardTexts:save': (input) => saveStandardTexts(library.db, input.committeeId, input.texts),
  };
}
