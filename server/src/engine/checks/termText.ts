/** Small helpers the term checks share: quoting, replacement text that keeps case and plural. */
import type { CompiledTermbase, TermMatch } from '../match/matcher';
import type { Concept } from '../termbase/model';

/** "`NSWN` (new-style whole-of-nation system)" style labels for messages. */
export function conceptLabel(concept: Concept): string {
  const zh = concept.zh[0] ? `, ${concept.zh[0]}` : '';
  return `${concept.preferred}${zh}`;
}

/**
 * The text to put in place of a match: keeps a capital first letter (sentence
 * start) and the plural suffix the writer used.
 */
export function adaptReplacement(matchedText: string, replacement: string, pluralSuffix: string, isCaseSensitive = false): string {
  let result = pluralSuffix ? pluralize(replacement) : replacement;
  const first = matchedText.codePointAt(0);
  const isUpperStart = first !== undefined && String.fromCodePoint(first) !== String.fromCodePoint(first).toLowerCase();
  if (!isCaseSensitive && isUpperStart && /^\p{Ll}/u.test(result) && !/^\p{Lu}{2}/u.test(matchedText)) {
    result = result.charAt(0).toUpperCase() + result.slice(1);
  }
  return result;
}

/** English plural of a term's last word: "strategy" → "strategies", "tax" → "taxes", "base" → "bases". */
export function pluralize(term: string): string {
  if (/[^aeiou]y$/i.test(term)) return `${term.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/i.test(term)) return `${term}es`;
  return `${term}s`;
}

export function matchedText(text: string, match: TermMatch): string {
  return text.slice(match.start, match.end);
}

export function conceptOf(termbase: CompiledTermbase, match: TermMatch): Concept {
  return termbase.concepts[match.concept]!;
}

export function isEnglishRendering(match: TermMatch): boolean {
  return match.form.kind === 'preferred' || match.form.kind === 'admitted';
}
