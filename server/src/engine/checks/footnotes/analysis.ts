/**
 * The notes of a document, analysed once and shared by every footnote check and
 * by the editor (hover, go to definition, the renumber command).
 *
 * A document has up to two note systems: GFM footnotes (`[^1]` against `[^1]: …`,
 * Markdown only) and notes numbered by hand (superscripts, `^{12,13}`, `[12]`
 * against a notes list). Each is resolved here into markers, entries and the
 * facts the checks report; the checks only word them.
 *
 * In the editor a long document is analysed on every keystroke, so what does not change with
 * typing elsewhere is kept across analyses: each run's markers (`ctx.perRun`), the notes
 * section's entries and what the renumber fix writes in them (by the section's text, see
 * `readNotesList` and `keptSlotEdits`), and each slot's entry check (by the lines it reads).
 * Each is keyed by everything it reads, so the result is the same as computing it afresh.
 */
import type { CheckContext } from '../../check';
import type { BriefDocument, Heading, Span } from '../../document/model';
import type { Fix, TextEdit } from '../../types';
import {
  bracketLabelStarts, findStrayDigits, hasAnyMarker, isNoteRange, isReadableAsMarker, runScans, scanManualMarkers, scanRunMarkers,
  type ManualMarker, type MarkerScanOptions, type RunScans,
} from './markers';
import { detach } from '../../detach';
import { matchEntryStart, readNotesList, type ListEntry, type NotesSectionList } from './notesList';
import { buildPlainTextDocument } from '../../document/plaintext';
import { numberOfLabel } from './numbering';
import { toSuperscript } from './superscript';
import type { MarkerStyle, NoteEntry, NoteMarker, NoteSystemKind } from './types';
import { partitionPoint } from '../../partitionPoint';

/** Between two numbered entries, the unnumbered ones do not fit the numbers left for them. */
export interface CountMismatch {
  /** The number of the entry before the run (0 at the top of the list) and of the entry after it. */
  after: number;
  before: number;
  /** Distinct unnumbered entries in the run (repeats left out). */
  count: number;
  entries: NoteEntry[];
  anchorBefore?: NoteEntry;
  anchorAfter: NoteEntry;
}

/** An unnumbered entry that repeats another entry word for word. */
export interface Repeat {
  entry: NoteEntry;
  of: NoteEntry;
}

/** Two entries numbered differently with the same text. */
export interface SameText {
  entry: NoteEntry;
  as: NoteEntry;
}

/** An entry numbered like an entry above it. `resolvedNumber` when its place shows the number it should have. */
export interface DuplicateNumber {
  entry: NoteEntry;
  first: NoteEntry;
  resolvedNumber?: number;
}

export interface NoteSystem {
  kind: NoteSystemKind;
  /** Document order. For notes numbered by hand this includes stray plain digits (`style: 'plain'`). */
  markers: NoteMarker[];
  /** Document order: the notes list entries, or the GFM definitions. */
  entries: NoteEntry[];
  /** What a marker and its note share: the normalised GFM label, or the number. */
  keyOf(item: NoteMarker | NoteEntry): string;
  entriesByKey: Map<string, NoteEntry[]>;
  /** The first marker of each key, in document order. */
  firstMarkers: NoteMarker[];
  firstMarkerByKey: Map<string, NoteMarker>;
  /** Notes numbered by hand only. */
  notesHeading?: Heading;
  strays: NoteMarker[];
  isCountedByPosition: boolean;
  /** A Markdown list numbered "1." throughout: Markdown counts it by position. */
  isLazyList: boolean;
  isMixed: boolean;
  numberedCount: number;
  mismatches: CountMismatch[];
  repeats: Repeat[];
  sameTexts: SameText[];
  duplicates: DuplicateNumber[];
  /** A number whose entry cannot be told because the run of unnumbered entries around it does not fit. */
  isUncertainNumber(number: number): boolean;
  uncertainEntries: ReadonlySet<NoteEntry>;
  /** How a plain digit is best written as a marker in this document. */
  markerStyle: 'superscript' | 'caret' | 'pandoc' | 'bracket' | 'sup';
  renumber(): Fix | undefined;
  /** Writes a number on every unnumbered entry of a mixed list (when the numbering is not in doubt). */
  numberEveryEntry(): Fix | undefined;
}

export const RENUMBER_TITLE = 'Renumber all notes in order of first citation';

/** GFM labels match case-blind with runs of white space as one; a label of digits (most) is its own key. */
function normaliseLabel(label: string): string {
  let i = 0;
  while (i < label.length && label.charCodeAt(i) >= 48 && label.charCodeAt(i) <= 57) i++;
  return i === label.length ? label : label.toLowerCase().replace(/\s+/g, ' ');
}
/**
 * Whether a number lies strictly between the two ends (`after`, `before`) of some
 * mismatch; answered by binary search over the merged gaps, not a scan of them all.
 */
function numbersBetween(mismatches: readonly CountMismatch[]): (n: number) => boolean {
  if (mismatches.length === 0) return () => false;
  // The integers a mismatch leaves in doubt, [after + 1, before - 1], merged into disjoint ranges.
  const ranges = mismatches
    .map((m) => [m.after + 1, m.before - 1] as [number, number])
    .filter(([first, last]) => first <= last)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return (n: number) => {
    if (!Number.isInteger(n)) return mismatches.some((m) => n > m.after && n < m.before);
    const low = partitionPoint(merged.length, (i) => merged[i]![1] < n);
    return low < merged.length && merged[low]![0] <= n;
  };
}

/** Short texts repeat legitimately ("Ibid.", "Ibid., 45."); only long identical texts are copies. */
const isComparableText = (text: string) => text.length >= 40 && !/^(?:ibid|id\.)/i.test(text);

function baseSystem(kind: NoteSystemKind, markers: NoteMarker[], entries: NoteEntry[], keyOf: (item: NoteMarker | NoteEntry) => string) {
  const entriesByKey = new Map<string, NoteEntry[]>();
  for (const entry of entries) {
    const key = keyOf(entry);
    const list = entriesByKey.get(key);
    if (list) list.push(entry);
    else entriesByKey.set(key, [entry]);
  }
  const firstMarkerByKey = new Map<string, NoteMarker>();
  const firstMarkers: NoteMarker[] = [];
  for (const marker of markers) {
    const key = keyOf(marker);
    if (!firstMarkerByKey.has(key)) {
      firstMarkerByKey.set(key, marker);
      firstMarkers.push(marker);
    }
  }
  return { kind, markers, entries, keyOf, entriesByKey, firstMarkers, firstMarkerByKey };
}

