/**
 * The recovery requests over a healthy, open library: nothing is damaged, so there is nothing
 * to restore. A damaged library is served by main/node/api/librarySession.ts instead.
 */
import { DomainError } from '../../../../common/contract/result';
import type { Library } from '../../storage/library';
import type { Handlers } from '../types';

/** The recovery requests over a healthy, open library (used by createHandlers). */
export function createRecoveryHandlers(
  library: Library,
): Pick<Handlers, 'library:recoveryStatus' | 'library:restoreBackup'> {
  return {
    'library:recoveryStatus': () => ({
      isDamaged: false,
      libraryPath: library.path,
      code: null,
      message: null,
      backups: [],
    }),
    'library:restoreBackup': () => {
      throw new DomainError('conflict', 'The library is not damaged, so no backup was restored.');
    },
  };
}
