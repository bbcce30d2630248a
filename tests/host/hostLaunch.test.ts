/**
 * How `npm start` decides between Electron and browser mode: the Electron binary lookup (on
 * fake electron packages in temp folders) and the command line.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/node/host/electronBinary';
import { parseStartArgs } from '../../main/node/host/startOptions';

const tempDirs: string[] = [];

/** A project folder with a fake `electron` package; its index.js leaves a marker if anything requires it. */
function fakeProject(options: { pathTxt?: string; withBinary?: boolean }) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'referat-electron-lookup-'));
  tempDirs.push(dir);
  const pkg = path.join(dir, 'node_modules', 'electron');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }),
  );
  const marker = path.join(dir, 'index-was-required');
  writeFileSync(
    path.join(pkg, 'index.js'),
    `require('fs').writeFileSync(${JSON.stringify(marker)}, 'downloading');`,
  );
  if (options.pathTxt !== undefined) writeFileSync(path.join(pkg, 'path.txt'), options.pathTxt);
  if (options.withBinary) {
    writeFileSync(path.join(pkg, 'dist', 'electron'), '#!/bin/sh\n');
    chmodSync(path.join(pkg, 'dist', 'electron'), 0o755);
  }
  return {
    fromUrl: pathToFileURL(path.join(dir, 'main.js')).href,
    binary: path.join(pkg, 'dist', 'electron'),
    marker,
    dir,
  };
}

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

describe('findElectronBinary', () => {
  it('reports a never-downloaded binary without running the package (no download)', () => {
    const project = fakeProject({});
    const found = findElectronBinary(project.fromUrl, {});
    expect(found).toEqual({
      isAvailable: false,
      reason: expect.stringContaining('never downloaded'),
    });
    expect(existsSync(project.marker)).toBe(false);
  });

  it('reports a path.txt whose executable is missing', () => {
    const project = fakeProject({ pathTxt: 'electron' });
    expect(findElectronBinary(project.fromUrl, {})).toEqual({
      isAvailable: false,
      reason: expect.stringContaining('is missing'),
    });
  });

  it('finds a downloaded binary', () => {
    const project = fakeProject({ pathTxt: 'electron', withBinary: true });
    expect(findElectronBinary(project.fromUrl, {})).toEqual({
      isAvailable: true,
      path: project.binary,
    });
    expect(existsSync(project.marker)).toBe(false);
  });

  it('follows ELECTRON_OVERRIDE_DIST_PATH', () => {
    const project = fakeProject({ pathTxt: 'electron', withBinary: true });
    const distDir = path.dirname(project.binary);
    expect(findElectronBinary(project.fromUrl, { ELECTRON_OVERRIDE_DIST_PATH: distDir })).toEqual({
      isAvailable: true,
      path: project.binary,
    });
    expect(
      findElectronBinary(project.fromUrl, {
        ELECTRON_OVERRIDE_DIST_PATH: path.join(project.dir, 'nowhere'),
      }).isAvailable,
    ).toBe(false);
  });

  it('reports a project without the electron package', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'referat-electron-none-'));
    tempDirs.push(dir);
    expect(findElectronBinary(pathToFileURL(path.join(dir, 'main.js')).href, {})).toEqual({
      isAvailable: false,
      reason: 'the electron package is not installed',
    });
  });
});

describe('parseStartArgs', () => {
  it('defaults to Electron, opening the browser, the default library and a free port', () => {
    expect(parseStartArgs([], {})).toEqual({
      isBrowser: false,
      isOpening: true,
      libraryPath: null,
      port: 0,
      isHelp: false,
    });
  });

  it('reads --browser, --no-open, --library (both spellings) and --port', () => {
    expect(
      parseStartArgs(
        ['--browser', '--no-open', '--library', '/tmp/a.sqlite', '--port', '8123'],
        {},
      ),
    ).toEqual({
      isBrowser: true,
      isOpening: false,
      libraryPath: '/tmp/a.sqlite',
      port: 8123,
      isHelp: false,
    });
    expect(parseStartArgs(['--library=/tmp/b.sqlite'], {}).libraryPath).toBe('/tmp/b.sqlite');
  });

  it('takes REFERAT_NO_OPEN=1 and REFERAT_LIBRARY from the environment; --library wins', () => {
    const env = { REFERAT_NO_OPEN: '1', REFERAT_LIBRARY: '/tmp/env.sqlite' };
    expect(parseStartArgs([], env)).toMatchObject({
      isOpening: false,
      libraryPath: '/tmp/env.sqlite',
    });
    expect(parseStartArgs(['--library', '/tmp/arg.sqlite'], env).libraryPath).toBe(
      '/tmp/arg.sqlite',
    );
    expect(parseStartArgs([], { REFERAT_NO_OPEN: '0' }).isOpening).toBe(true);
  });

  it('refuses unknown options, missing values and bad ports with a reason', () => {
    expect(() => parseStartArgs(['--colour'], {})).toThrow('unknown option "--colour"');
    expect(() => parseStartArgs(['--library'], {})).toThrow('--library needs a value');
    expect(() => parseStartArgs(['--library', '--no-open'], {})).toThrow('--library needs a value');
    expect(() => parseStartArgs(['--port', 'eighty'], {})).toThrow('--port must be a number');
    expect(() => parseStartArgs(['--port', '70000'], {})).toThrow('--port must be a number');
  });
});
