/**
 * Compiles a termbase once into a token trie, and finds every term in a
 * document in one pass: at each token the trie is walked only as far as some
 * term continues, so the cost does not grow with the number of terms.
 * Longest match wins; among equally long matches the first entry registered.
 */
import type { Concept, Termbase } from '../termbase/model';
import type { BriefDocument, ProseRun } from '../document/model';
import { tokenizeRun, tokenizeTerm, type Token } from './tokens';

export type FormKind = 'preferred' | 'admitted' | 'deprecated' | 'acronym' | 'zh' | 'zhTraditional';

export interface TermForm {
  /** Index into `CompiledTermbase.concepts`. */
  concept: number;
  kind: FormKind;
  /** The form as the termbase writes it. */
  text: string;
  /** The term's tokens as written, for the case check: only for case-sensitive forms (empty otherwise). */
  rawTokens: string[];
  isCaseSensitive: boolean;
}

/**
 * A trie node. Below the first token most nodes have one child, kept inline:
 * a Map per node would make a 10,000-concept termbase slow to compile and big.
 */
class TrieNode {
  key: string | undefined = undefined;
  child: TrieNode | undefined = undefined;
  children: Map<string, TrieNode> | undefined = undefined;
  forms: TermForm[] | undefined = undefined;
}

function childOf(node: TrieNode, key: string): TrieNode | undefined {
  if (node.children !== undefined) return node.children.get(key);
  return node.key === key ? node.child : undefined;
}

function hasChildren(node: TrieNode): boolean {
  return node.children !== undefined || node.child !== undefined;
}

function addChild(node: TrieNode, key: string): TrieNode {
  if (node.children !== undefined) {
    let child = node.children.get(key);
    if (child === undefined) {
      child = new TrieNode();
      node.children.set(key, child);
    }
    return child;
  }
  if (node.child === undefined) {
    node.key = key;
    node.child = new TrieNode();
    return node.child;
  }
  if (node.key === key) return node.child;
  node.children = new Map([[node.key!, node.child]]);
  node.key = undefined;
  node.child = undefined;
  const child = new TrieNode();
  node.children.set(key, child);
  return child;
}

export interface CompiledTermbase {
  termbase: Termbase;
  concepts: Concept[];
  root: TrieNode;
  /** Acronym (as written) → concept index. */
  acronyms: Map<string, number>;
  formCount: number;
}

const HYPHEN_LIKE = /^[-\u2010\u2011\u2013]$/;

const NO_RAW_TOKENS: string[] = [];

/** Hyphen-glued spellings: PDF extraction turns "whole-of-nation" into "whole-ofnation". At most 8 variants. */
function spellingVariants(term: string, tokens: Token[], needsRaws: boolean): { keys: string[]; raws: string[] }[] {
  const joinable: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i]!.gap !== '' || tokens[i]!.isHanzi || tokens[i - 1]!.isHanzi) continue;
    if (HYPHEN_LIKE.test(term.slice(tokens[i - 1]!.end, tokens[i]!.start))) joinable.push(i);
  }
  if (joinable.length === 0) {
    // The common case, without the variant machinery (a 10,000-concept termbase compiles in a blink).
    const keys: string[] = [];
    const raws: string[] = needsRaws ? [] : NO_RAW_TOKENS;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      keys.push(i === 0 ? token.key : token.gap + token.key);
      if (needsRaws) raws.push(term.slice(token.start, token.end));
    }
    return [{ keys, raws }];
  }
  const masks: number[] = joinable.length <= 3 ? Array.from({ length: 1 << joinable.length }, (_, m) => m) : [0, (1 << joinable.length) - 1];
  return masks.map((mask) => {
    const keys: string[] = [];
    const raws: string[] = [];
    tokens.forEach((token, i) => {
      const bit = joinable.indexOf(i);
      const raw = term.slice(token.start, token.end);
      if (bit >= 0 && mask & (1 << bit)) {
        keys[keys.length - 1] += token.key;
        raws[raws.length - 1] += raw;
      } else {
        keys.push(i === 0 ? token.key : token.gap + token.key);
        raws.push(raw);
      }
    });
    return { keys, raws: needsRaws ? raws : NO_RAW_TOKENS };
  });
}

