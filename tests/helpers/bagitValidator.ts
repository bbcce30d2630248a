/**
 * A BagIt validator written for the tests straight from RFC 8493, sharing no code with
 * Referat's exporter or importer (common/archive, main/node/archive), so a bag that passes
 * here is valid by the RFC's reading, not merely by Referat's own.
 *
 * Checks (section numbers of RFC 8493):
 * - 2.1.1 bagit.txt: exactly "BagIt-Version: M.N" then "Tag-File-Character-Encoding: ENC", UTF-8;
 * - 2.1.2 data/ exists (the payload directory);
 * - 2.1.3 at least one payload manifest `manifest-<alg>.txt`; each line "checksum path" with
 *   the path percent-decoded (%0A, %0D, %25); every payload file listed in EVERY payload
 *   manifest, every listed file present, every checksum right;
 * - 2.2.1 tag manifests `tagmanifest-<alg>.txt`: every listed file present and right, no
 *   payload file listed; with `isTagManifestRequired`, every tag file is listed (3 "SHOULD");
 * - 2.2.2 bag-info.txt: "Label: value" lines, continuation lines start with whitespace;
 *   Payload-Oxum "octets.streams" equals the payload;
 * - 3 "complete": no file of a manifest missing, no payload file unlisted; "valid": checksums.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type BagitReport = { isValid: boolean; errors: string[]; bagInfo: Array<[string, string]> };

const hashNames: Record<string, string> = {
  md5: 'md5',
  sha1: 'sha1',
  sha256: 'sha256',
  sha512: 'sha512',
};

/** Validates the bag in the folder `bagDir`. */
export function validateBag(
  bagDir: string,
  options: { isTagManifestRequired?: boolean } = {},
): BagitReport {
  const errors: string[] = [];
  const bagInfo: Array<[string, string]> = [];
  const all = listFiles(bagDir);
  const has = (rel: string) => all.includes(rel);
  const utf8 = (rel: string): string | null => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(
        fs.readFileSync(path.join(bagDir, rel)),
      );
    } catch {
      errors.push(`${rel}: not UTF-8`);
      return null;
    }
  };

  // 2.1.1
  if (!has('bagit.txt')) errors.push('bagit.txt: missing');
  else {
    const text = utf8('bagit.txt');
    if (text !== null) {
      const lines = text.replace(/\r\n/g, '\n').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      if (lines.length !== 2) errors.push(`bagit.txt: ${lines.length} lines, expected 2`);
      if (!/^BagIt-Version: [0-9]+\.[0-9]+$/.test(lines[0] ?? ''))
        errors.push('bagit.txt: first line is not "BagIt-Version: M.N"');
      if (!/^Tag-File-Character-Encoding: \S+$/.test(lines[1] ?? ''))
        errors.push('bagit.txt: second line is not "Tag-File-Character-Encoding: ENC"');
      if (!/: UTF-8$/i.test(lines[1] ?? ''))
        errors.push('bagit.txt: these tests expect UTF-8 tag files');
    }
  }

  // 2.1.2
  if (
    !fs.existsSync(path.join(bagDir, 'data')) ||
    !fs.statSync(path.join(bagDir, 'data')).isDirectory()
  )
    errors.push('data/: missing');
  const payload = all.filter((rel) => rel.startsWith('data/'));

  // 2.1.3
  const manifests = all.filter((rel) => /^manifest-[a-z0-9]+\.txt$/.test(rel));
  if (manifests.length === 0) errors.push('no payload manifest');
  for (const manifest of manifests) {
    const algorithm = manifest.slice('manifest-'.length, -'.txt'.length);
    const entries = readManifest(bagDir, manifest, errors);
    if (!entries) continue;
    for (const file of payload) if (!entries.has(file)) errors.push(`${file}: not in ${manifest}`);
    for (const [file, checksum] of entries) {
      if (!file.startsWith('data/')) errors.push(`${manifest}: lists ${file} outside data/`);
      checkFile(bagDir, file, algorithm, checksum, manifest, errors);
    }
  }

  // 2.2.1
  const tagManifests = all.filter((rel) => /^tagmanifest-[a-z0-9]+\.txt$/.test(rel));
  if (options.isTagManifestRequired && tagManifests.length === 0) errors.push('no tag manifest');
  const tagFiles = all.filter((rel) => !rel.startsWith('data/') && !tagManifests.includes(rel));
  for (const manifest of tagManifests) {
    const algorithm = manifest.slice('tagmanifest-'.length, -'.txt'.length);
    const entries = readManifest(bagDir, manifest, errors);
    if (!entries) continue;
    for (const [file, checksum] of entries) {
      if (file.startsWith('data/')) errors.push(`${manifest}: lists payload file ${file}`);
      checkFile(bagDir, file, algorithm, checksum, manifest, errors);
    }
    if (options.isTagManifestRequired)
      for (const file of tagFiles)
        if (!entries.has(file)) errors.push(`${file}: not in ${manifest}`);
  }

  // 2.2.2
  if (has('bag-info.txt')) {
    const text = utf8('bag-info.txt');
    if (text !== null) {
      const lines = text.replace(/\r\n/g, '\n').split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const [index, line] of lines.entries()) {
        const last = bagInfo[bagInfo.length - 1];
        if (/^[ \t]/.test(line) && last) last[1] += ` ${line.trim()}`;
        else {
          const match = /^([^:\s][^:]*):[ \t](.*)$/.exec(line);
          if (!match) errors.push(`bag-info.txt: line ${index + 1} is not "Label: value"`);
          else bagInfo.push([match[1] ?? '', match[2] ?? '']);
        }
      }
      const oxum = bagInfo.find(([label]) => label.toLowerCase() === 'payload-oxum')?.[1];
      if (oxum !== undefined) {
        const octets = payload.reduce(
          (sum, rel) => sum + fs.statSync(path.join(bagDir, rel)).size,
          0,
        );
        if (oxum !== `${octets}.${payload.length}`)
          errors.push(`bag-info.txt: Payload-Oxum ${oxum}, payload is ${octets}.${payload.length}`);
      }
    }
  }
  return { isValid: errors.length === 0, errors, bagInfo };
}

