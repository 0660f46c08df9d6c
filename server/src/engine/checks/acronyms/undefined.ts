/**
 * acronym/undefined: an acronym used in the text that the document never
 * defines. Reported once, at the first use, with the number of uses; when the
 * termbase knows the acronym the message names its expansion and the fix
 * spells it out there ("SOE" → "state-owned enterprise (SOE)").
 *
 * Skipped: acronyms on the allow list; occurrences in headings, in the notes
 * list and in all-caps lines (bylines); tokens with digits ("C919", "5G");
 * Roman numerals; a near-miss of a termbase acronym ("NWNS": term/near-miss
 * reports it); an acronym whose capitalised name is written out in the same
 * paragraph; acronyms the document defines later (acronym/used-before-definition).
 *
 * Bad:  Cui directs research at the China Institute for WTO Studies.
 * Good: China joined the World Trade Organization (WTO) in 2001. Cui directs research at the China Institute for WTO Studies.
 */
import type { Check, Report } from '../../check';
import { acronymIndex } from './analysis';
import { defineAtUse, isUseEditable } from './fixes';
import { isLeftToNearMiss } from './nearMiss';
import { isSpelledOutNearby } from './spelledOut';

const MAX_RELATED = 10;

export const acronymUndefined: Check = {
  id: 'acronym/undefined',
  description: 'An acronym used in the text and never defined in the document.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const entry of acronymIndex(ctx).entries.values()) {
      if (entry.uses.length === 0 || entry.definitions.length > 0 || entry.isAllowed) continue;
      const first = entry.uses[0]!;
      if (isLeftToNearMiss(ctx, first) || isSpelledOutNearby(ctx, first)) continue;
      const concept = entry.concept !== undefined ? ctx.termbase.concepts[entry.concept] : undefined;
      const count = entry.uses.length === 1 ? 'once' : `${entry.uses.length} times`;
      const expansion = concept?.preferred;
      const report: Report = {
        message: expansion
          ? `"${first.acronym}" is used ${count} and never defined; the termbase expands it as "${expansion}"`
          : `"${first.acronym}" is used ${count} and never defined`,
        start: first.start,
        end: first.end,
        data: { acronym: first.acronym, uses: entry.uses.length, ...(concept ? { concept: concept.id, expansion } : {}) },
      };
      if (entry.uses.length > 1) {
        report.related = entry.uses.slice(1, 1 + MAX_RELATED).map((use) => ({ start: use.start, end: use.end, message: `"${use.acronym}" is also used here` }));
      }
      if (expansion && isUseEditable(ctx.doc, first)) {
        report.fixes = [{ title: `Define "${first.acronym}" here as "${expansion} (${first.acronym})"`, edits: defineAtUse(ctx.doc, first, expansion), isPreferred: true }];
      }
      reports.push(report);
    }
    return reports;
  },
};
