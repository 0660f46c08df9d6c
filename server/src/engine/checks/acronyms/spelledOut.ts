/**
 * An acronym spelled out in the same paragraph without parentheses: "the UC
 * Institute … a network of researchers across the University of California".
 * The reader has the expansion in front of them, so acronym/undefined stays quiet.
 * Capitalised names only, their content words' initials spelling the acronym.
 */
import type { CheckContext } from '../../check';
import type { AcronymUse } from './analysis';

const CONNECTORS = new Set(['of', 'and', 'for', 'on', 'the', 'de', 'in', 'at', '&']);
const UPPER = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** "University", "Économie": a capital then a small letter. */
function isCapitalisedWord(text: string, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const first = text.charCodeAt(start);
  const second = text.charCodeAt(start + 1);
  const isFirstUpper = first < 128 ? first >= 65 && first <= 90 : UPPER.test(text[start]!);
  const isSecondLower = second < 128 ? second >= 97 && second <= 122 : LOWER.test(text[start + 1]!);
  return isFirstUpper && isSecondLower;
}

/** The initials of every capitalised name in a paragraph ("University of California" → "UC"), distinct. */
function namesInitials(ctx: CheckContext, blockIndex: number, anyRun: number): string[] {
  const { doc } = ctx;
  const names = new Set<string>();
  let first = anyRun;
  while (first > 0 && doc.runs[first - 1]!.blockIndex === blockIndex) first--;
  for (let r = first; r < doc.runs.length && doc.runs[r]!.blockIndex === blockIndex; r++) {
    let name = '';
    for (const token of ctx.terms.tokensByRun[r] ?? []) {
      if (token.gap !== '' && name.length > 0) {
        if (name.length >= 2) names.add(name);
        name = '';
      }
      if (!token.isHanzi && isCapitalisedWord(doc.text, token.start, token.end)) name += doc.text[token.start];
      else if (!(name.length > 0 && CONNECTORS.has(token.key))) {
        if (name.length >= 2) names.add(name);
        name = '';
      }
    }
    if (name.length >= 2) names.add(name);
  }
  return [...names];
}

/** True when the paragraph of `use` writes out a capitalised name whose initials are the acronym's capitals. */
export function isSpelledOutNearby(ctx: CheckContext, use: AcronymUse): boolean {
  const run = ctx.doc.runs[use.run];
  if (!run) return false;
  const capitals = use.acronym.replace(/[^A-Z]/g, '');
  if (capitals.length < 2) return false;
  const names = ctx.shared(`acronyms:names:${run.blockIndex}`, () => namesInitials(ctx, run.blockIndex, use.run));
  return names.some((name) => name.includes(capitals));
}
