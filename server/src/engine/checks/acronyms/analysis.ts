/**
 * The acronym index of a document, computed once per analysis and shared by
 * the acronym checks, hovers and go-to-definition: every definition, every
 * occurrence of an acronym (linked to the definition in force), and per
 * acronym what the checks need.
 *
 * An occurrence is a token that reads as an acronym (see shape.ts) or is a
 * termbase acronym. Only occurrences in body prose are *uses* that need a
 * definition; those in headings, in the notes list and in all-caps lines
 * (bylines, shouted titles) are kept for hovers and keep a definition from
 * counting as unused, but need none themselves.
 */
import type { CheckContext } from '../../check';
import type { Token } from '../../match/tokens';
import { parentheticalsOf } from '../../parentheticals';
import { DEFAULT_ACRONYM_ALLOW_LIST } from '../../options';
import { findAcronymDefinitions, termbaseAcronyms, type AcronymDefinition } from './definitions';
import { changesInLowerCode, changesInUpperCode } from './letterCase';
import { acronymKey, isCommonCapsWord, parseAcronym } from './shape';

export type { AcronymDefinition } from './definitions';

/** Where an occurrence stands: only `prose` occurrences need a definition. */
export type OccurrenceContext = 'prose' | 'heading' | 'notes' | 'caps';

/** One occurrence of an acronym (not its definition). */
export interface AcronymUse {
  /** The acronym as written, without a plural "s" ("SOE" for "SOEs", "U.S." with its full stop). */
  acronym: string;
  start: number;
  /** End of the acronym, before a plural "s". */
  end: number;
  /** The definition in force for this use (the last one before it), if the document defines the acronym. */
  definition?: AcronymDefinition;
  isPlural: boolean;
  context: OccurrenceContext;
  /** Index of the prose run. */
  run: number;
}

/** Everything about one acronym (by `acronymKey`) in the document. */
export interface AcronymEntry {
  key: string;
  /** As first written in the document. */
  acronym: string;
  /** Definitions outside the notes list, in document order. */
  definitions: AcronymDefinition[];
  /** Occurrences in body prose: the ones that need a definition. */
  uses: AcronymUse[];
  /** Every occurrence, in any context. */
  occurrences: AcronymUse[];
  /** Index into `CompiledTermbase.concepts` when the termbase knows the acronym. */
  concept?: number;
  /** On the allow list: needs no definition. */
  isAllowed: boolean;
}

export interface AcronymIndex {
  /** Every definition, notes list included, in document order. */
  definitions: AcronymDefinition[];
  /** Every occurrence in document order (see `AcronymUse.context`). */
  uses: AcronymUse[];
  /** Per acronym, in order of first appearance. */
  entries: Map<string, AcronymEntry>;
}

/** The acronym definitions and uses of the document, computed once per analysis. */
export function acronymIndex(ctx: CheckContext): AcronymIndex {
  return ctx.shared('acronyms', () => buildIndex(ctx));
}

/** The allow list in force, by `acronymKey`. */
export function allowedAcronyms(ctx: CheckContext): Set<string> {
  return ctx.shared('acronyms:allow', () => new Set((ctx.options.acronymAllowList ?? DEFAULT_ACRONYM_ALLOW_LIST).map(acronymKey)));
}

function buildIndex(ctx: CheckContext): AcronymIndex {
  const { doc } = ctx;
  const { text } = doc;
  const definitions = findAcronymDefinitions(doc, ctx.termbase, parentheticalsOf(ctx)).sort((a, b) => a.start - b.start);
  const known = termbaseAcronyms(ctx.termbase);
  const allowed = allowedAcronyms(ctx);
  const definitionStarts = new Set(definitions.map((d) => d.start));
  const hasWordLikeKnown = [...known.keys()].some((key) => key.length > 2 && isLowerCode(key.charCodeAt(1)) && isLowerCode(key.charCodeAt(2)));
  const capsLines = new Map<number, boolean>();
  const uses: AcronymUse[] = [];

  ctx.terms.tokensByRun.forEach((tokens, runIndex) => {
    const run = doc.runs[runIndex]!;
    const block = doc.blocks[run.blockIndex];
    const baseContext: OccurrenceContext = run.isInNotes ? 'notes' : run.blockType === 'heading' ? 'heading' : 'prose';
    // Computed for the run's first acronym in prose only: most runs have none.
    let shouted: Set<number> | undefined;
    for (let t = 0; t < tokens.length; t++) {
      const token = tokens[t]!;
      const first = text.charCodeAt(token.start);
      if (token.isHanzi || first < 65 || first > 90 || token.end - token.start < 2) continue;
      // "Central", "Commission": a capital and two small letters is a word, unless the termbase lists it.
      if (!hasWordLikeKnown && token.end - token.start > 2 && isLowerCode(text.charCodeAt(token.start + 1)) && isLowerCode(text.charCodeAt(token.start + 2))) continue;
      if (definitionStarts.has(token.start)) continue;
      // "COVID-19", "DF-41": a designator, not an acronym.
      if (text[token.end] === '-' && /[0-9]/.test(text[token.end + 1] ?? '')) continue;
      const raw = text.slice(token.start, token.end);
      let parsed: { acronym: string; isPlural: boolean } | undefined;
      if (known.has(acronymKey(raw))) parsed = { acronym: raw, isPlural: false };
      else if (raw.length > 2 && raw.endsWith('s') && known.has(raw.slice(0, -1))) parsed = { acronym: raw.slice(0, -1), isPlural: true };
      else parsed = parseAcronym(raw);
      if (!parsed) continue;
      let { acronym } = parsed;
      let end = token.start + acronym.length;
      if (acronym.includes('.') && !parsed.isPlural && text[end] === '.') {
        acronym += '.';
        end++;
      }
      let context: OccurrenceContext = baseContext;
      if (context === 'prose' && ((shouted ??= shoutedTokens(text, tokens)).has(t) || (block?.type !== 'tableCell' && isCapsLine(ctx, token.start, capsLines)))) {
        context = 'caps';
      }
      uses.push({ acronym, start: token.start, end, isPlural: parsed.isPlural, context, run: runIndex });
    }
  });
  uses.sort((a, b) => a.start - b.start);

  const entries = new Map<string, AcronymEntry>();
  const entryFor = (acronym: string): AcronymEntry => {
    const key = acronymKey(acronym);
    let entry = entries.get(key);
    if (!entry) {
      const concept = known.get(key);
      entry = { key, acronym, definitions: [], uses: [], occurrences: [], isAllowed: allowed.has(key), ...(concept !== undefined ? { concept } : {}) };
      entries.set(key, entry);
    }
    return entry;
  };
  // One pass over definitions and uses merged by offset: entries in order of first
  // appearance, and for each acronym the definitions in force so far.
  const inForce = new Map<string, { body?: AcronymDefinition; any?: AcronymDefinition }>();
  let d = 0;
  const passDefinitionsBefore = (offset: number) => {
    for (; d < definitions.length && definitions[d]!.start < offset; d++) {
      const definition = definitions[d]!;
      const key = acronymKey(definition.acronym);
      let state = inForce.get(key);
      if (!state) inForce.set(key, (state = {}));
      state.any = definition;
      if (!definition.isInNotes) {
        state.body = definition;
        entryFor(definition.acronym).definitions.push(definition);
      }
    }
  };
  for (const use of uses) {
    passDefinitionsBefore(use.start);
    const entry = entryFor(use.acronym);
    const state = inForce.get(entry.key);
    // Notes may lean on a definition in the notes; the body only on one in the body.
    const definition = use.context === 'notes' ? state?.any : state?.body;
    if (definition) use.definition = definition;
    entry.occurrences.push(use);
    if (use.context === 'prose') entry.uses.push(use);
  }
  passDefinitionsBefore(Infinity);
  return { definitions, uses, entries };
}

