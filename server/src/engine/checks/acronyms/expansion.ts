/**
 * Expansions: does a phrase plausibly spell an acronym, and are two expansions
 * the same once case, hyphens, spaces, quotes, punctuation and plurals are set aside?
 */
import { detach } from '../../detach';
import { changesInLowerCode, changesInUpperCode, isAlnumCode } from './letterCase';
import { acronymLetters } from './shape';

/** Function words an expansion may contain without giving the acronym a letter. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'for', 'on', 'in', 'to', 'at', 'by', 'with', 'from', 'de', 'du', 'des', 'la', 'le',
  'und', 'für', 'der', 'die', 'das', 'y', 'del', 'e', 'et',
]);

/** A letter or digit (one UTF-16 code unit). */
export function isAlnum(c: string): boolean {
  return isAlnumCode(c.charCodeAt(0));
}

export interface Alignment {
  /** Acronym letters that fall on the first letter of a word (or a capital inside one: "BeiDou"). */
  initials: number;
  letters: number;
  /** Words that are not function words and give the acronym no letter ("system" in "… whole-of-nation system (NSWN)"). */
  skippedWords: number;
  words: number;
}

const isApostropheCode = (code: number) => code === 39 || code === 0x2019 || code === 0x2bc;

/** Scratch buffers of alignAcronym, grown as needed: it runs for every candidate expansion of every parenthetical. */
let lowerCodes = new Int32Array(64);
let initialFlags = new Uint8Array(64);
let wordOf = new Int32Array(64);
let rows = new Int32Array(256);

/** The lower-case code of a letter or digit, or -1 when its lower case is not one code unit (it then matches no acronym letter). */
function lowerCodeOf(expansion: string, i: number, code: number): number {
  if (code < 128) return code >= 65 && code <= 90 ? code + 32 : code;
  const lower = expansion[i]!.toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : -1;
}

/**
 * Aligns the letters of `acronym` with `expansion`, the first letter on the
 * expansion's first letter and the others in order, preferring word initials.
 * Returns the best alignment, or undefined when the letters cannot be found in order.
 * Linear in letters × characters (both small: an expansion is a few words).
 */
export function alignAcronym(acronym: string, expansion: string): Alignment | undefined {
  const letters = acronymLetters(acronym);
  const n = letters.length;
  if (n === 0) return undefined;
  if (lowerCodes.length < expansion.length) {
    lowerCodes = new Int32Array(expansion.length * 2);
    initialFlags = new Uint8Array(expansion.length * 2);
    wordOf = new Int32Array(expansion.length * 2);
  }
  // Positions: the letters and digits of the expansion, lower-cased; words split at anything else but an inner apostrophe.
  let positions = 0;
  let words = 0;
  let isInWord = false;
  let previousIsLower = false;
  for (let i = 0; i < expansion.length; i++) {
    const code = expansion.charCodeAt(i);
    if (isAlnumCode(code)) {
      const isCamel = isInWord && previousIsLower && changesInLowerCode(code);
      if (!isInWord) words++;
      lowerCodes[positions] = lowerCodeOf(expansion, i, code);
      initialFlags[positions] = !isInWord || isCamel ? 1 : 0;
      wordOf[positions] = words - 1;
      positions++;
      isInWord = true;
      previousIsLower = changesInUpperCode(code);
    } else if (!(isApostropheCode(code) && isInWord && i + 1 < expansion.length && isAlnumCode(expansion.charCodeAt(i + 1)))) {
      isInWord = false;
    }
  }
  if (positions === 0 || lowerCodes[0] !== letters.charCodeAt(0)) return undefined;

  // Row i of `rows` (i ≥ 1) holds, per position p, the position of letter i - 1 when letter i is placed at p (-1: impossible);
  // `previous` and `current`: most initials with letter i placed at p (-1: impossible).
  const size = (n + 2) * positions;
  if (rows.length < size) rows = new Int32Array(size * 2);
  rows.fill(-1, 0, size);
  let previous = n * positions;
  let current = (n + 1) * positions;
  rows[previous] = 1;
  for (let i = 1; i < n; i++) {
    const letter = letters.charCodeAt(i);
    const back = i * positions;
    rows.fill(-1, current, current + positions);
    let bestScore = -1;
    let bestAt = -1;
    for (let p = 0; p < positions; p++) {
      if (bestScore >= 0 && lowerCodes[p] === letter) {
        rows[current + p] = bestScore + initialFlags[p]!;
        rows[back + p] = bestAt;
      }
      const score = rows[previous + p]!;
      if (score > bestScore) {
        bestScore = score;
        bestAt = p;
      }
    }
    const swap = previous;
    previous = current;
    current = swap;
  }
  let end = -1;
  for (let p = 0; p < positions; p++) {
    const score = rows[previous + p]!;
    if (score >= 0 && (end < 0 || score > rows[previous + end]!)) end = p;
  }
  if (end < 0) return undefined;
  const initials = rows[previous + end]!;
  const usedWords = new Uint8Array(words);
  for (let i = n - 1, p = end; i >= 0 && p >= 0; p = i > 0 ? rows[i * positions + p]! : -1, i--) usedWords[wordOf[p]!] = 1;
  let skippedWords = 0;
  if (usedWords.includes(0)) {
    const wordTexts = wordTextsOf(expansion);
    for (let w = 0; w < words; w++) if (usedWords[w] === 0 && !STOP_WORDS.has(wordTexts[w]!)) skippedWords++;
  }
  return { initials, letters: n, skippedWords, words };
}

