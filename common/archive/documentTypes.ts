/**
 * The document types "Åbn bilag" hands to the system's viewer, recognised by name and by first
 * bytes. Anything else (programs, scripts, shortcuts, macro documents, HTML, SVG, archives) is
 * only shown in its folder or downloaded: a package received by mail decides an appendix's
 * name and bytes, and the operating system decides by the name what runs.
 */

/** The kinds of document Referat opens with the viewer. */
export const documentKinds = ['pdf', 'docx', 'xlsx', 'odt', 'ods', 'txt', 'png', 'jpeg'] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** The media type each kind is handed over with. */
export const documentMediaTypes: Readonly<Record<DocumentKind, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  txt: 'text/plain; charset=utf-8',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

const kindByExtension: Readonly<Record<string, DocumentKind>> = {
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  odt: 'odt',
  ods: 'ods',
  txt: 'txt',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
};

/** The kind a file name's extension names (case-insensitive), or null for any other name. */
export function documentKindOfName(name: string): DocumentKind | null {
  const match = /\.([A-Za-z]+)$/.exec(name);
  const extension = match?.[1]?.toLowerCase() ?? '';
  return Object.hasOwn(kindByExtension, extension) ? (kindByExtension[extension] ?? null) : null;
}

/** What the first bytes show: a kind, a ZIP of another kind (OOXML is told by its parts), or null. */
export type SniffedHead = 'pdf' | 'png' | 'jpeg' | 'odt' | 'ods' | 'zip' | null;

/** How many first bytes {@link sniffDocumentHead} needs at most. */
export const sniffHeadLength = 128;

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const odfMediaTypes: ReadonlyArray<[string, 'odt' | 'ods']> = [
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
];

/**
 * The type the first bytes show: `%PDF-`, the PNG signature, JPEG's SOI marker, a ZIP local
 * file header; an ODF package's first entry is the uncompressed `mimetype` naming its type
 * (ODF 1.2 part 3, 3.3), so ODF text and spreadsheets are told from the head alone.
 */
export function sniffDocumentHead(head: Uint8Array): SniffedHead {
  const startsWith = (signature: readonly number[], at = 0) =>
    head.length >= at + signature.length && signature.every((byte, i) => head[at + i] === byte);
  if (startsWith(ascii('%PDF-'))) return 'pdf';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  if (!startsWith(zipSignature)) return null;
  const nameLength = (head[26] ?? 0) | ((head[27] ?? 0) << 8);
  const extraLength = (head[28] ?? 0) | ((head[29] ?? 0) << 8);
  const method = (head[8] ?? 0) | ((head[9] ?? 0) << 8);
  if (nameLength === 8 && extraLength === 0 && method === 0 && startsWith(ascii('mimetype'), 30)) {
    for (const [mediaType, kind] of odfMediaTypes) {
      const after = 38 + mediaType.length;
      // The entry's content is exactly the media type: the next bytes start the next header.
      if (startsWith(ascii(mediaType), 38) && (head.length === after || head[after] === 0x50))
        return kind;
    }
  }
  return 'zip';
}

const wordMain = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml';
const excelMain = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml';

/**
 * The kind an OOXML package's `[Content_Types].xml` declares: Word when its main part is a
 * plain (not macro-enabled) document, Excel when a plain workbook; null for anything else and
 * for any package carrying a VBA project.
 */
export function ooxmlKindOfContentTypes(xml: string): 'docx' | 'xlsx' | null {
  const types = Array.from(xml.matchAll(/ContentType\s*=\s*"([^"]*)"/g), (m) =>
    (m[1] ?? '').trim().toLowerCase(),
  );
  if (types.some((type) => type.includes('vbaproject') || type.includes('macroenabled')))
    return null;
  const isWord = types.includes(wordMain);
  const isExcel = types.includes(excelMain);
  if (isWord === isExcel) return null;
  return isWord ? 'docx' : 'xlsx';
}

/** True when `bytes` are well-formed UTF-8 (RFC 3629: no overlongs, surrogates) without NUL. */
export function isPlainUtf8Text(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) return false;
    if (byte < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    let code: number;
    if (byte >= 0xc2 && byte <= 0xdf) [length, min, code] = [2, 0x80, byte & 0x1f];
    else if (byte >= 0xe0 && byte <= 0xef) [length, min, code] = [3, 0x800, byte & 0x0f];
    else if (byte >= 0xf0 && byte <= 0xf4) [length, min, code] = [4, 0x10000, byte & 0x07];
    else return false;
    if (i + length > bytes.length) return false;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return false;
      code = (code << 6) | (next & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return false;
    i += length;
  }
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}
