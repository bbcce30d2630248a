/**
 * Reading a PDF's cross-reference data and writing an incremental update that adds one signature.
 *
 * The reader handles classic cross-reference tables, cross-reference streams, hybrid files and
 * objects inside object streams. The writer appends ONLY what a signature needs: the signature
 * value, one field/widget, the page (or its /Annots array), the AcroForm (or its /Fields array)
 * and, when the AcroForm is new or was inline, the catalog. Every copied dictionary keeps all of
 * its entries; the trailer gets /Size, /Prev, /Root, /Info and /ID; startxref is exact.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import {
  PdfLexer,
  PdfSyntaxError,
  decodeTextString,
  isWhite,
  pdfDate,
  pdfDict,
  pdfName,
  pdfNumber,
  pdfRef,
  pdfTextString,
  serialize,
  type PdfDict,
  type PdfRef,
  type PdfStream,
  type PdfValue,
} from './pdfObjects';

type XrefEntry =
  | { type: 0 }
  | { type: 1; offset: number; gen: number }
  | { type: 2; stream: number; index: number };

/** A parsed PDF: the merged cross-reference data of all revisions and lazy object access. */
/** One cross-reference section's entries, looked up on demand. */
interface XrefLookup {
  get(num: number): XrefEntry | undefined;
  /** The highest object number listed (-1 when none). */
  maxNum(): number;
}

function mapLookup(entries: Map<number, XrefEntry>): XrefLookup {
  return {
    get: (num) => entries.get(num),
    maxNum: () => maxOf(entries.keys()),
  };
}

function maxOf(values: Iterable<number>): number {
  let max = -1;
  for (const v of values) if (v > max) max = v;
  return max;
}

export class PdfDocument {
  /** Newest section first; the first section that lists an object decides. */
  private readonly sections: XrefLookup[] = [];
  /** Where each section of `sections` starts in the file. */
  private readonly sectionOffsets: number[] = [];
  private readonly resolvedEntries = new Map<number, XrefEntry | null>();
  readonly trailer: PdfDict;
  /** Offset of the newest cross-reference section (the file's last startxref value). */
  readonly startxref: number;
  /** True when the newest section is a cross-reference stream. */
  readonly isXrefStream: boolean;
  private readonly cache = new Map<number, PdfValue | PdfStream>();
  private readonly objectStreams = new Map<
    number,
    { data: Buffer; offsets: Map<number, number> }
  >();

  constructor(readonly bytes: Buffer) {
    if (bytes.length < 16 || bytes.toString('latin1', 0, 5) !== '%PDF-') {
      throw new PdfSyntaxError('not a PDF file (no %PDF- header)', 0);
    }
    this.startxref = findStartxref(bytes);
    const seen = new Set<number>();
    let offset: number | undefined = this.startxref;
    let newestTrailer: PdfDict | undefined;
    let newestIsStream = false;
    while (offset !== undefined) {
      if (seen.has(offset))
        throw new PdfSyntaxError('cross-reference sections form a loop', offset);
      seen.add(offset);
      const section = this.readXrefSection(offset);
      if (!newestTrailer) {
        newestTrailer = section.trailer;
        newestIsStream = section.isStream;
      }
      this.sections.push(section.entries);
      this.sectionOffsets.push(offset);
      const prev = section.trailer.entries.get('/Prev');
      offset = prev?.kind === 'number' ? prev.value : undefined;
    }
    if (!newestTrailer) throw new PdfSyntaxError('no trailer', this.startxref);
    this.trailer = newestTrailer;
    this.isXrefStream = newestIsStream;
    if (this.trailer.entries.has('/Encrypt')) {
      throw new PdfSyntaxError('encrypted PDF files cannot be signed here', this.startxref);
    }
  }

