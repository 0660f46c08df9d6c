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
 *
 * In the editor, what reads only a run (its definitions, its acronym-shaped
 * tokens, the lines it holds) is kept while the run is unchanged
 * (`CheckContext.perRun`), with offsets from the run's start; what depends on
 * the rest of the document (where the run stands, the notes section, its
 * block, the allow list, the definition in force for each use) is decided
 * afresh on every analysis.
 */
import type { CheckContext } from '../../check';
import type { ProseRun } from '../../document/model';
import type { CompiledTermbase } from '../../match/matcher';
import type { Token } from '../../match/tokens';
import { parentheticalsOfRun } from '../../parentheticals';
import { DEFAULT_ACRONYM_ALLOW_LIST } from '../../options';
import { findRunDefinitions, placeRunDefinitions, termbaseAcronyms, type AcronymDefinition, type RunDefinition } from './definitions';
import { changesInLowerCode, changesInUpperCode } from './letterCase';
import { acronymKey, isCommonCapsWord, parseAcronym } from './shape';
import { detach } from '../../detach';

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

/** An acronym-shaped token of a run, with what holds while the run is unchanged: offsets from the run's start, its token by index. */
interface RunOccurrence {
  token: number;
  /** The acronym as written, without a plural "s", with the final full stop of a dotted one ("U.S."). */
  acronym: string;
  start: number;
  end: number;
  isPlural: boolean;
  /**
   * Where the token ends (from the run's start), when it ends where the run
   * does or one character before: the characters after it, outside the run,
   * decide whether it is a designator ("DF-41") or takes a full stop, where the
   * run stands. `acronym` and `end` are then without the full stop.
   */
  openEnd?: number;
}

/** What the index needs of one run, kept across analyses while the run is unchanged (`perRun`). */
interface RunAcronyms {
  definitions: RunDefinition[];
  occurrences: RunOccurrence[];
  /** Tokens of shouted stretches (`shoutedTokens`), when asked for. */
  shouted?: Set<number>;
  /** Per occurrence, its line as read within the run (`CAPS_*` flags), when first asked for. */
  caps?: Uint8Array;
}

const NO_ACRONYMS: RunAcronyms = { definitions: [], occurrences: [] };

/** Whether the termbase has an acronym that reads as a word ("Mercosur"): then no token can be skipped for its shape. */
const wordLikeKnownCache = new WeakMap<CompiledTermbase, boolean>();
function hasWordLikeKnown(termbase: CompiledTermbase): boolean {
  let has = wordLikeKnownCache.get(termbase);
  if (has === undefined) {
    has = [...termbaseAcronyms(termbase).keys()].some((key) => key.length > 2 && isLowerCode(key.charCodeAt(1)) && isLowerCode(key.charCodeAt(2)));
    wordLikeKnownCache.set(termbase, has);
  }
  return has;
}

/**
 * The definitions and acronym-shaped tokens of one run: what reads only the
 * run and the termbase. Where the run stands (notes, heading, caps line) is
 * decided in `buildIndex`.
 */
function findRunAcronyms(ctx: CheckContext, runIndex: number, tokens: readonly Token[], known: Map<string, number>, isWordLikeKnown: boolean): RunAcronyms {
  const { doc } = ctx;
  const { text } = doc;
  const run = doc.runs[runIndex]!;
  const parentheticals = parentheticalsOfRun(ctx, runIndex);
  const definitions = parentheticals.length === 0 ? [] : findRunDefinitions(doc, run, parentheticals, 0, parentheticals.length, ctx.termbase);
  if (definitions.length > 1) definitions.sort((a, b) => a.start - b.start);
  let occurrences: RunOccurrence[] | undefined;
  let d = 0;
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t]!;
    const first = text.charCodeAt(token.start);
    if (first < 65 || first > 90 || token.isHanzi || token.end - token.start < 2) continue;
    // "Central", "Commission": a capital and two small letters is a word, unless the termbase lists it.
    if (!isWordLikeKnown && token.end - token.start > 2 && isLowerCode(text.charCodeAt(token.start + 1)) && isLowerCode(text.charCodeAt(token.start + 2))) continue;
    // A definition's own acronym (always in the run that holds the definition; both in order).
    if (definitions.length > 0) {
      while (d < definitions.length && definitions[d]!.start < token.start - run.start) d++;
      if (d < definitions.length && definitions[d]!.start === token.start - run.start) continue;
    }
    const raw = text.slice(token.start, token.end);
    let parsed: { acronym: string; isPlural: boolean } | undefined;
    if (known.has(acronymKey(raw))) parsed = { acronym: raw, isPlural: false };
    else if (raw.length > 2 && raw.endsWith('s') && known.has(raw.slice(0, -1))) parsed = { acronym: raw.slice(0, -1), isPlural: true };
    else parsed = parseAcronym(raw);
    if (!parsed) continue;
    // Kept across edits: detached, so that a long dotted acronym does not keep the document alive.
    const occurrence: RunOccurrence = { token: t, acronym: detach(parsed.acronym), start: token.start - run.start, end: token.start - run.start + parsed.acronym.length, isPlural: parsed.isPlural };
    if (token.end + 1 >= run.end) occurrence.openEnd = token.end - run.start;
    else if (!readTokenEnd(text, occurrence, token.end, run.start)) continue;
    (occurrences ??= []).push(occurrence);
  }
  return definitions.length === 0 && !occurrences ? NO_ACRONYMS : { definitions, occurrences: occurrences ?? [] };
}

