/**
 * Read access to a bag as a folder or a zip, with the checks that keep a hostile package from
 * touching anything outside it or exhausting the machine:
 * - every path is a plain relative path (no absolute or drive paths, no "..", no backslash);
 * - symbolic links (folder entries, or zip entries whose Unix mode says link) are refused;
 * - a zip may hold at most `maxEntries` entries and `maxTotalBytes` uncompressed bytes (the
 *   declared sizes are summed before anything is read, and yauzl stops any entry that inflates
 *   beyond its declared size, so a zip bomb is refused without being expanded);
 * - duplicate zip entries are refused.
 *
 * A zip made from a bag folder usually holds one top-level folder; the bag is then that folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { isSafeBagPath } from '../../../common/archive/bagit';
import { DomainError } from '../../../common/contract/result';

/** Limits for reading a package. */
export type BagLimits = {
  /** Most files in a zip (default 20,000). */
  maxEntries?: number;
  /** Most uncompressed bytes in a zip (default 8 GB). */
  maxTotalBytes?: number;
};

export const defaultBagLimits: Required<BagLimits> = {
  maxEntries: 20_000,
  maxTotalBytes: 8 * 1000 * 1000 * 1000,
};

/** The files of a bag, by bag-relative path ("bagit.txt", "data/x.pdf"). */
export type BagSource = {
  /** What the user gave (for messages). */
  readonly shownName: string;
  readonly files: ReadonlyMap<string, { size: number }>;
  open(bagPath: string): Promise<Readable>;
  close(): void;
};

/**
 * Opens a bag folder or a `.zip` file (any other file is tried as a zip).
 * @throws DomainError invalid_input (unsafe or malformed package), not_found, too_large
 */
export async function openBagSource(
  location: string,
  limits: BagLimits = {},
  shownName = location,
): Promise<BagSource> {
  const stat = fs.lstatSync(location, { throwIfNoEntry: false });
  if (!stat) throw new DomainError('not_found', `${shownName} does not exist.`);
  if (stat.isSymbolicLink())
    throw new DomainError(
      'invalid_input',
      `${shownName} is a symbolic link; give the package itself.`,
    );
  if (stat.isDirectory()) return openFolder(location, shownName);
  if (stat.isFile()) return openZip(location, { ...defaultBagLimits, ...limits }, shownName);
  throw new DomainError('invalid_input', `${shownName} is neither a folder nor a file.`);
}

function openFolder(root: string, shownName: string): BagSource {
  const files = new Map<string, { size: number }>();
  const problems: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const bagPath = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) problems.push(`${bagPath}: a symbolic link`);
      else if (entry.isDirectory()) walk(full, bagPath);
      else if (entry.isFile()) files.set(bagPath, { size: fs.statSync(full).size });
      else problems.push(`${bagPath}: not a regular file`);
    }
  };
  walk(root, '');
  if (problems.length > 0) {
    throw new DomainError(
      'invalid_input',
      `${shownName} cannot be imported safely:\n${problems.join('\n')}`,
    );
  }
  return {
    shownName,
    files: rebase(files),
    open: (bagPath) => {
      const prefix = basePrefix(files);
      return Promise.resolve(
        fs.createReadStream(path.join(root, ...`${prefix}${bagPath}`.split('/'))),
      );
    },
    close: () => undefined,
  };
}

function openZip(file: string, limits: Required<BagLimits>, shownName: string): Promise<BagSource> {
  return new Promise((resolve, reject) => {
    yauzl.open(
      file,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: true },
      (error, zip) => {
        if (error || !zip) {
          reject(
            new DomainError(
              'invalid_input',
              `${shownName} is not a readable zip file (${error?.message ?? 'unknown error'}).`,
            ),
          );
          return;
        }
        if (zip.entryCount > limits.maxEntries) {
          zip.close();
          reject(
            new DomainError(
              'too_large',
              `${shownName} holds ${zip.entryCount} entries; at most ${limits.maxEntries} are accepted.`,
            ),
          );
          return;
        }
        const entries = new Map<string, yauzl.Entry>();
        const problems: string[] = [];
        let total = 0;
        const fail = (failure: DomainError) => {
          zip.close();
          reject(failure);
        };
        zip.on('error', (zipError: Error) =>
          fail(
            new DomainError(
              'invalid_input',
              `${shownName} is not a valid zip file (${zipError.message}).`,
            ),
          ),
        );
        zip.on('entry', (entry: yauzl.Entry) => {
          const name = entry.fileName;
          const mode = (entry.externalFileAttributes >>> 16) & 0o170000;
          if (name.endsWith('/')) {
            if (!isSafeBagPath(name.slice(0, -1))) problems.push(`${name}: an unsafe path`);
          } else if (!isSafeBagPath(name)) problems.push(`${name}: an unsafe path`);
          else if (mode === 0o120000) problems.push(`${name}: a symbolic link`);
          else if (mode !== 0 && mode !== 0o100000) problems.push(`${name}: not a regular file`);
          else if (entries.has(name)) problems.push(`${name}: listed twice in the zip`);
          else {
            total += entry.uncompressedSize;
            if (total > limits.maxTotalBytes) {
              fail(
                new DomainError(
                  'too_large',
                  `${shownName} unpacks to more than ${limits.maxTotalBytes} bytes; it was not read.`,
                ),
              );
              return;
            }
            entries.set(name, entry);
          }
          zip.readEntry();
        });
        zip.on('end', () => {
          if (problems.length > 0) {
            fail(
              new DomainError(
                'invalid_input',
                `${shownName} cannot be imported safely:\n${problems.join('\n')}`,
              ),
            );
            return;
          }
          const sizes = new Map(
            [...entries].map(([name, entry]) => [name, { size: entry.uncompressedSize }]),
          );
          const prefix = basePrefix(sizes);
          resolve({
            shownName,
            files: rebase(sizes),
            open: (bagPath) =>
              new Promise((resolveStream, rejectStream) => {
                const entry = entries.get(`${prefix}${bagPath}`);
                if (!entry) {
                  rejectStream(new DomainError('not_found', `${bagPath} is not in ${shownName}.`));
                  return;
                }
                zip.openReadStream(entry, (streamError, stream) => {
                  if (streamError || !stream) rejectStream(streamError ?? new Error('no stream'));
                  else resolveStream(stream);
                });
              }),
            close: () => zip.close(),
          });
        });
        zip.readEntry();
      },
    );
  });
}

/** "name/" when every file sits in one top-level folder holding bagit.txt; else "". */
function basePrefix(files: ReadonlyMap<string, unknown>): string {
  if (files.has('bagit.txt')) return '';
  const tops = new Set([...files.keys()].map((name) => name.split('/')[0] ?? ''));
  const [only] = [...tops];
  if (tops.size === 1 && only !== undefined && files.has(`${only}/bagit.txt`)) return `${only}/`;
  return '';
}

function rebase(files: ReadonlyMap<string, { size: number }>): Map<string, { size: number }> {
  const prefix = basePrefix(files);
  return new Map([...files].map(([name, value]) => [name.slice(prefix.length), value]));
}
