/**
 * The shape of a check: one rule id, one module. A check reads the document
 * model and the compiled termbase through a `CheckContext` and returns findings
 * without rule or severity: `analyze` fills those from the rule's settings.
 */
import type { BriefDocument } from './document/model';
import type { CompiledTermbase, TermScan } from './match/matcher';
import type { Finding, SeveritySetting } from './types';
import type { AnalyzeOptions } from './options';

export type Report = Omit<Finding, 'rule' | 'severity'>;

export interface RuleMeta {
  /** Stable id, e.g. `term/near-miss`: the diagnostic code, the settings key, the docs anchor. */
  id: string;
  /** One sentence: what the rule flags. */
  description: string;
  defaultSeverity: SeveritySetting;
}

export interface Check extends RuleMeta {
  run(ctx: CheckContext): Report[];
}

export interface CheckContext {
  readonly doc: BriefDocument;
  readonly termbase: CompiledTermbase;
  readonly options: AnalyzeOptions;
  /** The term matches, computed once and shared by every check. */
  readonly terms: TermScan;
  /** Computes a shared analysis once per document (e.g. the notes list, the acronym index). */
  shared<T>(key: string, compute: () => T): T;
  /**
   * Computes `key` for one run, reused in later analyses while the run is
   * unchanged (in the editor, typing elsewhere). `compute` may read only the
   * run's text and tokens, its term matches and the termbase, and its result
   * must not hold offsets, which move as text is typed before the run: token
   * indices hold. What a check reads just past the run (the character after a
   * token, the rest of its line) is read where the run stands now, outside `compute`.
   */
  perRun<T>(key: string, runIndex: number, compute: () => T): T;
}

/** One run's results kept across analyses, by key (see `createCheckContext`). */
export type RunMemo = Map<string, unknown>;

/**
 * `runMemos`: per run, where its results are kept while the run's content and
 * term scan do not change (the incremental analyser keeps one per run of each
 * cached block), so that `perRun` reuses them in the next analysis. A full
 * analysis has none and keeps nothing.
 */
export function createCheckContext(
  doc: BriefDocument,
  termbase: CompiledTermbase,
  options: AnalyzeOptions,
  scan: () => TermScan,
  runMemos?: readonly RunMemo[],
): CheckContext {
  const cache = new Map<string, unknown>();
  const shared = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const perRun = <T>(key: string, runIndex: number, compute: () => T): T => {
    const memo = runMemos?.[runIndex];
    if (!memo) return compute();
    let result = memo.get(key) as T | undefined;
    if (result === undefined && !memo.has(key)) memo.set(key, (result = compute()));
    return result as T;
  };
  return {
    doc,
    termbase,
    options,
    get terms() {
      return shared('terms', scan);
    },
    shared,
    perRun,
  };
}
