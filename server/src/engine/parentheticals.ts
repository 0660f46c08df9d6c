/**
 * Finds the parentheticals that carry a Chinese term or an English gloss:
 * "modern industrial base (现代产业体系)", "(NSWN, 新型举国体制)",
 * "(New R&D Institutes,新型研发机构)", "现代产业体系（modern industrial base）".
 * Shared by the mismatch and unknown-term checks, and by `extract`.
 */
import { detach } from './detach';
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

/**
 * Joined texts of multi-segment runs (a one-segment run's text is a slice, cheaper to take again than to look up),
 * with the run's start when cached: the incremental analyser moves a run in place when text before it changes length.
 */
const runTexts = new WeakMap<ProseRun, { text: string; offsets: number[]; start: number }>();

/** Text of a run with its segments joined (markup between them dropped), and a map back to source offsets (empty for one segment). */
export function runText(doc: BriefDocument, run: ProseRun): { text: string; offsets: number[] } {
  // Detached: what is cut from it is kept across edits (per run), and must not keep the document alive.
  if (run.segments.length === 1) return { text: detach(doc.text.slice(run.start, run.end)), offsets: [] };
  const cached = runTexts.get(run);
  if (cached && cached.start === run.start) return cached;
  let text = '';
  const offsets: number[] = [];
  for (const segment of run.segments) {
    for (let i = segment.start; i < segment.end; i++) offsets.push(i);
    text += doc.text.slice(segment.start, segment.end);
  }
  const result = { text: detach(text), offsets, start: run.start };
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

/** Indices of the runs whose source span holds a "(" or "（", ascending: one native search over the text, then one walk. */
function runsWithOpening(doc: BriefDocument): number[] {
  const opens = openingOffsets(doc.text);
  const result: number[] = [];
  if (opens.length === 0) return result;
  const { runs } = doc;
  let o = 0;
  for (let runIndex = 0; runIndex < runs.length && o < opens.length; runIndex++) {
    const run = runs[runIndex]!;
    while (o < opens.length && opens[o]! < run.start) o++;
    if (o < opens.length && opens[o]! < run.end) result.push(runIndex);
  }
  return result;
}

const isOpenCode = (code: number) => code === 40 /* ( */ || code === 0xff08; /* （ */
const isCloseCode = (code: number) => code === 41 /* ) */ || code === 0xff09; /* ） */
/** , ， ; ； 、 */
const isPartSeparatorCode = (code: number) => code === 44 || code === 0xff0c || code === 59 || code === 0xff1b || code === 0x3001;
const EDGE_QUOTES = /^["“”'‘’]+|["“”'‘’]+$/g;

/**
 * The parentheticals of one run, in order, appended to `into`, with the run's
 * term matches (`matches[from, to)`, in order of start) that cover a part
 * exactly or end right before "(". Reads only the run's span of the text.
 * `matchIndices`, when given, receives per parenthetical the index (from
 * `from`; -1: none) of its `before`, then of each part's match.
 */
function findRunParentheticals(
  doc: BriefDocument,
  run: ProseRun,
  runIndex: number,
  matches: readonly TermMatch[],
  from: number,
  to: number,
  into: Parenthetical[],
  matchIndices?: number[],
): void {
  const { text, offsets } = runText(doc, run);
  const toSource = (i: number) => (offsets.length > 0 ? (i < offsets.length ? offsets[i]! : run.end) : run.start + i);
  const matchStartingAt = matchLookup(matches, from, to);
  let matchCursor = from;
  const length = text.length;
  // The next "(" and "（" at or after a local offset: native searches, each moved on only when passed.
  let ascii = text.indexOf('(');
  let wide = text.indexOf('（');
  const nextOpen = (at: number): number => {
    if (ascii >= 0 && ascii < at) ascii = text.indexOf('(', at);
    if (wide >= 0 && wide < at) wide = text.indexOf('（', at);
    return ascii < 0 ? wide : wide < 0 ? ascii : Math.min(ascii, wide);
  };
  // A parenthetical read consumes its characters: the search goes on after it.
  for (let i = nextOpen(0); i >= 0; ) {
    let j = i + 1;
    while (j < length && j - i <= MAX_PARENTHETICAL) {
      const code = text.charCodeAt(j);
      if (isCloseCode(code) || isOpenCode(code)) break;
      j++;
    }
    if (j >= length || !isCloseCode(text.charCodeAt(j))) {
      i = nextOpen(i + 1);
      continue;
    }
    const open = toSource(i);
    while (matchCursor < to && matches[matchCursor]!.end <= open) matchCursor++;
    const before = matchCursor > from ? findTermBefore(doc.text, matches[matchCursor - 1], open) : undefined;
    matchIndices?.push(before ? matchCursor - 1 - from : -1);
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
        const isMatch = candidate >= 0 && matches[candidate]!.end === end;
        matchIndices?.push(isMatch ? candidate - from : -1);
        parts.push({ start, end, text: trimmed, hasHanzi: containsHanzi(trimmed), match: isMatch ? matches[candidate] : undefined });
      }
      partStart = k + 1;
    }
    into.push({ open, close: toSource(j) + 1, run: runIndex, parts, before, isInNotes: run.isInNotes });
    i = nextOpen(j + 1);
  }
}

