#!/usr/bin/env node
/**
 * The one build of Referat (Vite 8 JS API), run by `npm run build` and by `prepare` after
 * `npm install`:
 *
 * - renderer: renderer/index.html -> out/renderer/ (vite.config.ts, React)
 * - main (Node ESM, dependencies external): main/start.ts -> out/main/start.mjs,
 *   main/node/cli/main.ts -> out/main/cli.mjs, main/electron/electronMain.ts -> out/main/electronMain.mjs
 * - preload (CommonJS, sandboxed preloads cannot be ESM): preload/preload.ts -> out/preload/preload.cjs
 *
 * Quiet on success: only errors are printed (to stderr), and the exit code is non-zero on failure.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out');
const logLevel = process.env.REFERAT_BUILD_VERBOSE === '1' ? 'info' : 'error';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Everything that is not a file of this repository stays an import: node_modules are present at run time. */
function isExternal(id) {
  if (id.startsWith('\0')) return false;
  if (builtins.has(id) || id.startsWith('node:')) return true;
  if (id.startsWith('.') || path.isAbsolute(id))
    return id.includes(`${path.sep}node_modules${path.sep}`);
  return true;
}

/** Entries of the Node-side bundle; the CLI is built when its source exists. */
function mainEntries() {
  const entries = {
    start: 'main/start.ts',
    cli: 'main/node/cli/main.ts',
    electronMain: 'main/electron/electronMain.ts',
    // The PDF export's worker thread (main/node/pdf/exportInWorker.ts loads it from beside itself).
    exportWorker: 'main/node/pdf/exportWorker.ts',
  };
  const present = {};
  for (const [name, file] of Object.entries(entries)) {
    if (existsSync(path.join(root, file))) present[name] = path.join(root, file);
  }
  return present;
}

/** Shared options of the Node-side bundles (no vite.config.ts: that one is the renderer's). */
function nodeConfig({ input, outDir, format, entryFileNames }) {
  return {
    root,
    configFile: false,
    envDir: false,
    logLevel,
    publicDir: false,
    ssr: { target: 'node', external: true },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      rolldownOptions: {
        input,
        external: isExternal,
        output: {
          format,
          entryFileNames,
          // Shared chunks next to the entries, so import.meta.url resolves the same from each.
          chunkFileNames: `shared-[hash]${format === 'cjs' ? '.cjs' : '.mjs'}`,
        },
      },
    },
  };
}

async function buildRenderer(stage) {
  if (!existsSync(path.join(root, 'renderer', 'index.html'))) {
    console.error('build: renderer/index.html is missing; the renderer was not built.');
    return;
  }
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    logLevel,
    build: { outDir: path.join(stage, 'renderer') },
  });
}

async function buildMain(stage) {
  const input = mainEntries();
  if (Object.keys(input).length === 0) return;
  await build(
    nodeConfig({
      input,
      outDir: path.join(stage, 'main'),
      format: 'esm',
      entryFileNames: '[name].mjs',
    }),
  );
}

async function buildPreload(stage) {
  const file = path.join(root, 'preload', 'preload.ts');
  if (!existsSync(file)) return;
  await build(
    nodeConfig({
      input: { preload: file },
      outDir: path.join(stage, 'preload'),
      format: 'cjs',
      entryFileNames: '[name].cjs',
    }),
  );
}

/**
 * Moves a complete build into out/ part by part: a failed build leaves the previous out/
 * untouched, and a running app or test never sees a half-written folder.
 */
function publish(stage) {
  mkdirSync(out, { recursive: true });
  for (const part of readdirSync(stage)) {
    const target = path.join(out, part);
    const old = `${target}.old-${process.pid}`;
    if (existsSync(target)) renameSync(target, old);
    renameSync(path.join(stage, part), target);
    rmSync(old, { recursive: true, force: true });
  }
}

// A hidden staging folder beside out/ (same file system, so the final renames are atomic).
const stage = path.join(root, `.out-build-${process.pid}`);
try {
  rmSync(stage, { recursive: true, force: true });
  // Rolldown uses its own threads; running the three builds one after another keeps the
  // two shared cores of a CI machine free and the total well under 30 s.
  await buildRenderer(stage);
  await buildPreload(stage);
  await buildMain(stage);
  publish(stage);
} catch (error) {
  console.error(`build failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(stage, { recursive: true, force: true });
}
