import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../server/src/engine/index';
import { ruleAnchor } from '../server/src/engine/ruleDocs';

const ROOT = join(__dirname, '..');

test('docs/rules.md is generated from docs/rules/*.md and up to date', () => {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-rules-doc.mjs'), '--check'], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});

test('every rule has a section in docs/rules.md that its diagnostics link to', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8');
  const anchors = new Set([...doc.matchAll(/^## (\S+)/gm)].map((m) => ruleAnchor(m[1]!)));
  const ids = [...RULES.map((r) => r.id), 'term/workspace-inconsistent'];
  const missing = ids.filter((id) => !anchors.has(ruleAnchor(id)));
  assert.deepEqual(missing, []);
});

test('the README lists every term rule', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const rule of RULES.filter((r) => r.id.startsWith('term/'))) assert.ok(readme.includes(`\`${rule.id}\``), rule.id);
});
