/**
 * The engine's entry point: one document, one compiled termbase, one analysis
 * that every editor feature and the CLI read.
 */
import { createCheckContext, type CheckContext, type RunMemo } from './check';
import { parseDocument } from './document/index';
import type { BriefDocument } from './document/model';
import { scanTerms, type CompiledTermbase } from './match/matcher';
import type { AnalyzeOptions } from './options';
import { ALL_CHECKS, severityFor } from './rules';
import { findSuppressions } from './suppressions';
import type { Finding } from './types';

export interface Analysis {
  document: BriefDocument;
  findings: Finding[];
  /** Checks that failed on this document (a bug, never the writer's fault): logged by the server, shown by the CLI with --debug. */
  errors: { rule: string; error: Error }[];
  /** The context the checks ran in: term matches and shared analyses (acronyms, notes) for hovers. */
  context: CheckContext;
}

/** Analyses `text` against `termbase`. Never throws on user content. */
export function analyze(text: string, options: AnalyzeOptions, termbase: CompiledTermbase): Analysis {
  const document = parseDocument(text, options.kind);
  return analyzeDocument(document, options, termbase);
}

/** `runMemos`: see `createCheckContext` (the incremental analyser's, to reuse per-run work). */
export function analyzeDocument(document: BriefDocument, options: AnalyzeOptions, termbase: CompiledTermbase, runMemos?: readonly RunMemo[]): Analysis {
  const context = createCheckContext(document, termbase, options, () => scanTerms(document, termbase), runMemos);
  const suppressions = findSuppressions(document.text, document.lines, document.kind === 'plaintext');
  const findings: Finding[] = [];
  const errors: Analysis['errors'] = [];
  const length = document.text.length;
  for (const check of ALL_CHECKS) {
    if (options.isCancelled?.()) break;
    const severity = severityFor(check, options.rules);
    if (severity === 'off') continue;
    let reports;
    try {
      reports = check.run(context);
    } catch (error) {
      // One broken check must not take the others (or the editor) down with it.
      errors.push({ rule: check.id, error: error instanceof Error ? error : new Error(String(error)) });
      continue;
    }
    for (const report of reports) {
      if (report.start < 0 || report.end > length || report.start > report.end) {
        errors.push({ rule: check.id, error: new Error(`finding out of range: ${report.start}-${report.end} of ${length}`) });
        continue;
      }
      if (suppressions.isSuppressed(check.id, report.start)) continue;
      findings.push({ rule: check.id, severity, ...report });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  return { document, findings, errors, context };
}
