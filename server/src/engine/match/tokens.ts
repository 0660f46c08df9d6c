/**
 * Splits prose into the tokens the term matcher walks: words (letters, digits,
 * `R&D`, `U.S`), and single hanzi. Between two tokens, white space, line breaks,
 * hyphens, en dashes and double quotes are "soft": they are normalised away, so
 * that "whole-of-nation", "whole of\nnation" and "两 张皮" match their entries.
 * Any other character between tokens (a comma, an apostrophe, a full stop) is
 * kept, normalised, as the next token's `gap`, so a term cannot run across it
 * unless the entry has the same punctuation.
 */
import type { ProseRun } from '../document/model';

export interface Token {
  /** Lower-cased word, or the hanzi itself. */
  key: string;
  start: number;
  end: number;
  /** Hard characters between the previous token and this one, normalised ("" when only soft ones). */
  gap: string;
  /** True when the previous token ended in a hyphen-like gap only (for gluing variants). */
  isHanzi: boolean;
}

const enum CharClass {
  Word,
  Hanzi,
  Soft,
  Hard,
}

export function isHanziCode(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x323af)
  );
}

const WORD_LIKE = /[\p{L}\p{N}\p{M}]/u;
const SOFT_NON_ASCII = new Set([
  0x00a0, 0x00ad, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a,
  0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060, 0x3000, 0xfeff,
  0x2010, 0x2011, 0x2012, 0x2013, 0x2212, 0xfe63, 0xff0d, // hyphens and the en dash
  0x201c, 0x201d, 0x201e, 0x201f, 0x00ab, 0x00bb, 0xff02, // double quotes
]);
/** Hard characters normalised to one ASCII form. */
const HARD_EQUIVALENTS: Record<number, string> = {
  0x2018: "'", 0x2019: "'", 0x201a: "'", 0x201b: "'", 0x02bc: "'", 0x2032: "'", 0xff07: "'",
  0xff08: '(', 0xff09: ')', 0xff0c: ',', 0x3001: ',', 0xff1b: ';', 0xff1a: ':', 0x3002: '.', 0xff0e: '.',
  0xff01: '!', 0xff1f: '?', 0x2014: '-', 0x2015: '-',
};

function classify(code: number): CharClass {
  if (code < 128) {
    if ((code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)) return CharClass.Word;
    if (code === 32 || code === 9 || code === 10 || code === 13 || code === 12 || code === 11 || code === 45 || code === 34) {
      return CharClass.Soft;
    }
    return CharClass.Hard;
  }
  if (isHanziCode(code)) return CharClass.Hanzi;
  if (SOFT_NON_ASCII.has(code)) return CharClass.Soft;
  if (code >= 0xd800 && code <= 0xdfff) return CharClass.Hard;
  return WORD_LIKE.test(String.fromCodePoint(code)) ? CharClass.Word : CharClass.Hard;
}

function isUpper(code: number): boolean {
  return code >= 65 && code <= 90;
}
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Tokenises a prose run (its segments joined transparently). */
export function tokenizeRun(text: string, run: ProseRun): Token[] {
  return tokenizeSegments(text, run.segments);
}

export function tokenizeSegments(text: string, segments: readonly { start: number; end: number }[]): Token[] {
  const tokens: Token[] = [];
  let gap = '';
  let wordStart = -1;
  let wordEnd = -1;
  const flushWord = () => {
    if (wordStart < 0) return;
    const raw = text.slice(wordStart, wordEnd);
    tokens.push({ key: raw.toLowerCase(), start: wordStart, end: wordEnd, gap, isHanzi: false });
    gap = '';
    wordStart = -1;
  };
  for (let s = 0; s < segments.length; s++) {
    const segment = segments[s]!;
    for (let i = segment.start; i < segment.end; i++) {
      let code = text.charCodeAt(i);
      let width = 1;
      if (code >= 0xd800 && code <= 0xdbff && i + 1 < segment.end) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = ((code - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      let cls = classify(code);
      // "R&D", "S&T": an ampersand between letters belongs to the word.
      if (code === 38 && wordStart >= 0 && isLetter(text.charCodeAt(i - 1)) && i + 1 < segment.end && isLetter(text.charCodeAt(i + 1))) {
        cls = CharClass.Word;
      }
      // "U.S": a full stop between single capitals belongs to the word.
      if (code === 46 && wordStart >= 0 && isUpper(text.charCodeAt(i - 1)) && i + 1 < segment.end && isUpper(text.charCodeAt(i + 1)) &&
        (i - 1 === wordStart || text.charCodeAt(i - 2) === 46)) {
        cls = CharClass.Word;
      }
      if (cls === CharClass.Word) {
        if (wordStart < 0) wordStart = i;
        wordEnd = i + width;
      } else {
        flushWord();
        if (cls === CharClass.Hanzi) {
          tokens.push({ key: text.slice(i, i + width), start: i, end: i + width, gap, isHanzi: true });
          gap = '';
        } else if (cls === CharClass.Hard) {
          gap += HARD_EQUIVALENTS[code] ?? String.fromCodePoint(code);
        }
      }
      i += width - 1;
    }
  }
  flushWord();
  return tokens;
}

/** Tokenises a term as written in a termbase (one segment: the whole string). */
export function tokenizeTerm(term: string): Token[] {
  return tokenizeSegments(term, [{ start: 0, end: term.length }]);
}
