/**
 * term/near-miss: a token that looks like a misspelling of a known acronym, or a
 * phrase one letter away from a known multi-word term.
 *
 * Acronyms (all capitals, 3 to 8 letters): flagged when two neighbouring letters
 * of a known acronym are swapped ("SIT" for STI), when, from 4 letters, its
 * letters appear in another order after the same first letter ("NWNS" for NSWN),
 * or one letter is added, dropped or changed ("CCFAE", "CCFA").
 * Not flagged: a known acronym, one on the allow list, one the document defines
 * itself ("… (WTO)"), and words in all-capitals text (a heading or byline such
 * as "CHINA AND ITS INNOVATION SYSTEM").
 * Terms: a run of words of at least 14 characters one edit from a termbase form
 * ("modernised industrial base" for "modernized industrial base").
 */
import type { Check, CheckContext, Report } from '../check';
import type { Token } from '../match/tokens';
import type { CompiledTermbase } from '../match/matcher';
import { DEFAULT_ACRONYM_ALLOW_LIST } from '../options';
import { adaptReplacement } from './termText';
import { partitionPoint } from '../partitionPoint';

const ACRONYM_TOKEN = /^([A-Z][A-Z0-9]{2,7})(s?)$/;
const MIN_TERM_LENGTH = 14;

/** Optimal string alignment distance, stopping early above 1. */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let first = -1;
    let differences = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (differences === 0) first = i;
        differences++;
      }
    }
    if (differences === 1) return true;
    return differences === 2 && a[first] === b[first + 1] && a[first + 1] === b[first] && first + 1 < a.length && a.slice(first + 2) === b.slice(first + 2);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
}

