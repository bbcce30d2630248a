/**
 * A small lossless PDF object lexer, parser and serializer: just enough syntax for reading the
 * cross-reference data, the catalog, the AcroForm and the page tree, and for writing the objects of
 * an incremental signature update. Strings, names and numbers keep their raw bytes so that a
 * copied dictionary re-serializes to the same values it was read with.
 */

/** One PDF value. Raw texts are latin1 views of the file's bytes (one char per byte). */
export type PdfValue =
  | { kind: 'number'; value: number; raw: string }
  | { kind: 'name'; raw: string }
  | { kind: 'string'; raw: string; start: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'ref'; num: number; gen: number }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'dict'; entries: Map<string, PdfValue> };

export type PdfDict = Extract<PdfValue, { kind: 'dict' }>;
export type PdfRef = Extract<PdfValue, { kind: 'ref' }>;

/** A stream object: its dictionary and where its (still encoded) data lies in the file. */
export interface PdfStream {
  kind: 'stream';
  dict: PdfDict;
  dataStart: number;
  dataEnd: number;
}

/** Thrown for malformed PDF syntax; callers turn it into a user-facing DomainError. */
export class PdfSyntaxError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = 'PdfSyntaxError';
  }
}

const WS = new Uint8Array(256);
for (const c of [0, 9, 10, 12, 13, 32]) WS[c] = 1;
const DELIM = new Uint8Array(256);
for (const c of '()<>[]{}/%') DELIM[c.charCodeAt(0)] = 1;

export function isWhite(c: number | undefined): boolean {
  return c !== undefined && WS[c] === 1;
}
function isRegular(c: number | undefined): boolean {
  return c !== undefined && WS[c] !== 1 && DELIM[c] !== 1;
}

/** A cursor over the file's bytes. */
export class PdfLexer {
  pos: number;
  constructor(
    readonly bytes: Buffer,
    pos = 0,
  ) {
    this.pos = pos;
  }

  /** Skips whitespace and comments. */
  skipSpace(): void {
    const b = this.bytes;
    for (;;) {
      const c = b[this.pos];
      if (c === undefined) return;
      if (WS[c] === 1) this.pos++;
      else if (c === 0x25 /* % */) {
        while (this.pos < b.length && b[this.pos] !== 10 && b[this.pos] !== 13) this.pos++;
      } else return;
    }
  }

  /** Reads a run of regular characters (a keyword or a number), or '' at a delimiter. */
  readToken(): string {
    this.skipSpace();
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return this.bytes.toString('latin1', start, this.pos);
  }

  /** True when the keyword is next (followed by a non-regular character); consumes it if so. */
  acceptKeyword(word: string): boolean {
    this.skipSpace();
    const end = this.pos + word.length;
    if (this.bytes.toString('latin1', this.pos, end) === word && !isRegular(this.bytes[end])) {
      this.pos = end;
      return true;
    }
    return false;
  }

  expectKeyword(word: string): void {
    if (!this.acceptKeyword(word)) throw new PdfSyntaxError(`expected "${word}"`, this.pos);
  }

  readInt(): number {
    const t = this.readToken();
    if (!/^[+-]?\d+$/.test(t))
      throw new PdfSyntaxError(`expected an integer, found "${t}"`, this.pos);
    return Number(t);
  }

  /** Parses one value; `n g R` references are recognized. */
  parseValue(depth = 0): PdfValue {
    if (depth > 100) throw new PdfSyntaxError('objects nested too deeply', this.pos);
    this.skipSpace();
    const b = this.bytes;
    const c = b[this.pos];
    if (c === undefined) throw new PdfSyntaxError('unexpected end of file', this.pos);
    if (c === 0x2f /* / */) {
      const start = this.pos++;
      while (isRegular(b[this.pos])) this.pos++;
      return { kind: 'name', raw: b.toString('latin1', start, this.pos) };
    }
    if (c === 0x3c /* < */) {
      if (b[this.pos + 1] === 0x3c) {
        this.pos += 2;
        const entries = new Map<string, PdfValue>();
        for (;;) {
          this.skipSpace();
          if (b[this.pos] === 0x3e && b[this.pos + 1] === 0x3e) {
            this.pos += 2;
            return { kind: 'dict', entries };
          }
          const key = this.parseValue(depth + 1);
          if (key.kind !== 'name')
            throw new PdfSyntaxError('expected a name as dictionary key', this.pos);
          entries.set(key.raw, this.parseValue(depth + 1));
        }
      }
      const start = this.pos;
      const end = b.indexOf(0x3e, start);
      if (end < 0) throw new PdfSyntaxError('unterminated hex string', start);
      this.pos = end + 1;
      return { kind: 'string', raw: b.toString('latin1', start, this.pos), start };
    }
    if (c === 0x28 /* ( */) {
      const start = this.pos++;
      let nesting = 1;
      while (nesting > 0) {
        const d = b[this.pos++];
        if (d === undefined) throw new PdfSyntaxError('unterminated string', start);
        if (d === 0x5c /* \ */) this.pos++;
        else if (d === 0x28) nesting++;
        else if (d === 0x29) nesting--;
      }
      return { kind: 'string', raw: b.toString('latin1', start, this.pos), start };
    }
    if (c === 0x5b /* [ */) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return { kind: 'array', items };
        }
        items.push(this.parseValue(depth + 1));
      }
    }
    const start = this.pos;
    const token = this.readToken();
    if (token === '')
      throw new PdfSyntaxError(`unexpected character "${String.fromCharCode(c)}"`, start);
    if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true' };
    if (token === 'null') return { kind: 'null' };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(token)) {
      if (/^\d+$/.test(token)) {
        // Look ahead for "gen R" without consuming anything else.
        const save = this.pos;
        const gen = this.readToken();
        if (/^\d+$/.test(gen) && this.readToken() === 'R') {
          return { kind: 'ref', num: Number(token), gen: Number(gen) };
        }
        this.pos = save;
      }
      return { kind: 'number', value: Number(token), raw: token };
    }
    throw new PdfSyntaxError(`unexpected token "${token}"`, start);
  }
}