export function compileTermbase(termbase: Termbase): CompiledTermbase {
  const root = new TrieNode();
  root.children = new Map();
  const acronyms = new Map<string, number>();
  let formCount = 0;
  // Words recur across forms: one copy of each key, not one per form (megabytes with 10,000 concepts).
  const keys = new Map<string, string>();
  const intern = (key: string) => {
    const known = keys.get(key);
    if (known !== undefined) return known;
    keys.set(key, key);
    return key;
  };
  const add = (concept: number, kind: FormKind, text: string, isCaseSensitive: boolean) => {
    const tokens = tokenizeTerm(text);
    if (tokens.length === 0) return;
    for (const variant of spellingVariants(text, tokens, isCaseSensitive)) {
      let node = root;
      for (const key of variant.keys) node = addChild(node, intern(key));
      node.forms ??= [];
      if (!node.forms.some((f) => f.concept === concept && f.text === text)) {
        node.forms.push({ concept, kind, text, rawTokens: variant.raws, isCaseSensitive });
        formCount++;
      }
    }
  };
  termbase.concepts.forEach((concept, index) => {
    const isCaseSensitive = concept.caseSensitive === true;
    add(index, 'preferred', concept.preferred, isCaseSensitive);
    for (const form of concept.admitted) add(index, 'admitted', form, isCaseSensitive);
    for (const form of concept.deprecated) add(index, 'deprecated', form, isCaseSensitive);
    if (concept.acronym) {
      add(index, 'acronym', concept.acronym, true);
      if (!acronyms.has(concept.acronym)) acronyms.set(concept.acronym, index);
    }
    for (const form of concept.zh) add(index, 'zh', form, false);
    for (const form of concept.zhTraditional) add(index, 'zhTraditional', form, false);
  });
  return { termbase, concepts: termbase.concepts, root, acronyms, formCount };
}

/** One occurrence of a termbase form in the document. */
export interface TermMatch {
  concept: number;
  form: TermForm;
  start: number;
  end: number;
  /** Index of the run and of the first and last token (inclusive) in that run's tokens. */
  run: number;
  firstToken: number;
  lastToken: number;
  /** True when no markup lies inside the match, so a fix may replace it whole. */
  isContiguous: boolean;
  /** Length of a plural suffix ("s", "es") matched after the form. */
  pluralSuffix: string;
}

export interface TermScan {
  tokensByRun: Token[][];
  matches: TermMatch[];
}

/** Looks up a plural's singular ("forces" → "force", "technologies" → "technology") below `node`, as `prefix` + singular. */
function addSingularCandidates(node: TrieNode, prefix: string, key: string, lastToken: number, candidates: Candidate[]): void {
  if (key.length < 3 || key.charCodeAt(key.length - 1) !== 115 /* s */ || key.charCodeAt(key.length - 2) === 115) return;
  let child = childOf(node, prefix + key.slice(0, -1));
  if (child?.forms) candidates.push({ lastToken, forms: child.forms, suffix: 's' });
  if (key.length > 4 && key.endsWith('es')) {
    child = childOf(node, prefix + key.slice(0, -2));
    if (child?.forms) candidates.push({ lastToken, forms: child.forms, suffix: 'es' });
    if (key.endsWith('ies')) {
      child = childOf(node, `${prefix + key.slice(0, -3)}y`);
      if (child?.forms) candidates.push({ lastToken, forms: child.forms, suffix: 'ies' });
    }
  }
}

