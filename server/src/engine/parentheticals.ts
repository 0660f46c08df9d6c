/**
 * Finds the parentheticals that carry a Chinese term or an English gloss:
 * "modern industrial base (现代产业体系)", "(NSWN, 新型举国体制)",
 * "(New R&D Institutes,新型研发机构)", "现代产业体系（modern industrial base）".
 * Shared by the mismatch and unknown-term checks, and by `extract`.
 */
import type { CheckContext } from './check';
import type { BriefDocument, ProseRun } from './document/model';
import type { TermMatch } from './match/matcher';
import { isHanziCode } from './match/tokens';
import { partitionPoint } from './partitionPoint';

export interface ParentheticalPart {
  start: number;
  end: number;
  text: string;
  hasHanzi: boolean;
  /** The term match that covers exactly this part, if any. */
  match?: TermMatch;
}

export interface Parenthetical {
  /** Offsets of "(" and just after ")". */
  open: number;
  close: number;
  run: number;
  parts: ParentheticalPart[];
  /** The term that ends right before "(" (only spaces or quotes between), if any. */
  before?: TermMatch;
  isInNotes: boolean;
}

const MAX_PARENTHETICAL = 240;

export function containsHanzi(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (isHanziCode(code)) return true;
    if (code > 0xffff) i++;
  }
  return false;
}

/** Joined texts of multi-segment runs (a one-segment run's text is a slice, cheaper to take again than to look up). */
const runTexts = new WeakMap<ProseRun, { text: string; offsets: number[] }>();

/** Text of a run with its segments joined (markup between them dropped), and a map back to source offsets (empty for one segment). */
export function runText(doc: BriefDocument, run: ProseRun): { text: string; offsets: number[] } {
  if (run.segments.length === 1) return { text: doc.text.slice(run.start, run.end), offsets: [] };
  const cached = runTexts.get(run);
  if (cached) return cached;
  let text = '';
  const offsets: number[] = [];
  for (const segment of run.segments) {
    for (let i = segment.start; i < segment.end; i++) offsets.push(i);
    text += doc.text.slice(segment.start, segment.end);
  }
  const result = { text, offsets };
  runTexts.set(run, result);
  return result;
}

/** Position in a run's joined text of a source offset (binary search over multi-segment runs). */
export function localOffset(run: ProseRun, offsets: number[], source: number): number {
  if (offsets.length === 0) return source - run.start;
  return partitionPoint(offsets.length - 1, (i) => offsets[i]! < source);
}

/** Offsets of every "(" and "（" in `text`, ascending: found by the engine's native search, not a loop per character. */
function openingOffsets(text: string): number[] | Float64Array {
  const offsets: number[] = [];
  for (let i = text.indexOf('('); i >= 0; i = text.indexOf('(', i + 1)) offsets.push(i);
  const ascii = offsets.length;
  for (let i = text.indexOf('（'); i >= 0; i = text.indexOf('（', i + 1)) offsets.push(i);
  // Both kinds: a typed array sorts numbers natively, without a comparator call per comparison.
  return offsets.length > ascii && ascii > 0 ? Float64Array.from(offsets).sort() : offsets;
}

/** Index of the first value >= `target` in the ascending `values`. */
function lowerBound(values: ArrayLike<number>, target: number): number {
  return partitionPoint(values.length, (i) => values[i]! < target);
}

