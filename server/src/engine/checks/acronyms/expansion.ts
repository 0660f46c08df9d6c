/**
 * Expansions: does a phrase plausibly spell an acronym, and are two expansions
 * the same once case, hyphens, spaces, quotes, punctuation and plurals are set aside?
 */
import { acronymLetters } from './shape';

/** Function words an expansion may contain without giving the acronym a letter. */
const STOP_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'for', 'on', 'in', 'to', 'at', 'by', 'with', 'from', 'de', 'du', 'des', 'la', 'le',
  'und', 'für', 'der', 'die', 'das', 'y', 'del', 'e', 'et',
]);

const APOSTROPHES = new Set(["'", '’', 'ʼ']);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A letter or digit (one UTF-16 code unit; ASCII without a regular expression). */
export function isAlnum(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_DIGIT.test(c);
}

export interface Alignment {
  /** Acronym letters that fall on the first letter of a word (or a capital inside one: "BeiDou"). */
  initials: number;
  letters: number;
  /** Words that are not function words and give the acronym no letter ("system" in "… whole-of-nation system (NSWN)"). */
  skippedWords: number;
  words: number;
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
  const chars: string[] = [];
  const isInitial: boolean[] = [];
  const wordOf: number[] = [];
  const wordTexts: string[] = [];
  let isInWord = false;
  let previousIsLower = false;
  for (let i = 0; i < expansion.length; i++) {
    const c = expansion[i]!;
    if (isAlnum(c)) {
      const isCamel = isInWord && previousIsLower && c !== c.toLowerCase();
      if (!isInWord) wordTexts.push('');
      wordTexts[wordTexts.length - 1] += c.toLowerCase();
      chars.push(c.toLowerCase());
      isInitial.push(!isInWord || isCamel);
      wordOf.push(wordTexts.length - 1);
      isInWord = true;
      previousIsLower = c !== c.toUpperCase();
    } else if (!(APOSTROPHES.has(c) && isInWord && i + 1 < expansion.length && isAlnum(expansion[i + 1]!))) {
      isInWord = false;
    }
  }
  const positions = chars.length;
  if (positions === 0 || chars[0] !== letters[0]) return undefined;

  // best[i][p]: most initials with letter i placed at position p (-1: impossible).
  let previous = new Int32Array(positions).fill(-1);
  previous[0] = 1;
  const from: Int32Array[] = [new Int32Array(positions).fill(-1)];
  for (let i = 1; i < n; i++) {
    const current = new Int32Array(positions).fill(-1);
    const back = new Int32Array(positions).fill(-1);
    let bestScore = -1;
    let bestAt = -1;
    for (let p = 0; p < positions; p++) {
      if (bestScore >= 0 && chars[p] === letters[i]) {
        current[p] = bestScore + (isInitial[p] ? 1 : 0);
        back[p] = bestAt;
      }
      if (previous[p]! > bestScore) {
        bestScore = previous[p]!;
        bestAt = p;
      }
    }
    from.push(back);
    previous = current;
  }
  let end = -1;
  for (let p = 0; p < positions; p++) if (previous[p]! >= 0 && (end < 0 || previous[p]! > previous[end]!)) end = p;
  if (end < 0) return undefined;
  const usedWords = new Set<number>();
  for (let i = n - 1, p = end; i >= 0 && p >= 0; p = from[i]![p]!, i--) usedWords.add(wordOf[p]!);
  let skippedWords = 0;
  wordTexts.forEach((word, w) => {
    if (!usedWords.has(w) && !STOP_WORDS.has(word)) skippedWords++;
  });
  return { initials: previous[end]!, letters: n, skippedWords, words: wordTexts.length };
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
    const c = text[i]!;
    if (isAlnum(c)) {
      if (start < 0) start = i;
      end = i + 1;
      continue;
    }
    if (APOSTROPHES.has(c) && start >= 0) {
      hasApostrophe = true;
      continue;
    }
    if (start >= 0) push();
    start = -1;
    hasApostrophe = false;
    if (c === '&') words.push({ word: 'and', start: i, end: i + 1 });
  }
  if (start >= 0) push();
  return words;
}

export function expansionWords(text: string): string[] {
  return expansionWordSpans(text).map((w) => w.word);
}

export function normalizeExpansion(text: string): string {
  return expansionWords(text).join(' ');
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
