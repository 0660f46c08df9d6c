/**
 * acronym/used-before-definition: an acronym used in the text before the
 * document defines it. Reported once, at the first use, pointing at the
 * definition; the fix moves the definition there: the first use becomes "Full
 * Name (ACR)" and the later definition the bare acronym, in one edit.
 *
 * Skipped: acronyms on the allow list; earlier occurrences in headings, the
 * notes list or all-caps lines.
 *
 * Bad:  … before the CCFEA. The Central Commission for Financial and Economic Affairs (CCFEA) was told …
 * Good: … before the Central Commission for Financial and Economic Affairs (CCFEA). The CCFEA was told …
 */
import type { Check, Report } from '../../check';
import { acronymIndex } from './analysis';
import { moveDefinitionTo } from './fixes';

export const acronymUsedBeforeDefinition: Check = {
  id: 'acronym/used-before-definition',
  description: 'An acronym used before the document defines it.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const entry of acronymIndex(ctx).entries.values()) {
      if (entry.isAllowed || entry.definitions.length === 0) continue;
      const definition = entry.definitions[0]!;
      const early = entry.uses.filter((use) => use.start < definition.start);
      if (early.length === 0) continue;
      const first = early[0]!;
      const more = early.length > 1 ? ` (${early.length} uses before it)` : '';
      const edits = moveDefinitionTo(ctx.doc, first, definition);
      reports.push({
        message: `"${first.acronym}" is used before its definition as "${definition.expansion}"${more}`,
        start: first.start,
        end: first.end,
        related: [{ start: definition.start, end: definition.end, message: `"${definition.acronym}" is defined here as "${definition.expansion}"` }],
        ...(edits ? { fixes: [{ title: `Move the definition of "${definition.acronym}" to its first use`, edits, isPreferred: true }] } : {}),
        data: { acronym: first.acronym, expansion: definition.expansion, usesBefore: early.length },
      });
    }
    return reports;
  },
};
