/**
 * acronym/redefined: an acronym defined a second time with a different
 * expansion. Reported at each later definition that differs from the first,
 * pointing at the first.
 *
 * Same expansion (not reported): differences of case, hyphens, spaces,
 * quotes, punctuation or plural; qualifying words in front of the same name
 * ("University of California Institute on Global Conflict and Cooperation" and
 * "Institute on Global Conflict and Cooperation"); two forms of one termbase concept.
 *
 * Fix: use the first expansion, unless the termbase expands the acronym
 * otherwise (then acronym/expansion-mismatch offers the termbase's) or the
 * later expansion is the name of another termbase concept.
 *
 * Bad:  the new-style whole-of-nation system (NSWN) … a national strategic work network (NSWN)
 * Good: the new-style whole-of-nation system (NSWN) … the NSWN
 */
import type { Check, Report } from '../../check';
import { acronymIndex } from './analysis';
import { conceptForms, type AcronymDefinition } from './definitions';
import { isSameOrQualified, normalizeExpansion } from './expansion';
import { otherConceptNamed } from './expansionMismatch';

function span(definition: AcronymDefinition): { start: number; end: number } {
  return { start: Math.min(definition.start, definition.expansionStart), end: Math.max(definition.end, definition.expansionEnd) };
}

export const acronymRedefined: Check = {
  id: 'acronym/redefined',
  description: 'An acronym defined twice with different expansions.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const entry of acronymIndex(ctx).entries.values()) {
      if (entry.definitions.length < 2) continue;
      const first = entry.definitions[0]!;
      const firstNormalized = normalizeExpansion(first.expansion);
      const forms = conceptForms(ctx.termbase, entry.concept);
      const isConceptForm = (normalized: string) => forms.some((form) => isSameOrQualified(form.normalized, normalized));
      const isFirstAccepted = forms.length === 0 || isConceptForm(firstNormalized);
      for (const later of entry.definitions.slice(1)) {
        const normalized = normalizeExpansion(later.expansion);
        if (isSameOrQualified(firstNormalized, normalized) || isSameOrQualified(normalized, firstNormalized)) continue;
        if (isConceptForm(firstNormalized) && isConceptForm(normalized)) continue;
        // When the first expansion is not the termbase's either, expansion-mismatch rewrites it;
        // copying it here would undo that fix at this definition, and back again. When the later
        // expansion names another termbase concept, the acronym is the slip, not the name.
        const canReplace = isFirstAccepted && later.isContiguous && otherConceptNamed(ctx, later) === undefined && !/["“”]/.test(ctx.doc.text.slice(later.expansionStart, later.expansionEnd));
        reports.push({
          message: `"${later.acronym}" is defined again as "${later.expansion}"; it was first defined as "${first.expansion}"`,
          ...span(later),
          related: [{ ...span(first), message: `"${first.acronym}" is first defined here as "${first.expansion}"` }],
          ...(canReplace
            ? { fixes: [{ title: `Use the first expansion, "${first.expansion}"`, edits: [{ start: later.expansionStart, end: later.expansionEnd, newText: first.expansion }] }] }
            : {}),
          data: { acronym: later.acronym, expansion: later.expansion, firstExpansion: first.expansion },
        });
      }
    }
    return reports;
  },
};
