/**
 * Finds acronym definitions in the forms writers use:
 *   "state-owned enterprise (SOE)", "state-owned enterprises (SOEs)",
 *   "the CCFEA (Central Commission for Financial and Economic Affairs)",
 *   "the "new-style whole-of-nation" system (NSWN, 新型举国体制)", "… (新型举国体制, NSWN)",
 *   "research and development (R&D)", "(hereafter NSWN)".
 * A parenthesised acronym counts as a definition only when the words before it
 * plausibly spell it (see `isPlausibleExpansion`), or when they are the
 * termbase's expansion of that acronym. For an acronym the termbase knows, a
 * bare "(ACR)" after a few words is a definition too, with those words as its
 * (probably wrong) expansion, so that expansion-mismatch can report it.
 */
import type { BriefDocument, ProseRun } from '../../document/model';
import type { CompiledTermbase } from '../../match/matcher';
import { findParentheticals, runText, type Parenthetical, type ParentheticalPart } from '../../parentheticals';
import { expansionWords, expansionWordSpans, isAlnum, isPlausibleExpansion, isSameOrQualified, matchLongForm, normalizeExpansion } from './expansion';
import { isAlnumCode } from './letterCase';
import { acronymKey, acronymLetters, parseAcronym } from './shape';
import { partitionPoint } from '../../partitionPoint';

export { matchLongForm } from './expansion';

/** "Full Name (ACR)" or "ACR (Full Name)". */
export type DefinitionForm = 'expansion-first' | 'acronym-first';

export interface AcronymDefinition {
  /** The acronym as written, without a plural "s". */
  acronym: string;
  /** The expansion as written, quotes dropped and white space collapsed. */
  expansion: string;
  /** The acronym as written in the definition (without a plural "s"). */
  start: number;
  end: number;
  /** The expansion in the source (may include markup when it spans emphasis). */
  expansionStart: number;
  expansionEnd: number;
  /** Hanzi given in the same parenthetical, if any. */
  zh?: string;
  isInNotes: boolean;
  isInHeading: boolean;
  form: DefinitionForm;
  /** Offsets of "(" and just after ")". */
  open: number;
  close: number;
  /** The whole definition, "Full Name (ACR, 中文)" or "ACR (Full Name)", with an opening quote the expansion needs. */
  phraseStart: number;
  phraseEnd: number;
  /** Written "SOEs". */
  isPlural: boolean;
  /** No markup inside the phrase: a fix may move or rewrite it as plain text. */
  isContiguous: boolean;
  /** How it was recognised: its letters spell the acronym, it is the termbase's expansion, or (termbase acronyms only) its position. */
  basis: 'letters' | 'termbase' | 'position';
  /** Index into `CompiledTermbase.concepts` when the termbase knows the acronym. */
  concept?: number;
}

/** Re-export for callers of the old API: "SOEs" → "SOE". */
export function stripPlural(word: string): string {
  return /[A-Z]s$/.test(word) ? word.slice(0, -1) : word;
}

const termbaseKeyCache = new WeakMap<CompiledTermbase, Map<string, number>>();

/** The termbase's acronyms by `acronymKey`, computed once per compiled termbase. */
export function termbaseAcronyms(termbase: CompiledTermbase | undefined): Map<string, number> {
  if (!termbase) return new Map();
  let keys = termbaseKeyCache.get(termbase);
  if (!keys) {
    keys = new Map();
    for (const [acronym, concept] of termbase.acronyms) if (!keys.has(acronymKey(acronym))) keys.set(acronymKey(acronym), concept);
    termbaseKeyCache.set(termbase, keys);
  }
  return keys;
}

/** An English form of a concept, ready for comparison. */
export interface ConceptForm {
  text: string;
  words: string[];
  normalized: string;
}

const formCache = new WeakMap<CompiledTermbase, Map<number, ConceptForm[]>>();

