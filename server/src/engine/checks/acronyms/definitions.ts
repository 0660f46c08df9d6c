/**
 * Finds acronym definitions in the forms writers use:
 *   "state-owned enterprise (SOE)", "ACR (Full Name)",
 *   "the new-style whole-of-nation system (NSWN, 新型举国体制)", "(新型举国体制, NSWN)".
 * A parenthesised acronym counts as a definition only when the words before it
 * plausibly spell it (Schwartz & Hearst's algorithm: every letter of the
 * acronym found in order in the long form, the first at the start of a word).
 */
import type { BriefDocument } from '../../document/model';
import { findParentheticals, runText } from '../../parentheticals';

export interface AcronymDefinition {
  acronym: string;
  expansion: string;
  /** The acronym as written in the definition. */
  start: number;
  end: number;
  /** The expansion as written (may include markup when it spans emphasis). */
  expansionStart: number;
  expansionEnd: number;
  /** Hanzi given in the same parenthetical, if any. */
  zh?: string;
  isInNotes: boolean;
  isInHeading: boolean;
}

/** "NSWN", "R&D", "S&T", "U.S.", "MoST", "SOEs" (the plural is not part of the acronym). */
export const ACRONYM_SHAPE = /^(?=(?:[^A-Z]*[A-Z]){2})[A-Z][A-Za-z]*(?:[&.][A-Z][A-Za-z]*)*\.?$/;

export function stripPlural(word: string): string {
  return /[A-Z]s$/.test(word) ? word.slice(0, -1) : word;
}

/** The start offset (within `long`) of the shortest long form that spells `acronym`, or -1. */
export function matchLongForm(acronym: string, long: string): number {
  let s = acronym.length - 1;
  let l = long.length - 1;
  const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  while (s >= 0) {
    const c = acronym[s]!.toLowerCase();
    if (!isAlnum(c)) {
      s--;
      continue;
    }
    while (l >= 0 && (long[l]!.toLowerCase() !== c || (s === 0 && l > 0 && isAlnum(long[l - 1])))) l--;
    if (l < 0) return -1;
    l--;
    s--;
  }
  return l + 1;
}

const SENTENCE_BREAK = /[.;:!?]\s|[.;:!?]$/g;

export function findAcronymDefinitions(doc: BriefDocument): AcronymDefinition[] {
  const definitions: AcronymDefinition[] = [];
  for (const p of findParentheticals(doc, [])) {
    const run = doc.runs[p.run]!;
    const block = doc.blocks[run.blockIndex]!;
    const acronymPart = p.parts.find((part) => !part.hasHanzi && ACRONYM_SHAPE.test(stripPlural(part.text)) && !/\s/.test(part.text));
    const zh = p.parts.find((part) => part.hasHanzi)?.text.replace(/\s+/g, '');
    const base = { isInNotes: run.isInNotes, isInHeading: block.type === 'heading', ...(zh ? { zh } : {}) };
    const { text, offsets } = runText(doc, run);
    const toSource = (i: number) => (offsets.length > 0 ? offsets[i] ?? run.end : run.start + i);
    const local = offsets.length > 0 ? offsets.indexOf(p.open) : p.open - run.start;

    if (acronymPart) {
      // "Full Name (ACR)": look back to the sentence start, at most a few words per letter.
      const acronym = stripPlural(acronymPart.text);
      let before = text.slice(0, local);
      SENTENCE_BREAK.lastIndex = 0;
      let sentenceStart = 0;
      for (let m = SENTENCE_BREAK.exec(before); m; m = SENTENCE_BREAK.exec(before)) sentenceStart = m.index + m[0].length;
      const letters = acronym.replace(/[^A-Za-z0-9]/g, '').length;
      const words = before.slice(sentenceStart).split(/(?<=\s)/);
      const window = words.slice(-Math.min(letters + 5, letters * 2 + 1)).join('');
      const windowStart = local - window.length;
      const at = matchLongForm(acronym, window.replace(/["“”]/g, ' '));
      if (at >= 0) {
        const raw = window.slice(at);
        const trimmedEnd = raw.replace(/[\s"“”'’*_]+$/, '');
        const lead = trimmedEnd.length - trimmedEnd.replace(/^[\s"“”'‘*_]+/, '').length;
        const expansion = trimmedEnd.slice(lead).replace(/["“”]/g, '').replace(/\s+/g, ' ');
        if (expansion.length > acronym.length) {
          definitions.push({
            acronym,
            expansion,
            start: acronymPart.start,
            end: acronymPart.start + acronym.length,
            expansionStart: toSource(windowStart + at + lead),
            expansionEnd: toSource(windowStart + at + trimmedEnd.length - 1) + 1,
            ...base,
          });
          continue;
        }
      }
    }
    // "ACR (Full Name)": an acronym right before the parenthesis, spelled by its content.
    const englishPart = p.parts.find((part) => !part.hasHanzi && /\s/.test(part.text));
    if (!englishPart) continue;
    const previous = /([A-Z][A-Za-z&.]*[A-Za-z.])\s*$/.exec(text.slice(0, local));
    if (!previous) continue;
    const acronym = stripPlural(previous[1]!);
    if (!ACRONYM_SHAPE.test(acronym)) continue;
    if (matchLongForm(acronym, englishPart.text) !== 0) continue;
    const acronymStart = toSource(local - previous[0].length);
    definitions.push({
      acronym,
      expansion: englishPart.text.replace(/\s+/g, ' '),
      start: acronymStart,
      end: acronymStart + acronym.length,
      expansionStart: englishPart.start,
      expansionEnd: englishPart.end,
      ...base,
    });
  }
  return definitions;
}
