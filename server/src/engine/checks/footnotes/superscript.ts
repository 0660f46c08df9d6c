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

/** Small numbers written once: renumbering writes every marker and entry of a list in each analysis. */
const written: string[] = [];

export function toSuperscript(value: number): string {
  const isSmall = Number.isInteger(value) && value >= 0 && value < 10_000;
  if (isSmall && written[value] !== undefined) return written[value]!;
  const digits = String(value);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += SUPERSCRIPT_DIGITS[digits.charCodeAt(i) - 48] ?? digits[i];
  if (isSmall) written[value] = out;
  return out;
}
