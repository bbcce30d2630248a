/**
 * Handlers of the minutes profiles: list, get, save (validated, every problem named) and the
 * municipality default. Rules in main/node/storage/queries/profiles.ts.
 */
import type { profilesApi } from '../../../../common/contract/profiles';
import { issueTexts } from '../../../../common/contract/issueText';
import { DomainError, formatIssues } from '../../../../common/contract/result';
import { minutesProfileSchema } from '../../../../common/domain/profiles';
import type { Library } from '../../storage/library';
import {
  getDefaultProfileId,
  getProfile,
  listProfiles,
  saveProfile,
  setDefaultProfileId,
} from '../../storage/queries/profiles';
import type { AreaHandlers } from '../types';

/** The minutes-profile handlers over one library. */
export function createProfilesHandlers(library: Library): AreaHandlers<typeof profilesApi> {
  const db = library.db;
  return {
    'profiles:list': () => ({
      profiles: listProfiles(db),
      defaultProfileId: getDefaultProfileId(db),
    }),
    'profiles:get': (input) => getProfile(db, input.id),
    'profiles:save': (input) => {
      const parsed = minutesProfileSchema.safeParse(input.profile);
      if (!parsed.success) {
        throw new DomainError(
          'invalid_input',
          `The profile is not valid: ${formatIssues(parsed.error.issues, 'profile').join('; ')}`,
          undefined,
          { issueTexts: issueTexts(parsed.error.issues, 'profile') },
        );
      }
      return saveProfile(db, parsed.data);
    },
    'profiles:setDefault': (input) => {
      setDefaultProfileId(db, input.id);
      return {};
    },
  };
}
