/**
 * Handlers of the application area: what `app:info` tells about this launch, and the library's
 * settings (the secretary's name). Settings are stored in main/node/storage/queries/settings.ts.
 */
import type { appApi } from '../../../../common/contract/app';
import type { Library } from '../../storage/library';
import { secretaryNameSetting } from '../../storage/library';
import { getSetting, setSetting } from '../../storage/queries/settings';
import type { AreaHandlers } from '../types';

/** The application handlers over one library; `version` is what `app:info` reports. */
export function createAppHandlers(library: Library, version: string): AreaHandlers<typeof appApi> {
  const db = library.db;
  return {
    'app:info': (_input, ctx) => ({ version, transport: ctx.transport, libraryName: library.name }),
    'settings:get': () => ({ secretaryName: getSetting(db, secretaryNameSetting) ?? null }),
    'settings:set': (input) => {
      setSetting(db, secretaryNameSetting, input.secretaryName);
      return { secretaryName: input.secretaryName };
    },
  };
}