function memo<T>(compute: () => T): () => T {
  let isDone = false;
  let value: T;
  return () => {
    if (!isDone) {
      value = compute();
      isDone = true;
    }
    return value;
  };
}

// ---------------------------------------------------------------------------
// GFM footnotes

function buildGfmSystem(doc: BriefDocument): NoteSystem | undefined {
  if (doc.footnoteReferences.length === 0 && doc.footnoteDefinitions.length === 0) return undefined;
  const { text } = doc;
  const markers: NoteMarker[] = doc.footnoteReferences.map((ref) => {
    const isWellFormed = text.startsWith('[^', ref.start) && text[ref.end - 1] === ']';
    return {
      label: ref.label,
      number: numberOfLabel(ref.label),
      start: ref.start,
      end: ref.end,
      system: 'gfm',
      style: 'gfm',
      labelStart: isWellFormed ? ref.start + 2 : ref.start,
      labelEnd: isWellFormed ? ref.end - 1 : ref.start,
    };
  });
  const entries: NoteEntry[] = doc.footnoteDefinitions.map((def) => {
    const number = numberOfLabel(def.label);
    const isWellFormed = text.startsWith('[^', def.labelStart) && text.slice(def.labelEnd - 2, def.labelEnd) === ']:';
    return {
      label: def.label,
      number,
      start: def.start,
      end: def.end,
      textStart: def.contentStart,
      textEnd: def.contentEnd,
      text: text.slice(def.contentStart, def.contentEnd),
      system: 'gfm',
      ...(number !== undefined && isWellFormed && { writtenNumber: number, numberStart: def.labelStart + 2, numberEnd: def.labelEnd - 2 }),
    };
  });
  const base = baseSystem('gfm', markers, entries, (item) => normaliseLabel(item.label));
  const system: NoteSystem = {
    ...base,
    strays: [],
    isCountedByPosition: false,
    isLazyList: false,
    isMixed: false,
    numberedCount: entries.length,
    mismatches: [],
    repeats: [],
    sameTexts: [],
    duplicates: [],
    isUncertainNumber: () => false,
    uncertainEntries: new Set(),
    markerStyle: 'superscript',
    renumber: memo(() => renumberGfm(system, text)),
    numberEveryEntry: () => undefined,
  };
  return system;
}

/** Numeric labels in order of first citation; uncited numbered definitions after them in their order. Other labels stay. */
function renumberGfm(system: NoteSystem, text: string): Fix | undefined {
  const newByKey = new Map<string, number>();
  for (const marker of system.firstMarkers) {
    if (marker.number !== undefined) newByKey.set(system.keyOf(marker), newByKey.size + 1);
  }
  let next = newByKey.size + 1;
  for (const entry of system.entries) {
    const key = system.keyOf(entry);
    if (entry.number !== undefined && !newByKey.has(key)) newByKey.set(key, next++);
  }
  // "[^4]" with no definition is text, not a call: a definition renumbered to 4 would make it one.
  const calls = new Set(system.markers.map((m) => m.start));
  const labelsWrittenAsText = new Set<string>();
  // Every "[^digits]" of the text: a native search for "[^", then the digits and "]".
  for (let at = text.indexOf('[^'); at >= 0; at = text.indexOf('[^', at + 1)) {
    if (calls.has(at)) continue;
    let end = at + 2;
    while (end < text.length && text.charCodeAt(end) >= 48 && text.charCodeAt(end) <= 57) end++;
    if (end > at + 2 && text.charCodeAt(end) === 93 /* ] */) labelsWrittenAsText.add(text.slice(at + 2, end));
  }
  for (const entry of system.entries) {
    const renumbered = newByKey.get(system.keyOf(entry));
    if (entry.number === undefined || renumbered === undefined || system.entriesByKey.has(String(renumbered))) continue;
    if (labelsWrittenAsText.has(String(renumbered))) return undefined;
  }
  const edits: TextEdit[] = [];
  for (const marker of system.markers) {
    const renumbered = newByKey.get(system.keyOf(marker));
    if (marker.number === undefined || renumbered === undefined || renumbered === marker.number) continue;
    if (marker.labelEnd <= marker.labelStart) return undefined;
    edits.push({ start: marker.labelStart, end: marker.labelEnd, newText: String(renumbered) });
  }
  for (const entry of system.entries) {
    const renumbered = newByKey.get(system.keyOf(entry));
    if (entry.number === undefined || renumbered === undefined || renumbered === entry.number) continue;
    if (entry.numberStart === undefined || entry.numberEnd === undefined) return undefined;
    edits.push({ start: entry.numberStart, end: entry.numberEnd, newText: String(renumbered) });
  }
  return edits.length > 0 ? { title: RENUMBER_TITLE, edits: edits.sort((a, b) => a.start - b.start), isPreferred: true } : undefined;
}

// ---------------------------------------------------------------------------
// Notes numbered by hand

interface Resolution {
  /** The number each entry stands for. */
  numbers: number[];
  /** For an unnumbered copy of another entry, the index of the original; else -1. */
  repeatOf: number[];
  /** Numbered entries with different numbers and one text: [first, later]. */
  sameTextPairs: Array<[number, number]>;
  duplicates: Array<{ index: number; first: number; resolvedNumber?: number }>;
}

/**
 * Gives every list entry the number a reader would give it: its own, or one more
 * than the entry before. An unnumbered entry that repeats another word for word is
 * a copy of that note and takes its number. A written number already used above
 * is a slip when the place it stands in shows the number it should have.
 */
