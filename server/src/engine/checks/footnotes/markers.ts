/**
 * Finds note markers written by hand in the body: superscripts (`¹`, `¹²`, `¹,²`,
 * `¹⁻³`), carets (`^12`, `^{12,13}`, Pandoc's `^12^`), `<sup>12</sup>`, and
 * bracketed numbers (`[12]`, only when the notes list numbers its entries), then
 * plain digits glued to sentence punctuation where the marker sequence expects
 * that number (`…有为政府)."9`).
 *
 * Digits in prose are everywhere (years, "14th", "279.7%", "5G", "C919"): only the
 * forms above count, and a plain digit only where the sequence has a hole for it.
 *
 * Each prose run is read once (`scanRunMarkers`), visiting only the offsets where a
 * marker can start, found by a native search over the run's text; what a run holds
 * does not depend on the notes list or on the other runs, so in the editor it is
 * kept while the run is unchanged. The notes list (which brackets count) and the
 * sequence (which plain digits count) are applied over those results.
 */
import type { BriefDocument, Span } from '../../document/model';
import { readSuperscriptNumber, superscriptDigitCodeValue } from './superscript';
import type { MarkerStyle, NoteMarker } from './types';
import { partitionPoint } from '../../partitionPoint';

export interface MarkerScanOptions {
  /** `[12]` is a marker only when the notes list numbers its entries… */
  isBracketAllowed: boolean;
  /** …and only up to a little past the list's highest number ("[2021]" is a year). */
  maxBracketNumber: number;
}

/** A marker written by hand, with the group of numbers written together (`^{12,13}`) and ranges (`^{3-5}`). */
export interface ManualMarker extends NoteMarker {
  number: number;
  /** Markers written as one (`^{12,13}`, `¹⁻³`) share a group id. */
  group: number;
  /** A number inside a range (`4` of `^{3-5}`): it has no characters of its own. */
  isInsideRange?: boolean;
  /** The number that closes a range (`5` of `^{3-5}`), whether or not the range reads as one. */
  isRangeEnd?: boolean;
}

/** Whether "from–to" stands for the notes between as well: a reversed or huge range keeps its ends only. */
export function isNoteRange(from: number, to: number): boolean {
  return to > from && to - from <= MAX_RANGE;
}

const MAX_LIST_LENGTH = 60;
const MAX_RANGE = 50;
const UNITS = new Set(['m', 'km', 'cm', 'mm', 'ft', 'in', 'mi', 'yd']);

const isDigitCode = (code: number) => code >= 48 && code <= 57;
const isAsciiLetterOrDigit = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9]/.test(ch);
const isBlank = (ch: string | undefined) => ch === ' ' || ch === '\t';
const isLineBreak = (ch: string | undefined) => ch === '\n' || ch === '\r';

function readDigits(text: string, i: number, end: number): { value: number; end: number } | undefined {
  if (i >= end || !isDigitCode(text.charCodeAt(i)) || text[i] === '0') return undefined;
  let j = i;
  while (j < end && isDigitCode(text.charCodeAt(j))) j++;
  if (j - i > 6) return undefined;
  return { value: Number(text.slice(i, j)), end: j };
}

interface ListItem {
  value: number;
  start: number;
  end: number;
  /** The item closes a range that opened with the item before ("3-5"). */
  isRangeEnd?: boolean;
}

/**
 * Reads "12,13", "12, 13", "3-5", "3–5" from `i` up to `end` with `read` for one
 * number. Returns the items and where the list stops.
 */
function readNumberList(
  text: string,
  i: number,
  end: number,
  read: (text: string, i: number, end: number) => { value: number; end: number } | undefined,
  separators: string,
  rangeDashes: string,
): { items: ListItem[]; end: number } | undefined {
  const first = read(text, i, end);
  if (!first) return undefined;
  const items: ListItem[] = [{ value: first.value, start: i, end: first.end }];
  let j = first.end;
  while (j < end && j - i < MAX_LIST_LENGTH) {
    const ch = text[j]!;
    let k = j + 1;
    let isRange = false;
    if (separators.includes(ch)) {
      while (k < end && text[k] === ' ') k++;
    } else if (rangeDashes.includes(ch)) {
      isRange = true;
    } else {
      break;
    }
    const next = read(text, k, end);
    if (!next) break;
    items.push({ value: next.value, start: k, end: next.end, isRangeEnd: isRange });
    j = next.end;
  }
  return { items, end: j };
}

