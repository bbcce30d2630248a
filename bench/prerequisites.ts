/**
 * Where the programs some benchmarks need are, looked up without running them, so that a run
 * without them can say which figures it skipped and why. Each lookup honours an environment
 * variable (also to point it at a missing path, as the tests of the skip logic do).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Chromium for the editor benchmark: CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidate = env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  return isExecutable(candidate) ? candidate : null;
}

/** LibreOffice for the office peer: SOFFICE_PATH, else `soffice` on the PATH. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates =
    env.SOFFICE_PATH !== undefined
      ? [env.SOFFICE_PATH]
      : (env.PATH ?? '').split(path.delimiter).map((dir) => path.join(dir, 'soffice'));
  return candidates.find(isExecutable) ?? null;
}

/** A program's `--version` line, or null when it does not answer. */
export function versionOf(program: string | null): string | null {
  if (program === null) return null;
  try {
    return execFileSync(program, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 60_000,
    }).trim();
  } catch {
    return null;
  }
}