const isOpenCode = (code: number) => code === 40 /* ( */ || code === 0xff08; /* （ */
const isCloseCode = (code: number) => code === 41 /* ) */ || code === 0xff09; /* ） */
/** , ， ; ； 、 */
const isPartSeparatorCode = (code: number) => code === 44 || code === 0xff0c || code === 59 || code === 0xff1b || code === 0x3001;
const EDGE_QUOTES = /^["“”'‘’]+|["“”'‘’]+$/g;

/**
 * Every parenthetical of the document's prose, in document order, with the term
 * matches (`matches`, in document order) that cover a part exactly or end right
 * before "(". Cost: one native search for "(" over the text, then work only in
 * the runs that hold one.
 */
export function findParentheticals(doc: BriefDocument, matches: readonly TermMatch[]): Parenthetical[] {
  const result: Parenthetical[] = [];
  const opens = openingOffsets(doc.text);
  if (opens.length === 0) return result;
  const matchesOfRun = matchesByRun(matches);
  const { runs } = doc;
  for (let runIndex = 0; runIndex < runs.length; runIndex++) {
    const run = runs[runIndex]!;
    // Segments lie within [run.start, run.end): no "(" there, no parenthetical.
    const firstOpen = lowerBound(opens, run.start);
    if (firstOpen >= opens.length || opens[firstOpen]! >= run.end) continue;
    const { text, offsets } = runText(doc, run);
    const toSource = (i: number) => (offsets.length > 0 ? (i < offsets.length ? offsets[i]! : run.end) : run.start + i);
    const runMatches = matchesOfRun(runIndex);
    const matchStartingAt = matchLookup(runMatches);
    let matchCursor = 0;
    const length = text.length;
    // `next`: the first local offset not yet read (a parenthetical read consumes its characters).
    let next = 0;
    for (let o = firstOpen; o < opens.length && opens[o]! < run.end; o++) {
      const i = offsets.length > 0 ? localOffset(run, offsets, opens[o]!) : opens[o]! - run.start;
      // In a multi-segment run, a "(" of the markup between segments is not in the text.
      if (i < next || i >= length || !isOpenCode(text.charCodeAt(i))) continue;
      next = i + 1;
      let j = i + 1;
      while (j < length && j - i <= MAX_PARENTHETICAL) {
        const code = text.charCodeAt(j);
        if (isCloseCode(code) || isOpenCode(code)) break;
        j++;
      }
      if (j >= length || !isCloseCode(text.charCodeAt(j))) continue;
      const parts: ParentheticalPart[] = [];
      let partStart = i + 1;
      for (let k = i + 1; k <= j; k++) {
        if (k < j && !isPartSeparatorCode(text.charCodeAt(k))) continue;
        const raw = text.slice(partStart, k);
        const rawTrimmed = raw.trim();
        const trimmed = rawTrimmed.replace(EDGE_QUOTES, '');
        if (trimmed.length > 0) {
          const localStart = partStart + (raw.length - raw.trimStart().length) + rawTrimmed.indexOf(trimmed);
          const start = toSource(localStart);
          const end = toSource(localStart + trimmed.length - 1) + 1;
          const candidate = matchStartingAt(start);
          const match = candidate && candidate.end === end ? candidate : undefined;
          parts.push({ start, end, text: trimmed, hasHanzi: containsHanzi(trimmed), match });
        }
        partStart = k + 1;
      }
      const open = toSource(i);
      while (matchCursor < runMatches.length && runMatches[matchCursor]!.end <= open) matchCursor++;
      const before = findTermBefore(doc.text, runMatches[matchCursor - 1], open);
      result.push({ open, close: toSource(j) + 1, run: runIndex, parts, before, isInNotes: run.isInNotes });
      next = j + 1;
    }
  }
  return result;
}

/** The matches of a run, in their order in `matches`: slices when `matches` come run by run (as scanTerms gives them), else grouped once. */
function matchesByRun(matches: readonly TermMatch[]): (run: number) => readonly TermMatch[] {
  let isByRun = true;
  for (let k = 1; k < matches.length && isByRun; k++) isByRun = matches[k]!.run >= matches[k - 1]!.run;
  if (!isByRun) {
    const byRun = new Map<number, TermMatch[]>();
    for (const match of matches) {
      let list = byRun.get(match.run);
      if (!list) byRun.set(match.run, (list = []));
      list.push(match);
    }
    return (run) => byRun.get(run) ?? [];
  }
  return (run) => {
    const from = lowerBoundBy(matches, run, (m) => m.run);
    const to = lowerBoundBy(matches, run + 1, (m) => m.run);
    return from === to ? [] : matches.slice(from, to);
  };
}

/** Index of the first item whose key is >= `target` in `items` sorted by key. */
function lowerBoundBy<T>(items: readonly T[], target: number, keyOf: (item: T) => number): number {
  return partitionPoint(items.length, (i) => keyOf(items[i]!) < target);
}

/**
 * The match of a run that starts at a given offset. The offsets asked for only
 * grow, so with matches in order of start a cursor finds them; otherwise a map
 * (the last match wins, as a map built from the list would have it).
 */
function matchLookup(runMatches: readonly TermMatch[]): (start: number) => TermMatch | undefined {
  let isInOrder = true;
  for (let k = 1; k < runMatches.length && isInOrder; k++) isInOrder = runMatches[k]!.start > runMatches[k - 1]!.start;
  if (!isInOrder) {
    const byStart = new Map(runMatches.map((m) => [m.start, m]));
    return (start) => byStart.get(start);
  }
  let cursor = 0;
  return (start) => {
    while (cursor < runMatches.length && runMatches[cursor]!.start < start) cursor++;
    const match = runMatches[cursor];
    return match !== undefined && match.start === start ? match : undefined;
  };
}

/** The parentheticals of the checked document with its term matches, computed once per analysis and shared by the term and acronym checks. */
export function parentheticalsOf(ctx: CheckContext): Parenthetical[] {
  return ctx.shared('parentheticals', () => findParentheticals(ctx.doc, ctx.terms.matches));
}

/** The match ending last before "(" (the caller finds it), if only spaces, quotes or emphasis lie between. */
function findTermBefore(text: string, last: TermMatch | undefined, open: number): TermMatch | undefined {
  if (!last || open - last.end > 8) return undefined;
  return /^[\s"“”'‘’*_]*$/.test(text.slice(last.end, open)) ? last : undefined;
}

const STOP_WORDS = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'these', 'those', 'of', 'and', 'or', 'to', 'for', 'in', 'on', 'by', 'with', 'as', 'so-called', 'called', 'known']);
const MAX_PHRASE_WORDS = 6;
const LOOKBACK = 400;
const BREAK_WORDS = new Set(['the', 'a', 'an', 'its', 'their', 'this', 'these', 'those', 'for', 'of', 'to', 'in', 'on', 'by', 'with', 'as', 'from', 'at', 'around', 'against', 'between', 'into', 'called', 'known', 'so-called']);