function resolveNumbers(list: ListEntry[], texts: string[], isCountedByPosition: boolean): Resolution {
  const repeatOf = new Array<number>(list.length).fill(-1);
  const sameTextPairs: Array<[number, number]> = [];
  const byText = new Map<string, number[]>();
  texts.forEach((text, i) => {
    if (!isComparableText(text)) return;
    const group = byText.get(text);
    if (group) group.push(i);
    else byText.set(text, [i]);
  });
  for (const group of byText.values()) {
    if (group.length < 2) continue;
    const numbered = group.filter((i) => list[i]!.writtenNumber !== undefined);
    if (numbered.length === 0 || isCountedByPosition) {
      // Entries counted by position: a copy still takes its own place.
      for (let n = 1; n < group.length; n++) sameTextPairs.push([group[0]!, group[n]!]);
      continue;
    }
    for (const i of group) if (list[i]!.writtenNumber === undefined) repeatOf[i] = numbered[0]!;
    for (let n = 1; n < numbered.length; n++) {
      const [first, later] = [numbered[0]!, numbered[n]!];
      if (list[first]!.writtenNumber !== list[later]!.writtenNumber) sameTextPairs.push([first, later]);
    }
  }

  const written = new Set<number>();
  for (const entry of list) if (entry.writtenNumber !== undefined) written.add(entry.writtenNumber);
  const firstWritten = new Map<number, number>();
  const numbers = new Array<number>(list.length).fill(0);
  const duplicates: Resolution['duplicates'] = [];
  let previous = 0;
  for (let i = 0; i < list.length; i++) {
    const entry = list[i]!;
    if (repeatOf[i]! >= 0) continue; // numbered once every original is
    const w = entry.writtenNumber;
    if (w === undefined || isCountedByPosition) {
      numbers[i] = ++previous;
      continue;
    }
    const first = firstWritten.get(w);
    if (first === undefined) {
      firstWritten.set(w, i);
      numbers[i] = w;
      previous = w;
      continue;
    }
    const candidate = previous + 1;
    let after = i + 1;
    while (after < list.length && repeatOf[after]! >= 0) after++;
    const nextWritten = list[after]?.writtenNumber;
    const isSlip =
      texts[i] !== texts[first] && !written.has(candidate) && (after >= list.length || nextWritten === undefined || nextWritten === candidate + 1);
    duplicates.push({ index: i, first, ...(isSlip && { resolvedNumber: candidate }) });
    numbers[i] = isSlip ? candidate : w;
    previous = numbers[i]!;
  }
  for (let i = 0; i < list.length; i++) {
    if (repeatOf[i]! >= 0) {
      const original = repeatOf[i]!;
      numbers[i] = numbers[original]!;
    }
  }
  return { numbers, repeatOf, sameTextPairs, duplicates };
}

/**
 * What reads as a bracketed marker depends on the list: `[12]` only beside a list that writes
 * plain numbers, and only up to a little past its highest number ("[2021]" is a year).
 */
function markerScanOptions(list: ReadonlyArray<Pick<ListEntry, 'writtenNumber' | 'isSuperscriptNumber'>>): MarkerScanOptions {
  let maxWritten = 0;
  let isBracketAllowed = false;
  for (const entry of list) {
    if (entry.writtenNumber === undefined) continue;
    maxWritten = Math.max(maxWritten, entry.writtenNumber);
    if (!entry.isSuperscriptNumber) isBracketAllowed = true;
  }
  return { isBracketAllowed, maxBracketNumber: Math.max(maxWritten, list.length) + 10 };
}

function buildManualSystem(doc: BriefDocument, scans: RunScans): NoteSystem | undefined {
  const { text } = doc;
  // No marker under any notes list: the list need not be read.
  if (!hasAnyMarker(doc, scans)) return undefined;
  const notesList = readNotesList(doc);
  let list = notesList.entries;
  const scanOptions = markerScanOptions(list);
  const found = scanManualMarkers(doc, scanOptions, scans);
  if (found.length === 0) return undefined;
  const strays = findStrayDigits(doc, found, scans);
  const markers: ManualMarker[] = strays.length === 0 ? found : [...found, ...strays].sort((a, b) => a.start - b.start || a.labelStart - b.labelStart);

  // Markdown renders "1. 1. 1." as 1, 2, 3: a list numbered all "1." is counted by position.
  const isLazy = doc.kind === 'markdown' && list.length >= 2 && list.every((e) => e.writtenNumber === 1);
  if (isLazy) list = list.map(({ writtenNumber: _w, numberStart: _s, numberEnd: _e, ...rest }) => rest);
  const numberedCount = list.filter((e) => e.writtenNumber !== undefined).length;
  const isCountedByPosition = numberedCount === 0;
  const isMixed = numberedCount > 0 && numberedCount < list.length;

  // Resolved once per notes list while the list (all in the notes section) is unchanged.
  const memoKey = `resolved:${doc.kind}`;
  let resolved = notesList.section?.memo.get(memoKey) as Resolution | undefined;
  if (!resolved) {
    resolved = resolveNumbers(list, notesList.texts, isCountedByPosition);
    notesList.section?.memo.set(memoKey, resolved);
  }
  const entries: NoteEntry[] = list.map((e, i) => {
    const entry: NoteEntry = {
      label: String(resolved.numbers[i]),
      number: resolved.numbers[i],
      start: e.start,
      end: e.end,
      textStart: e.textStart,
      textEnd: e.textEnd,
      text: text.slice(e.textStart, e.textEnd),
      system: 'manual',
    };
    if (e.writtenNumber !== undefined) {
      entry.writtenNumber = e.writtenNumber;
      entry.numberStart = e.numberStart;
      entry.numberEnd = e.numberEnd;
      entry.isSuperscriptNumber = e.isSuperscriptNumber ?? false;
    }
    return entry;
  });
  const repeats: Repeat[] = [];
  resolved.repeatOf.forEach((original, i) => {
    if (original >= 0) repeats.push({ entry: entries[i]!, of: entries[original]! });
  });
  const sameTexts = resolved.sameTextPairs.map(([first, later]) => ({ entry: entries[later]!, as: entries[first]! }));
  const duplicates = resolved.duplicates.map((d) => ({
    entry: entries[d.index]!,
    first: entries[d.first]!,
    ...(d.resolvedNumber !== undefined && { resolvedNumber: d.resolvedNumber }),
  }));

  // Runs of unnumbered entries between numbered ones must fill exactly the numbers between.
  const mismatches: CountMismatch[] = [];
  if (isMixed) {
    let anchorBefore: NoteEntry | undefined;
    let run: NoteEntry[] = [];
    entries.forEach((entry, i) => {
      if (resolved.repeatOf[i]! >= 0) return;
      if (entry.writtenNumber === undefined) {
        run.push(entry);
        return;
      }
      const after = anchorBefore?.number ?? 0;
      const before = entry.number!;
      if (run.length > 0 && run.length !== before - after - 1) {
        mismatches.push({ after, before, count: run.length, entries: run, ...(anchorBefore && { anchorBefore }), anchorAfter: entry });
      }
      anchorBefore = entry;
      run = [];
    });
  }
  // An unnumbered entry counted on to a number that another entry carries ("3. a", "2. b", "- c": c is 3,
  // and so is a), or a slip resolved to one: two notes stand for one number, and which one a marker means
  // is a guess. (Two entries that both carry the number as written are `duplicates`.)
  const holders = new Map<number, NoteEntry>();
  let hasCountedCollision = false;
  const isAsWritten = (entry: NoteEntry) => entry.writtenNumber !== undefined && entry.writtenNumber === entry.number;
  entries.forEach((entry, i) => {
    if (resolved.repeatOf[i]! >= 0) return;
    const holder = holders.get(entry.number!);
    if (!holder) holders.set(entry.number!, entry);
    else if (!isAsWritten(holder) || !isAsWritten(entry)) hasCountedCollision = true;
  });
  const uncertainEntries = new Set<NoteEntry>(mismatches.flatMap((m) => m.entries));
  const isUncertainNumber = numbersBetween(mismatches);

  const styleCounts = new Map<MarkerStyle, number>();
  for (const m of found) styleCounts.set(m.style, (styleCounts.get(m.style) ?? 0) + 1);
  let markerStyle: NoteSystem['markerStyle'] = 'superscript';
  if (!styleCounts.has('superscript')) {
    const [top] = [...styleCounts.entries()].sort((a, b) => b[1] - a[1]);
    if (top?.[0] === 'caret') markerStyle = found.some((m) => m.style === 'caret' && text[m.end - 1] === '^') ? 'pandoc' : 'caret';
    else if (top?.[0] === 'bracket') markerStyle = 'bracket';
    else if (top?.[0] === 'sup') markerStyle = 'sup';
  }

  const base = baseSystem('manual', markers, entries, (item) => String(item.number));
  const numbering = numberingStyle(list);
  const system: NoteSystem = {
    ...base,
    notesHeading: doc.notesSection?.heading,
    strays,
    isCountedByPosition,
    isLazyList: isLazy,
    isMixed,
    numberedCount,
    mismatches,
    repeats,
    sameTexts,
    duplicates,
    isUncertainNumber,
    uncertainEntries,
    markerStyle,
    renumber: memo(() => (hasCountedCollision ? undefined : renumberManual(system, markers, list, isLazy, numbering, doc, scanOptions, scans, notesList.section))),
    numberEveryEntry: memo(() => {
      if (!isMixed || mismatches.length > 0 || repeats.length > 0 || hasCountedCollision) return undefined;
      const edits = entries.flatMap((e, i) => (e.writtenNumber === undefined ? [numbering.edit(list[i]!, e.number!)] : []));
      return edits.length > 0 ? { title: 'Number every entry of the notes list', edits } : undefined;
    }),
  };
  return system;
}