/** The English forms of a concept a definition may use (preferred, then admitted), normalised once per compiled termbase. */
export function conceptForms(termbase: CompiledTermbase | undefined, concept: number | undefined): ConceptForm[] {
  if (!termbase || concept === undefined) return [];
  let byConcept = formCache.get(termbase);
  if (!byConcept) formCache.set(termbase, (byConcept = new Map()));
  let forms = byConcept.get(concept);
  if (!forms) {
    const c = termbase.concepts[concept];
    forms = (c ? [c.preferred, ...c.admitted] : [])
      .filter((text) => text.trim().length > 0)
      .map((text) => {
        const words = expansionWords(text);
        return { text, words, normalized: words.join(' ') };
      });
    byConcept.set(concept, forms);
  }
  return forms;
}

/** Reads `raw` as an acronym (termbase acronyms whatever their shape). */
function readAcronym(raw: string, known: Map<string, number>): { acronym: string; isPlural: boolean } | undefined {
  if (known.has(acronymKey(raw))) return { acronym: raw, isPlural: false };
  if (raw.length > 2 && raw.endsWith('s') && known.has(acronymKey(raw.slice(0, -1)))) return { acronym: raw.slice(0, -1), isPlural: true };
  return parseAcronym(raw);
}

interface RunView {
  run: ProseRun;
  text: string;
  offsets: number[];
}

function toSource(view: RunView, local: number): number {
  if (view.offsets.length === 0) return view.run.start + local;
  return local < view.offsets.length ? view.offsets[local]! : view.run.end;
}

function toLocal(view: RunView, source: number): number {
  if (view.offsets.length === 0) return source - view.run.start;
  return partitionPoint(view.offsets.length - 1, (i) => view.offsets[i]! < source);
}

const MAX_LOOKBACK = 400;
/** . ! ? ; : 。 ！ ？ ； ： */
const isSentenceEndCode = (code: number) =>
  code === 46 || code === 33 || code === 63 || code === 59 || code === 58 || code === 0x3002 || code === 0xff01 || code === 0xff1f || code === 0xff1b || code === 0xff1a;
/** ( ) （ ） [ ] — */
const isClauseBreakCode = (code: number) => code === 40 || code === 41 || code === 0xff08 || code === 0xff09 || code === 91 || code === 93 || code === 0x2014;
const isCapitalCode = (code: number) => code >= 65 && code <= 90;
const isAsciiLetterCode = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
const QUOTES = /["“”]/g;
const PREFIX = /^(?:hereafter|hereinafter|henceforth|or|short|abbreviated|abbr\.|also|known as)[\s:,]+/i;
/** Words a guessed expansion cannot start with ("as noted above (NSWN)" is a reference, not a definition). */
const NOT_A_NAME_START = new Set([
  'the', 'a', 'an', 'and', 'or', 'of', 'its', 'their', 'as', 'in', 'on', 'at', 'by', 'for', 'to', 'with', 'from', 'see',
  'this', 'that', 'these', 'those', 'is', 'are', 'was', 'were', 'also', 'above', 'below',
]);
const LEADING_ARTICLE = /^(?:the|a|an)\s+/i;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && isSpaceCode(c.charCodeAt(0));
}

/** Space, tab, line breaks, no-break space, ideographic space (NaN, past either end, is none). */
function isSpaceCode(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xa0 || code === 0x3000;
}

/**
 * Local offset where the sentence (or bracketed clause) that ends at `local`
 * starts, looking back no further than `maxWords` words.
 */
function sentenceStart(text: string, local: number, maxWords: number): number {
  const floor = Math.max(0, local - MAX_LOOKBACK);
  let words = 0;
  for (let k = local - 1; k >= floor; k--) {
    const code = text.charCodeAt(k);
    if (isSpaceCode(code)) {
      if (k + 1 < local && !isSpaceCode(text.charCodeAt(k + 1)) && ++words >= maxWords) return k + 1;
      continue;
    }
    if (isClauseBreakCode(code)) return k + 1;
    if (isSentenceEndCode(code) && (k + 1 >= local || isSpaceCode(text.charCodeAt(k + 1)))) {
      // "U.S. Department": a full stop after a single capital is an abbreviation, not a sentence end.
      if (code === 46 && k > 0 && isCapitalCode(text.charCodeAt(k - 1)) && (k < 2 || !isAsciiLetterCode(text.charCodeAt(k - 2)))) continue;
      return k + 1;
    }
  }
  return floor;
}

