/**
 * Helpers for storage tests: real SQLite libraries in temporary folders, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach } from 'vitest';
import { openLibrary, type Library, type OpenLibraryOptions } from '../../main/node/storage/library';
import { createCommittee } from '../../main/node/storage/queries/committees';
import { createMember } from '../../main/node/storage/queries/members';

const tempDirs: string[] = [];
const openLibraries: Library[] = [];

afterEach(() => {
  for (const library of openLibraries.splice(0)) library.close();
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty temporary folder, removed after the test. */
export function makeTempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'referat-storage-'));
  tempDirs.push(dir);
  return dir;
}

/** Opens a library (closed after the test). */
export function open(file: string, options: OpenLibraryOptions = {}): Library {
  const library = openLibrary(file, { author: 'tester', ...options });
  openLibraries.push(library);
  return library;
}

/** A new library in a new temporary folder. */
export function newLibrary(options: OpenLibraryOptions = {}): Library {
  return open(path.join(makeTempDir(), 'library.sqlite'), options);
}

/** SHA-256 of a file's bytes (to prove a file was left untouched). */
export function fileHash(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** A committee with three active members and one inactive. */
export function seedCommittee(library: Library) {
  const committee = createCommittee(library.db, {
    name: 'Opgaveudvalget om Innovation',
    kind: 'paragraf17_udvalg',
    organisation: 'Gentofte Kommune',
    template: 'opgaveudvalg',
  });
  const member = (name: string, role: 'chair' | 'vice_chair' | 'member', party: string | null, isActive = true) =>
    createMember(library.db, {
      committeeId: committee.id,
      member: { name, role, party, isCitizen: party === null, isActive },
    });
  const members = [
    member('Marie-Louise Andreassen', 'chair', 'C'),
    member('Bo Sund', 'vice_chair', 'A'),
    member('Anna Borger', 'member', null),
    member('Tidligere Medlem', 'member', 'V', false),
  ];
  return { committee, members };
}

/** A paragraph of plain text as a rich-text body. */
export function text(line: string) {
  return [{ type: 'paragraph' as const, children: [{ type: 'text' as const, text: line }] }];
}