/**
 * The English phrase a writer glosses with a parenthetical: the quoted phrase
 * right before it, else a run of capitalised words ("Central Special
 * Commission"), else up to six words back to the nearest punctuation, without
 * leading function words.
 */
export function phraseBefore(doc: BriefDocument, p: Parenthetical): string | undefined {
  const englishPart = p.parts.find((part) => !part.hasHanzi && /[a-z]/i.test(part.text) && /\s|[a-z]{2}/.test(part.text) && !/^[A-Z0-9&.]+s?$/.test(part.text));
  if (englishPart) return englishPart.text;
  const run = doc.runs[p.run]!;
  const { text, offsets } = runText(doc, run);
  const local = localOffset(run, offsets, p.open);
  if (local <= 0) return undefined;
  // A gloss is short: look back a bounded distance, so long lines with many parentheticals stay linear.
  let before = text.slice(Math.max(0, local - LOOKBACK), local).trimEnd();
  // A quoted phrase ends in a closing quote: without one, no need to try the pattern at every offset.
  const last = before.charCodeAt(before.length - 1);
  const quoted = last === 34 /* " */ || last === 0x201d /* ” */ ? QUOTED_AT_END.exec(before) : null;
  if (quoted) return quoted[1]!.trim();
  const openQuote = openingQuoteIndex(before);
  const cut = Math.max(openQuote, ...[',', ';', ':', '.', '!', '?', '(', ')', '—', '–'].map((c) => before.lastIndexOf(c)));
  before = before.slice(cut + 1);
  const words = before.split(/\s+/).filter((w) => w.length > 0 && !/^\d/.test(w));
  const capitalised: string[] = [];
  for (let k = words.length - 1; k >= 0; k--) {
    const word = words[k]!;
    if (/^\p{Lu}/u.test(word)) capitalised.unshift(word);
    else if (capitalised.length > 0 && ['of', 'and', 'for', 'on', 'the'].includes(word) && k > 0 && /^\p{Lu}/u.test(words[k - 1]!)) capitalised.unshift(word);
    else break;
  }
  if (capitalised.length >= 2) return capitalised.join(' ');
  let phrase = words.slice(-MAX_PHRASE_WORDS);
  // Unquoted and lower-case: the gloss starts after the last preposition or determiner
  // ("the search for new quality productive forces" → "new quality productive forces").
  if (openQuote < 0 || cut > openQuote) {
    const lastBreak = phrase.slice(0, -1).map((w) => w.toLowerCase()).findLastIndex((w) => BREAK_WORDS.has(w));
    if (lastBreak >= 0) phrase = phrase.slice(lastBreak + 1);
  }
  while (phrase.length > 1 && STOP_WORDS.has(phrase[0]!.toLowerCase())) phrase = phrase.slice(1);
  if (phrase.length > 1 && /['’]s$/.test(phrase[0]!)) phrase = phrase.slice(1);
  const cleaned = phrase.join(' ').replace(/^["“'‘]+|["”'’]+$/g, '');
  return cleaned.length > 0 ? cleaned : undefined;
}

const QUOTED_AT_END = /["“]([^"“”]{2,80})["”]$/;

/** Index of a quotation mark that is still open at the end of `text`, or -1. */
function openingQuoteIndex(text: string): number {
  const lastCurlyOpen = text.lastIndexOf('“');
  if (lastCurlyOpen > text.lastIndexOf('”')) return lastCurlyOpen;
  let count = 0;
  let last = -1;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    count++;
    last = i;
  }
  return count % 2 === 1 ? last : -1;
}