/** Whitespace-separated words of text[from, to) with their local offsets. */
function wordsIn(text: string, from: number, to: number): { start: number; end: number }[] {
  const words: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = from; i <= to; i++) {
    if (i < to && !isSpaceCode(text.charCodeAt(i))) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      words.push({ start, end: i });
      start = -1;
    }
  }
  return words;
}

interface Found {
  expansionLocalStart: number;
  expansionLocalEnd: number;
  basis: AcronymDefinition['basis'];
}

/** "Full Name (ACR)": the expansion that ends right before the parenthesis at `local`. */
function findExpansionBefore(view: RunView, local: number, acronym: string, forms: ConceptForm[], hasConcept: boolean): Found | undefined {
  const { text } = view;
  let end = local;
  while (end > 0 && isSpace(text[end - 1])) end--;
  const n = acronymLetters(acronym).length;
  const maxWords = Math.min(n + 5, n * 2);
  const from = sentenceStart(text, end, Math.max(maxWords, ...forms.map((form) => form.words.length)));
  if (end <= from) return undefined;
  const words = wordsIn(text, from, end);
  if (words.length === 0) return undefined;

  // The termbase's own expansion, however it is hyphenated, quoted or capitalised.
  if (forms.length > 0) {
    const spans = expansionWordSpans(text, from, end);
    for (const form of forms) {
      const k = form.words.length;
      if (k === 0 || k > spans.length) continue;
      let isSame = true;
      for (let i = 0; i < k && isSame; i++) isSame = spans[spans.length - k + i]!.word === form.words[i];
      if (isSame) return trimFound(text, spans[spans.length - k]!.start, end, 'termbase');
    }
  }

  // Letters: Schwartz & Hearst's shortest long form, widened word by word while implausible.
  const windowStart = words[Math.max(0, words.length - maxWords)]!.start;
  const long = text.slice(windowStart, end).replace(QUOTES, ' ');
  const at = matchLongForm(acronym, long);
  if (at >= 0) {
    const first = acronymLetters(acronym)[0]!;
    for (let start = windowStart + at; start >= windowStart; start--) {
      const c = text[start]!;
      const isWordStart = start === 0 || !(isAlnum(text[start - 1]!) || text[start - 1] === "'" || text[start - 1] === '’');
      if (start !== windowStart + at && !(isWordStart && c.toLowerCase() === first)) continue;
      const found = trimFound(text, start, end, 'letters');
      if (!found) continue;
      const candidate = text.slice(found.expansionLocalStart, found.expansionLocalEnd);
      if (candidate.length > acronym.length && isPlausibleExpansion(acronym, candidate.replace(QUOTES, ' '))) return found;
    }
  }

  // A termbase acronym after words that do not spell it: those words are its (wrong) expansion.
  if (hasConcept && forms.length > 0) {
    const k = wordsIn(forms[0]!.text, 0, forms[0]!.text.length).length;
    if (words.length >= k) {
      const taken = words.slice(words.length - k);
      const firstWord = text.slice(taken[0]!.start, taken[0]!.end).toLowerCase();
      const hasLetters = taken.every((w) => /\p{L}/u.test(text.slice(w.start, w.end)));
      if (hasLetters && !NOT_A_NAME_START.has(firstWord)) {
        return trimFound(text, taken[0]!.start, end, 'position');
      }
    }
  }
  return undefined;
}

const JUNK = new Set([' ', '\t', '\n', '\r', '\u00a0', '\u3000', '"', '“', '”', "'", '‘', '’', '*', '_']);

