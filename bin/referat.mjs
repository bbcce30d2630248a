#!/usr/bin/env node
// The `referat` command (package.json "bin"). It runs the built CLI, out/main/cli.mjs, which
// `npm run build` makes from main/node/cli/main.ts (npm install builds it through "prepare").
import fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../out/main/cli.mjs', import.meta.url));
if (!fs.existsSync(built)) {
  process.stderr.write(
    `referat: the CLI is not built yet (${built} is missing); run npm run build\n`,
  );
  process.exitCode = 1;
} else {
  await import(pathToFileURL(built).href);
}
