/**
 * Safe file names in a bag (common/archive/bagit.ts) and the small tag-file texts.
 * Pure functions, checked against the rules of Windows, macOS and Linux.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeManifestPath,
  encodeManifestPath,
  formatBagInfo,
  formatBagSize,
  isSafeBagPath,
  parseBagInfo,
  parseManifest,
  safeFileName,
  uniqueSafeFileNames,
} from '../../common/archive/bagit';

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('safeFileName', () => {
  it.each([
    ['Budget 2018.pdf', 'Budget 2018.pdf'],
    ['a<b>c:d"e/f\\g|h?i*j.txt', 'a_b_c_d_e_f_g_h_i_j.txt'],
    ['tab\there\nnew\u0000line\u007f.txt', 'tabherenewline.txt'],
    ['slut med punktum...', 'slut med punktum'],
    ['slut med mellemrum   ', 'slut med mellemrum'],
    ['  foran.pdf', 'foran.pdf'],
    ['CON', '_CON'],
    ['con.txt', '_con.txt'],
    ['Nul.tar.gz', '_Nul.tar.gz'],
    ['COM1.pdf', '_COM1.pdf'],
    ['lpt9', '_lpt9'],
    ['COM10.pdf', 'COM10.pdf'],
    ['CONSOLE.pdf', 'CONSOLE.pdf'],
    ['', 'bilag'],
    ['...', 'bilag'],
    ['..', 'bilag'],
    ['???', '___'],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });

  it('normalizes to NFC (macOS writes NFD)', () => {
    const nfd = 'Ka\u030arsbølle.pdf';
    expect(safeFileName(nfd)).toBe('Kårsbølle.pdf'.normalize('NFC'));
    expect(safeFileName(nfd)).toBe(safeFileName(nfd).normalize('NFC'));
  });

  it('keeps at most 200 UTF-8 bytes, the extension and whole characters', () => {
    const long = `${'æøå'.repeat(100)}.docx`;
    const safe = safeFileName(long);
    expect(bytes(safe)).toBeLessThanOrEqual(200);
    expect(safe.endsWith('.docx')).toBe(true);
    expect(safe).not.toContain('\uFFFD');
    const emoji = safeFileName(`${'😀'.repeat(80)}.pdf`);
    expect(bytes(emoji)).toBeLessThanOrEqual(200);
    expect([...emoji.replace('.pdf', '')].every((c) => c === '😀')).toBe(true);
  });
});

describe('uniqueSafeFileNames', () => {
  it('resolves case-insensitive and normalisation collisions with " (2)", " (3)"', () => {
    expect(uniqueSafeFileNames(['Bilag.pdf', 'bilag.PDF', 'BILAG.pdf', 'andet.pdf'])).toEqual([
      'Bilag.pdf',
      'bilag (2).PDF',
      'BILAG (3).pdf',
      'andet.pdf',
    ]);
    expect(uniqueSafeFileNames(['Å.pdf', 'A\u030a.pdf'])).toEqual(['Å.pdf', 'Å (2).pdf']);
    expect(uniqueSafeFileNames(['meeting.json'], ['meeting.json'])).toEqual(['meeting (2).json']);
  });

  it('keeps a suffixed long name within 200 bytes', () => {
    const long = `${'ø'.repeat(120)}.pdf`;
    const [first, second] = uniqueSafeFileNames([long, long]);
    expect(second).toMatch(/ \(2\)\.pdf$/);
    expect(bytes(second ?? '')).toBeLessThanOrEqual(200);
    expect(first).not.toBe(second);
  });
});

describe('tag file texts', () => {
  it('percent-encodes %, CR and LF in manifest paths and parses them back', () => {
    const path = 'data/100%\r\nsikker.txt';
    expect(encodeManifestPath(path)).toBe('data/100%25%0D%0Asikker.txt');
    expect(decodeManifestPath(encodeManifestPath(path))).toBe(path);
    const { entries, problems } = parseManifest(
      `ABC123  ${encodeManifestPath(path)}\nnot a line\n`,
    );
    expect(entries).toEqual([{ checksum: 'abc123', path }]);
    expect(problems).toEqual(['line 2 is not "checksum path"']);
  });

  it('folds long bag-info values and reads them back', () => {
    const value = 'ord '.repeat(60).trim();
    const text = formatBagInfo([
      ['Referat-Committee', value],
      ['Bagging-Date', '2026-11-27'],
    ]);
    expect(text.split('\n').every((line) => line.length <= 79)).toBe(true);
    expect(parseBagInfo(text).fields).toEqual([
      ['Referat-Committee', value],
      ['Bagging-Date', '2026-11-27'],
    ]);
    expect(() => formatBagInfo([['Bad: label', 'x']])).toThrow();
  });

  it('formats Bag-Size and rejects unsafe bag paths', () => {
    expect(formatBagSize(999)).toBe('999 bytes');
    expect(formatBagSize(200_400_000)).toBe('200.4 MB');
    for (const bad of [
      '/etc/x',
      '../x',
      'data/../../x',
      'C:/x',
      'data\\x',
      'data//x',
      'data/./x',
      '',
    ]) {
      expect(isSafeBagPath(bad), bad).toBe(false);
    }
    expect(isSafeBagPath('data/bilag/Budget 2018.pdf')).toBe(true);
  });
});
