/**
 * Code actions. Quick-fixes are rebuilt from `Diagnostic.data` (no server
 * state) when the diagnostic belongs to the current document version; a stale
 * diagnostic is matched against the current analysis instead, so that an edit
 * never lands on text that moved. Also: fix all of one rule, fix all on save
 * (`source.fixAll.brieflint`), renumber notes, add a term to the workspace
 * termbase, and silence a rule on one line.
 */
import {
  CodeActionKind,
  TextDocumentEdit,
  type CodeAction,
  type CodeActionParams,
  type Diagnostic,
  type Range,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, Fix } from '../engine/index';
import { RENUMBER_TITLE, noteIndex } from '../engine/checks/footnotes/index';
import { SOURCE, diagnosticData, isRenumberFix, toDiagnostic, toRange, type FixData } from './diagnostics';
import { COMMANDS, type AddTermArgs } from './protocol';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.brieflint`;
export const RENUMBER_KIND = `${CodeActionKind.Source}.brieflint.renumberNotes`;

export interface CodeActionInput {
  document: TextDocument;
  params: CodeActionParams;
  /** The analysis of the current version (computed on demand). */
  analysis: () => Analysis;
  /** Findings the server adds beside the engine's (workspace consistency), for the current version. */
  extraFindings: () => Finding[];
  isDocumentChangesSupported: boolean;
  /** The client can ask the user for the English of a term (our VS Code extension). */
  hasAddTermPrompt: boolean;
}

function isRequested(only: readonly string[] | undefined, kind: string): boolean {
  if (!only) return !kind.startsWith(CodeActionKind.Source);
  return only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function workspaceEditFor(document: TextDocument, edits: LspTextEdit[], isDocumentChangesSupported: boolean): WorkspaceEdit {
  return isDocumentChangesSupported
    ? { documentChanges: [TextDocumentEdit.create({ uri: document.uri, version: document.version }, edits)] }
    : { changes: { [document.uri]: edits } };
}

function toFixData(analysis: Analysis, fix: Fix): FixData {
  const { lines } = analysis.document;
  return {
    title: fix.title,
    ...(fix.isPreferred ? { isPreferred: true } : {}),
    edits: fix.edits.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText })),
  };
}

function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * The fixes of a diagnostic: from its data when current, else from the current analysis. The
 * renumber fix is not among them (it is offered once per request); `isFixedByRenumbering` says
 * whether it is this diagnostic's fix.
 */
function fixesOf(diagnostic: Diagnostic, input: CodeActionInput): { fixes: FixData[]; isFixedByRenumbering: boolean } {
  const data = diagnosticData(diagnostic);
  if (data && data.version === input.document.version) return { fixes: data.fixes, isFixedByRenumbering: data.isFixedByRenumbering === true };
  const analysis = input.analysis();
  const { lines } = analysis.document;
  const findings = [...analysis.findings, ...input.extraFindings()];
  const finding = findings.find((f) => f.rule === diagnostic.code && overlaps(toRange(lines, f.start, f.end), diagnostic.range));
  const fixes = finding?.fixes ?? [];
  return {
    fixes: fixes.filter((fix) => !isRenumberFix(fix)).map((fix) => toFixData(analysis, fix)),
    isFixedByRenumbering: fixes.some(isRenumberFix),
  };
}

/** The fix to apply when fixing many at once: the preferred one, else the only one. */
function mainFix(finding: Finding): Fix | undefined {
  const fixes = finding.fixes ?? [];
  return fixes.find((f) => f.isPreferred) ?? (fixes.length === 1 ? fixes[0] : undefined);
}

/** Edits of many fixes, in order, dropping any that would overlap an earlier one. */
function combine(analysis: Analysis, fixes: Fix[]): LspTextEdit[] {
  const edits = fixes.flatMap((f) => f.edits).sort((a, b) => a.start - b.start || a.end - b.end);
  const kept: typeof edits = [];
  let cursor = -1;
  for (const edit of edits) {
    if (edit.start < cursor || (edit.start === cursor && edit.start === edit.end && kept.at(-1)?.start === edit.start)) continue;
    kept.push(edit);
    cursor = edit.end;
  }
  const { lines } = analysis.document;
  return kept.map((e) => ({ range: toRange(lines, e.start, e.end), newText: e.newText }));
}

/**
 * The edit that silences `rule` on `line`. A comment line above is the
 * clearest, but in Markdown a comment line inside a paragraph or a list would
 * split it (an HTML block interrupts both), so there the comment goes at the
 * end of the line instead.
 */
export function silenceEdit(document: TextDocument, isMarkdown: boolean, line: number, rule: string): LspTextEdit {
  const text = document.getText();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lineText = (n: number) => document.getText({ start: { line: n, character: 0 }, end: { line: n + 1, character: 0 } }).replace(/\r?\n$|\r$/, '');
  const current = lineText(line);
  const indent = /^[ \t]*/.exec(current)![0];
  const isAboveSafe =
    !isMarkdown ||
    ((line === 0 || lineText(line - 1).trim() === '') && indent === '' && !/^(?:[-*+]|\d+[.)])[ \t]|^>|^\|/.test(current));
  if (isAboveSafe) {
    return { range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}<!-- brieflint-disable-next-line ${rule} -->${eol}` };
  }
  const end = { line, character: current.length };
  return { range: { start: end, end }, newText: ` <!-- brieflint-disable-line ${rule} -->` };
}

