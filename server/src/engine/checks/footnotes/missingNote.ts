import type { Check, Report } from '../../check';
import { noteSystems, type NoteSystem } from './analysis';
import { toRanges, describeRange } from './numbering';
import { describeNumbers, entryLine, groupBy, groupByRange, markerRelated, MAX_RELATED, positionNote } from './report';
import type { NoteMarker } from './types';
import type { BriefDocument } from '../../document/model';
import type { RelatedLocation } from '../../types';
import { partitionPoint } from '../../partitionPoint';

/**
 * `footnote/missing-note`: a note marker with no note.
 *
 * Flags a GFM reference with no definition (`[^smith2023]` and no `[^smith2023]: …`);
 * a marker whose number has no entry in the notes list (consecutive numbers are one
 * finding: "notes 21–26 have no entry"); markers with no notes list at all (one
 * finding); and a run of unnumbered entries too short for the numbers around it
 * ("- 9." then 9 bullets then "- 20.": one of notes 10–19 has no entry of its own).
 *
 * Skips numbers inside such a run (which of them is missing cannot be told), and
 * digits in prose that are not written as markers.
 *
 * Bad: `… as planned.¹⁵` with the list ending at "14." → Good: add entry "15." to the list.
 */
export const missingNote: Check = {
  id: 'footnote/missing-note',
  description: 'A note marker with no note: a GFM reference with no definition, or a marker with no entry in the notes list.',
  defaultSeverity: 'error',
  run(ctx) {
    const reports: Report[] = [];
    for (const system of noteSystems(ctx)) {
      if (system.kind === 'gfm') reportGfm(system, reports);
      else reportManual(ctx.doc, system, reports);
    }
    return reports;
  },
};

function reportGfm(system: NoteSystem, reports: Report[]) {
  let markersByKey: Map<string, NoteMarker[]> | undefined;
  for (const marker of system.firstMarkers) {
    const key = system.keyOf(marker);
    if (system.entriesByKey.has(key)) continue;
    markersByKey ??= groupBy(system.markers, (m) => system.keyOf(m));
    const later = markersByKey.get(key)!.filter((m) => m !== marker);
    reports.push({
      message: `note [^${marker.label}] has no definition ("[^${marker.label}]: …")`,
      start: marker.start,
      end: marker.end,
      ...(later.length > 0 && { related: markerRelated(later, `[^${marker.label}] is also cited here`) }),
      data: { label: marker.label },
    });
  }
}

function reportManual(doc: BriefDocument, system: NoteSystem, reports: Report[]) {
  const first = system.firstMarkers[0];
  if (!first) return;
  if (system.entries.length === 0) {
    const cited = describeNumbers(system.firstMarkers.map((m) => m.number!));
    const heading = system.notesHeading;
    reports.push({
      message: heading
        ? `the text cites ${cited} but the notes under "${heading.text}" have no numbered or bulleted entries to match them`
        : `the text cites ${cited} but the document has no notes list (a heading such as "Notes" or "Endnotes" above the entries)`,
      start: first.start,
      end: first.end,
    });
    return;
  }
  const missing = system.firstMarkers.filter((m) => !system.entriesByKey.has(system.keyOf(m)) && !system.isUncertainNumber(m.number!));
  const ranges = toRanges(missing.map((m) => m.number!));
  const byRange = groupByRange(ranges, missing, (m) => m.number!);
  ranges.forEach((range, r) => {
    const inRange = byRange[r]!;
    const [head, ...rest] = inRange;
    const verb = range.first === range.last ? 'has' : 'have';
    reports.push({
      message: `${describeRange(range)} ${verb} no entry in the notes list${positionNote(system)}`,
      start: head!.start,
      end: head!.end,
      ...(rest.length > 0 && { related: rest.slice(0, MAX_RELATED).map((m) => ({ start: m.start, end: m.end, message: `note ${m.number} is first cited here` })) }),
      data: { numbers: inRange.map((m) => m.number) },
    });
  });
  for (const mismatch of system.mismatches) {
    const expected = mismatch.before - mismatch.after - 1;
    if (mismatch.count >= expected) continue;
    const shortBy = expected - mismatch.count;
    const between = mismatch.after === 0 ? `before entry "${mismatch.before}."` : `between entries "${mismatch.after}." and "${mismatch.before}."`;
    const notes = expected === 1 ? `note ${mismatch.after + 1}` : `notes ${mismatch.after + 1}–${mismatch.before - 1}`;
    const related: RelatedLocation[] = [];
    if (mismatch.anchorBefore) related.push({ ...entryLine(doc, mismatch.anchorBefore), message: `entry "${mismatch.after}." is numbered here` });
    related.push({ ...entryLine(doc, mismatch.anchorAfter), message: `entry "${mismatch.before}." is numbered here` });
    // Repeats are in list order: those between the two anchors are one slice of them.
    const from = (mismatch.anchorBefore?.start ?? -1) + 1;
    for (let r = firstRepeatFrom(system.repeats, from); r < system.repeats.length; r++) {
      const repeat = system.repeats[r]!;
      if (repeat.entry.start >= mismatch.anchorAfter.start) break;
      related.push({ ...entryLine(doc, repeat.entry), message: `this entry repeats note ${repeat.of.number} and is not counted` });
    }
    const run = mismatch.entries[0]!;
    reports.push({
      message:
        `${between} the notes list has ${mismatch.count} unnumbered ${mismatch.count === 1 ? 'entry' : 'entries'} for ${notes}: ` +
        (shortBy === 1
          ? 'one of these notes has no entry of its own, or shares one with another'
          : `${shortBy} of these notes have no entry of their own, or share one with another`),
      start: run.start,
      end: entryLine(doc, run).end,
      related,
      data: { numbers: { first: mismatch.after + 1, last: mismatch.before - 1 } },
    });
  }
}

/** Index of the first repeat whose entry starts at or after `offset` (repeats are sorted by entry). */
function firstRepeatFrom(repeats: NoteSystem['repeats'], offset: number): number {
  return partitionPoint(repeats.length, (i) => repeats[i]!.entry.start < offset);
}