/**
 * Reads what follows an occurrence's token (at `tokenEnd`): false for a
 * designator ("COVID-19", "DF-41"), else takes a dotted acronym's final full
 * stop into the occurrence ("U.S.").
 */
function readTokenEnd(text: string, occurrence: RunOccurrence, tokenEnd: number, base: number): boolean {
  if (text.charCodeAt(tokenEnd) === 45 /* - */ && isDigitCode(text.charCodeAt(tokenEnd + 1))) return false;
  if (!occurrence.isPlural && text.charCodeAt(base + occurrence.end) === 46 /* . */ && occurrence.acronym.includes('.')) {
    occurrence.acronym += '.';
    occurrence.end++;
  }
  return true;
}

function buildIndex(ctx: CheckContext): AcronymIndex {
  const { doc } = ctx;
  const { text } = doc;
  const known = termbaseAcronyms(ctx.termbase);
  const allowed = allowedAcronyms(ctx);
  const definitions: AcronymDefinition[] = [];
  const uses: AcronymUse[] = [];
  const capsLines = new Map<number, boolean>();
  const { tokensByRun } = ctx.terms;

  const isWordLikeKnown = hasWordLikeKnown(ctx.termbase);
  let runIndex = 0;
  // Made once, not once per run.
  const find = () => findRunAcronyms(ctx, runIndex, tokensByRun[runIndex]!, known, isWordLikeKnown);
  for (; runIndex < tokensByRun.length; runIndex++) {
    const found = ctx.perRun('acronyms', runIndex, find);
    if (found === NO_ACRONYMS) continue;
    const run = doc.runs[runIndex]!;
    if (found.definitions.length > 0) placeRunDefinitions(doc, run, found.definitions, definitions);
    const { occurrences } = found;
    if (occurrences.length === 0) continue;
    const base = run.start;
    const baseContext: OccurrenceContext = run.isInNotes ? 'notes' : run.blockType === 'heading' ? 'heading' : 'prose';
    let isInTable: boolean | undefined;
    for (let k = 0; k < occurrences.length; k++) {
      let occurrence = occurrences[k]!;
      if (occurrence.openEnd !== undefined) {
        // Read where the run stands now, on a copy.
        occurrence = { ...occurrence };
        if (!readTokenEnd(text, occurrence, base + occurrence.openEnd!, base)) continue;
      }
      let context: OccurrenceContext = baseContext;
      if (
        context === 'prose' &&
        ((found.shouted ??= shoutedTokens(text, tokensByRun[runIndex]!)).has(occurrence.token) ||
          (!(isInTable ??= doc.blocks[run.blockIndex]?.type === 'tableCell') && isOnCapsLine(ctx, run, found, k, tokensByRun[runIndex]!, capsLines)))
      ) {
        context = 'caps';
      }
      uses.push({ acronym: occurrence.acronym, start: base + occurrence.start, end: base + occurrence.end, isPlural: occurrence.isPlural, context, run: runIndex });
    }
  }
  // Runs come in document order, and so do their tokens and definitions: sorted already, unless a model says otherwise.
  if (!isSortedByStart(uses)) uses.sort((a, b) => a.start - b.start);
  if (!isSortedByStart(definitions)) definitions.sort((a, b) => a.start - b.start);

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

function isSortedByStart(items: readonly { start: number }[]): boolean {
  for (let i = 1; i < items.length; i++) if (items[i]!.start < items[i - 1]!.start) return false;
  return true;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
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

/** Flags of `RunAcronyms.caps`. */
const CAPS_LINE = 1;
/** The line was read from the run's start (no line break before the occurrence in the run). */
const CAPS_FROM_RUN_START = 2;
/** The line was read to the run's end (no line break after the occurrence in the run). */
const CAPS_TO_RUN_END = 4;

/**
 * Whether the occurrence `k` of a run stands on an all-caps line. The lines of
 * a run are read within the run, once while it is unchanged. A line read to
 * the run's start or end is the whole line's answer when what lies beyond, to
 * the line's break, holds no word and joins none ("- " before a list item's
 * text, a line break right there); otherwise the line is read again whole.
 */
function isOnCapsLine(ctx: CheckContext, run: ProseRun, found: RunAcronyms, k: number, tokens: readonly Token[], cache: Map<number, boolean>): boolean {
  const { text } = ctx.doc;
  const flags = (found.caps ??= capsOfRun(text, run, found.occurrences, tokens))[k]!;
  const isCut = ((flags & CAPS_FROM_RUN_START) !== 0 && !hasNoWordBefore(text, run.start)) || ((flags & CAPS_TO_RUN_END) !== 0 && !hasNoWordAfter(text, run.end));
  return isCut ? isCapsLine(ctx, tokens[found.occurrences[k]!.token]!.start, cache) : (flags & CAPS_LINE) !== 0;
}

/** How far `hasNoWordBefore` and `hasNoWordAfter` look before giving up (a list marker or a quote prefix is shorter). */
const MAX_LINE_EDGE = 16;

/** Between the line's start and `offset` lie only characters that are not part of a word in `isCapsText` (nor is the one at `offset - 1`). */
function hasNoWordBefore(text: string, offset: number): boolean {
  let i = offset - 1;
  for (; i >= 0 && i >= offset - MAX_LINE_EDGE; i--) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return true;
    if (isWordCode(code)) return false;
  }
  return i < 0;
}

/** Between `offset` and the line's end lie only characters that are not part of a word in `isCapsText`. */
function hasNoWordAfter(text: string, offset: number): boolean {
  let i = offset;
  for (; i < text.length && i < offset + MAX_LINE_EDGE; i++) {
    const code = text.charCodeAt(i);
    if (code === 10 || code === 13) return true;
    if (isWordCode(code)) return false;
  }
  return i >= text.length;
}

/** A character `isCapsText` reads as part of a word: a cased letter or an apostrophe. */
function isWordCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 39 || code === 0x2019 || (code > 127 && hasCase(code));
}