/** The words alignAcronym sees, lower-cased letter by letter, inner apostrophes dropped. */
function wordTextsOf(expansion: string): string[] {
  const wordTexts: string[] = [];
  let isInWord = false;
  for (let i = 0; i < expansion.length; i++) {
    const c = expansion[i]!;
    const code = c.charCodeAt(0);
    if (isAlnumCode(code)) {
      if (!isInWord) wordTexts.push('');
      wordTexts[wordTexts.length - 1] += c.toLowerCase();
      isInWord = true;
    } else if (!(isApostropheCode(code) && isInWord && i + 1 < expansion.length && isAlnumCode(expansion.charCodeAt(i + 1)))) {
      isInWord = false;
    }
  }
  return wordTexts;
}

/**
 * True when `expansion` plausibly spells `acronym`: its letters in order, the
 * first on the first word, at least half of them (and at least two) on word
 * initials, and at most one content word (two from five letters) left over.
 */
export function isPlausibleExpansion(acronym: string, expansion: string): boolean {
  const alignment = alignAcronym(acronym, expansion);
  if (!alignment) return false;
  const { initials, letters, skippedWords } = alignment;
  return initials * 2 >= letters && initials >= Math.min(letters, 2) && skippedWords <= (letters >= 5 ? 2 : 1);
}

/**
 * Schwartz & Hearst's shortest long form: the start (within `long`) of the
 * shortest suffix of `long` that contains the acronym's letters in order, the
 * first one at the start of a word; -1 when there is none.
 */
export function matchLongForm(acronym: string, long: string): number {
  const letters = acronymLetters(acronym);
  let s = letters.length - 1;
  let l = long.length - 1;
  while (s >= 0) {
    const c = letters.charCodeAt(s);
    while (l >= 0 && (lowerCode(long, l) !== c || (s === 0 && l > 0 && isAlnum(long[l - 1]!)))) l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return l + 1;
}

/** The lower-case code of text[i] (ASCII folded without allocating). */
function lowerCode(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 65 && code <= 90) return code + 32;
  return code < 128 ? code : text[i]!.toLowerCase().charCodeAt(0);
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(?:ss|x|ch|sh)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** One comparison word of an expansion and where it starts in the text. */
export interface ExpansionWord {
  word: string;
  start: number;
  end: number;
}

/**
 * The words of text[from, to) for comparison: lower case, `&` as "and",
 * apostrophes dropped, quotes, punctuation and hyphens as spaces, singular.
 */
export function expansionWordSpans(text: string, from = 0, to = text.length): ExpansionWord[] {
  const words: ExpansionWord[] = [];
  let start = -1;
  let end = -1;
  let hasApostrophe = false;
  const push = () => {
    let raw = text.slice(start, end).toLowerCase();
    if (hasApostrophe) raw = raw.replace(/['’ʼ]/g, '');
    words.push({ word: singular(raw), start, end });
  };
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (isAlnumCode(code)) {
      if (start < 0) start = i;
      end = i + 1;
      continue;
    }
    if (isApostropheCode(code) && start >= 0) {
      hasApostrophe = true;
      continue;
    }
    if (start >= 0) push();
    start = -1;
    hasApostrophe = false;
    if (code === 38 /* & */) words.push({ word: 'and', start: i, end: i + 1 });
  }
  if (start >= 0) push();
  return words;
}

export function expansionWords(text: string): string[] {
  return expansionWordSpans(text).map((w) => w.word);
}

/** Normalised expansions by text: a document repeats its expansions, and the editor asks again on every keystroke. Bounded. */
const normalizedExpansions = new Map<string, string>();
const MAX_NORMALIZED_EXPANSIONS = 4096;

/** The comparison form of an expansion: its `expansionWords` joined by spaces. */
export function normalizeExpansion(text: string): string {
  let normalized = normalizedExpansions.get(text);
  if (normalized === undefined) {
    normalized = expansionWords(text).join(' ');
    if (normalizedExpansions.size >= MAX_NORMALIZED_EXPANSIONS) normalizedExpansions.clear();
    normalizedExpansions.set(detach(text), normalized);
  }
  return normalized;
}

/** True when two normalised expansions are equal, or `longer` is `shorter` with qualifying words in front ("University of California Institute on …" and "Institute on …"). */
export function isSameOrQualified(longer: string, shorter: string): boolean {
  return longer === shorter || (shorter.length > 0 && longer.endsWith(` ${shorter}`));
}

/** A phrase in the plural: its last word gets "s", "es" or "ies". */
export function pluralizePhrase(phrase: string): string {
  const match = /([A-Za-z]+)$/.exec(phrase);
  if (!match) return phrase;
  const word = match[1]!;
  const stem = phrase.slice(0, phrase.length - word.length);
  if (/[^aeiou]y$/i.test(word)) return `${stem}${word.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(word)) return `${stem}${word}es`;
  return `${stem}${word}s`;
}

/** A phrase in the singular: its last word loses "s", "es" or "ies". */
export function singularizePhrase(phrase: string): string {
  const match = /([A-Za-z]+)$/.exec(phrase);
  if (!match) return phrase;
  const word = match[1]!;
  const stem = phrase.slice(0, phrase.length - word.length);
  if (word.length > 4 && /ies$/i.test(word)) return `${stem}${word.slice(0, -3)}y`;
  if (/(?:ss|x|ch|sh)es$/i.test(word)) return `${stem}${word.slice(0, -2)}`;
  if (word.length > 3 && /[^s]s$/i.test(word)) return `${stem}${word.slice(0, -1)}`;
  return phrase;
}
