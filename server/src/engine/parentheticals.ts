/**
 * Finds the parentheticals that carry a Chinese term or an English gloss:
 * "modern industrial base (现代产业体系)", "(NSWN, 新型举国体制)",
 * "(New R&D Institutes,新型研发机构)", "现代产业体系（modern industrial base）".
 * Shared by the mismatch and unknown-term checks, and by `extract`.
 */
import type { BriefDocument, ProseRun } from './document/model';
import type { TermMatch } from './match/matcher';
import { isHanziCode } from './match/tokens';

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

const OPEN = new Set(['(', '（']);
const CLOSE = new Set([')', '）']);
const PART_SEPARATOR = /[,，;；、]/;
const MAX_PARENTHETICAL = 240;

export function containsHanzi(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.codePointAt(i)!;
    if (isHanziCode(code)) return true;
    if (code > 0xffff) i++;
  }
  return false;
}

/** Text of a run with its segments joined (markup between them dropped), and a map back to source offsets. */
const runTexts = new WeakMap<ProseRun, { text: string; offsets: number[] }>();

export function runText(doc: BriefDocument, run: ProseRun): { text: string; offsets: number[] } {
  const cached = runTexts.get(run);
  if (cached) return cached;
  let result: { text: string; offsets: number[] };
  if (run.segments.length === 1) {
    result = { text: doc.text.slice(run.start, run.end), offsets: [] };
  } else {
    let text = '';
    const offsets: number[] = [];
    for (const segment of run.segments) {
      for (let i = segment.start; i < segment.end; i++) offsets.push(i);
      text += doc.text.slice(segment.start, segment.end);
    }
    result = { text, offsets };
  }
  runTexts.set(run, result);
  return result;
}

/** Position in a run's joined text of a source offset (binary search over multi-segment runs). */
export function localOffset(run: ProseRun, offsets: number[], source: number): number {
  if (offsets.length === 0) return source - run.start;
  let low = 0;
  let high = offsets.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (offsets[mid]! < source) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function findParentheticals(doc: BriefDocument, matches: readonly TermMatch[]): Parenthetical[] {
  const result: Parenthetical[] = [];
  const byRun = new Map<number, TermMatch[]>();
  for (const match of matches) {
    let list = byRun.get(match.run);
    if (!list) byRun.set(match.run, (list = []));
    list.push(match);
  }
  doc.runs.forEach((run, runIndex) => {
    const { text, offsets } = runText(doc, run);
    if (!text.includes('(') && !text.includes('（')) return;
    const toSource = (i: number) => (offsets.length > 0 ? (i < offsets.length ? offsets[i]! : run.end) : run.start + i);
    const runMatches = byRun.get(runIndex) ?? [];
    const matchByStart = new Map(runMatches.map((m) => [m.start, m]));
    let matchCursor = 0;
    for (let i = 0; i < text.length; i++) {
      if (!OPEN.has(text[i]!)) continue;
      let j = i + 1;
      while (j < text.length && j - i <= MAX_PARENTHETICAL && !CLOSE.has(text[j]!) && !OPEN.has(text[j]!)) j++;
      if (j >= text.length || !CLOSE.has(text[j]!)) continue;
      const inner = text.slice(i + 1, j);
      const parts: ParentheticalPart[] = [];
      let partStart = 0;
      for (let k = 0; k <= inner.length; k++) {
        if (k < inner.length && !PART_SEPARATOR.test(inner[k]!)) continue;
        const raw = inner.slice(partStart, k);
        const lead = raw.length - raw.trimStart().length;
        const trimmed = raw.trim().replace(/^["“”'‘’]+|["“”'‘’]+$/g, '');
        if (trimmed.length > 0) {
          const innerStart = partStart + lead + raw.trim().indexOf(trimmed);
          const start = toSource(i + 1 + innerStart);
          const end = toSource(i + 1 + innerStart + trimmed.length - 1) + 1;
          const candidate = matchByStart.get(start);
          const match = candidate && candidate.end === end ? candidate : undefined;
          parts.push({ start, end, text: trimmed, hasHanzi: containsHanzi(trimmed), match });
        }
        partStart = k + 1;
      }
      const open = toSource(i);
      while (matchCursor < runMatches.length && runMatches[matchCursor]!.end <= open) matchCursor++;
      const before = findTermBefore(doc.text, runMatches[matchCursor - 1], open);
      result.push({ open, close: toSource(j) + 1, run: runIndex, parts, before, isInNotes: run.isInNotes });
      i = j;
    }
  });
  return result;
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
  const quoted = /["“]([^"“”]{2,80})["”]$/.exec(before);
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

/** Index of a quotation mark that is still open at the end of `text`, or -1. */
function openingQuoteIndex(text: string): number {
  const lastCurlyOpen = text.lastIndexOf('“');
  if (lastCurlyOpen > text.lastIndexOf('”')) return lastCurlyOpen;
  let count = 0;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') {
      count++;
      last = i;
    }
  }
  return count % 2 === 1 ? last : -1;
}