  /** Reads one cross-reference section (table or stream) with its trailer. */
  private readXrefSection(offset: number): {
    entries: XrefLookup;
    trailer: PdfDict;
    isStream: boolean;
  } {
    const lx = new PdfLexer(this.bytes, offset);
    if (lx.acceptKeyword('xref')) {
      const afterKeyword = lx.pos;
      const lazy = this.scanFixedTable(lx);
      const entries = new Map<number, XrefEntry>();
      if (!lazy) lx.pos = afterKeyword;
      for (; !lazy;) {
        lx.skipSpace();
        if (lx.acceptKeyword('trailer')) break;
        const first = lx.readInt();
        const count = lx.readInt();
        for (let i = 0; i < count; i++) {
          lx.skipSpace();
          const fast = readFixedEntry(this.bytes, lx.pos);
          if (fast) {
            lx.pos += 18;
            const num = first + i;
            if (!entries.has(num))
              entries.set(
                num,
                fast.isInUse ? { type: 1, offset: fast.offset, gen: fast.gen } : { type: 0 },
              );
            continue;
          }
          const a = lx.readInt();
          const g = lx.readInt();
          const kind = lx.readToken();
          if (kind !== 'n' && kind !== 'f')
            throw new PdfSyntaxError('bad cross-reference entry', lx.pos);
          const num = first + i;
          if (!entries.has(num))
            entries.set(num, kind === 'n' ? { type: 1, offset: a, gen: g } : { type: 0 });
        }
      }
      const trailer = lx.parseValue();
      if (trailer.kind !== 'dict') throw new PdfSyntaxError('trailer is not a dictionary', lx.pos);
      const table = lazy ?? mapLookup(entries);
      // A hybrid file: the stream lists the objects that live in object streams.
      const stm = trailer.entries.get('/XRefStm');
      if (stm?.kind === 'number') {
        const hybrid = this.readXrefStream(stm.value).entries;
        const combined: XrefLookup = {
          get: (num) => {
            const own = table.get(num);
            return own === undefined || own.type === 0 ? (hybrid.get(num) ?? own) : own;
          },
          maxNum: () => Math.max(table.maxNum(), maxOf(hybrid.keys())),
        };
        return { entries: combined, trailer, isStream: false };
      }
      return { entries: table, trailer, isStream: false };
    }
    const stream = this.readXrefStream(offset);
    return { entries: mapLookup(stream.entries), trailer: stream.trailer, isStream: true };
  }

  /**
   * A classic table whose entries all have the standard 20-byte form is not parsed up front:
   * an entry is read from its computed position when an object is needed (signing reads a
   * handful of the thousands of objects of a long document). Undefined when the table deviates;
   * the lexer then stands at "trailer".
   */
  private scanFixedTable(lx: PdfLexer): XrefLookup | undefined {
    const bytes = this.bytes;
    const subsections: { first: number; count: number; start: number }[] = [];
    for (;;) {
      lx.skipSpace();
      if (lx.acceptKeyword('trailer')) break;
      const first = lx.readToken();
      const count = lx.readToken();
      if (!/^\d+$/.test(first) || !/^\d+$/.test(count)) return undefined;
      // The header line ends with one EOL; entries follow.
      if (bytes[lx.pos] === 13) lx.pos++;
      if (bytes[lx.pos] === 10) lx.pos++;
      const start = lx.pos;
      const n = Number(count);
      const isFixed = (at: number) =>
        readFixedEntry(bytes, at) !== undefined && isWhite(bytes[at + 19]);
      if (n > 0 && (!isFixed(start) || !isFixed(start + (n - 1) * 20))) return undefined;
      subsections.push({ first: Number(first), count: n, start });
      lx.pos = start + n * 20;
    }
    return {
      get: (num) => {
        for (const sub of subsections) {
          if (num < sub.first || num >= sub.first + sub.count) continue;
          const at = sub.start + (num - sub.first) * 20;
          const e = readFixedEntry(bytes, at);
          if (!e) throw new PdfSyntaxError('bad cross-reference entry', at);
          return e.isInUse ? { type: 1, offset: e.offset, gen: e.gen } : { type: 0 };
        }
        return undefined;
      },
      maxNum: () => Math.max(-1, ...subsections.map((sub) => sub.first + sub.count - 1)),
    };
  }

  /** The newest cross-reference entry of an object, if any section lists it. */
  private entry(num: number): XrefEntry | undefined {
    const known = this.resolvedEntries.get(num);
    if (known !== undefined) return known ?? undefined;
    let found: XrefEntry | undefined;
    for (const section of this.sections) {
      found = section.get(num);
      if (found) break;
    }
    this.resolvedEntries.set(num, found ?? null);
    return found;
  }

