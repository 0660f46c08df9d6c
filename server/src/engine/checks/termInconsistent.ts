/**
 * term/inconsistent: one concept rendered in two different English forms in one
 * document ("modernized industrial base" … later "modernized industrial system").
 *
 * The first rendering sets the document's choice; each later, different one is
 * flagged with related information pointing at the first. Fixes: use the first
 * rendering (preferred fix), or the termbase's preferred form when that is a
 * third one (written at the first rendering too, which sets the choice). Skips deprecated forms (term/deprecated reports them), acronyms,
 * hanzi, and the notes list (cited titles keep their own wording).
 */
import type { Check, Report } from '../check';
import type { TermForm, TermMatch } from '../match/matcher';
import { formKey } from '../termbase/merge';
import { adaptReplacement, isEnglishRendering, matchedText } from './termText';

/** A form's comparison key, computed once per compiled form rather than once per match. */
const formKeys = new WeakMap<TermForm, string>();
function keyOf(form: TermForm): string {
  let key = formKeys.get(form);
  if (key === undefined) {
    key = formKey(form.text);
    formKeys.set(form, key);
  }
  return key;
}

export const termInconsistent: Check = {
  id: 'term/inconsistent',
  description: 'One concept rendered in two different English forms in one document.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    const first = new Map<number, { match: TermMatch; key: string }>();
    for (const match of ctx.terms.matches) {
      if (!isEnglishRendering(match) || ctx.doc.runs[match.run]!.isInNotes) continue;
      const key = keyOf(match.form);
      const earlier = first.get(match.concept);
      if (!earlier) {
        first.set(match.concept, { match, key });
        continue;
      }
      if (earlier.key === key) continue;
      const concept = ctx.termbase.concepts[match.concept]!;
      const written = matchedText(ctx.doc.text, match);
      const firstForm = earlier.match.form.text;
      const line = ctx.doc.lines.positionAt(earlier.match.start).line + 1;
      const isFirstPreferred = earlier.match.form.kind === 'preferred';
      const preferredNote = isFirstPreferred ? ', the preferred form' : `; the termbase prefers "${concept.preferred}"`;
      const fixes = [];
      if (match.isContiguous) {
        const toFirst = adaptReplacement(written, firstForm, match.pluralSuffix, concept.caseSensitive);
        fixes.push({ title: `Use the first rendering "${toFirst}"`, edits: [{ start: match.start, end: match.end, newText: toFirst }], isPreferred: true });
        // The first rendering sets the document's choice, so the preferred form resolves this
        // inconsistency only when the first rendering takes it too.
        if (!isFirstPreferred && match.form.kind !== 'preferred' && earlier.match.isContiguous) {
          const toPreferred = adaptReplacement(written, concept.preferred, match.pluralSuffix, concept.caseSensitive);
          const firstWritten = matchedText(ctx.doc.text, earlier.match);
          const firstToPreferred = adaptReplacement(firstWritten, concept.preferred, earlier.match.pluralSuffix, concept.caseSensitive);
          fixes.push({
            title: `Use the preferred form "${toPreferred}" here and at the first rendering`,
            edits: [
              { start: earlier.match.start, end: earlier.match.end, newText: firstToPreferred },
              { start: match.start, end: match.end, newText: toPreferred },
            ],
          });
        }
      }
      reports.push({
        message: `"${written}" renders the same concept as "${matchedText(ctx.doc.text, earlier.match)}" (line ${line}${preferredNote}); keep one rendering`,
        start: match.start,
        end: match.end,
        related: [{ start: earlier.match.start, end: earlier.match.end, message: `first rendered here as "${firstForm}"` }],
        fixes,
        data: { concept: concept.id, first: firstForm, preferred: concept.preferred },
      });
    }
    return reports;
  },
};
