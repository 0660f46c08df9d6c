/**
 * The VS Code API suite: runs inside a real extension host with BriefLint
 * installed, against a throwaway workspace holding copies of the sample
 * briefs. The module exports `run()`, the entry point `@vscode/test-electron`
 * calls as `extensionTestsPath`; code-server loads the same bundle
 * (out/test/vscode/suite.js, built by test/vscode/build.mjs).
 *
 * The cases run in order on one workspace (the quick-fix and the renumbering
 * change the brief that later cases read). Every wait polls with a deadline.
 * Results go to the console and, when BRIEFLINT_TEST_RESULTS names a file,
 * to that file as JSON (code-server's extension host does not exit at the end).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  SAMPLE_MARKDOWN,
  SAMPLE_TEXT,
  findingKey,
  markdownExpectations,
  noteLabels,
  offsetOf,
  positionAt,
  unescapeMarkdown,
  type ExpectedHover,
  type Span,
} from '../editors/sample';

const EXTENSION_ID = 'brieflint.brieflint';
const CASE_TIMEOUT_MS = 90_000;
const WAIT_MS = 30_000;

export interface CaseResult {
  name: string;
  isPassed: boolean;
  ms: number;
  error?: string;
}

export interface SuiteResults {
  vscodeVersion: string;
  extensionPath?: string;
  cases: CaseResult[];
}

type Case = { name: string; fn: () => Promise<void> };
const cases: Case[] = [];
function test(name: string, fn: () => Promise<void>): void {
  cases.push({ name, fn });
}

// ---------------------------------------------------------------------------
// Helpers

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = WAIT_MS, describe?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${describe ? `\n${describe()}` : ''}`);
    await delay(100);
  }
}

function workspaceFolder(): vscode.WorkspaceFolder {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the suite needs a workspace folder holding the sample briefs');
  return folder;
}

function fileUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder().uri, name);
}

function extension(): vscode.Extension<unknown> {
  const found = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not installed`);
  return found;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}

function spanOfRange(range: vscode.Range): Span {
  return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function rangeOfSpan(span: Span): vscode.Range {
  return new vscode.Range(span.start.line, span.start.character, span.end.line, span.end.character);
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'brieflint');
}

function keysOf(diagnostics: readonly vscode.Diagnostic[]): string[] {
  return diagnostics.map((d) => findingKey(codeOf(d), spanOfRange(d.range))).sort();
}

const SEVERITY_NAMES: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

interface CliDiagnostic {
  rule: string;
  severity: string;
  message: string;
  range: Span;
}

/** What the installed extension's own CLI (the same engine, from the same .vsix) reports for a file on disk. */
function cliDiagnostics(file: vscode.Uri): CliDiagnostic[] {
  const cli = path.join(extension().extensionPath, 'dist', 'cli.js');
  assert.ok(fs.existsSync(cli), `the installed extension has no dist/cli.js (${cli})`);
  // Under Electron (test-electron) process.execPath is the editor itself; this makes it act as Node.
  const result = spawnSync(process.execPath, [cli, 'check', '--format', 'json', file.fsPath], {
    cwd: path.dirname(file.fsPath),
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  assert.ok(result.status === 0 || result.status === 1, `brieflint check exited ${result.status}: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { files: { diagnostics: CliDiagnostic[] }[] }).files.flatMap((f) => f.diagnostics);
}

/** Waits until the editor shows exactly the findings the CLI reports for the file as saved. */
async function waitForCliFindings(uri: vscode.Uri, what: string): Promise<vscode.Diagnostic[]> {
  const expected = cliDiagnostics(uri);
  const want = expected.map((d) => findingKey(d.rule, d.range)).sort();
  assert.ok(want.length > 0, 'the CLI reports findings for the sample');
  return waitFor(
    what,
    () => {
      const shown = ours(uri);
      return JSON.stringify(keysOf(shown)) === JSON.stringify(want) ? shown : undefined;
    },
    WAIT_MS,
    () => `editor: ${keysOf(ours(uri)).join(', ')}\nCLI:    ${want.join(', ')}`,
  );
}

async function open(name: string): Promise<{ document: vscode.TextDocument; editor: vscode.TextEditor }> {
  const document = await vscode.workspace.openTextDocument(fileUri(name));
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { document, editor };
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position);
  return unescapeMarkdown(
    (hovers ?? [])
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : c.value))
      .join('\n'),
  );
}

/** Resolves on the next diagnostics change for `uri` (each publish from the server is one). */
function nextDiagnosticsChange(uri: vscode.Uri, timeoutMs = WAIT_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`no diagnostics were published for ${uri.path} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      clearTimeout(timer);
      listener.dispose();
      resolve();
    });
  });
}

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('brieflint').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Appends `addition` to the end of the line that contains `anchor`; returns the span of `needle` inside it. */
async function appendToLine(editor: vscode.TextEditor, anchor: string, addition: string, needle: string): Promise<Span> {
  const document = editor.document;
  const line = positionAt(document.getText(), offsetOf(document.getText(), anchor)).line;
  const end = document.lineAt(line).range.end;
  assert.ok(await editor.edit((edit) => edit.insert(end, addition)), 'the editor refused the edit');
  const start = end.character + addition.indexOf(needle);
  return { start: { line, character: start }, end: { line, character: start + needle.length } };
}

