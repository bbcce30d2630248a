/**
 * Child process of crash.test.ts: saves item bodies through the real storage functions in a
 * tight loop and acknowledges each save on stdout only after its transaction committed:
 *   ack <itemId> <field> <revision> <marker>
 * It never stops by itself; the parent kills it with SIGKILL.
 *
 * Run: node --import tsx tests/storage/crashWorker.ts LIBRARY ITEM_IDS RUN (the test runs a
 * bundle of this file made with Vite, for fast starts).
 */
import fs from 'node:fs';
import { openLibrary } from '../../main/node/storage/library';
import { getItemBodies, saveBody } from '../../main/node/storage/queries/bodies';

const [libraryPath, itemList, run] = process.argv.slice(2);
if (!libraryPath || !itemList || !run) {
  process.stderr.write('usage: crashWorker LIBRARY ITEM_IDS RUN\n');
  process.exit(2);
}
const itemIds = itemList.split(',');
const fields = ['decision', 'summary', 'casePresentation'] as const;
const filler = 'Langt afsnit med æøå for at fylde flere sider i WAL-filen. '.repeat(400);

const library = openLibrary(libraryPath, { author: `worker-${run}`, isCheckingIntegrity: false });
fs.writeSync(1, 'ready\n');
for (let n = 0; ; n++) {
  const itemId = itemIds[n % itemIds.length] ?? '';
  const field = fields[n % fields.length] ?? 'decision';
  const marker = `r${run}-s${n}`;
  const paragraphs = [
    { type: 'paragraph' as const, children: [{ type: 'text' as const, text: marker }] },
  ];
  // Every few saves a large body, so commits span many pages and checkpoints happen.
  if (n % 5 === 4)
    paragraphs.push({ type: 'paragraph', children: [{ type: 'text', text: filler }] });
  const baseRevision = getItemBodies(library.db, itemId)[field].revision;
  const saved = saveBody(library.db, {
    owner: { kind: 'item', itemId, field },
    content: paragraphs,
    baseRevision,
    author: `worker-${run}`,
  });
  // Synchronous write: the acknowledgement leaves the process before the next save starts.
  fs.writeSync(1, `ack ${itemId} ${field} ${saved.revision} ${marker}\n`);
}
