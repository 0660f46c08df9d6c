/**
 * Neovim (Debian's 0.7, headless) as a second LSP client: it starts the
 * bundled dist/server.js over stdio, opens a throwaway copy of the sample
 * brief, and what it received is checked here: the diagnostics (the same as
 * the CLI's, rule ids and ranges), the hovers on a term, an acronym and a note
 * marker, and a code action whose preferred fix, once applied and saved,
 * removes the finding. test/nvim/probe.lua is the Neovim side.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import {
  REPO_ROOT,
  cliDiagnostics,
  hasCommand,
  makeThrowaway,
  requireBuilt,
  requirePrerequisite,
  runBounded,
  type CliDiagnostic,
} from '../editors/harness';
import { SAMPLE_MARKDOWN, findingKey, markdownExpectations, unescapeMarkdown, type ExpectedHover } from '../editors/sample';

interface LspDiagnostic extends Omit<CliDiagnostic, 'rule' | 'severity'> {
  code?: string | number;
  severity?: number;
}

interface ProbeRecord {
  error?: string;
  diagnostics?: LspDiagnostic[];
  hovers?: { position: { line: number; character: number }; result: { contents: unknown } | null; error: string | null }[];
  codeActions?: { title: string; kind?: string; isPreferred?: boolean; edit?: unknown }[];
  applied?: string;
  diagnosticsAfterFix?: LspDiagnostic[] | null;
  textAfterFix?: string;
}

const PROBE_TIMEOUT_MS = 60_000;

function hoverText(contents: unknown): string {
  if (typeof contents === 'string') return contents;
  if (Array.isArray(contents)) return contents.map(hoverText).join('\n');
  if (contents && typeof contents === 'object' && 'value' in contents) return String((contents as { value: unknown }).value);
  return '';
}

test('Neovim 0.7 as an LSP client of dist/server.js --stdio', async (t) => {
  if (!requirePrerequisite(t, hasCommand('nvim'), 'Neovim (nvim)', 'install it with: sudo apt-get install -y neovim')) return;
  const server = requireBuilt('dist/server.js');
  requireBuilt('dist/cli.js');

  const tmp = makeThrowaway('nvim');
  t.after(() => tmp.remove());
  const workspace = path.join(tmp.dir, 'workspace');
  fs.mkdirSync(workspace);
  const file = path.join(workspace, SAMPLE_MARKDOWN);
  fs.copyFileSync(path.join(REPO_ROOT, 'samples', SAMPLE_MARKDOWN), file);
  const original = fs.readFileSync(file, 'utf8');
  const expected = markdownExpectations(original);
  const cli = cliDiagnostics(file);
  const hovers: ExpectedHover[] = [expected.hovers.term, expected.hovers.acronym, expected.hovers.note];

  const out = path.join(tmp.dir, 'record.json');
  const env = {
    ...tmp.env,
    BRIEFLINT_NVIM_SERVER: server,
    BRIEFLINT_NVIM_FILE: file,
    BRIEFLINT_NVIM_OUT: out,
    BRIEFLINT_NVIM_PLAN: JSON.stringify({ hovers: hovers.map((h) => h.position), fixRule: expected.fix.finding.rule, timeoutMs: 15_000 }),
  };
  const started = Date.now();
  const run = await runBounded('nvim', ['--headless', '--clean', '-n', '-i', 'NONE', '-c', `luafile ${path.join(REPO_ROOT, 'test', 'nvim', 'probe.lua')}`], {
    cwd: workspace,
    env,
    timeoutMs: PROBE_TIMEOUT_MS,
  });
  t.diagnostic(`nvim probe took ${Date.now() - started} ms`);
  assert.equal(run.isTimedOut, false, `nvim did not finish within ${PROBE_TIMEOUT_MS} ms:\n${run.output}`);
  assert.ok(fs.existsSync(out), `the probe wrote no record (exit ${run.code}):\n${run.output}`);
  const record = JSON.parse(fs.readFileSync(out, 'utf8')) as ProbeRecord;
  assert.equal(record.error, undefined, `the probe failed: ${record.error}\n${run.output}`);
  assert.equal(run.code, 0, `nvim exited ${run.code}:\n${run.output}`);

  await t.test('publishes the same findings as the CLI, with rule ids and ranges', () => {
    const shown = (record.diagnostics ?? []).map((d) => findingKey(String(d.code), d.range)).sort();
    assert.deepEqual(shown, cli.map((d) => findingKey(d.rule, d.range)).sort());
    for (const finding of expected.findings) {
      assert.ok(shown.includes(findingKey(finding.rule, finding.span)), `no ${finding.rule} on "${finding.words}" in ${shown.join(', ')}`);
    }
    assert.ok((record.diagnostics ?? []).every((d) => (d as { source?: string }).source === 'brieflint'), 'every diagnostic names its source');
  });

  for (const [index, hover] of hovers.entries()) {
    await t.test(`shows a hover card on ${hover.what}`, () => {
      const got = record.hovers?.[index];
      assert.ok(got, 'no hover recorded');
      assert.equal(got.error, null);
      assert.ok(got.result, `no hover at ${JSON.stringify(hover.position)}`);
      const text = unescapeMarkdown(hoverText(got.result.contents));
      for (const part of hover.mustContain) assert.ok(text.includes(part), `the hover lacks "${part}":\n${text}`);
    });
  }

  await t.test('offers the preferred quick-fix for the near-miss, and saving the fixed text clears it', () => {
    const titles = (record.codeActions ?? []).map((a) => a.title);
    const preferred = (record.codeActions ?? []).filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `one preferred action expected among ${JSON.stringify(titles)}`);
    assert.equal(preferred[0]!.title, expected.fix.title);
    assert.equal(preferred[0]!.kind, 'quickfix');
    assert.equal(record.applied, expected.fix.title);

    const { span } = expected.fix.finding;
    const lines = original.split('\n');
    const line = lines[span.start.line]!;
    lines[span.start.line] = line.slice(0, span.start.character) + expected.fix.replacement + line.slice(span.end.character);
    const saved = fs.readFileSync(file, 'utf8');
    assert.equal(saved, lines.join('\n'), 'the saved file is the original with the one word replaced');

    assert.ok(record.diagnosticsAfterFix, 'no diagnostics were published after the save');
    const after = record.diagnosticsAfterFix.map((d) => findingKey(String(d.code), d.range)).sort();
    assert.ok(!after.includes(findingKey(expected.fix.finding.rule, span)), `the near-miss is still reported: ${after.join(', ')}`);
    assert.deepEqual(after, cliDiagnostics(file).map((d) => findingKey(d.rule, d.range)).sort(), 'the same findings as the CLI on the fixed file');
  });
});