function hasFinding(uri: vscode.Uri, rule: string, span: Span): boolean {
  return keysOf(ours(uri)).includes(findingKey(rule, span));
}

// ---------------------------------------------------------------------------
// The cases

let brief: vscode.TextDocument;
let briefEditor: vscode.TextEditor;
let original = '';

test('the installed BriefLint extension activates on a Markdown brief', async () => {
  ({ document: brief, editor: briefEditor } = await open(SAMPLE_MARKDOWN));
  original = brief.getText();
  assert.equal(brief.languageId, 'markdown');
  const ext = extension();
  await waitFor('the extension to activate', () => (ext.isActive ? true : undefined));
  const installedIn = process.env.BRIEFLINT_EXPECT_EXTENSIONS_DIR;
  if (installedIn) {
    assert.ok(
      ext.extensionPath.startsWith(path.resolve(installedIn) + path.sep),
      `BriefLint runs from ${ext.extensionPath}, not from the extensions folder the .vsix was installed into (${installedIn})`,
    );
  }
});

test('shows the same findings as the CLI, with rule ids, ranges and severities', async () => {
  const shown = await waitForCliFindings(brief.uri, 'the diagnostics of the Markdown brief');
  const expected = markdownExpectations(original);
  for (const finding of expected.findings) {
    assert.ok(hasFinding(brief.uri, finding.rule, finding.span), `no ${finding.rule} on "${finding.words}"`);
  }
  const cli = cliDiagnostics(brief.uri);
  for (const diagnostic of shown) {
    const twin = cli.find((d) => findingKey(d.rule, d.range) === findingKey(codeOf(diagnostic), spanOfRange(diagnostic.range)));
    assert.ok(twin);
    assert.equal(SEVERITY_NAMES[diagnostic.severity], twin.severity, `severity of ${codeOf(diagnostic)}`);
    assert.equal(diagnostic.message, twin.message);
  }
});

test('links every rule id to its documentation, shipped with the extension', async () => {
  for (const diagnostic of ours(brief.uri)) {
    const rule = codeOf(diagnostic);
    const code = diagnostic.code;
    assert.ok(typeof code === 'object' && code !== null && 'target' in code, `${rule} has no documentation link`);
    const target = code.target;
    assert.equal(target.scheme, 'file', `the link of ${rule} is a file of the installed extension: ${target.toString()}`);
    assert.ok(fs.existsSync(target.fsPath), `the link of ${rule} points at a missing file: ${target.fsPath}`);
    assert.ok(fs.readFileSync(target.fsPath, 'utf8').includes(rule), `${target.fsPath} does not document ${rule}`);
  }
});

for (const which of ['term', 'acronym', 'note'] as const) {
  test(`shows a hover card on ${which === 'term' ? 'a term' : which === 'acronym' ? 'an acronym' : 'a note marker'}`, async () => {
    const hover: ExpectedHover = markdownExpectations(original).hovers[which];
    const text = await hoverText(brief.uri, new vscode.Position(hover.position.line, hover.position.character));
    assert.ok(text.length > 0, `no hover on ${hover.what}`);
    for (const part of hover.mustContain) assert.ok(text.includes(part), `the hover on ${hover.what} lacks "${part}":\n${text}`);
  });
}

