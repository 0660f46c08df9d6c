/**
 * term/near-miss: a token that looks like a misspelling of a known acronym, or a
 * phrase one letter away from a known multi-word term.
 *
 * Acronyms (all capitals, 3 to 8 letters): flagged when two neighbouring letters
 * of a known acronym are swapped ("SIT" for STI), when, from 4 letters, its
 * letters appear in another order after the same first letter ("NWNS" for NSWN),
 * or one letter is added, dropped or changed ("CCFAE", "CCFA").
 * Not flagged: a known acronym, one on the allow list, one the document defines
 * itself ("… (WTO)"), and words in all-capitals text (a heading or byline such
 * as "CHINA AND ITS INNOVATION SYSTEM").
 * Terms: a run of words of at least 14 characters one edit from a termbase form
 * ("modernised industrial base" for "modernized industrial base").
 */
import type { Check, CheckContext, Report } from '../check';
import type { Token } from '../match/tokens';
import { DEFAULT_ACRONYM_ALLOW_LIST } from '../options';
import { adaptReplacement } from './termText';

const ACRONYM_TOKEN = /^([A-Z][A-Z0-9]{2,7})(s?)$/;
const MIN_TERM_LENGTH = 14;

/** Optimal string alignment distance, stopping early above 1. */
export function isWithinOneEdit(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    let first = -1;
    let differences = 0;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== b[i]) {
        if (differences === 0) first = i;
        differences++;
      }
    }
    if (differences === 1) return true;
    return differences === 2 && a[first] === b[first + 1] && a[first + 1] === b[first] && first + 1 < a.length && a.slice(first + 2) === b.slice(first + 2);
  }
  const [shorter, longer] = a.length < b.length ? [a, b] : [b, a];
  let i = 0;
  while (i < shorter.length && shorter[i] === longer[i]) i++;
  return shorter.slice(i) === longer.slice(i + 1);
}

/** Same letters in another order, same first letter: "NWNS" for "NSWN". Three letters are too few to tell. */
function isAnagram(a: string, b: string): boolean {
  return a !== b && a.length >= 4 && a.length === b.length && a[0] === b[0] && [...a].sort().join('') === [...b].sort().join('');
}

/** Two neighbouring letters swapped, first letter kept: "STI" → "SIT". */
function isNeighbourSwap(a: string, b: string): boolean {
  return a.length === b.length && a[0] === b[0] && isWithinOneEdit(a, b) && [...a].sort().join('') === [...b].sort().join('');
}

