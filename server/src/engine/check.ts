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
}

export function createCheckContext(
  doc: BriefDocument,
  termbase: CompiledTermbase,
  options: AnalyzeOptions,
  scan: () => TermScan,
): CheckContext {
  const cache = new Map<string, unknown>();
  const shared = <T>(key: string, compute: () => T): T => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key) as T;
  };
  return {
    doc,
    termbase,
    options,
    get terms() {
      return shared('terms', scan);
    },
    shared,
  };
}
