/**
 * term/mismatch: an English term glossed with the hanzi of another concept, or
 * hanzi glossed with the English of another concept.
 *
 * Flags: "modern industrial base (现代化产业体系)": 现代化产业体系 is the
 * modernized industrial base. Clean: "modern industrial base (现代产业体系)" and,
 * a few words later, "modernized industrial base (现代 化产业体系)". Only exact
 * matches count on both sides: a parenthetical that merely contains a known term
 * is left to term/unknown-zh. Skips the notes list.
 */
import type { Check, Report } from '../check';
import type { Fix } from '../types';
import { parentheticalsOf } from '../parentheticals';
import type { TermMatch } from '../match/matcher';

const isHanziForm = (m: TermMatch) => m.form.kind === 'zh' || m.form.kind === 'zhTraditional';

export const termMismatch: Check = {
  id: 'term/mismatch',
  description: 'An English term paired with the hanzi of another concept, or hanzi with the English of another.',
  defaultSeverity: 'error',
  run(ctx) {
    const reports: Report[] = [];
    const { concepts } = ctx.termbase;
    for (const p of parentheticalsOf(ctx)) {
      // Most parentheticals hold no term: skip them before building any list.
      if (p.isInNotes || !p.parts.some((part) => part.match)) continue;
      const hanziParts = p.parts.filter((part) => part.match && isHanziForm(part.match));
      const englishParts = p.parts.filter((part) => part.match && !isHanziForm(part.match) && part.match.form.kind !== 'acronym');
      // English before, hanzi inside: "modern industrial base (现代化产业体系)".
      const english = p.before && !isHanziForm(p.before) && p.before.form.kind !== 'acronym' ? p.before : englishParts[0]?.match;
      for (const part of hanziParts) {
        const hanzi = part.match!;
        if (!english || english.concept === hanzi.concept) continue;
        const hanziConcept = concepts[hanzi.concept]!;
        const englishConcept = concepts[english.concept]!;
        const fixes: Fix[] = [];
        if (englishConcept.zh[0]) {
          fixes.push({ title: `Replace with ${englishConcept.zh[0]} (${englishConcept.preferred})`, edits: [{ start: part.start, end: part.end, newText: englishConcept.zh[0] }] });
        }
        if (english.isContiguous) {
          fixes.push({ title: `Replace the English with "${hanziConcept.preferred}"`, edits: [{ start: english.start, end: english.end, newText: hanziConcept.preferred }] });
        }
        reports.push({
          message: `${part.text} is "${hanziConcept.preferred}", but it glosses "${ctx.doc.text.slice(english.start, english.end)}" (${englishConcept.zh[0] ?? englishConcept.preferred})`,
          start: part.start,
          end: part.end,
          related: [{ start: english.start, end: english.end, message: `the English term, "${englishConcept.preferred}"` }],
          fixes,
          data: { concept: hanziConcept.id, glossed: englishConcept.id },
        });
      }
      // Hanzi before, English inside: "现代产业体系 (modernized industrial base)".
      if (p.before && isHanziForm(p.before)) {
        const hanzi = p.before;
        for (const part of englishParts) {
          const englishMatch = part.match!;
          if (englishMatch.concept === hanzi.concept) continue;
          const hanziConcept = concepts[hanzi.concept]!;
          const englishConcept = concepts[englishMatch.concept]!;
          reports.push({
            message: `"${part.text}" is ${englishConcept.zh[0] ?? englishConcept.preferred}, but it glosses ${ctx.doc.text.slice(hanzi.start, hanzi.end)} ("${hanziConcept.preferred}")`,
            start: part.start,
            end: part.end,
            related: [{ start: hanzi.start, end: hanzi.end, message: `the Chinese term, "${hanziConcept.preferred}"` }],
            fixes: [{ title: `Replace with "${hanziConcept.preferred}"`, edits: [{ start: part.start, end: part.end, newText: hanziConcept.preferred }] }],
            data: { concept: englishConcept.id, glossed: hanziConcept.id },
          });
        }
      }
    }
    return reports;
  },
};