/** Collects markers with offsets relative to `base` (a run's start) and groups numbered from 0. */
class MarkerCollector {
  readonly markers: ManualMarker[] = [];
  /** Per group: its highest number when it is a bracket group ("[12,13]"), else 0. */
  readonly bracketMax: number[] = [];

  constructor(private readonly base: number) {}

  add(items: ListItem[], style: MarkerStyle, absoluteStart: number, absoluteEnd: number) {
    const group = this.bracketMax.length;
    this.bracketMax.push(style === 'bracket' ? Math.max(...items.map((item) => item.value)) : 0);
    const base = this.base;
    const [start, end] = [absoluteStart - base, absoluteEnd - base];
    const single = items.length === 1;
    for (let n = 0; n < items.length; n++) {
      const item = items[n]!;
      if (item.isRangeEnd) {
        const from = items[n - 1]!.value;
        // A reversed or huge range is not a range of notes: keep its ends only.
        if (isNoteRange(from, item.value)) {
          for (let v = from + 1; v < item.value; v++) {
            this.markers.push({
              label: String(v), number: v, start, end, system: 'manual', style,
              labelStart: item.start - base, labelEnd: item.start - base, group, isInsideRange: true,
            });
          }
        }
      }
      this.markers.push({
        label: String(item.value),
        number: item.value,
        start: single ? start : item.start - base,
        end: single ? end : item.end - base,
        system: 'manual',
        style,
        labelStart: item.start - base,
        labelEnd: item.end - base,
        group,
        ...(item.isRangeEnd && { isRangeEnd: true }),
      });
    }
  }
}

/** Whether only blanks stand between the start of the line and `i`. */
function isAtLineStart(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && isBlank(text[k])) k--;
  return k < 0 || isLineBreak(text[k]);
}

/** Blanks and then text on the same line: what follows the number of a foot line ("¹ Smith, …"). */
function opensText(text: string, i: number): boolean {
  if (!isBlank(text[i])) return false;
  let k = i;
  while (isBlank(text[k])) k++;
  return k < text.length && !isLineBreak(text[k]);
}

/** "km²", "m³": a unit after a number, not a note. */
function isUnitPower(text: string, i: number, value: number): boolean {
  if (value !== 2 && value !== 3) return false;
  let k = i;
  while (k > 0 && i - k < 3 && /[a-z]/.test(text[k - 1]!)) k--;
  if (!UNITS.has(text.slice(k, i))) return false;
  let d = k - 1;
  if (isBlank(text[d])) d--;
  return d >= 0 && isDigitCode(text.charCodeAt(d));
}

/**
 * Whether a lone superscript marker at `start` would still read as a marker once it holds `value`:
 * "5 km¹" is a marker, "5 km²" a unit.
 */
export function isReadableAsMarker(text: string, start: number, value: number): boolean {
  return !isUnitPower(text, start, value);
}

/** "10⁶", "10⁻³": a power of ten, not a note. */
function isPowerOfTen(text: string, i: number): boolean {
  return text[i - 1] === '⁻' || (text.slice(Math.max(0, i - 2), i) === '10' && !isDigitCode(text.charCodeAt(i - 3)));
}

/**
 * "^10³": whether the superscript at `i` is glued to the digits of a caret. Never a marker of its
 * own: read after "^10" as a power of ten, it would become one once renumbering writes "^3³".
 */
function isAfterCaretDigits(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && isDigitCode(text.charCodeAt(k))) k--;
  return k < i - 1 && text[k] === '^';
}

/**
 * What a run is searched for: a character a hand-written marker starts with (superscript digits,
 * "^", "["), or a digit right after one of CLOSERS (`).9`), which may be a stray marker. No
 * character is both, so one native search finds the two kinds apart.
 */