/** Serializes a value back to PDF syntax (latin1 text). */
export function serialize(value: PdfValue): string {
  switch (value.kind) {
    case 'number':
    case 'name':
    case 'string':
      return value.raw;
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'null':
      return 'null';
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(serialize).join(' ')}]`;
    case 'dict': {
      const parts: string[] = [];
      for (const [key, v] of value.entries) parts.push(`${key} ${serialize(v)}`);
      return `<<${parts.join(' ')}>>`;
    }
  }
}

// ---- constructors ---------------------------------------------------------------------------

export const pdfName = (name: string): PdfValue => ({ kind: 'name', raw: `/${name}` });
export const pdfNumber = (n: number): PdfValue => ({ kind: 'number', value: n, raw: String(n) });
export const pdfRef = (num: number, gen = 0): PdfRef => ({ kind: 'ref', num, gen });
export const pdfRaw = (raw: string): PdfValue => ({ kind: 'string', raw, start: -1 });
export function pdfDict(entries: [string, PdfValue][]): PdfDict {
  return { kind: 'dict', entries: new Map(entries.map(([k, v]) => [`/${k}`, v])) };
}

/** Encodes a text string: a literal string when it is printable ASCII, else UTF-16BE hex with a BOM. */
export function pdfTextString(text: string): PdfValue {
  if (/^[\x20-\x7e]*$/.test(text)) {
    return pdfRaw(`(${text.replace(/[\\()]/g, (m) => `\\${m}`)})`);
  }
  const utf16 = Buffer.from(text, 'utf16le');
  utf16.swap16();
  return pdfRaw(`<FEFF${utf16.toString('hex').toUpperCase()}>`);
}

/** Decodes a string value's bytes (literal escapes or hex). */
export function stringBytes(value: PdfValue): Buffer {
  if (value.kind !== 'string') throw new Error('not a string');
  const raw = value.raw;
  if (raw.startsWith('<')) {
    let hex = raw.slice(1, -1).replace(/[^0-9a-fA-F]/g, '');
    if (hex.length % 2 === 1) hex += '0';
    return Buffer.from(hex, 'hex');
  }
  const out: number[] = [];
  const body = raw.slice(1, -1);
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (ch !== 0x5c) {
      // A bare CR or CRLF inside a literal string means LF.
      if (ch === 13) {
        out.push(10);
        if (body.charCodeAt(i + 1) === 10) i++;
      } else out.push(ch);
      continue;
    }
    const next = body[++i];
    if (next === undefined) break;
    const simple: Record<string, number> = {
      n: 10,
      r: 13,
      t: 9,
      b: 8,
      f: 12,
      '(': 40,
      ')': 41,
      '\\': 92,
    };
    if (next in simple) out.push(simple[next] as number);
    else if (/[0-7]/.test(next)) {
      let oct = next;
      while (oct.length < 3 && /[0-7]/.test(body[i + 1] ?? '')) oct += body[++i];
      out.push(parseInt(oct, 8) & 0xff);
    } else if (next === '\r') {
      if (body[i + 1] === '\n') i++;
    } else if (next !== '\n') out.push(next.charCodeAt(0));
  }
  return Buffer.from(out);
}

/** Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, else PDFDocEncoding ≈ latin1). */
export function decodeTextString(value: PdfValue | undefined): string | undefined {
  if (value?.kind !== 'string') return undefined;
  const bytes = stringBytes(value);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2));
    body.swap16();
    return body.toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}

/** Formats a PDF date `D:YYYYMMDDHHmmSS+00'00'` in UTC. */
export function pdfDate(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `D:${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}+00'00'`;
}

/** Parses a PDF date string (`D:YYYYMMDDHHmmSSOHH'mm'`, later parts optional). */
export function parsePdfDate(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const m =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?'?/.exec(
      text,
    );
  if (!m) return undefined;
  const n = (s: string | undefined, d: number) => (s === undefined ? d : Number(s));
  let t = Date.UTC(n(m[1], 0), n(m[2], 1) - 1, n(m[3], 1), n(m[4], 0), n(m[5], 0), n(m[6], 0));
  if (m[7] === '+' || m[7] === '-') {
    const offset = (n(m[8], 0) * 60 + n(m[9], 0)) * 60_000;
    t += m[7] === '+' ? -offset : offset;
  }
  return Number.isNaN(t) ? undefined : new Date(t);
}