/** A word in shouting text ("CHINA AND ITS INNOVATION SYSTEM", a byline): a neighbour is an all-capitals word too. */
function isInCapitalsText(text: string, tokens: Token[], t: number, known: ReadonlyMap<string, number>): boolean {
  for (const n of [t - 1, t + 1]) {
    const neighbour = tokens[n];
    if (!neighbour || neighbour.isHanzi) continue;
    const raw = text.slice(neighbour.start, neighbour.end);
    if (/^[A-Z][A-Z'-]+$/.test(raw) && !known.has(raw)) return true;
  }
  return false;
}

/** Acronyms the document defines itself: "(WTO)" or "(NSWN, 新型举国体制)". */
function acronymsDefinedInText(ctx: CheckContext): Set<string> {
  return ctx.shared('near-miss:defined', () => {
    const defined = new Set<string>();
    const pattern = /[(（]\s*([A-Z][A-Za-z0-9&.]{1,9})\s*[,，;)）]/g;
    for (let m = pattern.exec(ctx.doc.text); m; m = pattern.exec(ctx.doc.text)) defined.add(m[1]!);
    return defined;
  });
}

export const termNearMiss: Check = {
  id: 'term/near-miss',
  description: 'A likely misspelling of a known acronym or term.',
  defaultSeverity: 'warning',
  run(ctx) {
    const reports: Report[] = [];
    const acronyms = [...ctx.termbase.acronyms.keys()].filter((a) => /^[A-Z][A-Z0-9]{2,7}$/.test(a));
    const allow = new Set(ctx.options.acronymAllowList ?? DEFAULT_ACRONYM_ALLOW_LIST);
    const matchedTokens = new Set<string>();
    for (const m of ctx.terms.matches) for (let t = m.firstToken; t <= m.lastToken; t++) matchedTokens.add(`${m.run}:${t}`);

    if (acronyms.length > 0) {
      const defined = acronymsDefinedInText(ctx);
      ctx.terms.tokensByRun.forEach((tokens, runIndex) => {
        tokens.forEach((token, t) => {
          if (token.isHanzi || token.end - token.start < 3 || matchedTokens.has(`${runIndex}:${t}`)) return;
          const raw = ctx.doc.text.slice(token.start, token.end);
          const parts = ACRONYM_TOKEN.exec(raw);
          if (!parts) return;
          const [, word, plural] = parts as unknown as [string, string, string];
          if (ctx.termbase.acronyms.has(word) || allow.has(word) || defined.has(word)) return;
          if (isInCapitalsText(ctx.doc.text, tokens, t, ctx.termbase.acronyms)) return;
          const target = acronyms.find(
            (a) => isAnagram(word, a) || isNeighbourSwap(word, a) || (word.length >= 4 && a.length >= 4 && isWithinOneEdit(word, a)),
          );
          if (!target) return;
          const concept = ctx.termbase.concepts[ctx.termbase.acronyms.get(target)!]!;
          const end = token.start + word.length;
          reports.push({
            message: `"${word}" looks like a misspelling of "${target}" (${concept.preferred})`,
            start: token.start,
            end,
            fixes: [{ title: `Replace with "${target}"`, edits: [{ start: token.start, end, newText: target }], isPreferred: true }],
            data: { concept: concept.id, expected: target, plural: plural === 's' },
          });
        });
      });
    }

    reports.push(...findTermNearMisses(ctx, matchedTokens));
    return reports;
  },
};

interface FormEntry {
  keys: string[];
  joined: string;
  text: string;
  concept: number;
}

function termIndex(ctx: CheckContext) {
  return ctx.shared('near-miss:terms', () => {
    const byFirst = new Map<string, FormEntry[]>();
    const bySecond = new Map<string, FormEntry[]>();
    ctx.termbase.concepts.forEach((concept, index) => {
      for (const text of [concept.preferred, ...concept.admitted]) {
        const keys = text.toLowerCase().split(/[\s\-\u2010\u2011]+/).filter(Boolean);
        const joined = keys.join(' ');
        if (keys.length < 2 || joined.length < MIN_TERM_LENGTH) continue;
        const entry = { keys, joined, text, concept: index };
        for (const [map, key] of [[byFirst, keys[0]!], [bySecond, keys[1]!]] as const) {
          let list = map.get(key);
          if (!list) map.set(key, (list = []));
          list.push(entry);
        }
      }
    });
    return { byFirst, bySecond };
  });
}

function findTermNearMisses(ctx: CheckContext, matchedTokens: Set<string>): Report[] {
  const { byFirst, bySecond } = termIndex(ctx);
  if (byFirst.size === 0) return [];
  const reports: Report[] = [];
  ctx.terms.tokensByRun.forEach((tokens: Token[], runIndex) => {
    if (ctx.doc.runs[runIndex]!.isInNotes) return;
    for (let i = 0; i < tokens.length; i++) {
      const candidates = [...(byFirst.get(tokens[i]!.key) ?? []), ...(bySecond.get(tokens[i + 1]?.key ?? '') ?? [])];
      for (const entry of candidates) {
        const n = entry.keys.length;
        if (i + n > tokens.length) continue;
        let isFree = true;
        const words: string[] = [];
        for (let k = i; k < i + n; k++) {
          if (matchedTokens.has(`${runIndex}:${k}`) || tokens[k]!.isHanzi || (k > i && tokens[k]!.gap !== '')) isFree = false;
          words.push(tokens[k]!.key);
        }
        if (!isFree) continue;
        const joined = words.join(' ');
        if (!isWithinOneEdit(joined, entry.joined)) continue;
        const start = tokens[i]!.start;
        const end = tokens[i + n - 1]!.end;
        const written = ctx.doc.text.slice(start, end);
        const concept = ctx.termbase.concepts[entry.concept]!;
        const replacement = adaptReplacement(written, entry.text, '', concept.caseSensitive);
        const isContiguous = ctx.doc.runs[runIndex]!.segments.some((s) => s.start <= start && end <= s.end);
        reports.push({
          message: `"${written}" looks like a misspelling of "${entry.text}"`,
          start,
          end,
          fixes: isContiguous ? [{ title: `Replace with "${replacement}"`, edits: [{ start, end, newText: replacement }], isPreferred: true }] : undefined,
          data: { concept: concept.id, expected: entry.text },
        });
        for (let k = i; k < i + n; k++) matchedTokens.add(`${runIndex}:${k}`);
        i += n - 1;
        break;
      }
    }
  });
  return reports;
}
