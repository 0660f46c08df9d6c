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
   * indices hold.
   */
  perRun<T>(key: string, runIndex: number, compute: () => T): T;
}

/** Per-run results, by the run's identity (see `createCheckContext`): dropped with the cached block. */
const perRunResults = new WeakMap<object, Map<string, unknown>>();

/**
 * `runIdentities`: per run, an object that stands for the run's content and
 * term scan while they do not change (the incremental analyser's cached scan
 * of the run's block), on which `perRun` keeps results from one analysis to
 * the next. A full analysis has none and keeps nothing.
 */
export function createCheckContext(
  doc: BriefDocument,
  termbase: CompiledTermbase,
  options: AnalyzeOptions,
  scan: () => TermScan,
  runIdentities?: readonly object[],
): CheckContext {
  const cache = new Map<string, unknown>();
  const shared = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  const perRun = <T>(key: string, runIndex: number, compute: () => T): T => {
    const identity = runIdentities?.[runIndex];
    if (!identity) return compute();
    let results = perRunResults.get(identity);
    if (!results) perRunResults.set(identity, (results = new Map()));
    if (!results.has(key)) results.set(key, compute());
    return results.get(key) as T;
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
