import type { Check, Report } from '../../check';
import { noteSystems, type NoteSystem } from './analysis';
import { longestIncreasing, rangeNumbers, type NumberRange } from './numbering';
import { renumberFixes } from './report';
import type { NoteMarker } from './types';
import { partitionPoint } from '../../partitionPoint';

/**
 * `footnote/gap`: the note numbers skip a number that neither a marker nor a note carries.
 *
 * Flags each gap once ("the notes skip from 3 to 5"), at the first citation after
 * it, with the renumber fix. Numbers that are missing from the markers but have a
 * note are `footnote/unused-note`; a gap filled by a stray plain digit is
 * `footnote/stray-digit`; non-numeric GFM labels (`[^smith2023]`) have no sequence.
 *
 * Bad: `… planning.³ … funding.⁵` with notes 3 and 5 → Good: `… planning.³ … funding.⁴` (renumbered).
 */
export const gap: Check = {
  id: 'footnote/gap',
  description: 'The note numbers skip a number that no marker and no note carries.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const system of noteSystems(ctx)) reportGaps(system, reports);
    return reports;
  },
};

function reportGaps(system: NoteSystem, reports: Report[]) {
  const cited = system.firstMarkers.filter((m) => m.number !== undefined);
  if (cited.length === 0) return;
  // Up to the highest note cited in order: a note cited out of order ("¹ ⁹ ² ³") is
  // footnote/order's finding, not a gap of 4–8.
  const isKept = longestIncreasing(cited.map((m) => m.number!));
  const max = cited.reduce((high, m, i) => (isKept[i] ? Math.max(high, m.number!) : high), 0);
  const present = new Set(cited.map((m) => m.number!));
  for (const entry of system.entries) if (entry.number !== undefined && entry.number <= max) present.add(entry.number);
  const sorted = [...present].filter((n) => n <= max).sort((a, b) => a - b);
  const gaps: NumberRange[] = [];
  let previous = 0;
  for (const n of sorted) {
    if (n > previous + 1) gaps.push({ first: previous + 1, last: n - 1 });
    previous = n;
  }
  if (gaps.length === 0) return;
  const isGfm = system.kind === 'gfm';
  const isInMismatch = overlapsMismatch(system.mismatches);
  // By number (a stable sort: among equal numbers, the first cited first); the next one cited after a gap is a binary search away.
  const byNumber = [...cited].sort((a, b) => a.number! - b.number!);
  for (const range of gaps) {
    if (isInMismatch(range)) continue;
    const nextCited = byNumber[firstAbove(byNumber, range.last)];
    if (!nextCited) continue;
    const name = (n: number) => (isGfm ? `[^${n}]` : String(n));
    const lead = range.first === 1 ? `the notes start at ${name(range.last + 1)}` : `the notes skip from ${name(range.first - 1)} to ${name(range.last + 1)}`;
    const fixes = renumberFixes(system);
    reports.push({
      message: `${lead}: no marker or note is numbered ${rangeNumbers(range)}`,
      start: nextCited.start,
      end: nextCited.end,
      ...(fixes && { fixes }),
      data: { numbers: { first: range.first, last: range.last } },
    });
  }
}

/** Index of the first marker in `byNumber` (sorted by number) numbered above `n`. */
function firstAbove(byNumber: readonly NoteMarker[], n: number): number {
  return partitionPoint(byNumber.length, (i) => byNumber[i]!.number! <= n);
}

/**
 * Whether a gap overlaps a run of unnumbered entries that does not fit
 * (`range.last > after && range.first < before` for some mismatch): with the
 * mismatches sorted by `after`, those with `after < range.last` are a prefix, and
 * the question is whether the greatest `before` in it exceeds `range.first`.
 */
function overlapsMismatch(mismatches: NoteSystem['mismatches']): (range: NumberRange) => boolean {
  if (mismatches.length === 0) return () => false;
  const sorted = [...mismatches].sort((a, b) => a.after - b.after);
  const maxBefore: number[] = [];
  for (const m of sorted) maxBefore.push(Math.max(maxBefore[maxBefore.length - 1] ?? -Infinity, m.before));
  return (range) => {
    const low = partitionPoint(sorted.length, (i) => sorted[i]!.after < range.last);
    return low > 0 && maxBefore[low - 1]! > range.first;
  };
}
