/**
 * The text parts of a BagIt 1.0 bag (RFC 8493) and the rules for file names inside it.
 * The bag writer and reader (main/node/archive/) stream the bytes; this module only builds and
 * parses the small tag files and decides names, so it stays pure and testable.
 *
 * Tag files are UTF-8 with LF line ends. Manifest paths are relative to the bag, use "/" and
 * percent-encode "%", CR and LF (RFC 8493 §2.1.3).
 *
 * Pure core.
 */
import type { ReferatDocument } from '../format/referat1';
import { withoutUnsafeCharacters } from './fileNames';

/** The declaration every bag starts with (`bagit.txt`). */
export const bagitDeclaration = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** The payload manifest (and tag manifest) algorithm Referat writes and requires. */
export const bagAlgorithm = 'sha256';

/** Largest file name (one path segment) written into a bag, in UTF-8 bytes. */
export const maxFileNameBytes = 200;

/** Names of the payload files Referat itself writes into `data/`. */
export const bagPayloadNames = {
  fullPdf: 'referat-full.pdf',
  publicPdf: 'referat-public.pdf',
  meetingJson: 'meeting.json',
  /** Folder under `data/` holding the appendix files with their own names. */
  appendixFolder: 'bilag',
} as const;

/** One `checksum path` line of a manifest. */
export type ManifestEntry = { checksum: string; path: string };

/** `%`, CR and LF are percent-encoded in manifest paths; nothing else is. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Reverses {@link encodeManifestPath} (case-insensitive hex, as RFC 8493 allows). */
export function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');
}

/** A manifest's text: one line per file, sorted by path so equal bags give equal bytes. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((entry) => `${entry.checksum}  ${encodeManifestPath(entry.path)}\n`)
    .join('');
}

/**
 * Parses a manifest; every malformed line is reported with its number.
 * @returns entries (paths decoded) and problems (empty when the text is well formed)
 */
export function parseManifest(text: string): { entries: ManifestEntry[]; problems: string[] } {
  const entries: ManifestEntry[] = [];
  const problems: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    const match = /^([0-9A-Fa-f]+)[ \t]+(.+)$/.exec(line);
    if (!match?.[1] || !match[2]) {
      problems.push(`line ${index + 1} is not "checksum path"`);
      return;
    }
    entries.push({ checksum: match[1].toLowerCase(), path: decodeManifestPath(match[2]) });
  });
  return { entries, problems };
}

/** One `Label: value` of bag-info.txt, in order (labels may repeat). */
export type BagInfoField = readonly [label: string, value: string];

/**
 * bag-info.txt text. Values are kept on one line (line breaks become spaces) and long values
 * are folded at spaces onto continuation lines that start with a space (RFC 8493 §2.2.2).
 */
export function formatBagInfo(fields: readonly BagInfoField[]): string {
  return fields
    .map(([label, value]) => {
      if (!/^[^:\s][^:\r\n]*$/.test(label) || label !== label.trim())
        throw new Error(`"${label}" is not a bag-info label`);
      return `${fold(`${label}: ${value.replace(/\s*[\r\n]+\s*/g, ' ').trim()}`)}\n`;
    })
    .join('');
}

function fold(line: string, width = 79): string {
  if (line.length <= width) return line;
  const words = line.split(' ');
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    // Continuation lines carry a two-space indent.
    const limit = lines.length === 0 ? width : width - 2;
    if (current !== '' && current.length + 1 + word.length > limit) {
      lines.push(current);
      current = word;
    } else current = current === '' ? word : `${current} ${word}`;
  }
  if (current !== '') lines.push(current);
  return lines.join('\n  ');
}

