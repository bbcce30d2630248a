/**
 * Characters no file name written by Referat may contain. Bidirectional controls let a name
 * display differently from what it is ("Budget 2018 \u202Efdp.bat" shows as "Budget 2018
 * tab.pdf"); control characters are invisible, break terminals and are refused by some file
 * systems.
 */

/**
 * Bidirectional formatting characters: LRE, RLE, PDF, LRO, RLO (U+202A-U+202E), LRI, RLI, FSI,
 * PDI (U+2066-U+2069), LRM and RLM (U+200E, U+200F) and the Arabic letter mark (U+061C).
 */
const bidiControls = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/gu;
/** C0 controls, DEL and C1 controls (matching them is the point). */
// eslint-disable-next-line no-control-regex
const controlCharacters = /[\u0000-\u001F\u007F-\u009F]/gu;

/** `name` without bidirectional formatting and control characters (nothing else changes). */
export function withoutUnsafeCharacters(name: string): string {
  return name.replace(bidiControls, '').replace(controlCharacters, '');
}

/** True when `name` holds a character {@link withoutUnsafeCharacters} removes. */
export function hasUnsafeCharacters(name: string): boolean {
  return withoutUnsafeCharacters(name) !== name;
}
