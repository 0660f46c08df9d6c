/**
 * What counts as an acronym in running text. The rule, documented in
 * docs/rules/acronym.md:
 * - starts with a capital A–Z, has at least two capitals and no more lower-case
 *   letters than capitals ("NSWN", "MoST", "PhD", "R&D", "U.S."; not "BeiDou", "WeChat");
 * - letters (and `&` or `.` between them) only: a token with a digit ("C919", "5G",
 *   "G20", "COVID-19", "H5N1") is a name or a designator, not an acronym to define;
 * - at most 8 letters; a trailing lower-case "s" after a capital is a plural ("SOEs");
 * - not a Roman numeral ("II", "XIV") and not a common English word written in
 *   capitals for emphasis ("NOT", "THE").
 * An acronym the termbase lists is an acronym whatever its shape.
 */

export interface ParsedAcronym {
  /** The acronym without a plural "s". */
  acronym: string;
  isPlural: boolean;
}

const MAX_LETTERS = 8;
const ROMAN_NUMERAL = /^(?:X{1,3}(?:IX|IV|V?I{0,3})|IX|IV|VI{0,3}|I{2,3})$/;

/** Words a writer capitalises for emphasis or in a shouted line; never acronyms. */
const COMMON_CAPS_WORDS = new Set([
  'AN', 'AND', 'ARE', 'AS', 'AT', 'BE', 'BUT', 'BY', 'DO', 'FOR', 'FROM', 'HAS', 'HAVE', 'HE', 'IF', 'IN', 'IS', 'ITS',
  'NO', 'NOT', 'NOW', 'OF', 'ON', 'OR', 'OUR', 'SHE', 'SO', 'THAT', 'THE', 'THEY', 'THIS', 'TO', 'WAS', 'WE', 'WERE',
  'WILL', 'WITH', 'YOU', 'ALL', 'ANY', 'ONLY', 'NEVER', 'MUST', 'SHOULD', 'VERY', 'NEW', 'NOTE', 'YES', 'DRAFT',
  'IMPORTANT', 'WARNING', 'BEFORE', 'AFTER',
]);

function isUpperCode(code: number): boolean {
  return code >= 65 && code <= 90;
}
function isLowerCode(code: number): boolean {
  return code >= 97 && code <= 122;
}

/** Reads a token as an acronym (see the module comment), or returns undefined. */
export function parseAcronym(raw: string): ParsedAcronym | undefined {
  if (raw.length < 2 || !isUpperCode(raw.charCodeAt(0))) return undefined;
  let word = raw;
  let isPlural = false;
  if (word.length >= 3 && word.charCodeAt(word.length - 1) === 115 /* s */ && isUpperCode(word.charCodeAt(word.length - 2))) {
    word = word.slice(0, -1);
    isPlural = true;
  }
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (isUpperCode(code)) upper++;
    else if (isLowerCode(code)) lower++;
    else if (code !== 38 /* & */ && code !== 46 /* . */) return undefined;
  }
  if (upper < 2 || lower > upper || upper + lower > MAX_LETTERS) return undefined;
  if (ROMAN_NUMERAL.test(word) || COMMON_CAPS_WORDS.has(word)) return undefined;
  return { acronym: word, isPlural };
}

/** A common English word written in capitals ("THE", "NOT"): shouting, not an acronym. */
export function isCommonCapsWord(word: string): boolean {
  return COMMON_CAPS_WORDS.has(word) || word === 'A' || word === 'I';
}

/** The key acronyms are compared by: as written, without a final full stop ("U.S." and "U.S" are one). */
export function acronymKey(acronym: string): string {
  return acronym.endsWith('.') ? acronym.slice(0, -1) : acronym;
}

/** The letters and digits of an acronym, lower-cased: "R&D" → "rd", "U.S." → "us". */
export function acronymLetters(acronym: string): string {
  let letters = '';
  for (let i = 0; i < acronym.length; i++) {
    const code = acronym.charCodeAt(i);
    if (isUpperCode(code) || isLowerCode(code) || (code >= 48 && code <= 57)) letters += acronym[i]!.toLowerCase();
  }
  return letters;
}