interface NumberingStyle {
  /** The edit that writes number `n` on the unnumbered entry `entry`, in the list's own style. */
  edit(entry: ListEntry, n: number, text?: string): TextEdit;
  /** Whether the numbers it writes are superscript digits. */
  isSuperscript: boolean;
}

/**
 * Numbers written on unnumbered entries copy the list's first numbered entry: "- 9." keeps
 * the bullet and adds the number after it; "9." or "[9]" replaces the bullet. A list of
 * bullets only becomes "1." "2." ….
 */
function numberingStyle(list: ListEntry[]): NumberingStyle {
  const model = list.find((e) => e.writtenNumber !== undefined);
  const format = (n: number) => (model?.isSuperscriptNumber ? toSuperscript(n) : `${model?.numberOpen ?? ''}${n}${model?.numberClose ?? '.'}`);
  return {
    isSuperscript: model?.isSuperscriptNumber === true,
    edit(entry, n, text) {
      const isAfterBullet = model?.hasBullet === true || !entry.hasBullet;
      const start = isAfterBullet ? entry.textStart : entry.start;
      return { start, end: text === undefined ? entry.textStart : entry.textEnd, newText: `${format(n)} ${text ?? ''}` };
    },
  };
}

/** Writes `n` in a marker's own style; a stray plain digit takes the document's marker style. */
export function formatMarker(style: MarkerStyle, n: number, documentStyle: NoteSystem['markerStyle']): string {
  if (style === 'superscript') return toSuperscript(n);
  if (style !== 'plain') return String(n);
  switch (documentStyle) {
    case 'superscript':
      return toSuperscript(n);
    case 'caret':
      return `^${n}`;
    case 'pandoc':
      return `^${n}^`;
    case 'bracket':
      return `[${n}]`;
    case 'sup':
      return `<sup>${n}</sup>`;
  }
}

/**
 * Whether moving the text in [start, end) elsewhere, or writing another text over it, would
 * cut a span that is not prose: one that starts before the text and reaches into it, one that
 * starts in it and runs past it, or a comment never closed (it runs to the end of the document
 * from wherever it stands, so at an earlier slot it would hide the notes after that slot).
 * Ranges must be asked about in document order; the spans are sorted by start and may nest.
 */
function spanCutter(source: string, excluded: readonly Span[]): (start: number, end: number) => boolean {
  const reachBefore: number[] = [];
  let reach = -1;
  for (const span of excluded) reachBefore.push((reach = Math.max(reach, span.end)));
  let first = 0;
  return (start, end) => {
    while (first < excluded.length && excluded[first]!.start < start) first++;
    if (first > 0 && reachBefore[first - 1]! > start) return true;
    for (let i = first; i < excluded.length && excluded[i]!.start < end; i++) {
      const span = excluded[i]!;
      if (span.end > end) return true;
      if (source.startsWith('<!--', span.start) && !source.startsWith('-->', span.end - 3)) return true;
    }
    return false;
  };
}

/**
 * One fix for the whole document: markers renumbered in order of first citation
 * (a marker with no note keeps its place in the sequence), uncited notes after
 * them in list order, and each note's text moved to the slot its new number
 * takes, so that it stays with its marker. Unavailable when the list itself
 * leaves a note's number in doubt (a run of unnumbered entries that does not
 * fit, a copied entry, a number given twice that its place does not resolve),
 * and when a text that would move holds only part of a comment (a writer's
 * half-finished `<!--` across entries: moving it would hide other notes or bring
 * hidden ones back, and which text belongs to which note is anyone's guess).
 *
 * Also unavailable wherever the renumbered text would read differently, since the
 * fix must keep every marker and every note, and a second renumbering must change
 * nothing: an unnumbered entry counted on to a number another entry carries (see
 * `hasCountedCollision`); a marker that would stop reading as one or a digit or
 * bracket that would start to (a range that gains or loses numbers, "5 km¹" that
 * would become "5 km²", a plain digit whose number is freed, "[1]" beside a list
 * of bullets that gets numbers, "[^4]" renumbered to a GFM label); a text whose
 * markers would leave the body or change order (isEveryMarkerKept); and a slot
 * that would no longer open as its entry or would become a heading or another
 * Markdown block (isStillEntry, hasLooseInlineSyntax).
 */