function readManifest(
  bagDir: string,
  manifest: string,
  errors: string[],
): Map<string, string> | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      fs.readFileSync(path.join(bagDir, manifest)),
    );
  } catch {
    errors.push(`${manifest}: not UTF-8`);
    return null;
  }
  const entries = new Map<string, string>();
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [index, line] of lines.entries()) {
    const match = /^([0-9a-fA-F]+)\s+(.+)$/.exec(line);
    if (!match) {
      errors.push(`${manifest}: line ${index + 1} malformed`);
      continue;
    }
    const file = (match[2] ?? '')
      .replace(/%0A/gi, '\n')
      .replace(/%0D/gi, '\r')
      .replace(/%25/g, '%');
    if (file.startsWith('/') || file.split('/').includes('..'))
      errors.push(`${manifest}: unsafe path ${file}`);
    entries.set(file, (match[1] ?? '').toLowerCase());
  }
  return entries;
}

function checkFile(
  bagDir: string,
  file: string,
  algorithm: string,
  checksum: string,
  manifest: string,
  errors: string[],
): void {
  const full = path.join(bagDir, ...file.split('/'));
  if (!fs.existsSync(full)) {
    errors.push(`${file}: listed in ${manifest} but missing`);
    return;
  }
  const hashName = hashNames[algorithm];
  if (!hashName) {
    errors.push(`${manifest}: unknown algorithm ${algorithm}`);
    return;
  }
  const actual = createHash(hashName).update(fs.readFileSync(full)).digest('hex');
  if (actual !== checksum) errors.push(`${file}: ${algorithm} mismatch in ${manifest}`);
}

function listFiles(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(root, prefix), { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(root, rel));
    else out.push(rel);
  }
  return out.sort();
}
