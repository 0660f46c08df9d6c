import type { Check, Report } from '../../check';
import type { BriefDocument, FootnoteDefinition } from '../../document/model';
import { noteSystems, type NoteSystem } from './analysis';
import { definitionsByStart, entryLine, renumberFixes } from './report';

/**
 * `footnote/duplicate-note`: one label or number for two notes, or one note listed twice.
 *
 * Flags two GFM definitions with one label (remark keeps both as definitions; a
 * renderer shows only one); two entries of the notes list with one number (when
 * the entry's place shows the number it should have, e.g. "2." "2." "4.", the
 * finding carries the renumber fix); an unnumbered entry that repeats a numbered
 * one word for word (the list counts it as a note of its own, so the numbers
 * around it drift); two entries with different numbers and the same text.
 *
 * Skips short texts that repeat by design ("Ibid.", "Ibid., 45.").
 *
 * Bad: `- Cai Dafeng, "…", NPC, 2023.` followed by `- 20. Cai Dafeng, "…", NPC, 2023.`
 * → Good: keep one entry, numbered 20.
 */
export const duplicateNote: Check = {
  id: 'footnote/duplicate-note',
  description: 'One label or number for two notes, or one note listed twice in the notes list.',
  defaultSeverity: 'error',
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
  for (const entries of system.entriesByKey.values()) {
    for (let i = 1; i < entries.length; i++) {
      const entry = entries[i]!;
      const first = entries[0]!;
      definitions ??= definitionsByStart(doc);
      const def = definitions.get(entry.start);
      const firstDef = definitions.get(first.start);
      reports.push({
        message: `note [^${entry.label}] is defined twice: a renderer shows only one of the two definitions`,
        start: entry.start,
        end: def ? def.labelEnd : entryLine(doc, entry).end,
        related: [{ start: first.start, end: firstDef ? firstDef.labelEnd : entryLine(doc, first).end, message: `[^${first.label}] is first defined here` }],
        data: { label: entry.label },
      });
    }
  }
}

function reportManual(doc: BriefDocument, system: NoteSystem, reports: Report[]) {
  for (const duplicate of system.duplicates) {
    const { entry, first } = duplicate;
    const written = entry.writtenNumber!;
    const fixes = duplicate.resolvedNumber !== undefined ? renumberFixes(system) : undefined;
    reports.push({
      message:
        duplicate.resolvedNumber !== undefined
          ? `two entries in the notes list are numbered ${written}; this one stands where note ${duplicate.resolvedNumber} belongs`
          : `two entries in the notes list are numbered ${written}`,
      ...entryLine(doc, entry),
      related: [{ ...entryLine(doc, first), message: `the first entry numbered ${written}` }],
      ...(fixes && { fixes }),
      data: { number: written, ...(duplicate.resolvedNumber !== undefined && { resolvedNumber: duplicate.resolvedNumber }) },
    });
  }
  for (const { entry, of } of system.repeats) {
    reports.push({
      message: `note ${of.number} is listed twice: this unnumbered entry repeats entry "${of.writtenNumber ?? of.number}." word for word`,
      ...entryLine(doc, entry),
      related: [{ ...entryLine(doc, of), message: `note ${of.number} is listed here` }],
      data: { number: of.number },
    });
  }
  // One finding per copy: a long list of repeated sources gives thousands, so each is built without spreads.
  for (const { entry, as } of system.sameTexts) {
    const line = entryLine(doc, entry);
    const asLine = entryLine(doc, as);
    reports.push({
      message: `notes ${as.number} and ${entry.number} have the same text`,
      start: line.start,
      end: line.end,
      related: [{ start: asLine.start, end: asLine.end, message: `note ${as.number} has the same text` }],
      data: { numbers: [as.number, entry.number] },
    });
  }
}