test('applies the preferred quick-fix for a near-miss, and the finding goes away on save', async () => {
  const { fix } = markdownExpectations(original);
  const range = rangeOfSpan(fix.finding.span);
  const actionsAt = async () => {
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', brief.uri, range);
    return (actions ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a || 'isPreferred' in a);
  };
  // The light bulb follows the diagnostics; on a busy machine the first request can come before them.
  let codeActions: vscode.CodeAction[] = [];
  await waitFor('quick-fixes on the near-miss', async () => ((codeActions = await actionsAt()).length > 0 ? true : undefined));
  const preferred = codeActions.filter((a) => a.isPreferred);
  assert.equal(preferred.length, 1, `one preferred fix expected among ${codeActions.map((a) => a.title).join(', ')}`);
  const action = preferred[0]!;
  assert.equal(action.title, fix.title);
  assert.ok(action.kind && vscode.CodeActionKind.QuickFix.contains(action.kind), `the fix is a quick-fix, not ${action.kind?.value}`);
  assert.ok(action.edit, 'the preferred fix carries its edit');
  assert.ok(await vscode.workspace.applyEdit(action.edit), 'the editor applied the fix');

  const lines = original.split('\n');
  const line = lines[fix.finding.span.start.line]!;
  lines[fix.finding.span.start.line] = line.slice(0, fix.finding.span.start.character) + fix.replacement + line.slice(fix.finding.span.end.character);
  assert.equal(brief.getText(), lines.join('\n'), 'the fix replaced exactly the misspelt word');

  assert.ok(await brief.save(), 'saved');
  await waitForCliFindings(brief.uri, 'the diagnostics after the fix');
  assert.ok(!hasFinding(brief.uri, fix.finding.rule, fix.finding.span), 'the near-miss is gone');
});

test('renumbers the notes in order of first reference, markers and list together', async () => {
  const before = noteLabels(brief.getText());
  const order = [...new Set(before.references)];
  assert.notDeepEqual(order, order.map((_, i) => String(i + 1)), 'the sample cites its notes out of order');
  const renumbered = new Map(order.map((label, i) => [label, String(i + 1)]));
  const textBefore = brief.getText();

  await vscode.window.showTextDocument(brief);
  await vscode.commands.executeCommand('brieflint.renumberNotes');
  await waitFor('the renumbering edit', () => (brief.getText() !== textBefore ? true : undefined), WAIT_MS);

  const after = noteLabels(brief.getText());
  assert.deepEqual(after.references, before.references.map((label) => renumbered.get(label)), 'markers numbered in order of first reference');
  for (const [label, text] of before.definitions) {
    const next = renumbered.get(label);
    if (next) assert.equal(after.definitions.get(next), text, `note ${label} became note ${next} with its text`);
  }
  assert.deepEqual([...after.definitions.values()].sort(), [...before.definitions.values()].sort(), 'no note text lost');
  const body = (s: string) => s.slice(0, s.indexOf('\n## Notes'));
  assert.equal(body(after.skeleton), body(before.skeleton), 'the body changed only in its note labels');

  assert.ok(await brief.save(), 'saved');
  const shown = await waitForCliFindings(brief.uri, 'the diagnostics after renumbering');
  assert.ok(!shown.some((d) => codeOf(d) === 'footnote/order'), 'no note is out of order any more');
});

test('brieflint.run: onSave checks on save only; onType checks as you type', async () => {
  await vscode.window.showTextDocument(brief);
  assert.equal(vscode.workspace.getConfiguration('brieflint').get('run'), 'onSave');

  const first = await appendToLine(briefEditor, 'has issued guidance on', ' Some still say dual cycle strategy.', 'dual cycle strategy');
  // The hover reads the edited text, so the server has it; the diagnostics must still wait for a save.
  assert.match(await hoverText(brief.uri, new vscode.Position(first.start.line, first.start.character + 1)), /deprecated/);
  // Proving that nothing happens takes a window: far longer than an onType check needs (300 ms debounce).
  await delay(1500);
  assert.ok(!hasFinding(brief.uri, 'term/deprecated', first), 'onSave: no check before the save');
  assert.ok(await brief.save());
  await waitFor('the check on save', () => (hasFinding(brief.uri, 'term/deprecated', first) ? true : undefined));

  // The server re-checks open briefs when the settings change; that publish means it has the new setting.
  const published = nextDiagnosticsChange(brief.uri);
  await setSetting('run', 'onType');
  await published;
  const second = await appendToLine(briefEditor, 'has issued guidance on', ' And dual cycle strategy again.', 'dual cycle strategy');
  await waitFor(
    'the check as you type',
    () => (hasFinding(brief.uri, 'term/deprecated', second) ? true : undefined),
    WAIT_MS,
    () => keysOf(ours(brief.uri)).join(', '),
  );
  assert.ok(brief.isDirty, 'checked before any save');

  await setSetting('run', undefined);
  assert.ok(await brief.save());
});

