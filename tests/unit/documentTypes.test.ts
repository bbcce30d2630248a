/**
 * Which appendix files Referat hands to the system viewer: a known document type by name AND
 * by its first bytes; and file names without the bidirectional and control characters that let
 * "Budget 2018 \u202Efdp.bat" pose as "Budget 2018 tab.pdf".
 */
import { describe, expect, it } from 'vitest';
import {
  documentKindOfName,
  isPlainUtf8Text,
  ooxmlKindOfContentTypes,
  sniffDocumentHead,
} from '../../common/archive/documentTypes';
import { safeFileName } from '../../common/archive/bagit';
import { withoutUnsafeCharacters } from '../../common/archive/fileNames';

const bytes = (text: string) => Uint8Array.from(Array.from(text, (c) => c.charCodeAt(0)));

/** The first bytes of an ODF package: the uncompressed `mimetype` entry first. */
function odfHead(mediaType: string): Uint8Array {
  const header = new Uint8Array(30);
  header.set([0x50, 0x4b, 0x03, 0x04], 0);
  header[26] = 8; // file name length
  return new Uint8Array([...header, ...bytes('mimetype'), ...bytes(mediaType)]);
}

describe('file names the app writes', () => {
  const bidi = [
    '\u202A',
    '\u202B',
    '\u202C',
    '\u202D',
    '\u202E',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u200E',
    '\u200F',
    '\u061C',
  ];

  it('strips every bidirectional control, so the real extension shows', () => {
    expect(withoutUnsafeCharacters('Budget 2018 \u202Efdp.bat')).toBe('Budget 2018 fdp.bat');
    for (const char of bidi) expect(withoutUnsafeCharacters(`a${char}b.pdf`)).toBe('ab.pdf');
    expect(safeFileName('Budget 2018 \u202Efdp.bat')).toBe('Budget 2018 fdp.bat');
    expect(safeFileName('\u2067\u2066x.pdf\u2069')).toBe('x.pdf');
  });

  it('strips C0 and C1 control characters and DEL, and keeps Danish letters', () => {
    expect(withoutUnsafeCharacters('a\u0000b\u0007c\u001fd\u007fe\u0085f\u009fg.pdf')).toBe(
      'abcdefg.pdf',
    );
    expect(withoutUnsafeCharacters('Økonomi æøå ÆØÅ.pdf')).toBe('Økonomi æøå ÆØÅ.pdf');
  });
});

describe('known document types by name', () => {
  it('accepts pdf, docx, xlsx, odt, ods, txt, png, jpg and jpeg in any case', () => {
    expect(documentKindOfName('a.PDF')).toBe('pdf');
    expect(documentKindOfName('a.docx')).toBe('docx');
    expect(documentKindOfName('a.xlsx')).toBe('xlsx');
    expect(documentKindOfName('a.odt')).toBe('odt');
    expect(documentKindOfName('a.ods')).toBe('ods');
    expect(documentKindOfName('a.txt')).toBe('txt');
    expect(documentKindOfName('a.png')).toBe('png');
    expect(documentKindOfName('a.JPG')).toBe('jpeg');
    expect(documentKindOfName('a.jpeg')).toBe('jpeg');
  });

  it('refuses programs, scripts, macro documents, shortcuts and names without an extension', () => {
    for (const name of [
      'Budget 2018 fdp.bat',
      'a.exe',
      'a.pdf.exe',
      'a.cmd',
      'a.js',
      'a.vbs',
      'a.lnk',
      'a.html',
      'a.docm',
      'a.xlsm',
      'a.svg',
      'a.zip',
      'pdf',
      'a.',
      'a.pdf ',
    ]) {
      expect(documentKindOfName(name), name).toBeNull();
    }
  });
});

describe('document types by their first bytes', () => {
  it('recognises PDF, PNG, JPEG, ODF text and spreadsheet, and a ZIP', () => {
    expect(sniffDocumentHead(bytes('%PDF-1.7\n'))).toBe('pdf');
    expect(
      sniffDocumentHead(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toBe('png');
    expect(sniffDocumentHead(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
    expect(sniffDocumentHead(odfHead('application/vnd.oasis.opendocument.text'))).toBe('odt');
    expect(sniffDocumentHead(odfHead('application/vnd.oasis.opendocument.spreadsheet'))).toBe(
      'ods',
    );
    expect(sniffDocumentHead(odfHead('application/vnd.oasis.opendocument.presentation'))).toBe(
      'zip',
    );
    expect(sniffDocumentHead(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0]))).toBe('zip');
  });

  it('recognises nothing in a Windows program, a script or an empty file', () => {
    expect(sniffDocumentHead(bytes('MZ\u0090\u0000'))).toBeNull();
    expect(sniffDocumentHead(bytes('@echo off\r\nformat c:\r\n'))).toBeNull();
    expect(sniffDocumentHead(new Uint8Array())).toBeNull();
    expect(sniffDocumentHead(bytes('%PD'))).toBeNull();
  });

  it('tells Word and Excel apart by their content types and refuses macro-enabled ones', () => {
    const types = (main: string, extra = '') =>
      `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/x/main.xml" ContentType="${main}"/>${extra}</Types>`;
    expect(
      ooxmlKindOfContentTypes(
        types('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'),
      ),
    ).toBe('docx');
    expect(
      ooxmlKindOfContentTypes(
        types('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml'),
      ),
    ).toBe('xlsx');
    expect(
      ooxmlKindOfContentTypes(types('application/vnd.ms-word.document.macroEnabled.main+xml')),
    ).toBeNull();
    expect(
      ooxmlKindOfContentTypes(
        types(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
          '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>',
        ),
      ),
    ).toBeNull();
    expect(ooxmlKindOfContentTypes('<Types/>')).toBeNull();
  });

  it('text is valid UTF-8 without NUL characters', () => {
    expect(isPlainUtf8Text(new TextEncoder().encode('Referat æøå 👩‍👩‍👧\r\n'))).toBe(true);
    expect(isPlainUtf8Text(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe(true);
    expect(isPlainUtf8Text(new Uint8Array())).toBe(true);
    expect(isPlainUtf8Text(new Uint8Array([0x41, 0x00, 0x42]))).toBe(false);
    expect(isPlainUtf8Text(new Uint8Array([0xc3]))).toBe(false); // cut short
    expect(isPlainUtf8Text(new Uint8Array([0xc0, 0xaf]))).toBe(false); // overlong
    expect(isPlainUtf8Text(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false); // surrogate
    expect(isPlainUtf8Text(new Uint8Array([0xf4, 0x90, 0x80, 0x80]))).toBe(false); // > U+10FFFF
    expect(isPlainUtf8Text(new Uint8Array([0xe6, 0xf8, 0xe5]))).toBe(false); // Latin-1 "æøå"
    expect(isPlainUtf8Text(bytes('MZ\u0090\u0000'))).toBe(false);
  });
});
