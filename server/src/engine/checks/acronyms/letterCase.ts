/**
 * Character classes of one UTF-16 code unit, for loops that run per character
 * over a whole document: ASCII by arithmetic, anything else by a table filled
 * on first sight (a Unicode regular expression or `toUpperCase` per character
 * would allocate a string each time).
 */

const COMPUTED = 1;
const ALNUM = 2;
/** `c !== c.toUpperCase()`: a small letter (or a title-case one). */
const CHANGES_IN_UPPER = 4;
/** `c !== c.toLowerCase()`: a capital (or a title-case one). */
const CHANGES_IN_LOWER = 8;

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const table = new Uint8Array(0x10000);

function flagsOf(code: number): number {
  let flags = table[code]!;
  if (flags === 0) {
    const c = String.fromCharCode(code);
    flags = COMPUTED;
    if (LETTER_OR_DIGIT.test(c)) flags |= ALNUM;
    if (c !== c.toUpperCase()) flags |= CHANGES_IN_UPPER;
    if (c !== c.toLowerCase()) flags |= CHANGES_IN_LOWER;
    table[code] = flags;
  }
  return flags;
}

/** A letter or digit (`\p{L}` or `\p{N}`); false for NaN (past the end of a string). */
export function isAlnumCode(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return code === code && (flagsOf(code) & ALNUM) !== 0;
}

/** `c !== c.toUpperCase()` for the character with this code: it has a capital form. */
export function changesInUpperCode(code: number): boolean {
  if (code < 128) return code >= 97 && code <= 122;
  return code === code && (flagsOf(code) & CHANGES_IN_UPPER) !== 0;
}

/** `c !== c.toLowerCase()` for the character with this code: it has a small form. */
export function changesInLowerCode(code: number): boolean {
  if (code < 128) return code >= 65 && code <= 90;
  return code === code && (flagsOf(code) & CHANGES_IN_LOWER) !== 0;
}