function renumberManual(
  system: NoteSystem,
  markers: ManualMarker[],
  list: ListEntry[],
  isLazy: boolean,
  numbering: NumberingStyle,
  doc: BriefDocument,
  scanOptions: MarkerScanOptions,
  scans: RunScans,
  section: NotesSectionList | undefined,
): Fix | undefined {
  const source = doc.text;
  if (system.mismatches.length > 0 || system.repeats.length > 0) return undefined;
  if (system.duplicates.some((d) => d.resolvedNumber === undefined)) return undefined;
  const newOf = new Map<number, number>();
  for (const marker of system.firstMarkers) newOf.set(marker.number!, newOf.size + 1);
  let next = newOf.size + 1;
  for (const entry of system.entries) if (!newOf.has(entry.number!)) newOf.set(entry.number!, next++);
  const renumbered = (n: number) => newOf.get(n) ?? n;

  const markerEdits: TextEdit[] = [];
  let gfmLabels: Set<string> | undefined;
  const groupSizes = new Map<number, number>();
  for (const marker of markers) groupSizes.set(marker.group, (groupSizes.get(marker.group) ?? 0) + 1);
  for (let i = 0; i < markers.length; i++) {
    const marker = markers[i]!;
    if (marker.isInsideRange) {
      // A range ("¹⁻³") stays a range only if its numbers stay consecutive.
      const previous = markers[i - 1];
      const following = markers[i + 1];
      if (!previous || renumbered(marker.number) !== renumbered(previous.number) + 1) return undefined;
      if (following && following.group === marker.group && renumbered(following.number) !== renumbered(marker.number) + 1) return undefined;
      continue;
    }
    if (marker.isRangeEnd) {
      // "²⁻¹" and "¹⁻⁹⁹" are no ranges and "³⁻⁴" is one with nothing between: each must stay what it is.
      let k = i - 1;
      while (k > 0 && markers[k]!.isInsideRange) k--;
      const from = markers[k]!.number;
      const isRange = isNoteRange(from, marker.number);
      const [newFrom, newTo] = [renumbered(from), renumbered(marker.number)];
      if (isRange ? newTo - newFrom !== marker.number - from : isNoteRange(newFrom, newTo)) return undefined;
    }
    const n = renumbered(marker.number);
    // "[^4]" read as a caret marker would become a GFM call once renumbered to the label of a definition.
    if (n !== marker.number && source.charCodeAt(marker.start) === 91 /* [ */ && source.charCodeAt(marker.start + 1) === 94 /* ^ */ && (gfmLabels ??= new Set(doc.footnoteDefinitions.map((d) => normaliseLabel(d.label)))).has(String(n))) {
      return undefined;
    }
    // A stray plain digit is written as a marker even when its number stays: it counts as one only
    // because it fits the sequence, and once its neighbours change it would no longer fit.
    if (n !== marker.number || marker.style === 'plain') {
      const newText = formatMarker(marker.style, n, system.markerStyle);
      // "5 km¹" renumbered "5 km²" would read as a unit.
      if (groupSizes.get(marker.group) === 1 && newText === toSuperscript(n) && !isReadableAsMarker(source, marker.labelStart, n)) return undefined;
      markerEdits.push({ start: marker.labelStart, end: marker.labelEnd, newText });
    }
  }

  // A note may cite another note: the markers inside a text that moves are renumbered in the
  // moved copy, and the slot the text leaves takes no marker edit of its own (its text is replaced).
  // The marker edits are in document order (the markers are), so those inside a text are found by binary search.
  const isInOrder = markerEdits.every((edit, k) => k === 0 || markerEdits[k - 1]!.start <= edit.start);
  const movedText = (entry: NoteEntry) => {
    let result = '';
    let cursor = entry.textStart;
    for (let k = isInOrder ? partitionPoint(markerEdits.length, (e) => markerEdits[e]!.start < entry.textStart) : 0; k < markerEdits.length; k++) {
      const edit = markerEdits[k]!;
      if (isInOrder && edit.start > entry.textEnd) break;
      if (edit.start < entry.textStart || edit.end > entry.textEnd) continue;
      result += source.slice(cursor, edit.start) + edit.newText;
      cursor = edit.end;
    }
    return result + source.slice(cursor, entry.textEnd);
  };
  const slots = system.entries;
  const assigned = [...slots].sort((a, b) => renumbered(a.number!) - renumbered(b.number!));
  // An unnumbered entry is read as one more than the entry before; where a marker with
  // no note leaves a hole, that reading breaks, and every unnumbered entry gets its number.
  let isNumberingNeeded = false;
  assigned.forEach((entry, i) => {
    const expected = i === 0 ? 1 : renumbered(assigned[i - 1]!.number!) + 1;
    if (slots[i]!.writtenNumber === undefined && renumbered(entry.number!) !== expected) isNumberingNeeded = true;
  });
  if (isNumberingNeeded && isLazy) return undefined;
  if (!isEveryMarkerKept(markers, slots, assigned, list, doc.footnoteReferences)) return undefined;
  // A plain digit is a stray marker only where its number is free: "4" beside a "⁴" that becomes "¹" would become one.
  const renumberedMarkers = markers.map((m) => ({ start: m.start, number: renumbered(m.number) }));
  const markerStarts = new Set(markers.map((m) => m.labelStart));
  if (findStrayDigits(doc, renumberedMarkers, scans).some((stray) => !markerStarts.has(stray.labelStart))) return undefined;
  if (!isLazy) {
    // The numbers the list will carry decide which "[12]" read as markers afterwards.
    const rewritten: Array<Pick<ListEntry, 'writtenNumber' | 'isSuperscriptNumber'>> = slots.map((slot, i) => {
      const isWritten = slot.writtenNumber !== undefined || isNumberingNeeded;
      const isSuperscript = slot.writtenNumber !== undefined ? slot.isSuperscriptNumber === true : numbering.isSuperscript;
      return { writtenNumber: isWritten ? renumbered(assigned[i]!.number!) : undefined, isSuperscriptNumber: isSuperscript };
    });
    if (!isEveryBracketKept(doc, markers, renumbered, scanOptions, markerScanOptions(rewritten), scans, markerStarts)) return undefined;
  }
  // Every slot's edits and checks: kept with the notes list while the list, its surroundings and the new numbers stay.
  const movedTexts = slots.map((slot, i) => (assigned[i] !== slot ? movedText(assigned[i]!) : undefined));
  const isPlainMove = movedTexts.every((text, i) => text === undefined || text === assigned[i]!.text);
  const renumberAll = () => renumberSlots(doc, slots, assigned, list, renumbered, isLazy, isNumberingNeeded, numbering, movedTexts);
  const placed = section && isPlainMove ? keptSlotEdits(section, `${doc.kind}|${slots.map((slot) => renumbered(slot.number!)).join(',')}`, renumberAll) : renumberAll();
  if (!placed) return undefined;
  const { edits, replaced } = placed;
  // The replaced slots are in document order and apart: the one that may hold an edit is the last to start at or before it.
  const isApart = replaced.every((r, k) => k === 0 || replaced[k - 1]!.end <= r.start);
  const isReplaced = (edit: TextEdit) => {
    if (!isApart) return replaced.some((r) => r.start <= edit.start && edit.end <= r.end);
    const r = replaced[partitionPoint(replaced.length, (k) => replaced[k]!.start <= edit.start) - 1];
    return r !== undefined && edit.end <= r.end;
  };
  for (const edit of markerEdits) if (!isReplaced(edit)) edits.push(edit);
  return edits.length > 0 ? { title: RENUMBER_TITLE, edits: edits.sort((a, b) => a.start - b.start || a.end - b.end), isPreferred: true } : undefined;
}

