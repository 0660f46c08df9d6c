/** Superscript digits: reading "¹²" as 12 and writing 12 as "¹²". */

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The value of a superscript digit character, or -1. */
export function superscriptDigitValue(ch: string | undefined): number {
  return ch === undefined || ch.length !== 1 ? -1 : superscriptDigitCodeValue(ch.charCodeAt(0));
}

/** The value of the superscript digit with UTF-16 code `code` (NaN reads as none), or -1. Called per character: no strings. */
export function superscriptDigitCodeValue(code: number): number {
  if (code >= 0x2074 && code <= 0x2079) return code - 0x2070;
  if (code === 0xb9) return 1;
  if (code === 0xb2) return 2;
  if (code === 0xb3) return 3;
  return code === 0x2070 ? 0 : -1;
}

/** Reads a run of superscript digits at `i` (no leading ⁰, at most 6 digits). */
export function readSuperscriptNumber(text: string, i: number, end: number): { value: number; end: number } | undefined {
  let j = i;
  let value = 0;
  while (j < end) {
    const digit = superscriptDigitCodeValue(text.charCodeAt(j));
    if (digit < 0) break;
    value = value * 10 + digit;
    j++;
  }
  if (j === i || j - i > 6 || text.charCodeAt(i) === 0x2070) return undefined;
  return { value, end: j };
}

export function toSuperscript(value: number): string {
  let out = '';
  for (const ch of String(value)) out += SUPERSCRIPT_DIGITS[ch.charCodeAt(0) - 48] ?? ch;
  return out;
}
