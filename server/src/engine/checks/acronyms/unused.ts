/**
 * acronym/unused: an acronym defined and then never used again, so the reader
 * is asked to learn an abbreviation for nothing. A hint; the fix drops the
 * acronym from the definition ("Full Name (ACR)" → "Full Name", "(ACR, 中文)" →
 * "(中文)", "ACR (Full Name)" → "Full Name").
 *
 * Counted as a later use: any occurrence after the first definition, including
 * one in a heading ("About MERICS"), the notes list or an all-caps line.
 * Skipped: definitions in the notes list; an acronym used only before its
 * definition (acronym/used-before-definition reports that).
 *
 * Bad:  … told the Central Commission for Financial and Economic Affairs (CCFEA) that … (and no CCFEA later)
 * Good: … told the Central Commission for Financial and Economic Affairs that …
 */
import type { Check, Report } from '../../check';
import { acronymIndex } from './analysis';
import { removeAcronym } from './fixes';

export const acronymUnused: Check = {
  id: 'acronym/unused',
  description: 'An acronym defined and then never used again.',
  defaultSeverity: 'hint',
  run(ctx) {
    const reports: Report[] = [];
    for (const entry of acronymIndex(ctx).entries.values()) {
      const definition = entry.definitions[0];
      if (!definition || entry.occurrences.some((o) => o.start >= definition.end)) continue;
      // Used only before its definition: acronym/used-before-definition moves the definition there.
      if (!entry.isAllowed && entry.uses.some((use) => use.start < definition.start)) continue;
      const edits = removeAcronym(ctx.doc, definition);
      reports.push({
        message: `"${definition.acronym}" is defined but never used again: the acronym is not needed`,
        start: definition.start,
        end: definition.end,
        ...(edits ? { fixes: [{ title: `Remove the acronym "${definition.acronym}" from its definition`, edits, isPreferred: true }] } : {}),
        data: { acronym: definition.acronym, expansion: definition.expansion },
      });
    }
    return reports;
  },
};