  private readXrefStream(offset: number): { entries: Map<number, XrefEntry>; trailer: PdfDict } {
    const lx = new PdfLexer(this.bytes, offset);
    lx.readInt();
    lx.readInt();
    lx.expectKeyword('obj');
    const stream = this.readStreamAfterDict(lx);
    if (stream.kind !== 'stream' || stream.dict.entries.get('/Type')?.kind !== 'name') {
      throw new PdfSyntaxError(
        'startxref does not point to a cross-reference table or stream',
        offset,
      );
    }
    const dict = stream.dict;
    const w = numbers(dict.entries.get('/W'));
    const size = numberOf(dict.entries.get('/Size')) ?? 0;
    const index = dict.entries.has('/Index') ? numbers(dict.entries.get('/Index')) : [0, size];
    if (w.length !== 3)
      throw new PdfSyntaxError('cross-reference stream without /W [a b c]', offset);
    const data = this.decodeStream(stream);
    const [w0, w1, w2] = w as [number, number, number];
    const rowLength = w0 + w1 + w2;
    const entries = new Map<number, XrefEntry>();
    let pos = 0;
    const field = (width: number, dflt: number) => {
      if (width === 0) return dflt;
      let v = 0;
      for (let i = 0; i < width; i++) v = v * 256 + (data[pos++] ?? 0);
      return v;
    };
    for (let k = 0; k + 1 < index.length; k += 2) {
      const first = index[k] as number;
      const count = index[k + 1] as number;
      for (let i = 0; i < count && pos + rowLength <= data.length; i++) {
        const type = field(w0, 1);
        const a = field(w1, 0);
        const b = field(w2, 0);
        const num = first + i;
        if (entries.has(num)) continue;
        if (type === 1) entries.set(num, { type: 1, offset: a, gen: b });
        else if (type === 2) entries.set(num, { type: 2, stream: a, index: b });
        else entries.set(num, { type: 0 });
      }
    }
    return { entries, trailer: dict };
  }

  /** After `n g obj`: parses the value and, when a stream follows, its data extent. */
  private readStreamAfterDict(lx: PdfLexer): PdfValue | PdfStream {
    const value = lx.parseValue();
    if (value.kind !== 'dict') return value;
    const save = lx.pos;
    if (!lx.acceptKeyword('stream')) {
      lx.pos = save;
      return value;
    }
    // The keyword is followed by CRLF or LF, then the data.
    if (this.bytes[lx.pos] === 13) lx.pos++;
    if (this.bytes[lx.pos] === 10) lx.pos++;
    const dataStart = lx.pos;
    const lengthValue = value.entries.get('/Length');
    const length =
      lengthValue?.kind === 'ref' ? numberOf(this.get(lengthValue)) : numberOf(lengthValue);
    if (length === undefined) throw new PdfSyntaxError('stream without /Length', dataStart);
    return { kind: 'stream', dict: value, dataStart, dataEnd: dataStart + length };
  }

  /** The stream's decoded data (FlateDecode with PNG predictors, or no filter). */
  decodeStream(stream: PdfStream): Buffer {
    const raw = this.bytes.subarray(stream.dataStart, stream.dataEnd);
    const filter = stream.dict.entries.get('/Filter');
    const filters = filter === undefined ? [] : filter.kind === 'array' ? filter.items : [filter];
    if (filters.length === 0) return raw;
    if (filters.length !== 1 || filters[0]?.kind !== 'name' || filters[0].raw !== '/FlateDecode') {
      throw new PdfSyntaxError('unsupported stream filter', stream.dataStart);
    }
    let data: Buffer;
    try {
      // Only cross-reference and object streams are decoded here; a bound stops inflation bombs.
      data = inflateSync(raw, { maxOutputLength: 256 * 1024 * 1024 });
    } catch {
      throw new PdfSyntaxError('a compressed stream cannot be decoded', stream.dataStart);
    }
    let parms = stream.dict.entries.get('/DecodeParms');
    if (parms?.kind === 'array') parms = parms.items[0];
    if (parms?.kind === 'ref') parms = this.get(parms);
    if (parms?.kind === 'dict') {
      const predictor = numberOf(parms.entries.get('/Predictor')) ?? 1;
      const columns = numberOf(parms.entries.get('/Columns')) ?? 1;
      if (predictor >= 10) data = undoPngPredictor(data, columns);
      else if (predictor !== 1)
        throw new PdfSyntaxError('unsupported TIFF predictor', stream.dataStart);
    }
    return data;
  }

  /** The object with this number (not a stream), or null when free or missing. */
  get(ref: PdfRef | number): PdfValue {
    const v = this.getObject(typeof ref === 'number' ? ref : ref.num);
    return v.kind === 'stream' ? v.dict : v;
  }

  /** Resolves a reference; any other value is returned as is. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    return value?.kind === 'ref' ? this.get(value) : value;
  }

  getObject(num: number): PdfValue | PdfStream {
    const cached = this.cache.get(num);
    if (cached) return cached;
    const entry = this.entry(num);
    let value: PdfValue | PdfStream = { kind: 'null' };
    if (entry?.type === 1) {
      const lx = new PdfLexer(this.bytes, entry.offset);
      const n = lx.readInt();
      lx.readInt();
      lx.expectKeyword('obj');
      if (n !== num)
        throw new PdfSyntaxError(
          `cross-reference points object ${num} at object ${n}`,
          entry.offset,
        );
      value = this.readStreamAfterDict(lx);
    } else if (entry?.type === 2) {
      const os = this.objectStream(entry.stream);
      const at = os.offsets.get(num);
      if (at === undefined)
        throw new PdfSyntaxError(`object ${num} missing in its object stream`, 0);
      value = new PdfLexer(os.data, at).parseValue();
    }
    this.cache.set(num, value);
    return value;
  }

  /** Offset of `num gen obj` for an object stored directly in the file. */
  offsetOf(num: number): number | undefined {
    const entry = this.entry(num);
    return entry?.type === 1 ? entry.offset : undefined;
  }

