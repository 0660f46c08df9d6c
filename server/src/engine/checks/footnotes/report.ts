/** Small helpers the footnote checks share to place and word their findings. */
import type { BriefDocument, FootnoteDefinition } from '../../document/model';
import type { Fix, RelatedLocation } from '../../types';
import type { NoteSystem } from './analysis';
import { rangeNumbers, toRanges, type NumberRange } from './numbering';
import type { NoteEntry, NoteMarker } from './types';
import { partitionPoint } from '../../partitionPoint';

/** Editors list related locations; past a dozen they stop helping. */
export const MAX_RELATED = 12;

/** The first line of an entry: where a finding about the entry is shown. */
export function entryLine(doc: BriefDocument, entry: NoteEntry): { start: number; end: number } {
  const { text } = doc;
  let end = entry.start;
  for (let code = text.charCodeAt(end); end < entry.end && code !== 10 && code !== 13; code = text.charCodeAt(++end));
  return { start: entry.start, end: Math.max(end, Math.min(entry.end, entry.start + 1)) };
}

/** A GFM note is named by its label, a note numbered by hand by its number. */
export function noteName(item: NoteMarker | NoteEntry): string {
  return item.system === 'gfm' ? `note [^${item.label}]` : `note ${item.label}`;
}

/** "notes 1–5, 7 and 9–12". */
export function describeNumbers(numbers: Iterable<number>): string {
  const ranges = toRanges(numbers);
  const count = ranges.reduce((sum, r) => sum + r.last - r.first + 1, 0);
  const parts = ranges.map(rangeNumbers);
  const list = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${count === 1 ? 'note' : 'notes'} ${list}`;
}

export function markerRelated(markers: readonly NoteMarker[], message: string): RelatedLocation[] {
  return markers.slice(0, MAX_RELATED).map((m) => ({ start: m.start, end: m.end, message }));
}

/** The renumber fix as a list, for findings it resolves. */
export function renumberFixes(system: NoteSystem): Fix[] | undefined {
  const fix = system.renumber();
  return fix ? [fix] : undefined;
}

/** Said after a message about a list counted by position, so that the numbers make sense. */
export function positionNote(system: NoteSystem): string {
  if (!system.isCountedByPosition) return '';
  return system.isLazyList
    ? ` (the list numbers its ${system.entries.length} entries "1." throughout, so they are counted by position)`
    : ` (the list's ${system.entries.length} entries are unnumbered, so they are counted by position)`;
}

/** Items grouped by key, each group in the items' order. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * For each of the sorted, disjoint `ranges`, the items whose number falls in it,
 * in the items' order (one binary search per item, not one scan of the items per range).
 */
export function groupByRange<T>(ranges: readonly NumberRange[], items: readonly T[], numberOf: (item: T) => number): T[][] {
  const groups = ranges.map((): T[] => []);
  for (const item of items) {
    const n = numberOf(item);
    const low = partitionPoint(ranges.length, (i) => ranges[i]!.last < n);
    if (low < ranges.length && ranges[low]!.first <= n) groups[low]!.push(item);
  }
  return groups;
}

/** The GFM definitions by start offset (the first at each offset), to look notes up without a scan of every definition per note. */
export function definitionsByStart(doc: BriefDocument): Map<number, FootnoteDefinition> {
  const byStart = new Map<number, FootnoteDefinition>();
  for (const def of doc.footnoteDefinitions) if (!byStart.has(def.start)) byStart.set(def.start, def);
  return byStart;
}
