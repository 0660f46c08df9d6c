/**
 * acronym/expansion-mismatch: a definition whose expansion differs from the
 * termbase's for that acronym. Compared after setting aside case, hyphens,
 * spaces, quotes, punctuation and plural; an admitted form of the concept is
 * fine, and so are qualifying words in front of the termbase's name.
 *
 * Skipped: definitions in the notes list; acronyms the termbase does not know.
 *
 * Bad:  state-operated enterprises (SOEs)
 * Good: state-owned enterprises (SOEs)
 */
import type { Check, Report } from '../../check';
import { adaptReplacement } from '../termText';
import { acronymIndex } from './analysis';
import { conceptForms } from './definitions';
import { isSameOrQualified, normalizeExpansion } from './expansion';

export const acronymExpansionMismatch: Check = {
  id: 'acronym/expansion-mismatch',
  description: "An acronym defined with an expansion other than the termbase's.",
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const definition of acronymIndex(ctx).definitions) {
      if (definition.isInNotes || definition.concept === undefined) continue;
      const concept = ctx.termbase.concepts[definition.concept];
      if (!concept) continue;
      const normalized = normalizeExpansion(definition.expansion);
      if (conceptForms(ctx.termbase, definition.concept).some((form) => isSameOrQualified(form.normalized, normalized))) continue;
      const written = ctx.doc.text.slice(definition.expansionStart, definition.expansionEnd);
      const replacement = adaptReplacement(written, concept.preferred, definition.isPlural ? 's' : '', concept.caseSensitive);
      const canReplace = definition.isContiguous && !/["“”]/.test(written);
      reports.push({
        message: `"${definition.acronym}" is expanded here as "${definition.expansion}"; the termbase has "${concept.preferred}"`,
        start: definition.expansionStart,
        end: definition.expansionEnd,
        ...(canReplace
          ? { fixes: [{ title: `Replace with "${replacement}"`, edits: [{ start: definition.expansionStart, end: definition.expansionEnd, newText: replacement }], isPreferred: definition.basis !== 'position' }] }
          : {}),
        data: { acronym: definition.acronym, concept: concept.id, expected: concept.preferred },
      });
    }
    return reports;
  },
};
