/**
 * Compiles a termbase once into a token trie, and finds every term in a
 * document in one pass: at each token the trie is walked only as far as some
 * term continues, so the cost does not grow with the number of terms.
 * Longest match wins; among equally long matches the first entry registered.
 */
import type { Concept, Termbase } from '../termbase/model';
import type { BriefDocument } from '../document/model';
import { tokenizeRun, tokenizeTerm, type Token } from './tokens';

export type FormKind = 'preferred' | 'admitted' | 'deprecated' | 'acronym' | 'zh' | 'zhTraditional';

export interface TermForm {
  /** Index into `CompiledTermbase.concepts`. */
  concept: number;
  kind: FormKind;
  /** The form as the termbase writes it. */
  text: string;
  /** The term's tokens as written, for the case check of case-sensitive forms. */
  rawTokens: string[];
  isCaseSensitive: boolean;
}

class TrieNode {
  children: Map<string, TrieNode> | undefined;
  forms: TermForm[] | undefined;
}

export interface CompiledTermbase {
  termbase: Termbase;
  concepts: Concept[];
  root: TrieNode;
  /** Acronym (as written) → concept index. */
  acronyms: Map<string, number>;
  formCount: number;
}

/** Hyphen-glued spellings: PDF extraction turns "whole-of-nation" into "whole-ofnation". At most 8 variants. */
function spellingVariants(term: string, tokens: Token[]): { keys: string[]; raws: string[] }[] {
  const joinable: number[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const between = term.slice(tokens[i - 1]!.end, tokens[i]!.start);
    if (tokens[i]!.gap === '' && /^[-\u2010\u2011\u2013]$/.test(between) && !tokens[i]!.isHanzi && !tokens[i - 1]!.isHanzi) joinable.push(i);
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
    return { keys, raws };
  });
}

export function compileTermbase(termbase: Termbase): CompiledTermbase {
  const root = new TrieNode();
  const acronyms = new Map<string, number>();
  let formCount = 0;
  const add = (concept: number, kind: FormKind, text: string, isCaseSensitive: boolean) => {
    const tokens = tokenizeTerm(text);
    if (tokens.length === 0) return;
    for (const variant of spellingVariants(text, tokens)) {
      let node = root;
      for (const key of variant.keys) {
        node.children ??= new Map();
        let child = node.children.get(key);
        if (!child) {
          child = new TrieNode();
          node.children.set(key, child);
        }
        node = child;
      }
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

function singulars(key: string): { singular: string; suffix: string }[] {
  if (key.length < 3 || !key.endsWith('s') || key.endsWith('ss')) return [];
  const result = [{ singular: key.slice(0, -1), suffix: 's' }];
  if (key.endsWith('es') && key.length > 4) result.push({ singular: key.slice(0, -2), suffix: 'es' });
  if (key.endsWith('ies') && key.length > 4) result.push({ singular: `${key.slice(0, -3)}y`, suffix: 'ies' });
  return result;
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

/** Finds every term of the termbase in the document's prose, leftmost-longest, without overlaps. */
export function scanTerms(doc: BriefDocument, compiled: CompiledTermbase): TermScan {
  const tokensByRun: Token[][] = [];
  const matches: TermMatch[] = [];
  const { text } = doc;
  const root = compiled.root;
  doc.runs.forEach((run, runIndex) => {
    const tokens = tokenizeRun(text, run);
    tokensByRun.push(tokens);
    if (!root.children) return;
    const candidates: Candidate[] = [];
    for (let i = 0; i < tokens.length; i++) {
      let node = root.children.get(tokens[i]!.key);
      candidates.length = 0;
      if (!node) {
        for (const { singular, suffix } of singulars(tokens[i]!.key)) {
          const child = root.children.get(singular);
          if (child?.forms) candidates.push({ lastToken: i, forms: child.forms, suffix });
        }
      } else {
        let j = i;
        while (node) {
          if (node.forms) candidates.push({ lastToken: j, forms: node.forms, suffix: '' });
          const next = tokens[j + 1];
          if (!next || !node.children) break;
          const key = next.gap + next.key;
          const child: TrieNode | undefined = node.children.get(key);
          if (!child) {
            for (const { singular, suffix } of singulars(next.key)) {
              const pluralChild = node.children.get(next.gap + singular);
              if (pluralChild?.forms) candidates.push({ lastToken: j + 1, forms: pluralChild.forms, suffix });
            }
          }
          node = child;
          j++;
        }
        if (tokens[i]!.key.endsWith('s')) {
          for (const { singular, suffix } of singulars(tokens[i]!.key)) {
            const child = root.children.get(singular);
            if (child?.forms) candidates.push({ lastToken: i, forms: child.forms, suffix });
          }
        }
      }
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
  });
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
