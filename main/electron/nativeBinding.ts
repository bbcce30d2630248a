/**
 * better-sqlite3 for Electron's ABI. node_modules holds a build for Node (tests, CLI, browser
 * mode); Electron needs its own, kept apart so neither breaks the other:
 *
 * - packaged app: electron-builder rebuilt the module for this Electron and unpacked it from the
 *   asar (`asarUnpack` in electron-builder.yml);
 * - development (`npm start` with Electron): on first start `@electron/rebuild` builds a copy of
 *   node_modules/better-sqlite3 in `<userData>/native/<electron version>/`. The copy is built in
 *   a temporary folder and renamed into place only when complete.
 *
 * The result is passed to better-sqlite3 as its `nativeBinding` option.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const addonRelative = path.join(
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);

export type NativeBindingOptions = {
  isPackaged: boolean;
  /** `process.resourcesPath` of the packaged app. */
  resourcesPath: string;
  /** Electron's `userData` folder. */
  userDataDir: string;
  electronVersion: string;
  /** Progress lines (the first build takes a minute). */
  log?: (line: string) => void;
};

/** The path of a better_sqlite3.node built for this Electron; builds it on first use in development. */
export async function ensureNativeBinding(options: NativeBindingOptions): Promise<string> {
  if (options.isPackaged) {
    const file = path.join(options.resourcesPath, 'app.asar.unpacked', addonRelative);
    if (!existsSync(file)) throw new Error(`The packaged app lacks its SQLite module (${file}).`);
    return file;
  }
  const dir = path.join(options.userDataDir, 'native', options.electronVersion);
  const file = path.join(dir, addonRelative);
  if (existsSync(file)) return file;

  const require = createRequire(import.meta.url);
  const sourceDir = path.dirname(require.resolve('better-sqlite3/package.json'));
  const version = (
    JSON.parse(readFileSync(path.join(sourceDir, 'package.json'), 'utf8')) as { version: string }
  ).version;
  const temp = `${dir}.building-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(path.join(temp, 'node_modules'), { recursive: true });
  options.log?.(
    `Referat: building the SQLite module for Electron ${options.electronVersion} (first start only)…`,
  );
  try {
    // The Node build in node_modules stays untouched: copy the sources without it.
    cpSync(sourceDir, path.join(temp, 'node_modules', 'better-sqlite3'), {
      recursive: true,
      filter: (from) => path.relative(sourceDir, from).split(path.sep)[0] !== 'build',
    });
    writeFileSync(
      path.join(temp, 'package.json'),
      JSON.stringify({
        name: 'referat-native',
        version: '1.0.0',
        private: true,
        dependencies: { 'better-sqlite3': version },
      }),
    );
    const { rebuild } = await import('@electron/rebuild');
    await rebuild({
      buildPath: temp,
      electronVersion: options.electronVersion,
      onlyModules: ['better-sqlite3'],
      force: true,
      mode: 'sequential',
    });
    if (!existsSync(path.join(temp, addonRelative))) {
      throw new Error('@electron/rebuild finished without producing better_sqlite3.node');
    }
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    throw new Error(
      `Could not build the SQLite module for Electron ${options.electronVersion}: ${error instanceof Error ? error.message : String(error)}. ` +
        'Run npm start -- --browser to use Referat in the browser instead.',
    );
  }
  return file;
}