  private objectStream(num: number): { data: Buffer; offsets: Map<number, number> } {
    const cached = this.objectStreams.get(num);
    if (cached) return cached;
    const stream = this.getObject(num);
    if (stream.kind !== 'stream')
      throw new PdfSyntaxError(`object ${num} is not an object stream`, 0);
    const data = this.decodeStream(stream);
    const n = numberOf(stream.dict.entries.get('/N')) ?? 0;
    const first = numberOf(stream.dict.entries.get('/First')) ?? 0;
    const lx = new PdfLexer(data, 0);
    const offsets = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const objNum = lx.readInt();
      offsets.set(objNum, first + lx.readInt());
    }
    const parsed = { data, offsets };
    this.objectStreams.set(num, parsed);
    return parsed;
  }

  /** Generation number of an object in use (0 when unknown). */
  genOf(num: number): number {
    const entry = this.entry(num);
    return entry?.type === 1 ? entry.gen : 0;
  }

  /**
   * The objects that the cross-reference sections at or after byte `offset` (the revisions
   * appended after it) list: in use, or free (`isFree`; object 0, always free, is left out).
   */
  objectsListedFrom(offset: number): { num: number; isFree: boolean }[] {
    const out = new Map<number, boolean>();
    this.sections.forEach((section, i) => {
      if ((this.sectionOffsets[i] ?? 0) < offset) return;
      const max = section.maxNum();
      for (let num = 1; num <= max; num++) {
        const entry = section.get(num);
        if (entry && !out.has(num)) out.set(num, entry.type === 0);
      }
    });
    return [...out].map(([num, isFree]) => ({ num, isFree }));
  }

  /** Highest object number in use or listed, plus one (at least the trailer's /Size). */
  get size(): number {
    let max = numberOf(this.trailer.entries.get('/Size')) ?? 0;
    for (const section of this.sections) max = Math.max(max, section.maxNum() + 1);
    return max;
  }

  catalogRef(): PdfRef {
    const root = this.trailer.entries.get('/Root');
    if (root?.kind !== 'ref')
      throw new PdfSyntaxError('trailer has no /Root reference', this.startxref);
    return root;
  }

  catalog(): PdfDict {
    const catalog = this.get(this.catalogRef());
    if (catalog.kind !== 'dict') throw new PdfSyntaxError('the catalog is not a dictionary', 0);
    return catalog;
  }

  /** The AcroForm dictionary (inline or indirect) with its reference when indirect. */
  acroForm(): { dict: PdfDict; ref?: PdfRef } | undefined {
    const value = this.catalog().entries.get('/AcroForm');
    if (value?.kind === 'ref') {
      const dict = this.get(value);
      return dict.kind === 'dict' ? { dict, ref: value } : undefined;
    }
    return value?.kind === 'dict' ? { dict: value } : undefined;
  }

  /** The terminal fields of the AcroForm (walking /Kids), each with its inherited /FT. */
  fields(): { dict: PdfDict; ref?: PdfRef; fieldType?: string; name: string }[] {
    const form = this.acroForm();
    const out: { dict: PdfDict; ref?: PdfRef; fieldType?: string; name: string }[] = [];
    const fields = this.resolve(form?.dict.entries.get('/Fields'));
    if (fields?.kind !== 'array') return out;
    const seen = new Set<number>();
    const walk = (
      items: PdfValue[],
      inheritedType: string | undefined,
      prefix: string,
      depth: number,
    ) => {
      if (depth > 50) return;
      for (const item of items) {
        if (item.kind === 'ref') {
          if (seen.has(item.num)) continue;
          seen.add(item.num);
        }
        const dict = this.resolve(item);
        if (dict?.kind !== 'dict') continue;
        const ft = dict.entries.get('/FT');
        const type = ft?.kind === 'name' ? ft.raw : inheritedType;
        const partial = decodeTextString(dict.entries.get('/T'));
        const name = partial === undefined ? prefix : prefix ? `${prefix}.${partial}` : partial;
        const kids = this.resolve(dict.entries.get('/Kids'));
        const fieldKids =
          kids?.kind === 'array' &&
          kids.items.some((k) => {
            const kd = this.resolve(k);
            return kd?.kind === 'dict' && kd.entries.has('/T');
          });
        if (fieldKids && kids?.kind === 'array') walk(kids.items, type, name, depth + 1);
        else
          out.push({
            dict,
            ...(item.kind === 'ref' ? { ref: item } : {}),
            ...(type ? { fieldType: type } : {}),
            name,
          });
      }
    };
    walk(fields.items, undefined, '', 0);
    return out;
  }

  /** Number of pages and the reference of page `index` (0-based; default the last page). */
  page(index?: number): { ref: PdfRef; count: number } {
    const rootPages = this.catalog().entries.get('/Pages');
    if (rootPages?.kind !== 'ref') throw new PdfSyntaxError('catalog has no /Pages reference', 0);
    const rootDict = this.get(rootPages);
    const count = rootDict.kind === 'dict' ? (numberOf(rootDict.entries.get('/Count')) ?? 0) : 0;
    if (count < 1) throw new PdfSyntaxError('the document has no pages', 0);
    let want = index ?? count - 1;
    if (want < 0 || want >= count)
      throw new PdfSyntaxError(`no page ${want + 1} (the document has ${count})`, 0);
    let node: PdfRef = rootPages;
    let nodeCount = count;
    for (let depth = 0; depth < 64; depth++) {
      const dict = this.get(node);
      if (dict.kind !== 'dict') break;
      const kids = this.resolve(dict.entries.get('/Kids'));
      const type = dict.entries.get('/Type');
      if (kids?.kind !== 'array' || (type?.kind === 'name' && type.raw === '/Page')) {
        return { ref: node, count };
      }
      // Walk the kids from the nearer end: the widget usually goes on the last page.
      const isFromEnd = want >= nodeCount / 2;
      let skip = isFromEnd ? nodeCount - 1 - want : want;
      let next: PdfRef | undefined;
      const order = isFromEnd ? [...kids.items].reverse() : kids.items;
      for (const kid of order) {
        if (kid.kind !== 'ref') continue;
        const kd = this.get(kid);
        const kidType = kd.kind === 'dict' ? kd.entries.get('/Type') : undefined;
        const isLeaf = kidType?.kind === 'name' && kidType.raw === '/Page';
        const n = isLeaf ? 1 : kd.kind === 'dict' ? (numberOf(kd.entries.get('/Count')) ?? 0) : 0;
        if (skip < n) {
          next = kid;
          want = isFromEnd ? n - 1 - skip : skip;
          nodeCount = n;
          break;
        }
        skip -= n;
      }
      if (!next) break;
      node = next;
    }
    throw new PdfSyntaxError('the page tree is damaged', 0);
  }
}

