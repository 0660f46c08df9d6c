import type { Check, Report } from '../../check';
import { noteSystems } from './analysis';
import { longestIncreasing } from './numbering';
import { noteName, renumberFixes } from './report';

/**
 * `footnote/order`: a numbered note first cited out of ascending order.
 *
 * Notes are numbered in order of first citation. Of the first citations, one
 * longest increasing run is taken as the intended order and only the others are
 * flagged, so a note cited early ("¹, ¹⁵, ², ³ …") is one finding, not one per
 * later note; later citations of a note already cited are fine. Each finding
 * carries the renumber fix. GFM labels that are not numbers have no order.
 *
 * Bad: `… targets.² … funds.¹` → Good: `… targets.¹ … funds.²` (renumbered, notes swapped with them).
 */
export const order: Check = {
  id: 'footnote/order',
  description: 'A numbered note first cited out of ascending order.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const system of noteSystems(ctx)) {
      const firsts = system.firstMarkers.filter((m) => m.number !== undefined);
      const isKept = longestIncreasing(firsts.map((m) => m.number!));
      // nextKept[i]: the first kept index after i (firsts.length when none), found in one pass from the end.
      const nextKept = new Int32Array(firsts.length + 1);
      nextKept[firsts.length] = firsts.length;
      for (let i = firsts.length - 1; i >= 0; i--) nextKept[i] = i + 1 < firsts.length && isKept[i + 1] ? i + 1 : nextKept[i + 1]!;
      let lastKept = -1;
      for (let i = 0; i < firsts.length; i++) {
        if (isKept[i]) {
          lastKept = i;
          continue;
        }
        const marker = firsts[i]!;
        const before = lastKept >= 0 ? firsts[lastKept]! : undefined;
        const after = nextKept[i]!;
        const isLate = before !== undefined && before.number! > marker.number!;
        const other = isLate ? before : firsts[after];
        if (!other) continue;
        const fixes = renumberFixes(system);
        reports.push({
          message: `${noteName(marker)} is first cited ${isLate ? 'after' : 'before'} ${noteName(other)}: notes are numbered in order of first citation`,
          start: marker.start,
          end: marker.end,
          related: [{ start: other.start, end: other.end, message: `${noteName(other)} is first cited here` }],
          ...(fixes && { fixes }),
          data: { number: marker.number },
        });
      }
    }
    return reports;
  },
};