function passesCaseCheck(form: TermForm, text: string, tokens: Token[], first: number, suffixLength: number): boolean {
  if (!form.isCaseSensitive) return true;
  for (let k = 0; k < form.rawTokens.length; k++) {
    const token = tokens[first + k];
    if (!token) return false;
    let raw = text.slice(token.start, token.end);
    if (k === form.rawTokens.length - 1 && suffixLength > 0) raw = raw.slice(0, raw.length - suffixLength);
    if (raw !== form.rawTokens[k]) return false;
  }
  return true;
}

interface Candidate {
  lastToken: number;
  forms: TermForm[];
  suffix: string;
}

const providedScans = new WeakMap<BriefDocument, { compiled: CompiledTermbase; scan: TermScan }>();

/**
 * Registers the term scan of `doc` computed elsewhere (the incremental analyser
 * assembles it from the scans of unchanged blocks), so that `scanTerms` returns
 * it instead of scanning again. It must equal what `scanTerms` would compute.
 */
export function provideTermScan(doc: BriefDocument, compiled: CompiledTermbase, scan: TermScan): void {
  providedScans.set(doc, { compiled, scan });
}

/** Finds every term of the termbase in the document's prose, leftmost-longest, without overlaps. */
export function scanTerms(doc: BriefDocument, compiled: CompiledTermbase): TermScan {
  const provided = providedScans.get(doc);
  if (provided && provided.compiled === compiled) return provided.scan;
  return scanRuns(doc.text, doc.runs, compiled);
}

/** Scans the given runs of `text` (offsets into `text`; `TermMatch.run` indexes `runs`). */
export function scanRuns(text: string, runs: readonly ProseRun[], compiled: CompiledTermbase): TermScan {
  const tokensByRun: Token[][] = [];
  const matches: TermMatch[] = [];
  const root = compiled.root;
  const candidates: Candidate[] = [];
  for (let runIndex = 0; runIndex < runs.length; runIndex++) {
    const run = runs[runIndex]!;
    const tokens = tokenizeRun(text, run);
    tokensByRun.push(tokens);
    if (!hasChildren(root)) continue;
    for (let i = 0; i < tokens.length; i++) {
      const firstKey = tokens[i]!.key;
      let node = childOf(root, firstKey);
      candidates.length = 0;
      if (!node) {
        addSingularCandidates(root, '', firstKey, i, candidates);
      } else {
        let j = i;
        while (node) {
          if (node.forms) candidates.push({ lastToken: j, forms: node.forms, suffix: '' });
          const next = tokens[j + 1];
          if (!next || !hasChildren(node)) break;
          const child: TrieNode | undefined = childOf(node, next.gap + next.key);
          if (!child) addSingularCandidates(node, next.gap, next.key, j + 1, candidates);
          node = child;
          j++;
        }
        addSingularCandidates(root, '', firstKey, i, candidates);
      }
      if (candidates.length === 0) continue;
      const match = pickLongest(candidates, text, tokens, i);
      if (!match) continue;
      const first = tokens[i]!;
      const last = tokens[match.lastToken]!;
      matches.push({
        concept: match.form.concept,
        form: match.form,
        start: first.start,
        end: last.end,
        run: runIndex,
        firstToken: i,
        lastToken: match.lastToken,
        isContiguous: run.segments.some((s) => s.start <= first.start && last.end <= s.end),
        pluralSuffix: match.suffix,
      });
      i = match.lastToken;
    }
  }
  return { tokensByRun, matches };
}

function pickLongest(candidates: Candidate[], text: string, tokens: Token[], first: number) {
  let best: { lastToken: number; form: TermForm; suffix: string } | undefined;
  for (const candidate of candidates) {
    if (best && candidate.lastToken <= best.lastToken) continue;
    const form = candidate.forms.find((f) => passesCaseCheck(f, text, tokens, first, candidate.suffix.length));
    if (form) best = { lastToken: candidate.lastToken, form, suffix: candidate.suffix };
  }
  return best;
}
