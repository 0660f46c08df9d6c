import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfigText, DEFAULT_CONFIG } from './config';
import { DEFAULT_ACRONYM_ALLOW_LIST } from './options';

test('reads termbases, rule severities and the acronym allow list', () => {
  const { config, problems } = parseConfigText(
    JSON.stringify({ termbases: ['a.json', 'b.tbx'], bundledTermbase: false, rules: { 'term/near-miss': 'error', 'acronym/*': 'off' }, acronyms: { extraAllow: ['MIIT'] } }),
    '.brieflint.json',
  );
  assert.deepEqual(problems, []);
  assert.deepEqual(config.termbases, ['a.json', 'b.tbx']);
  assert.equal(config.bundledTermbase, false);
  assert.deepEqual(config.rules, { 'term/near-miss': 'error', 'acronym/*': 'off' });
  assert.ok(config.acronymAllowList.includes('MIIT'));
  assert.ok(config.acronymAllowList.includes('GDP'), 'extraAllow keeps the defaults');
});

test('"allow" replaces the default allow list', () => {
  const { config } = parseConfigText('{"acronyms": {"allow": ["EU"]}}', '.brieflint.json');
  assert.deepEqual(config.acronymAllowList, ['EU']);
});

test('a bad value falls back to its default with one problem naming line and column', () => {
  const text = '{\n  "bundledTermbase": "yes",\n  "rules": { "term/near-miss": "loud", "term/mismatch": "hint" },\n  "colour": 1\n}';
  const { config, problems } = parseConfigText(text, 'cfg.json');
  assert.equal(config.bundledTermbase, true);
  assert.deepEqual(config.rules, { 'term/mismatch': 'hint' });
  assert.deepEqual(
    problems.map((p) => `${p.line}:${p.column} ${p.message}`),
    [
      '2:22 "bundledTermbase" must be true or false; using true',
      '3:32 severity of "term/near-miss" must be error, warning, information, hint or off; using the default',
      '4:3 unknown setting "colour"; ignored',
    ],
  );
});

test('text that is not a JSON object gives the defaults and one error', () => {
  const { config, problems } = parseConfigText('[1, 2', 'cfg.json');
  assert.deepEqual(config, DEFAULT_CONFIG);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.severity, 'error');
  assert.deepEqual(DEFAULT_CONFIG.acronymAllowList, [...DEFAULT_ACRONYM_ALLOW_LIST]);
});

test('a config file that starts with a byte order mark is read like any other, problems at their true place', () => {
  const { config, problems } = parseConfigText('\ufeff{"acronyms": {"allow": ["EU"]}}', '.brieflint.json');
  assert.deepEqual(problems, []);
  assert.deepEqual(config.acronymAllowList, ['EU']);
  const broken = parseConfigText('\ufeff{\n  "acronyms": 3,\n}', '.brieflint.json');
  assert.equal(broken.problems.length, 1);
  assert.equal(broken.problems[0]!.line, 2);
});
