/**
 * The term/near-miss decision for acronyms, re-derived here so that a token
 * that rule reports ("NWNS" for NSWN) is not also reported as undefined.
 * Mirrors checks/termNearMiss.ts: all capitals, 3 to 8 characters, not a
 * termbase acronym, not allowed, not written in parentheses anywhere, outside
 * any term match, and an anagram of a termbase acronym or (from 4 letters) one
 * edit away from one.
 */
import type { CheckContext } from '../../check';
import { isWithinOneEdit } from '../termNearMiss';
import { allowedAcronyms, type AcronymUse } from './analysis';
import { useEnd } from './fixes';

const NEAR_MISS_TOKEN = /^([A-Z][A-Z0-9]{2,7})s?$/;
const NEAR_MISS_ACRONYM = /^[A-Z][A-Z0-9]{2,7}$/;
const IN_PARENTHESES = /[(（]\s*([A-Z][A-Za-z0-9&.]{1,9})\s*[,，;)）]/g;

function sortedLetters(word: string): string {
  return [...word].sort().join('');
}

function nearMissTargets(ctx: CheckContext): { acronym: string; sorted: string }[] {
  return ctx.shared('acronyms:near-miss-targets', () =>
    [...ctx.termbase.acronyms.keys()].filter((a) => NEAR_MISS_ACRONYM.test(a)).map((acronym) => ({ acronym, sorted: sortedLetters(acronym) })),
  );
}

function writtenInParentheses(ctx: CheckContext): Set<string> {
  return ctx.shared('acronyms:near-miss-parenthesised', () => {
    const found = new Set<string>();
    IN_PARENTHESES.lastIndex = 0;
    for (let m = IN_PARENTHESES.exec(ctx.doc.text); m; m = IN_PARENTHESES.exec(ctx.doc.text)) found.add(m[1]!);
    return found;
  });
}

function isInTermMatch(ctx: CheckContext, offset: number): boolean {
  const { matches } = ctx.terms;
  let low = 0;
  let high = matches.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const match = matches[mid]!;
    if (match.end <= offset) low = mid + 1;
    else if (match.start > offset) high = mid - 1;
    else return true;
  }
  return false;
}

/** True when term/near-miss reports this use as a misspelling of a termbase acronym. */
export function isLeftToNearMiss(ctx: CheckContext, use: AcronymUse): boolean {
  const parts = NEAR_MISS_TOKEN.exec(ctx.doc.text.slice(use.start, useEnd(use)));
  if (!parts) return false;
  const word = parts[1]!;
  if (ctx.termbase.acronyms.has(word) || allowedAcronyms(ctx).has(word)) return false;
  const targets = nearMissTargets(ctx);
  if (targets.length === 0) return false;
  const sorted = sortedLetters(word);
  const hasTarget = targets.some(
    (t) => (t.acronym !== word && t.sorted === sorted) || (word.length >= 4 && t.acronym.length >= 4 && isWithinOneEdit(word, t.acronym)),
  );
  return hasTarget && !writtenInParentheses(ctx).has(word) && !isInTermMatch(ctx, use.start);
}