test('brieflint.termbases: a workspace termbase takes effect, its edits apply at once, a broken one keeps the last good', async () => {
  const termbase = fileUri('house-terms.json');
  const concept = { id: 'house-export-controls', en: 'export restrictions' };
  const write = (extra: object) => fs.writeFileSync(termbase.fsPath, JSON.stringify({ concepts: [{ ...concept, ...extra }] }, null, 2));
  write({ deprecated: ['export controls'] });
  const text = brief.getText();
  const start = positionAt(text, offsetOf(text, 'export controls'));
  const span: Span = { start, end: { line: start.line, character: start.character + 'export controls'.length } };
  const isFlagged = () => hasFinding(brief.uri, 'term/deprecated', span);
  assert.ok(!isFlagged(), 'not flagged by the bundled termbase');

  await setSetting('termbases', ['house-terms.json']);
  await waitFor('the workspace termbase to flag "export controls"', () => (isFlagged() ? true : undefined), WAIT_MS, () => keysOf(ours(brief.uri)).join(', '));
  const message = ours(brief.uri).find((d) => codeOf(d) === 'term/deprecated' && d.range.start.line === span.start.line && d.range.start.character === span.start.character)?.message;
  assert.match(message ?? '', /export restrictions/, 'the message names the preferred form');

  // Broken on disk: the problem shows on the termbase file, and the brief is still checked with the last good version.
  const republished = nextDiagnosticsChange(brief.uri);
  fs.writeFileSync(termbase.fsPath, '{ "concepts": [ { "id": "broken", ');
  await waitFor('a problem on the broken termbase file', () => (ours(termbase).length > 0 ? true : undefined));
  await republished;
  assert.ok(isFlagged(), 'the last good termbase stays in force');

  // Edited outside the editor: the file watcher brings the change to the server.
  write({ admitted: ['export controls'] });
  await waitFor('the edited termbase to take effect', () => (!isFlagged() && ours(termbase).length === 0 ? true : undefined), WAIT_MS, () =>
    `brief: ${keysOf(ours(brief.uri)).join(', ')}\ntermbase: ${ours(termbase).map((d) => d.message).join('; ')}`,
  );

  write({ deprecated: ['export controls'] });
  await waitFor('the deprecated form to be flagged again', () => (isFlagged() ? true : undefined));
  await setSetting('termbases', undefined);
  await waitFor('the termbase to be dropped with the setting', () => (isFlagged() ? undefined : true));
});

test('checks a plain-text brief the same as the CLI', async () => {
  const { document } = await open(SAMPLE_TEXT);
  assert.equal(document.languageId, 'plaintext');
  await waitForCliFindings(document.uri, 'the diagnostics of the plain-text brief');
});

// ---------------------------------------------------------------------------

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`"${name}" did not finish within ${ms} ms`)), ms);
    }),
  ]);
}

function writeResults(results: SuiteResults): void {
  const file = process.env.BRIEFLINT_TEST_RESULTS;
  if (!file) return;
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** The entry point `@vscode/test-electron` (and our code-server host) calls. Rejects when a case fails. */
export async function run(): Promise<void> {
  const results: SuiteResults = { vscodeVersion: vscode.version, cases: [] };
  for (const { name, fn } of cases) {
    const started = Date.now();
    try {
      await withTimeout(fn(), CASE_TIMEOUT_MS, name);
      results.cases.push({ name, isPassed: true, ms: Date.now() - started });
      console.log(`ok - ${name}`);
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      results.cases.push({ name, isPassed: false, ms: Date.now() - started, error: message });
      console.log(`not ok - ${name}\n${message}`);
    }
  }
  results.extensionPath = vscode.extensions.getExtension(EXTENSION_ID)?.extensionPath;
  writeResults(results);
  const failed = results.cases.filter((c) => !c.isPassed).length;
  console.log(`${results.cases.length - failed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} of ${results.cases.length} VS Code API tests failed`);
}
