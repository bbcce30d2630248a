/**
 * Finds the Electron executable installed by the `electron` npm package without starting a
 * download. (`require('electron')` itself runs the package's installer, which downloads the
 * binary when it is missing; Referat must never reach the network at run time.)
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ElectronBinary =
  { isAvailable: true; path: string } | { isAvailable: false; reason: string };

/**
 * The Electron executable, or why there is none. Follows the package's own rules
 * (`path.txt` names the executable inside `dist/`; `ELECTRON_OVERRIDE_DIST_PATH` replaces `dist/`).
 */
export function findElectronBinary(
  fromUrl: string = import.meta.url,
  env: NodeJS.ProcessEnv = process.env,
): ElectronBinary {
  let packageDir: string;
  try {
    packageDir = path.dirname(createRequire(fromUrl).resolve('electron/package.json'));
  } catch {
    return { isAvailable: false, reason: 'the electron package is not installed' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const file = path.join(override, executable || 'electron');
    return existsSync(file)
      ? { isAvailable: true, path: file }
      : { isAvailable: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names no executable (${file})` };
  }
  if (!executable) {
    return {
      isAvailable: false,
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)',
    };
  }
  const file = path.join(packageDir, 'dist', executable);
  return existsSync(file)
    ? { isAvailable: true, path: file }
    : { isAvailable: false, reason: `the Electron binary is missing (${file})` };
}