/** What renumbering writes in the slots of the list: its edits and the slots whose text is replaced, in document order. */
interface SlotEdits {
  edits: TextEdit[];
  replaced: Span[];
}

/**
 * The edits that give slot `i` the text `movedTexts[i]` (or keep its own) and the number of its new
 * entry `assigned[i]`, or undefined when a slot would no longer read as that entry.
 */
function renumberSlots(
  doc: BriefDocument,
  slots: readonly NoteEntry[],
  assigned: readonly NoteEntry[],
  list: readonly ListEntry[],
  renumbered: (n: number) => number,
  isLazy: boolean,
  isNumberingNeeded: boolean,
  numbering: NumberingStyle,
  movedTexts: ReadonlyArray<string | undefined>,
): SlotEdits | undefined {
  const source = doc.text;
  const replaced: Span[] = [];
  const edits: TextEdit[] = [];
  // Every text that moves leaves its own slot to another text, so asking about each replaced slot covers both ends of a move.
  const isCut = spanCutter(source, doc.excluded);
  let isLooseList: boolean | undefined;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const entry = assigned[i]!;
    const n = renumbered(entry.number!);
    const text = movedTexts[i];
    if (text !== undefined && isCut(slot.textStart, slot.textEnd)) return undefined;
    // "¹ Smith" is an entry only with text after the number, and a foot line only on its own line:
    // a text that would stop the slot reading as this note leaves the list as it is.
    if (text !== undefined && slot.isSuperscriptNumber && text.trim() === '') return undefined;
    if (text !== undefined && list[i]!.isFootLine && /[\n\r]/.test(text)) return undefined;
    if (text !== undefined) replaced.push({ start: slot.textStart, end: slot.textEnd });
    const slotEdits = edits.length;
    let writtenAfter = isLazy ? 1 : slot.writtenNumber !== undefined ? n : undefined;
    if (slot.writtenNumber !== undefined && slot.numberStart !== undefined && slot.numberEnd !== undefined) {
      if (slot.writtenNumber !== n) {
        edits.push({ start: slot.numberStart, end: slot.numberEnd, newText: slot.isSuperscriptNumber ? toSuperscript(n) : String(n) });
      }
      if (text !== undefined) edits.push({ start: slot.textStart, end: slot.textEnd, newText: text });
    } else if (isNumberingNeeded) {
      const edit = numbering.edit(list[i]!, n, text);
      // In Markdown a number in place of a bullet ("+ a" → "³ a", "- a" → "3. a") changes the block: a list
      // item becomes a paragraph, or one that cannot interrupt the paragraph or definition above it.
      if (doc.kind === 'markdown' && edit.start < slot.textStart) return undefined;
      edits.push(edit);
      writtenAfter = n;
      if (text !== undefined && edit.end < slot.textEnd) edits.push({ start: slot.textStart, end: slot.textEnd, newText: text });
    } else if (text !== undefined) {
      edits.push({ start: slot.textStart, end: slot.textEnd, newText: text });
    }
    // The slot must still open as an entry with this number and this text: "- " before a text that
    // starts "(7) …" would read as note 7, "2." before "5 million …" as no entry at all.
    if (edits.length > slotEdits && !isStillEntry(doc, slot, edits.slice(slotEdits), writtenAfter, text)) return undefined;
    if (edits.length > slotEdits && doc.kind === 'markdown' && (isLooseList ??= slots.some((e) => hasLooseInlineSyntax(doc, e)))) return undefined;
  }
  return { edits, replaced };
}

/**
 * `renumberAll` for a list that stands wholly in the notes section, kept on the section's list by
 * `key` (the kind of document and every slot's new number; its entries, texts and surroundings are
 * the section's): typing elsewhere leaves the slots' edits as they are, moved with the section.
 */
function keptSlotEdits(section: NotesSectionList, key: string, renumberAll: () => SlotEdits | undefined): SlotEdits | undefined {
  let kept = section.memo.get('slots') as Array<{ key: string; edits: SlotEdits | undefined }> | undefined;
  if (!kept) section.memo.set('slots', (kept = []));
  const fullKey = `${key}|${section.around}`;
  let found = kept.find((k) => k.key === fullKey);
  if (!found) {
    const edits = renumberAll();
    // Kept relative to the section, and detached: a moved text is a slice of the document.
    const by = -section.base;
    const keep = (e: TextEdit): TextEdit => ({ start: e.start + by, end: e.end + by, newText: detach(e.newText) });
    found = { key: fullKey, edits: edits && { edits: edits.edits.map(keep), replaced: edits.replaced.map((r) => ({ start: r.start + by, end: r.end + by })) } };
    // The numbers change as notes are cited: the latest few are kept.
    if (kept.length >= MAX_KEPT_SLOT_EDITS) kept.shift();
    kept.push(found);
  }
  const relative = found.edits;
  if (!relative) return undefined;
  return { edits: relative.edits.map((e) => shiftEdit(e, section.base)), replaced: relative.replaced.map((r) => ({ start: r.start + section.base, end: r.end + section.base })) };
}

const MAX_KEPT_SLOT_EDITS = 4;

const shiftEdit = (edit: TextEdit, by: number): TextEdit => ({ start: edit.start + by, end: edit.end + by, newText: edit.newText });

/**
 * A note text that opens with Markdown block syntax is a heading, a quotation, a nested list, code or
 * HTML after "- " or "1. ", and a paragraph after "¹ " or where the list item cannot interrupt the
 * paragraph above ("2." cannot, "1." can): moved or renumbered, it changes what the document is made
 * of (a heading that moves ends the notes section elsewhere).
 */
