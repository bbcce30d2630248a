import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, defaultLibraryPath, resolveLibraryPath } from '../../main/node/paths';

describe("defaultLibraryPath: the app's own library on each platform", () => {
  it('Linux: $XDG_DATA_HOME/Referat, else ~/.local/share/Referat; a relative XDG_DATA_HOME is ignored', () => {
    expect(
      defaultLibraryPath({
        platform: 'linux',
        env: { XDG_DATA_HOME: '/data' },
        homedir: '/home/sekr',
      }),
    ).toBe('/data/Referat/library.sqlite');
    expect(defaultLibraryPath({ platform: 'linux', env: {}, homedir: '/home/sekr' })).toBe(
      '/home/sekr/.local/share/Referat/library.sqlite',
    );
    expect(
      defaultLibraryPath({
        platform: 'linux',
        env: { XDG_DATA_HOME: 'rel/dir' },
        homedir: '/home/sekr',
      }),
    ).toBe('/home/sekr/.local/share/Referat/library.sqlite');
    expect(defaultLibraryPath({ platform: 'freebsd', env: {}, homedir: '/usr/home/s' })).toBe(
      '/usr/home/s/.local/share/Referat/library.sqlite',
    );
  });

  it('Windows: %APPDATA%\\Referat, else the roaming AppData folder', () => {
    expect(
      defaultLibraryPath({
        platform: 'win32',
        env: { APPDATA: 'C:\\Users\\sekr\\AppData\\Roaming' },
        homedir: 'C:\\Users\\sekr',
      }),
    ).toBe('C:\\Users\\sekr\\AppData\\Roaming\\Referat\\library.sqlite');
    expect(defaultLibraryPath({ platform: 'win32', env: {}, homedir: 'C:\\Users\\sekr' })).toBe(
      'C:\\Users\\sekr\\AppData\\Roaming\\Referat\\library.sqlite',
    );
  });

  it('macOS: ~/Library/Application Support/Referat (XDG is not used there)', () => {
    expect(
      defaultLibraryPath({
        platform: 'darwin',
        env: { XDG_DATA_HOME: '/x' },
        homedir: '/Users/sekr',
      }),
    ).toBe('/Users/sekr/Library/Application Support/Referat/library.sqlite');
    expect(appDataDir({ platform: 'darwin', env: {}, homedir: '/Users/sekr' })).toBe(
      '/Users/sekr/Library/Application Support/Referat',
    );
  });
});

describe('resolveLibraryPath: --library over REFERAT_LIBRARY over the default', () => {
  const env = { REFERAT_LIBRARY: '/env/lib.sqlite', XDG_DATA_HOME: '/xdg' };
  it('prefers the option, then the environment, then the default; resolves relative paths', () => {
    expect(resolveLibraryPath('/opt/lib.sqlite', env, '/work')).toBe('/opt/lib.sqlite');
    expect(resolveLibraryPath('rel.sqlite', env, '/work')).toBe(
      path.resolve('/work', 'rel.sqlite'),
    );
    expect(resolveLibraryPath(undefined, env, '/work')).toBe('/env/lib.sqlite');
    expect(resolveLibraryPath('', { XDG_DATA_HOME: '/xdg' }, '/work')).toBe(
      process.platform === 'linux'
        ? '/xdg/Referat/library.sqlite'
        : path.resolve(defaultLibraryPath({ env: { XDG_DATA_HOME: '/xdg' } })),
    );
  });
});
