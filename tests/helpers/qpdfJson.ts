/**
 * A PDF read through qpdf's JSON output (`qpdf --json=2`), an independent parser: objects by
 * reference, names as `/Name`, strings as `u:text` (or `b:hex`), references as `N 0 R`, streams
 * with their dictionary and (decoded) data.
 */
import { execFileSync } from 'node:child_process';

type QpdfEntry = { value?: unknown; stream?: { dict: Record<string, unknown>; data?: string } };

export type QpdfFile = {
  /** The value of an indirect object, or the value itself when it is not a reference. */
  resolve(value: unknown): unknown;
  /** A dictionary (resolving a reference); an empty object for anything else. */
  dict(value: unknown): Record<string, unknown>;
  /** A stream's decoded bytes (for a reference to a stream). */
  streamData(value: unknown): Buffer;
  /** The catalog (/Root). */
  root: Record<string, unknown>;
  /** The page objects in order, as references ("N 0 R"). */
  pages: string[];
};

/** Parses `file` with qpdf, stream data decoded and inlined. */
export function readQpdf(file: string): QpdfFile {
  const json = JSON.parse(
    execFileSync(
      'qpdf',
      [
        '--json=2',
        '--json-key=qpdf',
        '--json-stream-data=inline',
        '--decode-level=generalized',
        file,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 30 },
    ),
  ) as { qpdf: [unknown, Record<string, QpdfEntry>] };
  const objects = json.qpdf[1];
  const trailer = (objects.trailer as { value: Record<string, unknown> }).value;
  const entry = (value: unknown): QpdfEntry | undefined =>
    typeof value === 'string' && / \d+ R$/.test(value) ? objects[`obj:${value}`] : undefined;
  const resolve = (value: unknown): unknown => {
    const found = entry(value);
    if (!found) return value;
    return found.stream ? found.stream.dict : found.value;
  };
  const dict = (value: unknown): Record<string, unknown> => {
    const resolved = resolve(value);
    return resolved !== null && typeof resolved === 'object' && !Array.isArray(resolved)
      ? (resolved as Record<string, unknown>)
      : {};
  };
  const streamData = (value: unknown): Buffer =>
    Buffer.from(entry(value)?.stream?.data ?? '', 'base64');
  const root = dict(trailer['/Root']);
  const pages: string[] = [];
  const walk = (node: unknown) => {
    const kids = dict(node)['/Kids'];
    if (Array.isArray(kids)) for (const kid of kids) walk(kid);
    else pages.push(String(node));
  };
  walk(root['/Pages']);
  return { resolve, dict, streamData, root, pages };
}

/** A PDF text string from qpdf's JSON ("u:..." or "b:<hex>"). */
export function pdfText(value: unknown): string {
  if (typeof value !== 'string') return '';
  if (value.startsWith('u:')) return value.slice(2);
  if (value.startsWith('b:')) {
    const bytes = Buffer.from(value.slice(2), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return value;
}

/** The entries of a number tree (/Nums, and /Kids below it). */
export function numberTree(file: QpdfFile, tree: unknown): Map<number, unknown> {
  const out = new Map<number, unknown>();
  const walk = (node: unknown) => {
    const data = file.dict(node);
    const nums = data['/Nums'];
    if (Array.isArray(nums))
      for (let at = 0; at + 1 < nums.length; at += 2) out.set(Number(nums[at]), nums[at + 1]);
    const kids = data['/Kids'];
    if (Array.isArray(kids)) for (const kid of kids) walk(kid);
  };
  walk(tree);
  return out;
}

/** The entries of a name tree (/Names, and /Kids below it), keyed by the decoded name. */
export function nameTree(file: QpdfFile, tree: unknown): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const walk = (node: unknown) => {
    const data = file.dict(node);
    const names = data['/Names'];
    if (Array.isArray(names))
      for (let at = 0; at + 1 < names.length; at += 2) out.set(pdfText(names[at]), names[at + 1]);
    const kids = data['/Kids'];
    if (Array.isArray(kids)) for (const kid of kids) walk(kid);
  };
  walk(tree);
  return out;
}
