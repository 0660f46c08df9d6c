/** Shared by the acronym tests: a small termbase, and helpers to analyse a string and apply a fix. */
import assert from 'node:assert/strict';
import { analyze } from '../../analyze';
import { applyEdits } from '../../edits';
import { compileTermbase, type CompiledTermbase } from '../../match/matcher';
import { mergeTermbases } from '../../termbase/merge';
import { parseJsonTermbase } from '../../termbase/json';
import type { DocumentKind, Finding } from '../../types';

const TERMBASE_JSON = {
  concepts: [
    { id: 'nswn', en: 'new-style whole-of-nation system', zh: '新型举国体制', acronym: 'NSWN' },
    { id: 'soe', en: 'state-owned enterprise', acronym: 'SOE' },
    { id: 'r-and-d', en: 'research and development', acronym: 'R&D' },
    { id: 's-and-t', en: 'science and technology', acronym: 'S&T' },
    { id: 'sti', en: 'science, technology, and innovation', acronym: 'STI' },
    { id: 'ccfea', en: 'Central Commission for Financial and Economic Affairs', acronym: 'CCFEA' },
    { id: 'igcc', en: 'Institute on Global Conflict and Cooperation', acronym: 'IGCC' },
    { id: 'most', en: 'Ministry of Science and Technology', admitted: ['Science and Technology Ministry'], acronym: 'MoST' },
  ],
};

export const TERMBASE: CompiledTermbase = compileTermbase(mergeTermbases([parseJsonTermbase(JSON.stringify(TERMBASE_JSON), 'test.json')]));
export const NO_TERMBASE: CompiledTermbase = compileTermbase(mergeTermbases([]));

export interface RunOptions {
  kind?: DocumentKind;
  termbase?: CompiledTermbase;
  allow?: readonly string[];
}

/** The acronym/ findings of `text` (all of them, or one rule's). */
export function acronymFindings(text: string, rule?: string, options: RunOptions = {}): Finding[] {
  const { kind = 'markdown', termbase = TERMBASE, allow } = options;
  const { findings } = analyze(text, { kind, ...(allow ? { acronymAllowList: allow } : {}) }, termbase);
  return findings.filter((f) => (rule ? f.rule === rule : f.rule.startsWith('acronym/')));
}

/** The single finding of `rule` in `text`. */
export function onlyFinding(text: string, rule: string, options?: RunOptions): Finding {
  const found = acronymFindings(text, rule, options);
  assert.equal(found.length, 1, `one ${rule} finding, got ${JSON.stringify(found.map((f) => f.message))}`);
  return found[0]!;
}

/** The source text a finding (or a related location) covers. */
export function covered(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}

/** Applies the finding's first fix. */
export function applyFix(text: string, finding: Finding): string {
  const fix = finding.fixes?.[0];
  assert.ok(fix, `the finding "${finding.message}" has a fix`);
  return applyEdits(text, fix.edits);
}

/** The words of a text, for "no text lost" checks: every word of `before` except `removed` is still in `after`. */
export function assertNoWordLost(before: string, after: string, removed: readonly string[] = []): void {
  const count = (text: string) => {
    const counts = new Map<string, number>();
    for (const word of text.split(/[^\p{L}\p{N}&]+/u)) if (word) counts.set(word.toLowerCase(), (counts.get(word.toLowerCase()) ?? 0) + 1);
    return counts;
  };
  const after_ = count(after);
  const removedCounts = count(removed.join(' '));
  for (const [word, n] of count(before)) {
    assert.ok((after_.get(word) ?? 0) + (removedCounts.get(word) ?? 0) >= n, `"${word}" is kept (${n} before, ${after_.get(word) ?? 0} after)`);
  }
}