/** A word in shouting text ("CHINA AND ITS INNOVATION SYSTEM", a byline): a neighbour is an all-capitals word too. */
function isInCapitalsText(text: string, tokens: Token[], t: number, known: ReadonlyMap<string, number>): boolean {
  for (const n of [t - 1, t + 1]) {
    const neighbour = tokens[n];
    if (!neighbour || neighbour.isHanzi) continue;
    const raw = text.slice(neighbour.start, neighbour.end);
    if (/^[A-Z][A-Z'-]+$/.test(raw) && !known.has(raw)) return true;
  }
  return false;
}

/** Acronyms the document defines itself: "(WTO)" or "(NSWN, 新型举国体制)". */
function acronymsDefinedInText(ctx: CheckContext): Set<string> {
  return ctx.shared('near-miss:defined', () => {
    const defined = new Set<string>();
    const pattern = /[(（]\s*([A-Z][A-Za-z0-9&.]{1,9})\s*[,，;)）]/g;
    for (let m = pattern.exec(ctx.doc.text); m; m = pattern.exec(ctx.doc.text)) defined.add(m[1]!);
    return defined;
  });
}

export const termNearMiss: Check = {
  id: 'term/near-miss',
  description: 'A likely misspelling of a known acronym or term.',
  defaultSeverity: 'warning',
  run(ctx) {
    return [...acronymNearMisses(ctx), ...findTermNearMisses(ctx)];
  },
};

/** 1 for each token of the run inside a term match (spelled right by definition). Allocation-free to test. */
function matchedTokenFlags(ctx: CheckContext, runIndex: number): Uint8Array {
  const { tokensByRun, matches } = ctx.terms;
  const flags = new Uint8Array(tokensByRun[runIndex]!.length);
  // Matches are in run order.
  for (let m = partitionPoint(matches.length, (i) => matches[i]!.run < runIndex); m < matches.length && matches[m]!.run === runIndex; m++) {
    flags.fill(1, matches[m]!.firstToken, matches[m]!.lastToken + 1);
  }
  return flags;
}

/**
 * The acronym misspellings of the document, computed once: term/near-miss reports them, and
 * acronym/undefined leaves them alone ("NWNS" is a misspelling, not an undefined acronym).
 */
export function acronymNearMisses(ctx: CheckContext): Report[] {
  return ctx.shared('near-miss:acronym-reports', () => findAcronymNearMisses(ctx));
}

/** Data derived from the termbase alone is computed once per compiled termbase, not per analysis. */
function perTermbase<T>(cache: WeakMap<CompiledTermbase, T>, ctx: CheckContext, compute: () => T): T {
  let value = cache.get(ctx.termbase);
  if (value === undefined) {
    value = compute();
    cache.set(ctx.termbase, value);
  }
  return value;
}

interface KnownAcronyms {
  /** Sorted letters → acronyms (the anagram test). */
  byLetters: Map<string, string[]>;
  /** Each acronym and each of its one-letter deletions → acronyms: candidates one edit away share a key. */
  byDeletion: Map<string, string[]>;
}

const knownAcronymCache = new WeakMap<CompiledTermbase, KnownAcronyms>();
const termIndexCache = new WeakMap<CompiledTermbase, TermIndex>();

function addTo(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function deletions(word: string): string[] {
  const result = [word];
  for (let i = 0; i < word.length; i++) result.push(word.slice(0, i) + word.slice(i + 1));
  return result;
}

function knownAcronyms(ctx: CheckContext): KnownAcronyms {
  return perTermbase(knownAcronymCache, ctx, () => {
    const byLetters = new Map<string, string[]>();
    const byDeletion = new Map<string, string[]>();
    for (const acronym of ctx.termbase.acronyms.keys()) {
      if (!/^[A-Z][A-Z0-9]{2,7}$/.test(acronym)) continue;
      addTo(byLetters, [...acronym].sort().join(''), acronym);
      for (const key of deletions(acronym)) addTo(byDeletion, key, acronym);
    }
    return { byLetters, byDeletion };
  });
}

/**
 * The known acronym `word` most likely misspells, if any: looked up by its sorted letters and by
 * its one-letter deletions, so the cost does not grow with the number of acronyms.
 */
export function nearMissAcronym(word: string, known: KnownAcronyms): string | undefined {
  for (const acronym of known.byLetters.get([...word].sort().join('')) ?? []) {
    if (acronym === word || acronym[0] !== word[0]) continue;
    // Same letters, same first letter: any order from 4 letters ("NWNS"), only a neighbour swap below ("SIT").
    if (word.length >= 4 || isWithinOneEdit(word, acronym)) return acronym;
  }
  if (word.length < 4) return undefined;
  for (const key of deletions(word)) {
    for (const acronym of known.byDeletion.get(key) ?? []) {
      if (acronym.length >= 4 && isWithinOneEdit(word, acronym)) return acronym;
    }
  }
  return undefined;
}

function isCapital(code: number): boolean {
  return code >= 65 && code <= 90;
}

/** A token of one run shaped like an acronym and one slip from a known one. */
interface AcronymSlip {
  token: number;
  word: string;
  target: string;
  isPlural: boolean;
}

/** The acronym slips of one run, by token index: the part of the search that reads only the run and the termbase. */
function acronymSlipsInRun(ctx: CheckContext, runIndex: number, known: KnownAcronyms): AcronymSlip[] {
  const { text } = ctx.doc;
  const tokens = ctx.terms.tokensByRun[runIndex]!;
  let matched: Uint8Array | undefined;
  const slips: AcronymSlip[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const length = token.end - token.start;
    // Cheap shape test before any slicing: two capitals, 3 to 9 characters.
    if (token.isHanzi || length < 3 || length > 9 || !isCapital(text.charCodeAt(token.start)) || !isCapital(text.charCodeAt(token.start + 1))) continue;
    if ((matched ??= matchedTokenFlags(ctx, runIndex))[t]) continue;
    const parts = ACRONYM_TOKEN.exec(text.slice(token.start, token.end));
    if (!parts) continue;
    const word = parts[1]!;
    if (ctx.termbase.acronyms.has(word)) continue;
    const target = nearMissAcronym(word, known);
    if (target) slips.push({ token: t, word, target, isPlural: parts[2] === 's' });
  }
  return slips;
}

function findAcronymNearMisses(ctx: CheckContext): Report[] {
  const known = knownAcronyms(ctx);
  if (known.byLetters.size === 0) return [];
  const reports: Report[] = [];
  const { text } = ctx.doc;
  const allow = new Set(ctx.options.acronymAllowList ?? DEFAULT_ACRONYM_ALLOW_LIST);
  let defined: Set<string> | undefined;
  ctx.terms.tokensByRun.forEach((tokens, runIndex) => {
    for (const { token: t, word, target, isPlural } of ctx.perRun('near-miss:acronyms', runIndex, () => acronymSlipsInRun(ctx, runIndex, known))) {
      if (allow.has(word)) continue;
      defined ??= acronymsDefinedInText(ctx);
      if (defined.has(word) || isInCapitalsText(text, tokens, t, ctx.termbase.acronyms)) continue;
      const token = tokens[t]!;
      const concept = ctx.termbase.concepts[ctx.termbase.acronyms.get(target)!]!;
      const end = token.start + word.length;
      reports.push({
        message: `"${word}" looks like a misspelling of "${target}" (${concept.preferred})`,
        start: token.start,
        end,
        fixes: [{ title: `Replace with "${target}"`, edits: [{ start: token.start, end, newText: target }], isPreferred: true }],
        data: { concept: concept.id, expected: target, plural: isPlural },
      });
    }
  });
  return reports;
}

interface FormEntry {
  keys: string[];
  text: string;
  concept: number;
}

/** Where a form is listed: under the words that must then be spelled right. */
type Listing = Map<string, Map<string, FormEntry[]>>;

/**
 * Forms of two or more words, indexed so that a position in the text is tested
 * only against forms it can be one word away from, however large the termbase.
 * With one word wrong, the others are right: a form whose wrong word is the
 * third or later is listed under its first and second words; one whose second
 * word is wrong, under its first and third (END for a two-word form); one whose
 * first word is wrong, under its second and third.
 */
interface TermIndex {
  laterWordOff: Listing;
  secondWordOff: Listing;
  firstWordOff: Listing;
  size: number;
}

const END = '';

function listIn(listing: Listing, first: string, second: string, entry: FormEntry): void {
  let inner = listing.get(first);
  if (!inner) listing.set(first, (inner = new Map()));
  const list = inner.get(second);
  if (list) list.push(entry);
  else inner.set(second, [entry]);
}

function termIndex(ctx: CheckContext): TermIndex {
  return perTermbase(termIndexCache, ctx, () => {
    const index: TermIndex = { laterWordOff: new Map(), secondWordOff: new Map(), firstWordOff: new Map(), size: 0 };
    // Words recur across forms: one copy of each (megabytes with 10,000 concepts).
    const words = new Map<string, string>();
    const intern = (word: string) => words.get(word) ?? (words.set(word, word), word);
    ctx.termbase.concepts.forEach((concept, conceptIndex) => {
      for (const text of [concept.preferred, ...concept.admitted]) {
        const keys = text.toLowerCase().split(/[\s\-\u2010\u2011]+/).filter(Boolean).map(intern);
        if (keys.length < 2 || keys.join(' ').length < MIN_TERM_LENGTH || keys.some((k) => !/^[\p{L}\p{N}&]+$/u.test(k))) continue;
        const entry = { keys, text, concept: conceptIndex };
        const third = keys[2] ?? END;
        if (keys.length > 2) listIn(index.laterWordOff, keys[0]!, keys[1]!, entry);
        listIn(index.secondWordOff, keys[0]!, third, entry);
        listIn(index.firstWordOff, keys[1]!, third, entry);
        index.size++;
      }
    });
    return index;
  });
}

/** Index of the one word of `tokens[i…]` that differs from the form by one edit, or -1. */
function oneWordOff(entry: FormEntry, tokens: Token[], i: number, matched: Uint8Array): number {
  const n = entry.keys.length;
  if (i + n > tokens.length) return -1;
  let bad = -1;
  for (let k = 0; k < n; k++) {
    const token = tokens[i + k]!;
    if (matched[i + k] || token.isHanzi || (k > 0 && token.gap !== '')) return -1;
    if (token.key === entry.keys[k]) continue;
    if (bad >= 0) return -1;
    bad = k;
  }
  if (bad < 0) return -1;
  const expected = entry.keys[bad]!;
  return expected.length >= 4 && isWithinOneEdit(tokens[i + bad]!.key, expected) ? bad : -1;
}

function firstOneWordOff(list: FormEntry[] | undefined, tokens: Token[], i: number, matched: Uint8Array): FormEntry | undefined {
  if (!list) return undefined;
  for (const entry of list) if (oneWordOff(entry, tokens, i, matched) >= 0) return entry;
  return undefined;
}

/** The form that `tokens[i…]` misspells by one word, if any. */
function nearMissForm(index: TermIndex, tokens: Token[], i: number, matched: Uint8Array): FormEntry | undefined {
  const first = tokens[i]!.key;
  const second = tokens[i + 1]?.key;
  if (second === undefined) return undefined;
  const third = tokens[i + 2]?.key;
  const byFirst = index.laterWordOff.get(first);
  const bySecondOff = index.secondWordOff.get(first);
  const byFirstOff = index.firstWordOff.get(second);
  return (
    firstOneWordOff(byFirst?.get(second), tokens, i, matched) ??
    (third === undefined ? undefined : firstOneWordOff(bySecondOff?.get(third), tokens, i, matched)) ??
    firstOneWordOff(bySecondOff?.get(END), tokens, i, matched) ??
    (third === undefined ? undefined : firstOneWordOff(byFirstOff?.get(third), tokens, i, matched)) ??
    firstOneWordOff(byFirstOff?.get(END), tokens, i, matched)
  );
}

/** The misspelt forms of one run, by token index: the part of the search that reads only the run and the termbase. */
function termSlipsInRun(ctx: CheckContext, runIndex: number, index: TermIndex): { token: number; entry: FormEntry }[] {
  const tokens = ctx.terms.tokensByRun[runIndex]!;
  let matched: Uint8Array | undefined;
  const slips: { token: number; entry: FormEntry }[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i]!.isHanzi) continue;
    // A slip found marks its tokens, so that the search goes on after it.
    matched ??= matchedTokenFlags(ctx, runIndex);
    if (matched[i]) continue;
    const found = nearMissForm(index, tokens, i, matched);
    if (!found) continue;
    slips.push({ token: i, entry: found });
    matched.fill(1, i, i + found.keys.length);
    i += found.keys.length - 1;
  }
  return slips;
}

function findTermNearMisses(ctx: CheckContext): Report[] {
  const index = termIndex(ctx);
  if (index.size === 0) return [];
  const reports: Report[] = [];
  ctx.terms.tokensByRun.forEach((tokens: Token[], runIndex) => {
    const run = ctx.doc.runs[runIndex]!;
    if (run.isInNotes) return;
    for (const { token: i, entry: found } of ctx.perRun('near-miss:terms', runIndex, () => termSlipsInRun(ctx, runIndex, index))) {
      const n = found.keys.length;
      const start = tokens[i]!.start;
      const end = tokens[i + n - 1]!.end;
      const written = ctx.doc.text.slice(start, end);
      const concept = ctx.termbase.concepts[found.concept]!;
      const replacement = adaptReplacement(written, found.text, '', concept.caseSensitive);
      const isContiguous = run.segments.some((s) => s.start <= start && end <= s.end);
      reports.push({
        message: `"${written}" looks like a misspelling of "${found.text}"`,
        start,
        end,
        fixes: isContiguous ? [{ title: `Replace with "${replacement}"`, edits: [{ start, end, newText: replacement }], isPreferred: true }] : undefined,
        data: { concept: concept.id, expected: found.text },
      });
    }
  });
  return reports;
}