const MIN_SHOUTED_WORDS = 3;

/**
 * Tokens of a shouted stretch inside a normal line ("ABOUT IGCC: THE IGCC IS A
 * NETWORK"): three or more words in a row in capitals, one of them a common
 * English word. A list of acronyms ("WTO IMF SOE") has no such word and stays prose.
 */
function shoutedTokens(text: string, tokens: readonly Token[]): Set<number> {
  const shouted = new Set<number>();
  let runStart = -1;
  let hasCommonWord = false;
  const close = (end: number) => {
    if (runStart >= 0 && end - runStart >= MIN_SHOUTED_WORDS && hasCommonWord) for (let k = runStart; k < end; k++) shouted.add(k);
    runStart = -1;
    hasCommonWord = false;
  };
  for (let t = 0; t <= tokens.length; t++) {
    const token = tokens[t];
    if (!token || token.isHanzi || !isInCapitals(text, token.start, token.end)) {
      close(t);
      continue;
    }
    if (runStart < 0) runStart = t;
    if (!hasCommonWord && token.end - token.start <= 9 && isCommonCapsWord(text.slice(token.start, token.end))) hasCommonWord = true;
  }
  return shouted;
}

/** A word with capitals and no small letters ("THE", "IGCC", "R&D"). */
function isInCapitals(text: string, start: number, end: number): boolean {
  let hasCapital = false;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) hasCapital = true;
    else if (code >= 97 && code <= 122) return false;
    else if (code > 127) {
      if (changesInUpperCode(code)) return false;
      if (changesInLowerCode(code)) hasCapital = true;
    }
  }
  return hasCapital;
}

/** A line with at least two cased words, more than two thirds of them in capitals: a byline or a shouted title. */
function isCapsLine(ctx: CheckContext, offset: number, cache: Map<number, boolean>): boolean {
  const { lines, text } = ctx.doc;
  const line = lines.positionAt(offset).line;
  let isCaps = cache.get(line);
  if (isCaps === undefined) {
    let cased = 0;
    let capitals = 0;
    let length = 0;
    let hasUpper = false;
    let hasLower = false;
    let isDecided = false;
    const endWord = () => {
      if (length >= 2 && (hasUpper || hasLower)) {
        cased++;
        if (!hasLower) capitals++;
      }
      length = 0;
      hasUpper = hasLower = false;
    };
    for (let i = lines.lineStart(line), end = lines.lineEnd(line); i < end; i++) {
      const code = text.charCodeAt(i);
      if (code >= 65 && code <= 90) hasUpper = true;
      else if (code >= 97 && code <= 122) hasLower = true;
      else if (code > 127 && hasCase(code)) {
        if (!changesInUpperCode(code)) hasUpper = true;
        else hasLower = true;
      } else if (code !== 39 && code !== 0x2019) {
        endWord();
        // The rest of the line holds at most (end - i) / 3 more words (two letters and a break each):
        // if even all of them in capitals cannot tip the balance, the answer is known.
        if (capitals * 3 + Math.floor((end - i) / 3) <= cased * 2) {
          isDecided = true;
          break;
        }
        continue;
      }
      length++;
    }
    if (!isDecided) endWord();
    isCaps = !isDecided && cased >= 2 && capitals * 3 > cased * 2;
    cache.set(line, isCaps);
  }
  return isCaps;
}

/** `c.toLowerCase() !== c.toUpperCase()`: a cased letter. */
function hasCase(code: number): boolean {
  return changesInUpperCode(code) || changesInLowerCode(code);
}

function isLowerCode(code: number): boolean {
  return code >= 97 && code <= 122;
}
