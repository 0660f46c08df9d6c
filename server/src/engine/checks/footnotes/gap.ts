import type { Check, Report } from '../../check';
import { noteSystems, type NoteSystem } from './analysis';
import { longestIncreasing, rangeNumbers, type NumberRange } from './numbering';
import { renumberFixes } from './report';

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
  const isGfm = system.kind === 'gfm';
  for (const range of gaps) {
    if (system.mismatches.some((m) => range.last > m.after && range.first < m.before)) continue;
    const nextCited = cited.filter((m) => m.number! > range.last).sort((a, b) => a.number! - b.number!)[0];
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
