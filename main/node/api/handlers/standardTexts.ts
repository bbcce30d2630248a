/**
 * Handlers of the committees' standard decision texts. Rules in
 * main/node/storage/queries/standardTexts.ts.
 */
import type { Library } from '../../storage/library';
import { listStandardTexts, saveStandardTexts } from '../../storage/queries/standardTexts';
import type { Handlers } from '../types';

export type StandardTextsRequestName = 'standardTexts:get' | 'standardTexts:save';

export function createStandardTextsHandlers(
  library: Library,
): Pick<Handlers, StandardTextsRequestName> {
  return {
    'standardTexts:get': (input) => listStandardTexts(library.db, input.committeeId),
    'standardTexts:save': (input) => saveStandardTexts(library.db, input.committeeId, input.texts),
  };
}
