/**
 * ESLint's layer rules (eslint.config.js, `no-restricted-imports` per folder): each fixture under
 * tests/lint/fixtures/layers is linted as if it stood at its place in the repository (its path
 * below the fixture folder), and must be refused with the rule's message. The same files are
 * ignored by the normal `npm run lint`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const layers = path.join(root, 'tests/lint/fixtures/layers');
const eslint = new ESLint({ cwd: root });

/** The restricted-import messages ESLint gives the fixture when it stands at its layer path. */
async function restrictedImports(fixture: string): Promise<string[]> {
  const [result] = await eslint.lintText(fs.readFileSync(path.join(layers, fixture), 'utf8'), {
    filePath: path.join(root, fixture),
  });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

describe('ESLint layer rules', () => {
  it.each([
    ['renderer/src/readsLibrary.ts', 'The renderer imports only common/'],
    ['main/node/usesShell.ts', 'main/node imports only common/ and main/node'],
    ['common/readsFiles.ts', 'common/ is the pure core: no Node built-ins.'],
    ['preload/importsRenderer.ts', 'The preload imports only common/ (types) and electron.'],
  ])('refuse the upward import in %s', async (fixture, message) => {
    const messages = await restrictedImports(fixture);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(message);
  });

  it('accept a downward import (main/electron importing main/node)', async () => {
    const [result] = await eslint.lintText(
      "import { libraryName } from '../node/storage/library';\n\nexport const name = libraryName;\n",
      { filePath: path.join(root, 'main/electron/fixture.ts') },
    );
    expect(result?.messages).toEqual([]);
  });

  it('leave the fixtures out of the normal lint run', async () => {
    expect(await eslint.isPathIgnored(path.join(layers, 'renderer/src/readsLibrary.ts'))).toBe(
      true,
    );
  });
});