/** text[start, end) without leading and trailing white space, quotes and emphasis markers. */
function trimFound(text: string, start: number, end: number, basis: Found['basis']): Found | undefined {
  while (end > start && JUNK.has(text[end - 1]!)) end--;
  while (start < end && JUNK.has(text[start]!)) start++;
  return start < end ? { expansionLocalStart: start, expansionLocalEnd: end, basis } : undefined;
}

/** The acronym right before the parenthesis at `local` ("CCFEA (…)"), as local offsets. */
function wordBefore(text: string, local: number): { start: number; end: number } | undefined {
  let end = local;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t' || text[end - 1] === '\u00a0')) end--;
  let start = end;
  while (start > 0 && isAcronymCharCode(text.charCodeAt(start - 1)) && end - start < 16) start--;
  while (start < end && text[start] === '.') start++;
  if (start === end || (start > 0 && isAlnumCode(text.charCodeAt(start - 1)))) return undefined;
  let trimmedEnd = end;
  // "CCFEA. (" is not a definition; a final full stop belongs only to dotted acronyms ("U.S.").
  if (text[trimmedEnd - 1] === '.' && !text.slice(start, trimmedEnd - 1).includes('.')) return undefined;
  return { start, end: trimmedEnd };
}

/** A-Z a-z 0-9 & . */
function isAcronymCharCode(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 38 || code === 46;
}

function isWithinOneSegment(run: ProseRun, start: number, end: number): boolean {
  for (const s of run.segments) if (s.start <= start && end <= s.end) return true;
  return false;
}

/** The quotes of source[expansionStart, open) do not balance: more closing ones (straight or ”) than the text opens. */
function isQuoteOpenAfter(source: string, expansionStart: number, open: number): boolean {
  let straight = 0;
  let curlyOpening = 0;
  let curlyClosing = 0;
  for (let i = expansionStart; i < open; i++) {
    const code = source.charCodeAt(i);
    if (code === 34) straight++;
    else if (code === 0x201c) curlyOpening++;
    else if (code === 0x201d) curlyClosing++;
  }
  // Closing quotes (straight or ”) beyond the straight ones, against the opening “.
  return straight % 2 === 1 || curlyClosing > curlyOpening;
}

