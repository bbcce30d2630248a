/**
 * The dependency-cruiser rules (.dependency-cruiser.cjs, part of `npm run lint`) catch an import
 * that goes up a layer and an import cycle: each fixture under tests/lint/fixtures breaks one
 * rule on purpose, and the cruise over it must report exactly that rule.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { cruise, type IConfiguration, type IReporterOutput } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const config = createRequire(import.meta.url)(
  path.join(root, '.dependency-cruiser.cjs'),
) as IConfiguration;
const fixtures = path.join(root, 'tests/lint/fixtures');

/** The violations (rule, from, to) of cruising `folder` as if it were the repository root. */
async function violations(folder: string): Promise<string[]> {
  const result: IReporterOutput = await cruise(
    ['.'],
    {
      ...config.options,
      ruleSet: { forbidden: config.forbidden },
      validate: true,
      baseDir: path.join(fixtures, folder),
    },
    config.options?.enhancedResolveOptions,
  );
  if (typeof result.output === 'string') throw new Error('expected a cruise result');
  return result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

describe('dependency-cruiser rules', () => {
  it('report every upward import of the layer fixtures, and nothing else', async () => {
    expect(await violations('layers')).toEqual([
      'common-is-pure: common/readsFiles.ts -> fs',
      'common-no-node-builtins: common/readsFiles.ts -> fs',
      'node-not-up: main/node/usesShell.ts -> main/electron/shell.ts',
      'preload-only-common: preload/importsRenderer.ts -> renderer/src/readsLibrary.ts',
      'renderer-only-common: renderer/src/readsLibrary.ts -> main/node/storage/library.ts',
      'storage-not-up: main/node/storage/callsApi.ts -> main/node/api/handler.ts',
    ]);
  });

  it('report an import cycle', async () => {
    expect(await violations('cycle')).toEqual(['no-circular: first.ts -> second.ts']);
  });

  it('find no violation in the repository itself (the fixtures are excluded)', async () => {
    const result = await cruise(
      ['common', 'main', 'preload', 'renderer', 'tests', 'bench', 'scripts'],
      {
        ...config.options,
        ruleSet: { forbidden: config.forbidden },
        validate: true,
        baseDir: root,
      },
      config.options?.enhancedResolveOptions,
    );
    if (typeof result.output === 'string') throw new Error('expected a cruise result');
    expect(result.output.summary.violations).toEqual([]);
  });
});