/** Finds the value of the last `startxref` in the file. */
export function findStartxref(bytes: Buffer): number {
  const tailStart = Math.max(0, bytes.length - 2048);
  const tail = bytes.toString('latin1', tailStart);
  const at = tail.lastIndexOf('startxref');
  if (at < 0) throw new PdfSyntaxError('no startxref at the end of the file', bytes.length);
  const m = /^startxref\s+(\d+)/.exec(tail.slice(at));
  if (!m) throw new PdfSyntaxError('startxref without an offset', tailStart + at);
  const offset = Number(m[1]);
  if (offset >= bytes.length)
    throw new PdfSyntaxError('startxref points past the end of the file', tailStart + at);
  return offset;
}

/**
 * A standard `oooooooooo ggggg n` entry read straight from the bytes (large tables would
 * otherwise cost three tokens per object); undefined when the entry deviates, so the
 * tokenizing path handles it.
 */
function readFixedEntry(
  bytes: Buffer,
  pos: number,
): { offset: number; gen: number; isInUse: boolean } | undefined {
  let offset = 0;
  for (let i = 0; i < 10; i++) {
    const d = (bytes[pos + i] ?? 0) - 48;
    if (d < 0 || d > 9) return undefined;
    offset = offset * 10 + d;
  }
  if (bytes[pos + 10] !== 32 || bytes[pos + 16] !== 32) return undefined;
  let gen = 0;
  for (let i = 11; i < 16; i++) {
    const d = (bytes[pos + i] ?? 0) - 48;
    if (d < 0 || d > 9) return undefined;
    gen = gen * 10 + d;
  }
  const kind = bytes[pos + 17];
  if (kind !== 0x6e && kind !== 0x66) return undefined;
  if (!isWhite(bytes[pos + 18])) return undefined;
  return { offset, gen, isInUse: kind === 0x6e };
}