/** Parses bag-info.txt (continuation lines joined with one space). */
export function parseBagInfo(text: string): { fields: BagInfoField[]; problems: string[] } {
  const fields: [string, string][] = [];
  const problems: string[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((line, index) => {
    if (/^[ \t]/.test(line)) {
      const last = fields[fields.length - 1];
      if (last) last[1] = `${last[1]} ${line.trim()}`;
      else problems.push(`line ${index + 1} continues nothing`);
      return;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      problems.push(`line ${index + 1} is not "Label: value"`);
      return;
    }
    fields.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
  });
  return { fields, problems };
}

/** The first value of `label` (labels compare case-insensitively), or undefined. */
export function bagInfoValue(fields: readonly BagInfoField[], label: string): string | undefined {
  const wanted = label.toLowerCase();
  return fields.find(([name]) => name.toLowerCase() === wanted)?.[1];
}

/** `Payload-Oxum`: octet count and file count of the payload. */
export function payloadOxum(files: readonly { size: number }[]): string {
  return `${files.reduce((sum, file) => sum + file.size, 0)}.${files.length}`;
}

/** `Bag-Size`: a human-readable size ("200.4 MB"), decimal units. */
export function formatBagSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/** What bag-info.txt says about a meeting besides sizes and date. */
export type BagInfoInput = {
  document: ReferatDocument;
  /** Bagging date, YYYY-MM-DD. */
  baggingDate: string;
  /** Size and number of every payload file. */
  payload: readonly { size: number }[];
  /** e.g. "Referat 0.1.0". */
  softwareAgent: string;
};

/**
 * The bag-info.txt fields of a meeting's bag. External-Identifier is the meeting's case id (the
 * case system's key); a meeting without one is identified by its Referat id instead.
 */
export function meetingBagInfo(input: BagInfoInput): BagInfoField[] {
  const { document: doc } = input;
  const organisation = doc.committee.organisation.trim();
  const documentNumbers = unique([
    ...doc.agendaItems.map((item) => item.documentNumber),
    ...doc.appendices.map((appendix) => appendix.documentNumber),
  ]);
  const fields: BagInfoField[] = [
    ['Source-Organization', organisation === '' ? doc.committee.name : organisation],
    [
      'External-Identifier',
      doc.meeting.caseId.trim() === '' ? `referat:${doc.meeting.id}` : doc.meeting.caseId.trim(),
    ],
    [
      'External-Description',
      `Referat: ${doc.committee.name}, møde nr. ${doc.meeting.number}, ${doc.meeting.date}`,
    ],
    ['Bagging-Date', input.baggingDate],
    ['Payload-Oxum', payloadOxum(input.payload)],
    ['Bag-Size', formatBagSize(input.payload.reduce((sum, file) => sum + file.size, 0))],
    ['Bag-Software-Agent', input.softwareAgent],
    ['Referat-Format', doc.format],
    ['Referat-Meeting-Id', doc.meeting.id],
    ['Referat-Committee', doc.committee.name],
    ['Referat-Meeting-Number', String(doc.meeting.number)],
    ['Referat-Meeting-Date', doc.meeting.date],
    ['Referat-Meeting-Status', doc.meeting.status],
  ];
  if (documentNumbers.length > 0)
    fields.push(['Referat-Document-Numbers', documentNumbers.join(', ')]);
  return fields;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values.map((v) => v.trim())) {
    if (value === '' || seen.has(value)) continue;
    seen.add(value);
    out.push(value);
  }
  return out;
}

const windowsReserved = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

/**
 * A file name that is safe on Windows, macOS and Linux, keeping as much of `name` as possible:
 * NFC; bidirectional formatting and control characters dropped (fileNames.ts); `<>:"/\|?*` replaced by "_"; no leading spaces, no trailing
 * dots or spaces; Windows device names (CON, PRN, AUX, NUL, COM1-9, LPT1-9, with or without an
 * extension) prefixed with "_"; at most {@link maxFileNameBytes} UTF-8 bytes (the extension is
 * kept); never empty, ".", or "..".
 */
export function safeFileName(name: string, fallback = 'bilag'): string {
  let out = Array.from(withoutUnsafeCharacters(name.normalize('NFC')))
    .map((char) => (/[<>:"/\\|?*]/.test(char) ? '_' : char))
    .join('');
  out = out.replace(/^[\s]+/, '').replace(/[.\s]+$/, '');
  if (out === '' || /^\.+$/.test(out)) out = fallback;
  const stem = out.split('.')[0] ?? '';
  if (windowsReserved.test(stem.trim())) out = `_${out}`;
  return truncateName(out, maxFileNameBytes);
}

/** Cuts the stem so the whole name fits in `maxBytes` UTF-8 bytes, keeping a short extension. */
function truncateName(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && utf8Length(name.slice(dot)) <= 20 ? name.slice(dot) : '';
  const stem = extension === '' ? name : name.slice(0, dot);
  const budget = maxBytes - utf8Length(extension);
  const cut = cutToBytes(stem, budget).replace(/[.\s]+$/, '');
  return `${cut === '' ? 'bilag' : cut}${extension}`;
}

/** Bytes of `text` in UTF-8, without the platform's encoder (pure core). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/**
 * Safe, distinct names for files placed in one folder. Names that differ only in case (or in
 * Unicode normalisation) collide on Windows and macOS, so the later ones get " (2)", " (3)"...
 * before the extension. `taken` holds names already used in the folder.
 */
export function uniqueSafeFileNames(
  names: readonly string[],
  taken: readonly string[] = [],
): string[] {
  const used = new Set(taken.map(collisionKey));
  return names.map((name) => {
    const safe = safeFileName(name);
    let candidate = safe;
    for (let n = 2; used.has(collisionKey(candidate)); n += 1)
      candidate = withSuffix(safe, ` (${n})`);
    used.add(collisionKey(candidate));
    return candidate;
  });
}

function withSuffix(name: string, suffix: string): string {
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 ? name.slice(dot) : '';
  const stem = dot > 0 ? name.slice(0, dot) : name;
  return `${cutToBytes(stem, maxFileNameBytes - utf8Length(suffix + extension))}${suffix}${extension}`;
}

/** The longest prefix of `text` (whole code points) of at most `budget` UTF-8 bytes. */
function cutToBytes(text: string, budget: number): string {
  let cut = '';
  let bytes = 0;
  for (const char of text) {
    const size = utf8Length(char);
    if (bytes + size > budget) break;
    cut += char;
    bytes += size;
  }
  return cut;
}

function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/**
 * True when `path` (a bag-relative path from a manifest or a zip) is a plain relative path:
 * no absolute or drive prefix, no backslash, no empty, "." or ".." segment, no control character.
 */
export function isSafeBagPath(path: string): boolean {
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\'))
    return false;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(path)) return false;
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}