const CANDIDATE = /[⁰¹²³⁴⁵⁶⁷⁸⁹^[]|[.,;:!?)"”’\]』」）][0-9]/g;

/** Index of the first value >= `target` in the ascending `values`. */
function lowerBound(values: ArrayLike<number>, target: number): number {
  return partitionPoint(values.length, (i) => values[i]! < target);
}

/**
 * The markers of one run as the run alone decides them, with offsets relative to the run's
 * start: nothing in it moves when text is typed before the run, and nothing depends on the
 * notes list or on other runs (in the editor it is kept while the run is unchanged).
 */
export interface RunMarkers {
  /** Every marker, bracketed numbers included at any number (the notes list decides which count); groups numbered from 0. */
  markers: ManualMarker[];
  /** Per group: its highest number when it is a bracket group, else 0. */
  bracketMax: number[];
  /** Plain digits glued to sentence punctuation that may be stray markers, as [start, end, value] triples. */
  strays: number[];
}

/**
 * Reads one run (see RunMarkers); every scan of the document is put together from these. Besides
 * the run's text it looks at most a few characters past its ends (the punctuation before a digit,
 * "<sup>" before a segment, the character after a number): they stand in the run's block, or are
 * the line break and blank line that separate blocks, so they do not change while the block does not.
 */
export function scanRunMarkers(doc: BriefDocument, runIndex: number): RunMarkers {
  const { text } = doc;
  const run = doc.runs[runIndex]!;
  // From one character early: the punctuation before a digit that opens the run.
  const from = Math.max(run.start - 1, 0);
  const slice = text.slice(from, run.end);
  const markerStarts: number[] = [];
  const digitStarts: number[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(slice); m; m = CANDIDATE.exec(slice)) {
    if (m[0].length === 1) markerStarts.push(from + m.index);
    else digitStarts.push(from + m.index + 1);
  }
  const collector = new MarkerCollector(run.start);
  const strays: number[] = [];
  for (const segment of run.segments) {
    scanSegment(text, segment, collector, markerStarts);
    readStrayDigits(text, segment, digitStarts, run.start, strays);
  }
  return { markers: collector.markers, bracketMax: collector.bracketMax, strays };
}

/** Reads the markers of one segment, visiting only the `candidates` (ascending offsets) inside it. */
function scanSegment(text: string, segment: Span, collector: MarkerCollector, candidates: readonly number[]) {
  const { start, end } = segment;
  if (text.charCodeAt(start - 1) === 62 /* > */ && text.slice(Math.max(0, start - 5), start).toLowerCase() === '<sup>') {
    const list = readNumberList(text, start, end, readDigits, ',', '-–');
    if (list && text.slice(list.end, list.end + 6).toLowerCase() === '</sup>') {
      collector.add(list.items, 'sup', start, list.end);
      return;
    }
  }
  // `next`: the first offset not yet read (a marker read consumes its characters).
  let next = start;
  for (let c = lowerBound(candidates, start); c < candidates.length; c++) {
    const i = candidates[c]!;
    if (i >= end) break;
    if (i < next) continue;
    next = readMarkerAt(text, i, end, collector) + 1;
  }
}

/**
 * Reads a marker starting at `i` (a candidate) into `collector`: the offset of its last character,
 * or `i` when there is none. A bracketed number is read whatever the notes list: what a bracket
 * consumes holds no other candidate, so dropping it afterwards leaves the other markers as they are.
 */
function readMarkerAt(text: string, i: number, end: number, collector: MarkerCollector): number {
  const code = text.charCodeAt(i);
  if (superscriptDigitCodeValue(code) >= 0) {
    if (superscriptDigitCodeValue(text.charCodeAt(i - 1)) >= 0 || isAfterCaretDigits(text, i)) return i;
    const list = readNumberList(text, i, end, readSuperscriptNumber, ',˒', '⁻–-');
    if (!list) return i;
    const first = list.items[0]!;
    const isFootLine = list.items.length === 1 && isAtLineStart(text, i) && opensText(text, list.end);
    if (!isFootLine && !isPowerOfTen(text, i) && !(list.items.length === 1 && isUnitPower(text, i, first.value))) {
      collector.add(list.items, 'superscript', i, list.end);
    }
    return list.end - 1;
  }
  if (code === 94 /* ^ */) {
    const before = text[i - 1];
    if (before === '^' || (before !== undefined && isDigitCode(before.charCodeAt(0)))) return i;
    let j = i + 1;
    const isBraced = text[j] === '{';
    if (isBraced) j++;
    const list = readNumberList(text, j, end, readDigits, ',;', '-–');
    if (!list) return i;
    let markerEnd = list.end;
    if (isBraced) {
      if (text[markerEnd] !== '}') return i;
      markerEnd++;
    } else if (text[markerEnd] === '^') {
      markerEnd++; // Pandoc superscript: ^12^
    } else if (isAsciiLetterOrDigit(text[markerEnd])) {
      return i;
    }
    // Inline TeX ($x^2$) is mathematics, not a note.
    if (text[markerEnd] === '$' || text[i - 2] === '$') return i;
    if (before === '[' && text[markerEnd] === ']') markerEnd++;
    collector.add(list.items, 'caret', before === '[' && text[markerEnd - 1] === ']' ? i - 1 : i, markerEnd);
    return markerEnd - 1;
  }
  if (code === 91 /* [ */) {
    const before = text[i - 1];
    if (before === '!' || before === ']' || before === '^' || isAtLineStart(text, i)) return i;
    const list = readNumberList(text, i + 1, end, readDigits, ',;', '-–');
    if (!list || text[list.end] !== ']') return i;
    const after = text[list.end + 1];
    if (after === '(' || after === '[' || after === ':') return i;
    collector.add(list.items, 'bracket', i, list.end + 1);
    return list.end;
  }
  return i;
}

/** The plain digits of one segment that may be stray markers: each passes every test that does not depend on the markers. */
function readStrayDigits(text: string, segment: Span, candidates: readonly number[], base: number, strays: number[]) {
  const { start, end } = segment;
  for (let c = lowerBound(candidates, Math.max(start, 1)); c < candidates.length; c++) {
    const i = candidates[c]!;
    if (i >= end) break;
    let k = i - 1;
    let hasPunctuation = false;
    while (k >= 0 && i - k <= 3 && CLOSERS.includes(text[k]!)) {
      if (SENTENCE_PUNCTUATION.includes(text[k]!)) hasPunctuation = true;
      k--;
    }
    const anchor = text[k];
    const digits = readDigits(text, i, end);
    if (!digits) continue;
    const after = text[digits.end];
    if (!hasPunctuation || k < 0 || anchor === undefined || /[\s\d]/.test(anchor) || CLOSERS.includes(anchor)) continue;
    if (after !== undefined && !/\s/.test(after)) continue;
    if (digits.end - i > 4) continue;
    strays.push(i - base, digits.end - base, digits.value);
  }
}

/** Where the scans of the runs come from: `runScans` reads each once per analysis; the checks keep them across analyses. */
export type RunScans = (runIndex: number) => RunMarkers;

export function runScans(doc: BriefDocument): RunScans {
  const scans: RunMarkers[] = [];
  return (runIndex) => (scans[runIndex] ??= scanRunMarkers(doc, runIndex));
}

/** Whether the body holds anything that reads as a marker under some notes list. */
export function hasAnyMarker(doc: BriefDocument, scans: RunScans = runScans(doc)): boolean {
  return doc.runs.some((run, r) => !run.isInNotes && scans(r).markers.length > 0);
}

/** Whether a marker of the run's scan counts beside this notes list: a bracket only beside a numbered list, and up to its limit. */
const isCounted = (scan: RunMarkers, marker: ManualMarker, options: MarkerScanOptions) =>
  marker.style !== 'bracket' || (options.isBracketAllowed && scan.bracketMax[marker.group]! <= options.maxBracketNumber);

/** A marker of a run's scan where the run stands, in the document's group `group` (the same keys, in the same order, as the scan's). */
function placed(marker: ManualMarker, base: number, group: number): ManualMarker {
  const result: ManualMarker = {
    label: marker.label,
    number: marker.number,
    start: marker.start + base,
    end: marker.end + base,
    system: marker.system,
    style: marker.style,
    labelStart: marker.labelStart + base,
    labelEnd: marker.labelEnd + base,
    group,
  };
  if (marker.isInsideRange) result.isInsideRange = true;
  if (marker.isRangeEnd) result.isRangeEnd = true;
  return result;
}

/** The hand-written markers in the body (not in the notes list), in document order. */
export function scanManualMarkers(doc: BriefDocument, options: MarkerScanOptions, scans: RunScans = runScans(doc)): ManualMarker[] {
  const markers: ManualMarker[] = [];
  let groups = 0;
  doc.runs.forEach((run, r) => {
    if (run.isInNotes) return;
    const scan = scans(r);
    const base = run.start;
    let runGroup = -1;
    let group = -1;
    for (const marker of scan.markers) {
      if (!isCounted(scan, marker, options)) continue;
      if (marker.group !== runGroup) [runGroup, group] = [marker.group, groups++];
      markers.push(placed(marker, base, group));
    }
  });
  return markers;
}

/** Where the bracketed markers start (their label) beside a notes list read with `options`. */
export function bracketLabelStarts(doc: BriefDocument, options: MarkerScanOptions, scans: RunScans = runScans(doc)): number[] {
  const starts: number[] = [];
  doc.runs.forEach((run, r) => {
    if (run.isInNotes) return;
    const scan = scans(r);
    for (const marker of scan.markers) if (marker.style === 'bracket' && isCounted(scan, marker, options)) starts.push(marker.labelStart + run.start);
  });
  return starts;
}

const CLOSERS = '.,;:!?)"”’]』」）';
const SENTENCE_PUNCTUATION = '.,;:!?。';

/**
 * Plain digits glued to sentence punctuation (`).9`, `."9`, `.9 `) whose number the
 * marker sequence is missing, right between its neighbours (8 before, 10 after).
 */
export function findStrayDigits(
  doc: BriefDocument,
  markers: ReadonlyArray<Pick<ManualMarker, 'start' | 'number'>>,
  scans: RunScans = runScans(doc),
): ManualMarker[] {
  if (markers.length === 0) return [];
  let used: Set<number> | undefined;
  const strays: ManualMarker[] = [];
  const citedBefore = new Set<number>();
  let next = 0;
  let group = 1_000_000;
  doc.runs.forEach((run, r) => {
    if (run.isInNotes) return;
    const candidates = scans(r).strays;
    const base = run.start;
    for (let c = 0; c < candidates.length; c += 3) {
      const [digitsStart, digitsEnd, n] = [candidates[c]! + base, candidates[c + 1]! + base, candidates[c + 2]!];
      if ((used ??= new Set(markers.map((m) => m.number))).has(n)) continue;
      while (next < markers.length && markers[next]!.start < digitsEnd) citedBefore.add(markers[next++]!.number);
      const previousNumber = next > 0 ? markers[next - 1]!.number : 0;
      const nextNumber = markers[next]?.number;
      // Either the number the citations expect next (one more than the notes cited so far), or the
      // one between its neighbours (⁸ before, ¹⁰ after; also in an excerpt that starts at note 8).
      // The first reading gives the same answer before and after renumbering, and renumbering
      // never makes the second true where the first is false, so "Renumber notes" keeps the markers.
      const isNextCited = n === citedBefore.size + 1;
      const isBetween = previousNumber < n && (nextNumber === undefined || nextNumber > n) && (previousNumber === n - 1 || nextNumber === n + 1);
      if (!isNextCited && !isBetween) continue;
      citedBefore.add(n);
      strays.push({
        label: String(n), number: n, start: digitsStart, end: digitsEnd, system: 'manual', style: 'plain',
        labelStart: digitsStart, labelEnd: digitsEnd, group: group++,
      });
    }
  });
  return strays;
}