function numberOf(value: PdfValue | undefined): number | undefined {
  return value?.kind === 'number' ? value.value : undefined;
}
function numbers(value: PdfValue | undefined): number[] {
  if (value?.kind !== 'array') return [];
  return value.items.map((v) => (v.kind === 'number' ? v.value : 0));
}

function undoPngPredictor(data: Buffer, columns: number): Buffer {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = Buffer.alloc(rows * columns);
  let prev = Buffer.alloc(columns);
  for (let r = 0; r < rows; r++) {
    const filterType = data[r * rowLength];
    const row = Buffer.from(data.subarray(r * rowLength + 1, (r + 1) * rowLength));
    for (let i = 0; i < columns; i++) {
      const left = i > 0 ? (row[i - 1] as number) : 0;
      const up = prev[i] as number;
      const upLeft = i > 0 ? (prev[i - 1] as number) : 0;
      let add = 0;
      if (filterType === 1) add = left;
      else if (filterType === 2) add = up;
      else if (filterType === 3) add = (left + up) >> 1;
      else if (filterType === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        add = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
      }
      row[i] = ((row[i] as number) + add) & 0xff;
    }
    row.copy(out, r * columns);
    prev = row;
  }
  return out;
}

// ---- writing the update ---------------------------------------------------------------------

/** What the signature value dictionary says about the signer. */
export interface SignatureFieldOptions {
  /** Bytes reserved for the DER-encoded CMS (hex doubles it in the file). */
  contentsSize: number;
  date: Date;
  name?: string;
  reason?: string;
  location?: string;
  /** 0-based page for the widget; default the last page. */
  pageIndex?: number;
}

/** An update with a zero-filled /Contents, ready for hashing and signing. */
export interface PreparedSignature {
  bytes: Buffer;
  byteRange: [number, number, number, number];
  /** The field name chosen for the new signature (unique in the form). */
  fieldName: string;
}

const BYTE_RANGE_PLACEHOLDER = '[0 ********** ********** **********]';

/**
 * Appends an incremental update adding one invisible signature field whose /Contents is
 * reserved and zero-filled, and whose /ByteRange already names the final ranges.
 */
