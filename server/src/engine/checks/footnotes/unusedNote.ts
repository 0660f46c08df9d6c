import type { Check, Report } from '../../check';
import type { BriefDocument, FootnoteDefinition } from '../../document/model';
import { noteSystems, type NoteSystem } from './analysis';
import { describeRange, toRanges } from './numbering';
import { definitionsByStart, entryLine, groupByRange, MAX_RELATED, positionNote } from './report';
import type { NoteEntry } from './types';

/**
 * `footnote/unused-note`: a note that nothing in the text cites.
 *
 * Flags a GFM definition never referenced, and entries of the notes list whose
 * number no marker carries (consecutive numbers are one finding: "notes 27–30 are
 * never cited"), and a run of unnumbered entries too long for the numbers around it.
 *
 * Skips a list when the text has no note markers at all (an author–date reference
 * list, not notes), a bulleted list of which the text cites under a quarter (a
 * bibliography), copies of another entry (`footnote/duplicate-note` reports those),
 * and entries whose number cannot be told.
 *
 * Bad: `4. Ministry of Science and Technology, …` and no `⁴` in the text → Good: cite it, or delete the entry.
 */
export const unusedNote: Check = {
  id: 'footnote/unused-note',
  description: 'A note that nothing in the text cites: a GFM definition never referenced, or a notes-list entry with no marker.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const system of noteSystems(ctx)) {
      if (system.kind === 'gfm') reportGfm(ctx.doc, system, reports);
      else reportManual(ctx.doc, system, reports);
    }
    return reports;
  },
};

function reportGfm(doc: BriefDocument, system: NoteSystem, reports: Report[]) {
  let definitions: Map<number, FootnoteDefinition> | undefined;
  for (const [key, entries] of system.entriesByKey) {
    if (system.firstMarkerByKey.has(key)) continue;
    const entry = entries[0]!;
    definitions ??= definitionsByStart(doc);
    const def = definitions.get(entry.start);
    reports.push({
      message: `note [^${entry.label}] is never cited in the text`,
      start: entry.start,
      end: def ? def.labelEnd : entryLine(doc, entry).end,
      data: { label: entry.label },
    });
  }
}

function reportManual(doc: BriefDocument, system: NoteSystem, reports: Report[]) {
  const repeats = new Set(system.repeats.map((r) => r.entry));
  const candidates = system.entries.filter((e) => !repeats.has(e) && !system.uncertainEntries.has(e));
  const uncited = candidates.filter((e) => !system.firstMarkerByKey.has(system.keyOf(e)));
  const citedCount = candidates.length - uncited.length;
  const isBibliography = system.isCountedByPosition && citedCount * 4 < system.entries.length;
  if (!isBibliography) {
    const ranges = toRanges(uncited.map((e) => e.number!));
    const byRange = groupByRange(ranges, uncited, (e) => e.number!);
    for (let r = 0; r < ranges.length; r++) {
      const range = ranges[r]!;
      const inRange: NoteEntry[] = byRange[r]!;
      const [head, ...rest] = inRange;
      const verb = range.first === range.last ? 'is' : 'are';
      reports.push({
        message: `${describeRange(range)} in the notes list ${verb} never cited in the text${positionNote(system)}`,
        ...entryLine(doc, head!),
        ...(rest.length > 0 && {
          related: rest.slice(0, MAX_RELATED).map((e) => ({ ...entryLine(doc, e), message: `note ${e.number} is listed here` })),
        }),
        data: { numbers: inRange.map((e) => e.number) },
      });
    }
  }
  for (const mismatch of system.mismatches) {
    const expected = Math.max(0, mismatch.before - mismatch.after - 1);
    if (mismatch.count <= expected) continue;
    const between = mismatch.after === 0 ? `before entry "${mismatch.before}."` : `between entries "${mismatch.after}." and "${mismatch.before}."`;
    const room = expected === 0 ? 'no numbers are left between them' : expected === 1 ? `only note ${mismatch.after + 1} fits there` : `only notes ${mismatch.after + 1}–${mismatch.before - 1} fit there`;
    const extra = mismatch.count - expected;
    const run = mismatch.entries[0]!;
    reports.push({
      message: `${between} the notes list has ${mismatch.count} unnumbered entries but ${room}: ${extra === 1 ? 'one entry is' : `${extra} entries are`} left over`,
      start: run.start,
      end: entryLine(doc, run).end,
      related: [
        ...(mismatch.anchorBefore ? [{ ...entryLine(doc, mismatch.anchorBefore), message: `entry "${mismatch.after}." is numbered here` }] : []),
        { ...entryLine(doc, mismatch.anchorAfter), message: `entry "${mismatch.before}." is numbered here` },
      ],
    });
  }
}
