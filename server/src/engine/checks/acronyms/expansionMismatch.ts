/**
 * acronym/expansion-mismatch: a definition whose expansion differs from the
 * termbase's for that acronym. Compared after setting aside case, hyphens,
 * spaces, quotes, punctuation and plural; an admitted form of the concept is
 * fine, and so are qualifying words in front of the termbase's name.
 *
 * When the expansion is the termbase's name of another concept ("new-style
 * whole-of-nation system (GDP)"), the acronym is the slip: the fix writes that
 * concept's acronym instead of rewriting the name.
 *
 * Skipped: definitions in the notes list; acronyms the termbase does not know.
 *
 * Bad:  state-operated enterprises (SOEs)
 * Good: state-owned enterprises (SOEs)
 */
import type { Check, CheckContext, Report } from '../../check';
import type { TermMatch } from '../../match/matcher';
import type { Fix } from '../../types';
import { adaptReplacement } from '../termText';
import { acronymIndex } from './analysis';
import { conceptForms, type AcronymDefinition } from './definitions';
import { isSameOrQualified, normalizeExpansion } from './expansion';
import { partitionPoint } from '../../partitionPoint';

/**
 * The other termbase concept whose English name the expansion is, if any: the match of
 * that name, which may begin before the words taken as the expansion ("new-style
 * whole-of-nation system (GDP)"). Then the writer named a known concept and the acronym
 * is the suspect, not the name: rewriting the name would undo what hanzi beside it say
 * (term/mismatch rewrites it back) and lose the concept the writer meant.
 */
export function otherConceptNamed(ctx: CheckContext, definition: AcronymDefinition): TermMatch | undefined {
  const { matches } = ctx.terms;
  const low = partitionPoint(matches.length, (i) => matches[i]!.start < definition.expansionStart);
  for (let i = Math.max(0, low - 1); i < matches.length && matches[i]!.start < definition.expansionEnd; i++) {
    const match = matches[i]!;
    if (match.end <= definition.expansionStart || match.concept === definition.concept) continue;
    if (match.form.kind !== 'preferred' && match.form.kind !== 'admitted') continue;
    const isCovering = match.start <= definition.expansionStart && definition.expansionEnd <= match.end;
    const isInside = definition.expansionStart <= match.start && match.end <= definition.expansionEnd;
    if (!isCovering && !isInside) continue;
    // Compared as expansion-mismatch compares, so that the concept's acronym in its place is no mismatch.
    const name = normalizeExpansion(isCovering ? ctx.doc.text.slice(match.start, match.end) : definition.expansion);
    if (conceptForms(ctx.termbase, match.concept).some((form) => isSameOrQualified(form.normalized, name))) return match;
  }
  return undefined;
}

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
      const message = `"${definition.acronym}" is expanded here as "${definition.expansion}"; the termbase has "${concept.preferred}"`;
      const data = { acronym: definition.acronym, concept: concept.id, expected: concept.preferred };
      const named = otherConceptNamed(ctx, definition);
      if (named !== undefined) {
        const other = ctx.termbase.concepts[named.concept]!;
        const name = ctx.doc.text.slice(named.start, named.end);
        const otherAcronym = other.acronym;
        const canSwap = otherAcronym !== undefined && otherAcronym !== '' && ctx.doc.text.slice(definition.start, definition.end) === definition.acronym;
        const fixes: Fix[] = canSwap
          ? [{ title: `Replace "${definition.acronym}" with "${otherAcronym}"`, edits: [{ start: definition.start, end: definition.end, newText: otherAcronym }], isPreferred: true }]
          : [];
        reports.push({
          message: `"${definition.acronym}" stands here for "${name}", ${otherAcronym ? `which the termbase abbreviates "${otherAcronym}"` : 'another concept of the termbase'}; it expands "${definition.acronym}" as "${concept.preferred}"`,
          start: definition.expansionStart,
          end: definition.expansionEnd,
          ...(fixes.length > 0 ? { fixes } : {}),
          data: { ...data, named: other.id },
        });
        continue;
      }
      const replacement = adaptReplacement(written, concept.preferred, definition.isPlural ? 's' : '', concept.caseSensitive);
      const canReplace = definition.isContiguous && !/["“”]/.test(written);
      reports.push({
        message,
        start: definition.expansionStart,
        end: definition.expansionEnd,
        ...(canReplace
          ? { fixes: [{ title: `Replace with "${replacement}"`, edits: [{ start: definition.expansionStart, end: definition.expansionEnd, newText: replacement }], isPreferred: definition.basis !== 'position' }] }
          : {}),
        data,
      });
    }
    return reports;
  },
};