export function prepareSignature(pdf: Buffer, options: SignatureFieldOptions): PreparedSignature {
  const doc = new PdfDocument(pdf);
  const catalogRef = doc.catalogRef();
  const catalog = doc.catalog();
  const form = doc.acroForm();
  const { ref: pageRef } = doc.page(options.pageIndex);
  const page = doc.get(pageRef);
  if (page.kind !== 'dict') throw new PdfSyntaxError('the page is not a dictionary', 0);

  const fields = doc.fields();
  const existingNames = new Set(fields.map((f) => f.name));
  let n = fields.filter((f) => f.fieldType === '/Sig').length + 1;
  while (existingNames.has(`Signature${n}`)) n++;
  const fieldName = `Signature${n}`;

  let nextNum = doc.size;
  const sigNum = nextNum++;
  const fieldNum = nextNum++;
  const fieldRef = pdfRef(fieldNum);

  /** Objects to write, in order: [number, generation, body]. */
  const objects: UpdateObject[] = [];
  const sigBody =
    `<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ${BYTE_RANGE_PLACEHOLDER}` +
    ` /Contents <${'0'.repeat(options.contentsSize * 2)}> /M ${serialize(pdfTextString(pdfDate(options.date)))}` +
    (options.name ? ` /Name ${serialize(pdfTextString(options.name))}` : '') +
    (options.reason ? ` /Reason ${serialize(pdfTextString(options.reason))}` : '') +
    (options.location ? ` /Location ${serialize(pdfTextString(options.location))}` : '') +
    '>>';
  objects.push({ num: sigNum, gen: 0, body: sigBody });
  const field = pdfDict([
    ['Type', pdfName('Annot')],
    ['Subtype', pdfName('Widget')],
    ['FT', pdfName('Sig')],
    ['T', pdfTextString(fieldName)],
    ['F', pdfNumber(132)],
    ['Rect', { kind: 'array', items: [0, 0, 0, 0].map(pdfNumber) }],
    ['P', pageRef],
    ['V', pdfRef(sigNum)],
  ]);
  objects.push({ num: fieldNum, gen: 0, body: serialize(field) });

  // The page: append the widget to /Annots, which may live in its own array object.
  const annots = page.entries.get('/Annots');
  if (annots?.kind === 'ref') {
    const array = doc.get(annots);
    if (array.kind !== 'array') throw new PdfSyntaxError('the page /Annots is not an array', 0);
    objects.push({
      num: annots.num,
      gen: annots.gen,
      body: serialize({ kind: 'array', items: [...array.items, fieldRef] }),
    });
  } else {
    const newPage: PdfDict = { kind: 'dict', entries: new Map(page.entries) };
    const items = annots?.kind === 'array' ? [...annots.items, fieldRef] : [fieldRef];
    newPage.entries.set('/Annots', { kind: 'array', items });
    objects.push({ num: pageRef.num, gen: pageRef.gen, body: serialize(newPage) });
  }

  // The AcroForm: keep every entry, add the field, set SigFlags 3 (SignaturesExist | AppendOnly).
  const formDict: PdfDict = { kind: 'dict', entries: new Map(form?.dict.entries ?? []) };
  const fieldsValue = formDict.entries.get('/Fields');
  if (fieldsValue?.kind === 'ref') {
    const array = doc.get(fieldsValue);
    const items = array.kind === 'array' ? array.items : [];
    objects.push({
      num: fieldsValue.num,
      gen: fieldsValue.gen,
      body: serialize({ kind: 'array', items: [...items, fieldRef] }),
    });
  } else {
    const items = fieldsValue?.kind === 'array' ? [...fieldsValue.items, fieldRef] : [fieldRef];
    formDict.entries.set('/Fields', { kind: 'array', items });
  }
  const oldFlags = formDict.entries.get('/SigFlags');
  const flags = (oldFlags?.kind === 'number' ? oldFlags.value : 0) | 3;
  formDict.entries.set('/SigFlags', pdfNumber(flags));
  const formChanged =
    fieldsValue?.kind !== 'ref' || oldFlags?.kind !== 'number' || oldFlags.value !== flags;
  if (form?.ref) {
    if (formChanged)
      objects.push({ num: form.ref.num, gen: form.ref.gen, body: serialize(formDict) });
  } else {
    // A new or inline AcroForm becomes an indirect object, and the catalog points at it.
    const formNum = nextNum++;
    objects.push({ num: formNum, gen: 0, body: serialize(formDict) });
    const newCatalog: PdfDict = { kind: 'dict', entries: new Map(catalog.entries) };
    newCatalog.entries.set('/AcroForm', pdfRef(formNum));
    objects.push({ num: catalogRef.num, gen: catalogRef.gen, body: serialize(newCatalog) });
  }

  const { bytes, offsets } = appendIncrementalUpdate(
    pdf,
    doc,
    objects,
    nextNum,
    options.date.toISOString() + (options.name ?? ''),
  );
  // Fill in the byte range around the reserved /Contents hex string.
  const sigOffset = (offsets.get(sigNum) as { offset: number }).offset;
  const brAt = bytes.indexOf(BYTE_RANGE_PLACEHOLDER, sigOffset, 'latin1');
  const contentsAt = bytes.indexOf('/Contents <', sigOffset, 'latin1') + '/Contents '.length;
  const contentsEnd = contentsAt + options.contentsSize * 2 + 2;
  const byteRange: [number, number, number, number] = [
    0,
    contentsAt,
    contentsEnd,
    bytes.length - contentsEnd,
  ];
  const brText = `[${byteRange.join(' ')}`;
  if (brAt < 0 || brText.length + 1 > BYTE_RANGE_PLACEHOLDER.length) {
    throw new PdfSyntaxError('the file is too large for a signature byte range', 0);
  }
  bytes.write(brText.padEnd(BYTE_RANGE_PLACEHOLDER.length - 1, ' ') + ']', brAt, 'latin1');
  return { bytes, byteRange, fieldName };
}

/** One object of an incremental update: its number, generation and body (without obj/endobj). */
export interface UpdateObject {
  num: number;
  gen: number;
  body: string | Buffer;
}

/**
 * Appends `objects` to `pdf` as one incremental update: the objects, then a cross-reference
 * section of the same kind as the newest one (a classic table after a table, a stream after a
 * stream) whose trailer has /Size, /Root, /Info, /ID [first-original new] and /Prev.
 * `nextNum` is the first object number not used (a cross-reference stream takes it).
 */
