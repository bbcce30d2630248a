/**
 * Writes docs/referat-2.schema.json from the zod schema of `referat/2` (docs/referat-1.schema.json
 * is frozen: the older format's files never change).
 * Run: `npm run schema` (tsx). `--check` exits 1 when the committed file is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { referatJsonSchemaPath, referatJsonSchemaText } from '../common/format/jsonSchema';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, referatJsonSchemaPath);
const text = referatJsonSchemaText();
const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;

if (process.argv.includes('--check')) {
  if (current !== text) {
    process.stderr.write(`${referatJsonSchemaPath} is stale; run npm run schema\n`);
    process.exitCode = 1;
  }
} else if (current === text) {
  process.stdout.write(`${referatJsonSchemaPath} is up to date\n`);
} else {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(`${target}.tmp`, text);
  fs.renameSync(`${target}.tmp`, target);
  process.stdout.write(`wrote ${referatJsonSchemaPath}\n`);
}
