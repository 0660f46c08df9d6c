/**
 * term/deprecated: a deprecated or forbidden variant of a termbase concept.
 *
 * Flags: "the dual cycle strategy" when the termbase deprecates it for 双循环.
 * Fix: replace with the preferred form ("dual circulation strategy"), keeping a
 * capital first letter and a plural. Skips the notes list (cited titles are quoted as published).
 */
import type { Check, Report } from '../check';
import { adaptReplacement, matchedText } from './termText';

export const termDeprecated: Check = {
  id: 'term/deprecated',
  description: 'A deprecated or forbidden rendering of a termbase concept.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    for (const match of ctx.terms.matches) {
      if (match.form.kind !== 'deprecated' || ctx.doc.runs[match.run]!.isInNotes) continue;
      const concept = ctx.termbase.concepts[match.concept]!;
      const written = matchedText(ctx.doc.text, match);
      const replacement = adaptReplacement(written, concept.preferred, match.pluralSuffix, concept.caseSensitive);
      const zh = concept.zh[0] ? ` (${concept.zh[0]})` : '';
      reports.push({
        message: `"${written}" is a deprecated rendering; use "${concept.preferred}"${zh}`,
        start: match.start,
        end: match.end,
        fixes: match.isContiguous
          ? [{ title: `Replace with "${replacement}"`, edits: [{ start: match.start, end: match.end, newText: replacement }], isPreferred: true }]
          : undefined,
        data: { concept: concept.id, preferred: concept.preferred },
      });
    }
    return reports;
  },
};