/**
 * The diagnostics to offer fixes for. Normally the client's, which carry the
 * fixes; when it sends none of ours for the range (a client that leaves
 * `context.diagnostics` empty, or a request that overtakes the diagnostics it
 * should see), the findings of the current analysis that touch the range.
 */
function diagnosticsToFix(input: CodeActionInput): Diagnostic[] {
  const { params, document } = input;
  const sent = params.context.diagnostics.filter((d) => d.source === SOURCE && typeof d.code === 'string');
  if (sent.length > 0) return sent;
  const analysis = input.analysis();
  const { lines } = analysis.document;
  return [...analysis.findings, ...input.extraFindings()]
    .filter((f) => overlaps(toRange(lines, f.start, f.end), params.range))
    .map((f) => toDiagnostic(f, lines, document.uri, document.version));
}

export function codeActions(input: CodeActionInput): CodeAction[] {
  const { document, params } = input;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]) => workspaceEditFor(document, edits, input.isDocumentChangesSupported);
  const isMarkdown = input.analysis().document.kind === 'markdown';

  if (isRequested(only, CodeActionKind.QuickFix)) {
    const fixAllOffered = new Set<string>();
    const silenced = new Set<string>();
    let isRenumberOffered = false;
    for (const diagnostic of diagnosticsToFix(input)) {
      const rule = diagnostic.code as string;
      const { fixes: ownFixes, isFixedByRenumbering } = fixesOf(diagnostic, input);
      for (const fix of ownFixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          ...(fix.isPreferred ? { isPreferred: true } : {}),
          edit: edit(fix.edits),
        });
      }

      if (!fixAllOffered.has(rule)) {
        fixAllOffered.add(rule);
        const analysis = input.analysis();
        const fixes = [...analysis.findings, ...input.extraFindings()]
          .filter((f) => f.rule === rule)
          .map(mainFix)
          .filter((f): f is Fix => f !== undefined);
        if (fixes.length > 1) {
          actions.push({
            title: `Fix all ${fixes.length} ${rule} problems in this document`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            edit: edit(combine(analysis, fixes)),
          });
        }
      }

      const payload = diagnosticData(diagnostic)?.payload;
      if (rule === 'term/unknown-zh' && typeof payload?.zh === 'string') {
        const args: AddTermArgs = { uri: document.uri, zh: payload.zh, ...(typeof payload.en === 'string' ? { en: payload.en } : {}) };
        if (args.en) {
          actions.push({
            title: `Add ${args.zh} ("${args.en}") to the workspace termbase`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: 'Add to the workspace termbase', command: COMMANDS.addTerm, arguments: [args] },
          });
        } else if (input.hasAddTermPrompt) {
          actions.push({
            title: `Add ${args.zh} to the workspace termbase…`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            command: { title: 'Add to the workspace termbase', command: COMMANDS.clientAddTerm, arguments: [args] },
          });
        }
      }

      if ((rule.startsWith('footnote/') || isFixedByRenumbering) && !isRenumberOffered) {
        isRenumberOffered = true;
        const analysis = input.analysis();
        const renumber = noteIndex(analysis.context).renumber();
        if (renumber) {
          actions.push({
            title: RENUMBER_TITLE,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            ...(isFixedByRenumbering && renumber.isPreferred ? { isPreferred: true } : {}),
            edit: edit(toFixData(analysis, renumber).edits),
          });
        }
      }

      const key = `${rule}:${diagnostic.range.start.line}`;
      if (!silenced.has(key)) {
        silenced.add(key);
        actions.push({
          title: `Silence ${rule} on this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: edit([silenceEdit(document, isMarkdown, diagnostic.range.start.line, rule)]),
        });
      }
    }
  }

  if (only && isRequested(only, FIX_ALL_KIND)) {
    // Fix on save touches problems only: hints and information are suggestions (e.g. "drop this unused
    // acronym"), and applying them unasked can undo what another fix relies on.
    const analysis = input.analysis();
    const fixes = [...analysis.findings, ...input.extraFindings()]
      .filter((f) => f.severity === 'error' || f.severity === 'warning')
      .map((f) => (f.fixes ?? []).find((fix) => fix.isPreferred))
      .filter((f): f is Fix => f !== undefined);
    if (fixes.length > 0) {
      actions.push({ title: 'Fix all BriefLint errors and warnings that have an obvious fix', kind: FIX_ALL_KIND, edit: edit(combine(analysis, fixes)) });
    }
  }

  if (only && isRequested(only, RENUMBER_KIND)) {
    const analysis = input.analysis();
    const renumber = noteIndex(analysis.context).renumber();
    if (renumber) actions.push({ title: RENUMBER_TITLE, kind: RENUMBER_KIND, edit: edit(toFixData(analysis, renumber).edits) });
  }
  return actions;
}