export function appendIncrementalUpdate(
  pdf: Buffer,
  doc: PdfDocument,
  objects: UpdateObject[],
  nextNum: number,
  idSeed: string,
): { bytes: Buffer; offsets: Map<number, { offset: number; gen: number }> } {
  const catalogRef = doc.catalogRef();
  let next = nextNum;
  // The trailer's /ID: keep the first (permanent) identifier, make a new second one.
  const oldId = doc.trailer.entries.get('/ID');
  const firstId =
    oldId?.kind === 'array' && oldId.items[0]?.kind === 'string' ? oldId.items[0].raw : undefined;
  const newId = createHash('sha256')
    .update(firstId ?? '')
    .update(String(pdf.length))
    .update(pdf.subarray(Math.max(0, pdf.length - 4096)))
    .update(idSeed)
    .digest('hex')
    .slice(0, 32)
    .toUpperCase();
  const idValue = `[${firstId ?? `<${newId}>`} <${newId}>]`;

  // Assemble: the original bytes, an EOL if missing, the objects, the cross-reference section.
  const chunks: Buffer[] = [pdf];
  let offset = pdf.length;
  const last = pdf[pdf.length - 1];
  if (last !== 10 && last !== 13) {
    chunks.push(Buffer.from('\n', 'latin1'));
    offset += 1;
  }
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const obj of objects) {
    const text = Buffer.concat([
      Buffer.from(`${obj.num} ${obj.gen} obj\n`, 'latin1'),
      typeof obj.body === 'string' ? Buffer.from(obj.body, 'latin1') : obj.body,
      Buffer.from('\nendobj\n', 'latin1'),
    ]);
    offsets.set(obj.num, { offset, gen: obj.gen });
    chunks.push(text);
    offset += text.length;
  }

  const info = doc.trailer.entries.get('/Info');
  const trailerEntries =
    `/Root ${catalogRef.num} ${catalogRef.gen} R` +
    (info?.kind === 'ref' ? ` /Info ${info.num} ${info.gen} R` : '') +
    ` /ID ${idValue} /Prev ${doc.startxref}`;
  const xrefOffset = offset;
  if (doc.isXrefStream) {
    const xrefNum = next++;
    offsets.set(xrefNum, { offset: xrefOffset, gen: 0 });
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    const rows = Buffer.alloc(nums.length * 7);
    nums.forEach((num, i) => {
      const e = offsets.get(num) as { offset: number; gen: number };
      rows.writeUInt8(1, i * 7);
      rows.writeUInt32BE(e.offset, i * 7 + 1);
      rows.writeUInt16BE(e.gen, i * 7 + 5);
    });
    const index = subsections(nums)
      .map(([first, count]) => `${first} ${count}`)
      .join(' ');
    const head = `${xrefNum} 0 obj\n<</Type /XRef /Size ${next} /Index [${index}] /W [1 4 2] ${trailerEntries} /Length ${rows.length}>>\nstream\n`;
    chunks.push(
      Buffer.from(head, 'latin1'),
      rows,
      Buffer.from(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`, 'latin1'),
    );
  } else {
    const nums = [...offsets.keys()].sort((a, b) => a - b);
    let table = 'xref\n';
    let i = 0;
    for (const [first, count] of subsections(nums)) {
      table += `${first} ${count}\n`;
      for (let k = 0; k < count; k++, i++) {
        const e = offsets.get(nums[i] as number) as { offset: number; gen: number };
        table += `${String(e.offset).padStart(10, '0')} ${String(e.gen).padStart(5, '0')} n\r\n`;
      }
    }
    table += `trailer\n<</Size ${next} ${trailerEntries}>>\nstartxref\n${xrefOffset}\n%%EOF\n`;
    chunks.push(Buffer.from(table, 'latin1'));
  }

  return { bytes: Buffer.concat(chunks), offsets };
}

/** Groups sorted object numbers into [first, count] runs. */
function subsections(nums: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const num of nums) {
    const lastRun = out[out.length - 1];
    if (lastRun && lastRun[0] + lastRun[1] === num) lastRun[1]++;
    else out.push([num, 1]);
  }
  return out;
}

/** Writes the DER-encoded CMS as hex into the reserved /Contents. */
export function embedSignature(prepared: PreparedSignature, cms: Uint8Array): Buffer {
  const [, start, end] = prepared.byteRange;
  const capacity = (end - start - 2) / 2;
  if (cms.length > capacity) {
    throw new PdfSyntaxError(
      `the signature (${cms.length} bytes) is larger than the space reserved (${capacity})`,
      start,
    );
  }
  prepared.bytes.write(Buffer.from(cms).toString('hex').toUpperCase(), start + 1, 'latin1');
  return prepared.bytes;
}

/** The bytes a byte range covers, concatenated. */
export function byteRangeContent(bytes: Buffer, byteRange: readonly number[]): Buffer[] {
  const parts: Buffer[] = [];
  for (let i = 0; i + 1 < byteRange.length; i += 2) {
    const start = byteRange[i] as number;
    const length = byteRange[i + 1] as number;
    parts.push(bytes.subarray(start, start + length));
  }
  return parts;
}
