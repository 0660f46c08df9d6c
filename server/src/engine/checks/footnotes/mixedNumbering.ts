import type { Check, Report } from '../../check';
import { noteSystems } from './analysis';
import { entryLine } from './report';

/**
 * `footnote/mixed-numbering`: a notes list that numbers some entries and not others.
 *
 * An unnumbered entry is counted on from the entry before it, so one lost or extra
 * bullet shifts every note after it without a sign. One finding for the list, on
 * its heading; the fix writes the number on every unnumbered entry, offered only
 * when the count leaves no doubt (no run of bullets too short or too long for the
 * numbers around it, no copied entry).
 *
 * Skips lists numbered throughout, lists of bullets only (counted by position), and
 * Markdown lists numbered "1." throughout (Markdown counts those itself).
 *
 * Bad: `- Owens, …` / `- 9. Gu, …` / `- Allen, …` → Good: `- 8. Owens, …` / `- 9. Gu, …` / `- 10. Allen, …`
 */
export const mixedNumbering: Check = {
  id: 'footnote/mixed-numbering',
  description: 'A notes list that numbers some entries and leaves others unnumbered.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const system of noteSystems(ctx)) {
      if (!system.isMixed) continue;
      const total = system.entries.length;
      const unnumbered = total - system.numberedCount;
      const heading = system.notesHeading;
      const where = heading ? { start: heading.textStart, end: heading.textEnd } : entryLine(ctx.doc, system.entries[0]!);
      const fix = system.numberEveryEntry();
      reports.push({
        message: `the notes list numbers ${system.numberedCount} of its ${total} entries and leaves ${unnumbered} unnumbered, which are counted on from the number before them`,
        ...where,
        ...(fix && { fixes: [fix] }),
        data: { numbered: system.numberedCount, total },
      });
    }
    return reports;
  },
};
