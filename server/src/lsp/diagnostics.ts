/**
 * Engine findings → LSP diagnostics, field by field. The fixes travel in
 * `Diagnostic.data` (as LSP text edits, with the document version they were
 * computed for), so that code actions need no server state. The one fix that
 * many findings share, renumbering every note, does not: a copy per finding
 * made a 1 MB brief's diagnostics 40 MB; code actions rebuild it instead.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  type Diagnostic,
  type DiagnosticRelatedInformation,
  type Range,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Fix, LineIndex, Severity } from '../engine/index';
import type { TermbaseProblem } from '../engine/termbase/model';
import { ruleAnchor } from '../engine/ruleDocs';
import { RENUMBER_TITLE } from '../engine/checks/footnotes/index';
import { bundledTermbasePath } from '../node/files';

export const SOURCE = 'brieflint';

/** One fix as it travels in a diagnostic. */
export interface FixData {
  title: string;
  isPreferred?: boolean;
  edits: LspTextEdit[];
}

export interface DiagnosticData {
  /** The document version the ranges and edits refer to. */
  version: number;
  fixes: FixData[];
  /** The finding's own payload (e.g. `{ zh, en }` of term/unknown-zh). */
  payload?: Record<string, unknown>;
  /** Renumbering the notes fixes it: left out of `fixes`, rebuilt from the analysis when asked. */
  isFixedByRenumbering?: boolean;
}

/** The footnote checks' renumber fix: the same for every finding it fixes, and rebuilt by code actions. */
export function isRenumberFix(fix: Fix): boolean {
  return fix.title === RENUMBER_TITLE;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toLspSeverity(severity: Severity): DiagnosticSeverity {
  return SEVERITY[severity];
}

export function toRange(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
}

let docsBase: string | undefined;

/** file:// URI of docs/rules.md in the installed extension, computed from the server's own location. */
export function rulesDocUri(): string {
  docsBase ??= pathToFileURL(path.join(path.dirname(path.dirname(bundledTermbasePath())), 'docs', 'rules.md')).href;
  return docsBase;
}

export function ruleDocsHref(rule: string): string {
  return `${rulesDocUri()}#${ruleAnchor(rule)}`;
}

/**
 * Maps one finding. `relatedUri` lets a finding point into another document
 * (workspace consistency); related locations without one are in `uri`.
 */
export function toDiagnostic(
  finding: Finding & { relatedElsewhere?: DiagnosticRelatedInformation[] },
  lines: LineIndex,
  uri: string,
  version: number,
): Diagnostic {
  const related: DiagnosticRelatedInformation[] = (finding.related ?? []).map((r) => ({
    location: { uri, range: toRange(lines, r.start, r.end) },
    message: r.message,
  }));
  related.push(...(finding.relatedElsewhere ?? []));
  const fixes = finding.fixes ?? [];
  const data: DiagnosticData = {
    version,
    fixes: fixes.filter((fix) => !isRenumberFix(fix)).map((fix) => ({
      title: fix.title,
      ...(fix.isPreferred ? { isPreferred: true } : {}),
      edits: fix.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })),
    })),
    ...(finding.data ? { payload: finding.data } : {}),
    ...(fixes.some(isRenumberFix) ? { isFixedByRenumbering: true } : {}),
  };
  return {
    range: toRange(lines, finding.start, finding.end),
    severity: toLspSeverity(finding.severity),
    source: SOURCE,
    code: finding.rule,
    codeDescription: { href: ruleDocsHref(finding.rule) },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/** Reads `Diagnostic.data` defensively: it comes back from the client and may be stale or absent. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (!data || typeof data !== 'object' || typeof data.version !== 'number' || !Array.isArray(data.fixes)) return undefined;
  return data as DiagnosticData;
}

/**
 * Problems of a termbase or config file, shown on the file itself. Problems
 * are 1-based line/column; the range runs to the end of the token there (or
 * of the line), so the squiggle sits on what is wrong.
 */
export function problemDiagnostics(problems: readonly TermbaseProblem[], text: string | undefined): Diagnostic[] {
  const lines = text === undefined ? undefined : text.split(/\r\n|\r|\n/);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const problem of problems) {
    const key = `${problem.line}:${problem.column}:${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const line = Math.max(0, problem.line - 1);
    const character = Math.max(0, problem.column - 1);
    const lineText = lines?.[line] ?? '';
    const rest = lineText.slice(character);
    const token = /^("(?:[^"\\]|\\.)*"?|[^\s,:\]}]+|.)/.exec(rest)?.[0] ?? '';
    const length = token.length > 0 ? token.length : Math.max(0, lineText.length - character);
    diagnostics.push({
      range: { start: { line, character }, end: { line, character: character + Math.max(1, length) } },
      severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      source: SOURCE,
      message: problem.message,
    });
  }
  return diagnostics;
}