/** White space as `\s` and `trim` read it. */
function isJsSpaceCode(code: number): boolean {
  return (
    code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The expansion without quotes, its white space collapsed and trimmed. Most need none of that: those are returned as they are. */
function cleanExpansion(text: string): string {
  let isClean = text.length > 0 && !isJsSpaceCode(text.charCodeAt(0)) && !isJsSpaceCode(text.charCodeAt(text.length - 1));
  for (let i = 0; isClean && i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 34 || code === 0x201c || code === 0x201d) isClean = false;
    else if (code === 32) isClean = !isJsSpaceCode(text.charCodeAt(i + 1));
    else if (isJsSpaceCode(code)) isClean = false;
  }
  return isClean ? text : text.replace(QUOTES, '').replace(/\s+/g, ' ').trim();
}

/**
 * Every acronym definition of the document, in document order, with the
 * termbase (optional) used to recognise its own expansions. `parentheticals`
 * are the document's (`parentheticalsOf`, when an analysis has them already).
 * Cost: one pass over the parentheticals, each looking back at most a sentence.
 */
export function findAcronymDefinitions(
  doc: BriefDocument,
  termbase?: CompiledTermbase,
  parentheticals: readonly Parenthetical[] = findParentheticals(doc, []),
): AcronymDefinition[] {
  const definitions: AcronymDefinition[] = [];
  // Parentheticals come run by run: each run's are read together.
  for (let i = 0; i < parentheticals.length; ) {
    const runIndex = parentheticals[i]!.run;
    let j = i + 1;
    while (j < parentheticals.length && parentheticals[j]!.run === runIndex) j++;
    const run = doc.runs[runIndex]!;
    placeRunDefinitions(doc, run, findRunDefinitions(doc, run, parentheticals, i, j, termbase), definitions);
    i = j;
  }
  return definitions;
}

/**
 * A definition as found in its run, with what holds while the run is
 * unchanged: offsets from the run's start; where it stands (notes, heading)
 * is settled by `placeRunDefinitions`.
 */
export type RunDefinition = Omit<AcronymDefinition, 'isInNotes' | 'isInHeading'> & {
  /** The phrase takes an opening quote right before the run, if there is one (the expansion starts the run and its quotes do not balance). */
  isQuoteBeforeRun?: boolean;
};

/**
 * The acronym definitions in `parentheticals[from, to)`, all of one run, in
 * their order, as `RunDefinition`s: reads only the run's span of the text.
 */
export function findRunDefinitions(
  doc: BriefDocument,
  run: ProseRun,
  parentheticals: readonly Parenthetical[],
  from: number,
  to: number,
  termbase?: CompiledTermbase,
): RunDefinition[] {
  const known = termbaseAcronyms(termbase);
  const definitions: RunDefinition[] = [];
  let view: RunView | undefined;
  for (let i = from; i < to; i++) {
    const p = parentheticals[i]!;
    const acronymPart = findAcronymPart(doc.text, p.parts, known);
    const englishPart = p.parts.find((part) => !part.hasHanzi && /\s/.test(part.text));
    if (!acronymPart && !englishPart) continue;
    if (!view) {
      const { text, offsets } = runText(doc, run);
      view = { run, text, offsets };
    }
    const local = toLocal(view, p.open);
    if (acronymPart) {
      const { acronym, isPlural, start } = acronymPart;
      const concept = known.get(acronymKey(acronym));
      const forms = conceptForms(termbase, concept);
      const found = findExpansionBefore(view, local, acronym, forms, concept !== undefined);
      if (found) {
        const expansionStart = toSource(view, found.expansionLocalStart);
        const expansionEnd = toSource(view, found.expansionLocalEnd - 1) + 1;
        const expansion = cleanExpansion(view.text.slice(found.expansionLocalStart, found.expansionLocalEnd));
        definitions.push(
          newRunDefinition(doc.text, p, run, acronym, expansion, start, expansionStart, expansionEnd, 'expansion-first', isPlural, found.basis, concept),
        );
        continue;
      }
    }

    // "ACR (Full Name)": an acronym right before the parenthesis, spelled by an English part.
    if (!englishPart) continue;
    const previous = wordBefore(view.text, local);
    if (!previous) continue;
    const parsed = readAcronym(view.text.slice(previous.start, previous.end), known);
    if (!parsed) continue;
    const { acronym, isPlural } = parsed;
    const article = LEADING_ARTICLE.exec(englishPart.text)?.[0].length ?? 0;
    const expansion = englishPart.text.slice(article);
    const concept = known.get(acronymKey(acronym));
    const normalized = normalizeExpansion(expansion);
    const isTermbaseForm = conceptForms(termbase, concept).some((form) => isSameOrQualified(form.normalized, normalized));
    const n = acronymLetters(acronym).length;
    const isSpelled = wordsIn(expansion, 0, expansion.length).length <= Math.min(n + 5, n * 2) && isPlausibleExpansion(acronym, expansion);
    if (!isTermbaseForm && !isSpelled) continue;
    const start = toSource(view, previous.start);
    const expansionStart = englishPart.start + article;
    const basis = isTermbaseForm ? 'termbase' : 'letters';
    definitions.push(
      newRunDefinition(doc.text, p, run, acronym, cleanExpansion(expansion), start, expansionStart, englishPart.end, 'acronym-first', isPlural, basis, concept),
    );
  }
  return definitions;
}

/**
 * A definition of a run, offsets from the run's start, with its fields in one
 * order and optional ones (`zh`, `concept`) only when present. Built field by
 * field rather than by spreading partial objects: this runs for every
 * definition of a long document.
 */
function newRunDefinition(
  source: string,
  p: Parenthetical,
  run: ProseRun,
  acronym: string,
  expansion: string,
  start: number,
  expansionStart: number,
  expansionEnd: number,
  form: DefinitionForm,
  isPlural: boolean,
  basis: AcronymDefinition['basis'],
  concept: number | undefined,
): RunDefinition {
  const base = run.start;
  const definition = {
    acronym,
    expansion,
    start: start - base,
    end: start - base + acronym.length,
    expansionStart: expansionStart - base,
    expansionEnd: expansionEnd - base,
    open: p.open - base,
    close: p.close - base,
  } as RunDefinition;
  const zhPart = p.parts.find((part) => part.hasHanzi);
  if (zhPart) definition.zh = zhPart.text.replace(/\s+/g, '');
  definition.form = form;
  // "Full Name (ACR)" takes the opening quote its expansion's closing quote needs;
  // a quote right before the run is outside it: `placeRunDefinitions` looks there.
  let phraseStart = form === 'expansion-first' ? expansionStart : start;
  let isQuoteBeforeRun = false;
  if (form === 'expansion-first') {
    if (expansionStart === base) {
      isQuoteBeforeRun = isQuoteOpenAfter(source, expansionStart, p.open);
    } else {
      const before = source[expansionStart - 1];
      if ((before === '"' || before === '“') && isQuoteOpenAfter(source, expansionStart, p.open)) phraseStart = expansionStart - 1;
    }
  }
  definition.phraseStart = phraseStart - base;
  definition.phraseEnd = p.close - base;
  definition.isPlural = isPlural;
  definition.isContiguous = isWithinOneSegment(run, phraseStart, p.close);
  definition.basis = basis;
  if (concept !== undefined) definition.concept = concept;
  if (isQuoteBeforeRun) definition.isQuoteBeforeRun = true;
  return definition;
}

/** A run's definitions (`findRunDefinitions`) where the run stands now, appended to `into`. */
export function placeRunDefinitions(doc: BriefDocument, run: ProseRun, found: readonly RunDefinition[], into: AcronymDefinition[]): void {
  const base = run.start;
  const isInHeading = doc.blocks[run.blockIndex]?.type === 'heading';
  for (const d of found) {
    let phraseStart = base + d.phraseStart;
    let isContiguous = d.isContiguous;
    if (d.isQuoteBeforeRun) {
      const before = doc.text[base - 1];
      if (before === '"' || before === '“') {
        phraseStart = base - 1;
        // The quote is outside the run, so outside its segments.
        isContiguous = false;
      }
    }
    // Fields in the order the full analysis has always written them.
    const definition = {
      acronym: d.acronym,
      expansion: d.expansion,
      start: base + d.start,
      end: base + d.end,
      expansionStart: base + d.expansionStart,
      expansionEnd: base + d.expansionEnd,
      isInNotes: run.isInNotes,
      isInHeading,
      open: base + d.open,
      close: base + d.close,
    } as AcronymDefinition;
    if (d.zh !== undefined) definition.zh = d.zh;
    definition.form = d.form;
    definition.phraseStart = phraseStart;
    definition.phraseEnd = base + d.phraseEnd;
    definition.isPlural = d.isPlural;
    definition.isContiguous = isContiguous;
    definition.basis = d.basis;
    if (d.concept !== undefined) definition.concept = d.concept;
    into.push(definition);
  }
}

/** The part of a parenthetical that is an acronym: "(SOE)", "(NSWN, 新型举国体制)", "(hereafter NSWN)". */
function findAcronymPart(
  source: string,
  parts: readonly ParentheticalPart[],
  known: Map<string, number>,
): { acronym: string; isPlural: boolean; start: number } | undefined {
  for (const part of parts) {
    if (part.hasHanzi || !hasCapital(part.text)) continue;
    const prefix = PREFIX.exec(part.text)?.[0].length ?? 0;
    const text = part.text.slice(prefix);
    if (text.length === 0 || /\s/.test(text)) continue;
    const parsed = readAcronym(text, known);
    if (!parsed) continue;
    const start = part.start + prefix;
    if (!source.startsWith(parsed.acronym, start)) continue;
    return { acronym: parsed.acronym, isPlural: parsed.isPlural, start };
  }
  return undefined;
}

function hasCapital(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 65 && code <= 90) return true;
  }
  return false;
}