const MARKDOWN_BLOCK_START = /^(?:[#>|<=~`+*_-]|\d{1,9}[.)]|\[[^\]]*\]:)/;

/**
 * Whether a note text holds half of an inline span that may cross lines in Markdown: a backtick, a
 * "<" or a "-->" outside the code, HTML and comments that open and close within it. Entries that
 * are no Markdown list items ("(2) …", "• …", "¹ …") continue the paragraph above them, so such a
 * half pairs with one in another note, and whether it does changes when texts move or an item's
 * number changes ("2." cannot interrupt a paragraph, "1." can).
 */
function hasLooseInlineSyntax(doc: BriefDocument, entry: NoteEntry): boolean {
  const { excluded, text } = doc;
  let rest = '';
  let cursor = entry.textStart;
  for (let k = partitionPoint(excluded.length, (i) => excluded[i]!.start < entry.textStart); k < excluded.length; k++) {
    const span = excluded[k]!;
    if (span.start >= entry.textEnd) break;
    if (span.end > entry.textEnd) return true;
    if (span.start < cursor) continue;
    rest += text.slice(cursor, span.start);
    cursor = span.end;
  }
  rest += text.slice(cursor, entry.textEnd);
  return /[`<]|-->/.test(rest);
}

/** Characters that may start a marker, or a plain digit glued to punctuation that may read as one. */
const MAYBE_MARKER = /[⁰¹²³⁴⁵⁶⁷⁸⁹^[]|<sup>|[.,;:!?)"”’\]』」）][0-9]/i;

/**
 * Whether moving each text `assigned[i]` to slot `i` keeps every marker, in its order. A foot line
 * ("¹ Smith, as in note².") stands in the body, so the markers in its text count; in the notes
 * section they do not. A text holding a marker may therefore move only from one foot line to
 * another, and only where the markers stay in the order they are cited in (that order is what the
 * numbers follow: changed, the next renumbering would change them again). A text from the notes
 * section moves into a foot line only if nothing in it could read as a marker there. A text holding
 * a GFM call (`calls`, renumbered in place by the GFM system) does not move, and no marker moves
 * past one.
 */
function isEveryMarkerKept(
  markers: readonly ManualMarker[],
  slots: readonly NoteEntry[],
  assigned: readonly NoteEntry[],
  list: readonly ListEntry[],
  calls: readonly Span[],
): boolean {
  const indexOf = new Map<NoteEntry, number>(slots.map((slot, i) => [slot, i]));
  // Where each marker of a moved text lands, as an offset of the text before the edits: inside
  // the slot's first character, in the order of the marker in its text.
  const landing = new Map<ManualMarker, number>();
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    const entry = assigned[i]!;
    if (entry === slot) continue;
    const from = indexOf.get(entry)!;
    const first = partitionPoint(markers.length, (k) => markers[k]!.start < entry.textStart);
    let last = first;
    while (last < markers.length && markers[last]!.start < entry.textEnd) last++;
    // A GFM call inside the text is renumbered by the GFM system, in place: the text cannot move too.
    const firstCall = partitionPoint(calls.length, (k) => calls[k]!.start < entry.textStart);
    if (firstCall < calls.length && calls[firstCall]!.start < entry.textEnd) return false;
    const isFromFootLine = list[from]!.isFootLine === true;
    const isToFootLine = list[i]!.isFootLine === true;
    if (last > first && !(isFromFootLine && isToFootLine)) return false;
    if (isToFootLine && !isFromFootLine && MAYBE_MARKER.test(entry.text)) return false;
    const length = entry.textEnd - entry.textStart;
    for (let k = first; k < last; k++) {
      const marker = markers[k]!;
      landing.set(marker, slot.textStart + (marker.labelStart - entry.textStart + 1) / (length + 2));
    }
  }
  if (landing.size === 0) return true;
  // GFM calls ("[^1]") stay where they are, and the order is that of every marker of the document.
  let previous = -Infinity;
  let call = 0;
  for (const marker of markers) {
    while (call < calls.length && calls[call]!.start < marker.start) {
      if (calls[call]!.start < previous) return false;
      previous = calls[call++]!.start;
    }
    const at = landing.get(marker) ?? marker.labelStart;
    if (at < previous) return false;
    previous = at;
  }
  return call >= calls.length || calls[call]!.start >= previous;
}

/**
 * Whether `slot`, with `slotEdits` (sorted, inside the entry) applied, still opens an entry numbered
 * `writtenNumber` (or unnumbered) whose text starts with `text`, and whether none of its lines would
 * read as a heading or other block there: in plain text "1.b" alone between blank lines is a title,
 * in Markdown see MARKDOWN_BLOCK_START; a heading ends the notes section.
 *
 * In plain text the answer depends only on the lines from the one before the entry to the one
 * after it, the edits and the text: it is kept by exactly those (see `entryChecks`).
 */
function isStillEntry(doc: BriefDocument, slot: NoteEntry, slotEdits: readonly TextEdit[], writtenNumber: number | undefined, movedText: string | undefined): boolean {
  const source = doc.text;
  let lineStart = slot.start;
  while (lineStart > 0 && (source[lineStart - 1] === ' ' || source[lineStart - 1] === '\t')) lineStart--;
  if (doc.kind === 'markdown') return isStillMarkdownEntry(source, lineStart, slot.textEnd, slotEdits, writtenNumber, movedText ?? slot.text);
  // Whether a line is a heading depends on the lines around it only through their being blank
  // or opening a list item, which renumbering leaves as they are: the line before the entry and
  // the line after it stand in for the rest of the document.
  const { lines } = doc;
  const firstLineIndex = lines.positionAt(lineStart).line;
  const lastLineIndex = lines.positionAt(Math.max(lineStart, slot.end - 1)).line;
  const hasBefore = firstLineIndex > 0;
  const hasAfter = lastLineIndex + 1 < lines.lineCount;
  const cuts: PlainEntryCuts = {
    beforeStart: hasBefore ? lines.lineStart(firstLineIndex - 1) : -1,
    beforeEnd: hasBefore ? lines.lineEnd(firstLineIndex - 1) : -1,
    lineStart,
    textStart: slot.textStart,
    textEnd: slot.textEnd,
    afterStart: hasAfter ? lines.lineStart(lastLineIndex + 1) : -1,
    afterEnd: hasAfter ? lines.lineEnd(lastLineIndex + 1) : -1,
  };
  // Everything the answer reads, as offsets into the source from `from` to `to`.
  let from = lineStart;
  let to = slot.textEnd;
  for (const edit of slotEdits) [from, to] = [Math.min(from, edit.start), Math.max(to, edit.end)];
  if (hasBefore) from = Math.min(from, cuts.beforeStart);
  if (hasAfter) to = Math.max(to, cuts.afterEnd);
  // The source read (a slice: hashed where it stands, not copied), then where its lines are cut, the edits, the number and a moved text.
  const read = source.slice(from, to);
  const at = (offset: number) => (offset < 0 ? -1 : offset - from);
  let rest = `${writtenNumber ?? ''}|${at(cuts.beforeStart)},${at(cuts.beforeEnd)},${at(lineStart)},${at(slot.textStart)},${at(slot.textEnd)},${at(cuts.afterStart)},${at(cuts.afterEnd)}|${slotEdits.length}`;
  for (const edit of slotEdits) rest += `;${edit.start - from},${edit.end - from},${edit.newText.length}:${edit.newText}`;
  if (movedText !== undefined) rest += `|${movedText.length}:${movedText}`;
  let answers = entryChecks.get(read);
  const known = answers?.find((a) => a.rest === rest);
  if (known) return known.answer;
  const answer = isStillPlainEntry(source, cuts, slotEdits, writtenNumber, movedText ?? slot.text);
  // Kept as copies: a slice or a moved text would keep the whole document alive.
  if (!answers) {
    if (entryChecks.size >= MAX_ENTRY_CHECKS) entryChecks.clear();
    entryChecks.set(detach(read), (answers = []));
  }
  // A slot is asked about with a few numbers at most (as notes are cited, uncited, moved): the latest few are kept.
  if (answers.length >= MAX_ANSWERS_PER_READ) answers.shift();
  answers.push({ rest: detach(rest), answer });
  return answer;
}

/** Where the lines an entry check reads start and end (-1 for a line that does not exist). */
interface PlainEntryCuts {
  beforeStart: number;
  beforeEnd: number;
  lineStart: number;
  textStart: number;
  textEnd: number;
  afterStart: number;
  afterEnd: number;
}

/**
 * Answers of `isStillPlainEntry`, by everything they read: the source from the line before the
 * entry to the line after it, where its lines are cut, the edits and texts (the renumber fix asks
 * about every slot of the list in every analysis, and typing elsewhere leaves the slots as they
 * are). Cleared when full, so it holds about one large list at a time.
 */
const entryChecks = new Map<string, Array<{ rest: string; answer: boolean }>>();
const MAX_ENTRY_CHECKS = 20_000;
const MAX_ANSWERS_PER_READ = 8;

const firstLine = (value: string) => value.split(/[\n\r]/, 1)[0]!;

/** The entry line from `lineStart` to `textEnd` (or the last edit) with the edits applied. */
function editedEntry(source: string, lineStart: number, textEnd: number, slotEdits: readonly TextEdit[]): string {
  let result = '';
  let cursor = lineStart;
  for (const edit of slotEdits) {
    result += source.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return result + source.slice(cursor, Math.max(cursor, textEnd));
}

/** Whether the edited line opens an entry numbered `writtenNumber` whose text starts with `text`. */
function opensAsEntry(result: string, writtenNumber: number | undefined, text: string): boolean {
  const line = firstLine(result);
  const start = matchEntryStart(line, 0, line.length);
  if (start === undefined || start === 'definition' || start.writtenNumber !== writtenNumber) return false;
  return line.slice(start.textStart).trimEnd() === firstLine(text).trimEnd();
}

function isStillMarkdownEntry(source: string, lineStart: number, textEnd: number, slotEdits: readonly TextEdit[], writtenNumber: number | undefined, text: string): boolean {
  if (!opensAsEntry(editedEntry(source, lineStart, textEnd, slotEdits), writtenNumber, text)) return false;
  // An empty item ("- ", "3. ") cannot interrupt a paragraph and "- " under one underlines it as a
  // heading; a line of block syntax means one thing in a list item and another in a paragraph.
  if (/^\s*$/.test(firstLine(text))) return false;
  return text.split(/\r\n?|\n/).every((textLine) => !MARKDOWN_BLOCK_START.test(textLine.trimStart()));
}

function isStillPlainEntry(source: string, cuts: PlainEntryCuts, slotEdits: readonly TextEdit[], writtenNumber: number | undefined, text: string): boolean {
  const result = editedEntry(source, cuts.lineStart, cuts.textEnd, slotEdits);
  if (!opensAsEntry(result, writtenNumber, text)) return false;
  const prefix = cuts.beforeStart < 0 ? '' : `${source.slice(cuts.beforeStart, cuts.beforeEnd)}\n`;
  const snippet = `${prefix}${result}${cuts.afterStart < 0 ? '' : `\n${source.slice(cuts.afterStart, cuts.afterEnd)}`}`;
  const contentEnd = prefix.length + result.length;
  return buildPlainTextDocument(snippet).headings.every((h) => h.start < prefix.length || h.start >= contentEnd);
}

/**
 * Whether the bracketed markers stay what they are once the list carries its new numbers: a list
 * of bullets that gets numbers makes "[1]" a marker, and a lower highest number makes "[30]" none.
 */
function isEveryBracketKept(
  doc: BriefDocument,
  markers: readonly ManualMarker[],
  renumbered: (n: number) => number,
  before: MarkerScanOptions,
  after: MarkerScanOptions,
  scans: RunScans,
  /** The label starts of `markers`. */
  starts: ReadonlySet<number>,
): boolean {
  if (before.isBracketAllowed === after.isBracketAllowed && before.maxBracketNumber === after.maxBracketNumber) return true;
  if (markers.some((m) => m.style === 'bracket' && renumbered(m.number) > after.maxBracketNumber)) return false;
  // Brackets that are no markers keep their numbers: they are read again as the text stands.
  return bracketLabelStarts(doc, after, scans).every((start) => starts.has(start));
}

/** Both note systems of a document (either may be absent). `scans` reads the markers of a run (see RunMarkers). */
export function buildNoteSystems(doc: BriefDocument, scans: RunScans = runScans(doc)): NoteSystem[] {
  const systems: NoteSystem[] = [];
  const gfm = buildGfmSystem(doc);
  if (gfm) systems.push(gfm);
  const manual = buildManualSystem(doc, scans);
  if (manual) systems.push(manual);
  return systems;
}

/** The note systems of the checked document, computed once per analysis; each run's markers are kept while the run is unchanged. */
export function noteSystems(ctx: CheckContext): NoteSystem[] {
  return ctx.shared('footnote/systems', () => {
    const scans: ReturnType<RunScans>[] = [];
    return buildNoteSystems(ctx.doc, (r) => (scans[r] ??= ctx.perRun('footnote/markers', r, () => scanRunMarkers(ctx.doc, r))));
  });
}