/**
 * Every parenthetical of the document's prose, in document order, with the term
 * matches (`matches`, in document order) that cover a part exactly or end right
 * before "(". Cost: one native search for "(" over the text, then work only in
 * the runs that hold one.
 */
export function findParentheticals(doc: BriefDocument, matches: readonly TermMatch[]): Parenthetical[] {
  const result: Parenthetical[] = [];
  const matchesOfRun = matchesByRun(matches);
  for (const runIndex of runsWithOpening(doc)) {
    const runMatches = matchesOfRun(runIndex);
    findRunParentheticals(doc, doc.runs[runIndex]!, runIndex, runMatches, 0, runMatches.length, result);
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
 * The index of the match in `matches[from, to)` (a run's) that starts at a
 * given offset, or -1. The offsets asked for only grow, so with matches in
 * order of start a cursor finds them; otherwise a map (the last match wins, as
 * a map built from the list would have it).
 */
function matchLookup(matches: readonly TermMatch[], from: number, to: number): (start: number) => number {
  let isInOrder = true;
  for (let k = from + 1; k < to && isInOrder; k++) isInOrder = matches[k]!.start > matches[k - 1]!.start;
  if (!isInOrder) {
    const byStart = new Map<number, number>();
    for (let k = from; k < to; k++) byStart.set(matches[k]!.start, k);
    return (start) => byStart.get(start) ?? -1;
  }
  let cursor = from;
  return (start) => {
    while (cursor < to && matches[cursor]!.start < start) cursor++;
    return cursor < to && matches[cursor]!.start === start ? cursor : -1;
  };
}

/** Objects placed for a run's parentheticals, moved to where the run stands in each later analysis. */
interface PlacedCopy {
  placed: Parenthetical[];
  /** Where they stand: the run's start, index and notes flag. */
  base: number;
  runIndex: number;
  isInNotes: boolean;
  /** The match objects they refer to, as `KeptParentheticals.matchIndices` (made when first asked). */
  matches?: (TermMatch | undefined)[];
  /** The analysis (`analysisSerial`) that took this copy last: a number, so that a kept copy holds no analysis alive. */
  takenIn?: number;
}

/** Counts the calls of `parentheticalsOf` (see `PlacedCopy.takenIn`). */
let analysisSerial = 0;

/** What `parentheticalsOf` keeps of a run across analyses: the objects it placed, with what moving them needs. */
interface KeptParentheticals extends PlacedCopy {
  /** Per parenthetical, the index among the run's matches of its `before`, then of each part's match (-1: none). */
  matchIndices: number[];
  /** Copies for a run that occurs more than once in a document (a repeated paragraph). */
  more?: PlacedCopy[];
}

/**
 * The parentheticals of the checked document with its term matches, computed
 * once per analysis and shared by the term and acronym checks.
 *
 * In the editor, the search of a run and the objects it gave are kept while
 * the run is unchanged (`perRun`): an edit searches only the runs it changed,
 * leaves the objects of the runs that stay where they were, and moves the
 * others' in place. Allocating them afresh on every keystroke cost more than
 * the search. As with the incremental analyser's model, an analysis's
 * parentheticals hold until the next analysis.
 */
export function parentheticalsOf(ctx: CheckContext): Parenthetical[] {
  return ctx.shared('parentheticals', () => {
    const { doc } = ctx;
    const matches = inRunOrder(ctx.terms.matches);
    const result: Parenthetical[] = [];
    const serial = ++analysisSerial;
    const firstMatchOf = firstMatchOfRun(matches);
    // The run at hand, read by the closures below (made once, not once per run).
    let runIndex = 0;
    let run = doc.runs[0]!;
    let first = -1;
    const matchAt = (k: number): TermMatch => matches[(first < 0 ? (first = firstMatchOf(runIndex)) : first) + k]!;
    const search = (): KeptParentheticals => {
      const from = (first = firstMatchOf(runIndex));
      let to = from;
      while (to < matches.length && matches[to]!.run === runIndex) to++;
      const placed: Parenthetical[] = [];
      const matchIndices: number[] = [];
      findRunParentheticals(doc, run, runIndex, matches, from, to, placed, matchIndices);
      // Taken as found, in this analysis.
      return { placed, base: run.start, runIndex, isInNotes: run.isInNotes, matchIndices, takenIn: serial };
    };
    for (const index of runsWithOpening(doc)) {
      runIndex = index;
      run = doc.runs[index]!;
      first = -1;
      const kept = ctx.perRun('parentheticals', runIndex, search);
      if (kept.placed.length === 0) continue;
      let copy: PlacedCopy;
      if (kept.takenIn === serial) {
        // Just found, or the run occurs again in this document: another copy.
        if (kept.base === run.start && kept.runIndex === runIndex) {
          copy = kept;
        } else {
          let spare = kept.more?.find((c) => c.takenIn !== serial);
          if (!spare) (kept.more ??= []).push((spare = copyPlaced(kept, run, runIndex, matchAt)));
          else if (!isPlacedHere(spare, kept.matchIndices, run, runIndex, matchAt)) movePlaced(spare, kept.matchIndices, run, runIndex, matchAt);
          copy = spare;
        }
      } else {
        copy = kept;
        if (!isPlacedHere(copy, kept.matchIndices, run, runIndex, matchAt)) movePlaced(copy, kept.matchIndices, run, runIndex, matchAt);
      }
      copy.takenIn = serial;
      for (const p of copy.placed) result.push(p);
    }
    return result;
  });
}

/** The match objects a copy refers to, in the order of `matchIndices`. */
function referencedMatches(copy: PlacedCopy): (TermMatch | undefined)[] {
  const objects: (TermMatch | undefined)[] = [];
  for (const p of copy.placed) {
    objects.push(p.before);
    for (const part of p.parts) objects.push(part.match);
  }
  return objects;
}

/** True when a copy stands where the run stands now, with this analysis's match objects: then it needs no change. */
function isPlacedHere(copy: PlacedCopy, matchIndices: readonly number[], run: ProseRun, runIndex: number, matchAt: (k: number) => TermMatch): boolean {
  if (copy.base !== run.start || copy.runIndex !== runIndex || copy.isInNotes !== run.isInNotes) return false;
  const objects = (copy.matches ??= referencedMatches(copy));
  for (let i = 0; i < matchIndices.length; i++) if (matchIndices[i]! >= 0 && matchAt(matchIndices[i]!) !== objects[i]) return false;
  return true;
}

/** Moves a copy to where the run stands now, with this analysis's match objects. */
function movePlaced(copy: PlacedCopy, matchIndices: readonly number[], run: ProseRun, runIndex: number, matchAt: (k: number) => TermMatch): void {
  const delta = run.start - copy.base;
  const isInNotes = run.isInNotes;
  const objects = (copy.matches ??= referencedMatches(copy));
  let m = 0;
  // References are written only when they change: a write of one into an old object costs more than the test.
  const resolve = (): TermMatch | undefined => {
    const k = matchIndices[m]!;
    const match = k >= 0 ? matchAt(k) : undefined;
    if (objects[m] !== match) objects[m] = match;
    m++;
    return match;
  };
  for (const p of copy.placed) {
    if (delta !== 0) {
      p.open += delta;
      p.close += delta;
    }
    p.run = runIndex;
    if (p.isInNotes !== isInNotes) p.isInNotes = isInNotes;
    const before = resolve();
    if (p.before !== before) p.before = before;
    for (const part of p.parts) {
      if (delta !== 0) {
        part.start += delta;
        part.end += delta;
      }
      const match = resolve();
      if (part.match !== match) part.match = match;
    }
  }
  copy.base = run.start;
  copy.runIndex = runIndex;
  copy.isInNotes = isInNotes;
}

/** A new copy of a kept run's objects, placed where the run stands now. */
function copyPlaced(kept: KeptParentheticals, run: ProseRun, runIndex: number, matchAt: (k: number) => TermMatch): PlacedCopy {
  const delta = run.start - kept.base;
  const { matchIndices } = kept;
  let m = 0;
  const resolve = (): TermMatch | undefined => {
    const k = matchIndices[m++]!;
    return k >= 0 ? matchAt(k) : undefined;
  };
  const placed = kept.placed.map((p): Parenthetical => {
    const before = resolve();
    const parts = p.parts.map((part): ParentheticalPart => ({ start: part.start + delta, end: part.end + delta, text: part.text, hasHanzi: part.hasHanzi, match: resolve() }));
    return { open: p.open + delta, close: p.close + delta, run: runIndex, parts, before, isInNotes: run.isInNotes };
  });
  return { placed, base: run.start, runIndex, isInNotes: run.isInNotes };
}

/** Matches grouped by run, in their order within a run: as they are when they come run by run (as scanTerms gives them). */
function inRunOrder(matches: readonly TermMatch[]): readonly TermMatch[] {
  for (let k = 1; k < matches.length; k++) {
    if (matches[k]!.run < matches[k - 1]!.run) return [...matches].sort((a, b) => a.run - b.run);
  }
  return matches;
}

/**
 * Index of the first match of a run in matches in run order (`inRunOrder`):
 * for runs asked in ascending order, a cursor that only moves forward.
 */
function firstMatchOfRun(matches: readonly TermMatch[]): (run: number) => number {
  let cursor = 0;
  return (run) => {
    if (cursor > 0 && matches[cursor - 1]!.run >= run) cursor = lowerBoundBy(matches, run, (m) => m.run);
    while (cursor < matches.length && matches[cursor]!.run < run) cursor++;
    return cursor;
  };
}

const NONE: Parenthetical[] = [];

/** The parentheticals of one run, from `parentheticalsOf` (a slice of it; not to be changed). */
export function parentheticalsOfRun(ctx: CheckContext, runIndex: number): Parenthetical[] {
  const all = parentheticalsOf(ctx);
  // Where each run's parentheticals start in `all` (they come in run order), counted once per analysis.
  const starts = ctx.shared('parentheticals:starts', () => {
    const counts = new Int32Array(ctx.doc.runs.length + 1);
    for (const p of all) counts[p.run + 1]!++;
    for (let r = 1; r < counts.length; r++) counts[r]! += counts[r - 1]!;
    return counts;
  });
  const from = starts[runIndex] ?? 0;
  const to = starts[runIndex + 1] ?? from;
  return from === to ? NONE : all.slice(from, to);
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
 * Phrases found by `phraseBefore`, by parenthetical (`null`: none). A phrase
 * reads only the parenthetical's run, and `parentheticalsOf` keeps a run's
 * objects only while the run is unchanged: so a kept object keeps its phrase.
 */
const phrases = new WeakMap<Parenthetical, string | null>();

/**
 * The English phrase a writer glosses with a parenthetical: the quoted phrase
 * right before it, else a run of capitalised words ("Central Special
 * Commission"), else up to six words back to the nearest punctuation, without
 * leading function words.
 */
export function phraseBefore(doc: BriefDocument, p: Parenthetical): string | undefined {
  let phrase = phrases.get(p);
  if (phrase === undefined) {
    phrase = findPhraseBefore(doc, p) ?? null;
    phrases.set(p, phrase);
  }
  return phrase ?? undefined;
}

function findPhraseBefore(doc: BriefDocument, p: Parenthetical): string | undefined {
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
