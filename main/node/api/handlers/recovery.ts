/**
 * Library maintenance over a healthy, open library: its backups, and the recovery requests, which
 * find nothing damaged and so nothing to restore. A damaged library is served by
 * main/node/api/librarySession.ts instead.
 */
import type { recoveryApi } from '../../../../common/contract/recovery';
import { DomainError } from '../../../../common/contract/result';
import { backupNow, listBackups } from '../../storage/backup';
import type { Library } from '../../storage/library';
import type { AreaHandlers } from '../types';

/** The maintenance and recovery handlers over a healthy, open library (used by createHandlers). */
export function createRecoveryHandlers(library: Library): AreaHandlers<typeof recoveryApi> {
  return {
    'library:backups': () => listBackups(library.path),
    'library:backupNow': () => backupNow(library),
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
