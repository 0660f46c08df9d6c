/**
 * The injection grammar (syntaxes/) under vscode-tmgrammar-test: the fixtures
 * in fixtures/ carry their expected scopes as assertion lines.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');
const CONFIG = path.join('test', 'grammar', 'grammars.json');

function runGrammarTests(...globs: string[]) {
  return spawnSync(process.execPath, [CLI, '--compact', '--config', CONFIG, ...globs], { cwd: ROOT, encoding: 'utf8' });
}

test('note markers and hanzi parentheticals get their scopes in Markdown and plain text, and nothing inside code, comments or URLs', () => {
  const result = runGrammarTests('test/grammar/fixtures/*.md', 'test/grammar/fixtures/*.txt');
  assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /markers\.md/);
  assert.match(result.stdout, /markers\.txt/);
});

test('a wrong expectation fails the grammar test', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'brieflint-grammar-'));
  try {
    const fixture = path.join(dir, 'wrong.md');
    fs.writeFileSync(fixture, '// SYNTAX TEST "text.html.markdown" "a deliberately wrong expectation"\nCode `(举国体制)` here.\n//     ^^^^ string.other.hanzi.brieflint\n');
    const result = runGrammarTests(fixture);
    assert.notEqual(result.status, 0, result.stdout);
    assert.match(result.stdout, /Missing required scopes: \[ string\.other\.hanzi\.brieflint \]/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the test configuration contributes the grammars exactly as package.json does', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { grammars: { scopeName: string; path: string; injectTo?: string[]; language?: string }[] } };
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, CONFIG), 'utf8')) as typeof pkg;
  const normalise = (grammars: typeof pkg.contributes.grammars, base: string) =>
    grammars
      .filter((g) => g.scopeName.includes('brieflint'))
      .map((g) => ({ ...g, path: path.relative(ROOT, path.resolve(base, g.path)) }))
      .sort((a, b) => a.scopeName.localeCompare(b.scopeName));
  assert.deepEqual(normalise(config.contributes.grammars, path.join(ROOT, 'test', 'grammar')), normalise(pkg.contributes.grammars, ROOT));
  for (const grammar of pkg.contributes.grammars) assert.ok(fs.existsSync(path.join(ROOT, grammar.path)), grammar.path);
});