/** Per occurrence of a run, `CAPS_*` flags of its line as read within the run. */
function capsOfRun(text: string, run: ProseRun, occurrences: readonly RunOccurrence[], tokens: readonly Token[]): Uint8Array {
  const caps = new Uint8Array(occurrences.length);
  // Native searches within the run's span only, each moved on only when passed: one walk over the lines.
  const span = text.slice(run.start, run.end);
  let feed = span.indexOf('\n');
  let ret = span.indexOf('\r');
  const nextBreak = (from: number): number => {
    if (feed >= 0 && feed < from) feed = span.indexOf('\n', from);
    if (ret >= 0 && ret < from) ret = span.indexOf('\r', from);
    const next = feed < 0 ? ret : ret < 0 ? feed : Math.min(feed, ret);
    return next < 0 ? span.length : next;
  };
  let lineStart = 0;
  let lineEnd = nextBreak(0);
  let flags = -1;
  occurrences.forEach((occurrence, k) => {
    const localStart = tokens[occurrence.token]!.start - run.start;
    if (flags < 0 || localStart >= lineEnd) {
      while (localStart >= lineEnd) {
        lineStart = lineEnd + (span.charCodeAt(lineEnd) === 13 && span.charCodeAt(lineEnd + 1) === 10 ? 2 : 1);
        lineEnd = nextBreak(lineStart);
      }
      flags =
        (isCapsText(text, run.start + lineStart, run.start + lineEnd) ? CAPS_LINE : 0) |
        (lineStart === 0 ? CAPS_FROM_RUN_START : 0) |
        (lineEnd === span.length ? CAPS_TO_RUN_END : 0);
    }
    caps[k] = flags;
  });
  return caps;
}

/** A line with at least two cased words, more than two thirds of them in capitals: a byline or a shouted title. */
function isCapsLine(ctx: CheckContext, offset: number, cache: Map<number, boolean>): boolean {
  const { lines, text } = ctx.doc;
  const line = lines.positionAt(offset).line;
  let isCaps = cache.get(line);
  if (isCaps === undefined) {
    isCaps = isCapsText(text, lines.lineStart(line), lines.lineEnd(line));
    cache.set(line, isCaps);
  }
  return isCaps;
}

/** text[start, end) (one line) has at least two cased words, more than two thirds of them in capitals. */
function isCapsText(text: string, start: number, end: number): boolean {
  let cased = 0;
  let capitals = 0;
  let length = 0;
  let hasUpper = false;
  let hasLower = false;
  const endWord = () => {
    if (length >= 2 && (hasUpper || hasLower)) {
      cased++;
      if (!hasLower) capitals++;
    }
    length = 0;
    hasUpper = hasLower = false;
  };
  for (let i = start; i < end; i++) {
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
      if (capitals * 3 + Math.floor((end - i) / 3) <= cased * 2) return false;
      continue;
    }
    length++;
  }
  endWord();
  return cased >= 2 && capitals * 3 > cased * 2;
}

/** `c.toLowerCase() !== c.toUpperCase()`: a cased letter. */
function hasCase(code: number): boolean {
  return changesInUpperCode(code) || changesInLowerCode(code);
}

function isLowerCode(code: number): boolean {
  return code >= 97 && code <= 122;
}
