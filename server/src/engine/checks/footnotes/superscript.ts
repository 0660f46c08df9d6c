/** Superscript digits: reading "¹²" as 12 and writing 12 as "¹²". */

const SUPERSCRIPT_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** The value of a superscript digit character, or -1. */
export function superscriptDigitValue(ch: string | undefined): number {
  return ch === undefined || ch.length !== 1 ? -1 : SUPERSCRIPT_DIGITS.indexOf(ch);
}

/** Reads a run of superscript digits at `i` (no leading ⁰, at most 6 digits). */
export function readSuperscriptNumber(text: string, i: number, end: number): { value: number; end: number } | undefined {
  let j = i;
  let value = 0;
  while (j < end) {
    const digit = superscriptDigitValue(text[j]);
    if (digit < 0) break;
    value = value * 10 + digit;
    j++;
  }
  if (j === i || j - i > 6 || text[i] === '⁰') return undefined;
  return { value, end: j };
}

export function toSuperscript(value: number): string {
  let out = '';
  for (const ch of String(value)) out += SUPERSCRIPT_DIGITS[ch.charCodeAt(0) - 48] ?? ch;
  return out;
}
