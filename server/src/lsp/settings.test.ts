import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../engine/index';
import { DEFAULT_SETTINGS, checkSettings } from './settings';
import { WORKSPACE_RULE_META } from './workspaceConsistency';

test('missing settings are the defaults, without a warning', () => {
  assert.deepEqual(checkSettings(undefined), { settings: DEFAULT_SETTINGS, warnings: [] });
  assert.deepEqual(checkSettings(null), { settings: DEFAULT_SETTINGS, warnings: [] });
  assert.deepEqual(checkSettings({}), { settings: DEFAULT_SETTINGS, warnings: [] });
});

test('valid settings are taken as given', () => {
  const { settings, warnings } = checkSettings({
    run: 'onType',
    termbases: [' terms/house.json ', ''],
    bundledTermbase: false,
    rules: { 'term/deprecated': 'error', 'acronym/*': 'off', footnote: 'hint', 'term/workspace-inconsistent': 'warning' },
    acronyms: { allow: ['WTO', ' IMF '] },
    workspaceConsistency: false,
    languages: ['markdown'],
    trace: { server: 'verbose' },
  });
  assert.deepEqual(warnings, []);
  assert.deepEqual(settings, {
    run: 'onType',
    termbases: ['terms/house.json'],
    bundledTermbase: false,
    rules: { 'term/deprecated': 'error', 'acronym/*': 'off', footnote: 'hint', 'term/workspace-inconsistent': 'warning' },
    acronyms: { allow: ['WTO', 'IMF'] },
    workspaceConsistency: false,
    languages: ['markdown'],
  });
});

test('each bad field falls back to its default with one warning naming it, and the good fields stay', () => {
  const { settings, warnings } = checkSettings({
    run: 'always',
    termbases: 'house.json',
    bundledTermbase: 'yes',
    rules: { 'term/deprecated': 'loud', 'term/nope': 'error', 'term/near-miss': 'off' },
    acronyms: { allow: [1, 2] },
    workspaceConsistency: 1,
    languages: [],
    trace: { server: 'everything' },
  });
  assert.deepEqual(settings, { ...DEFAULT_SETTINGS, rules: { 'term/near-miss': 'off' } });
  assert.deepEqual(warnings, [
    'brieflint.run must be "onSave" or "onType", not "always"; using "onSave"',
    'brieflint.termbases must be a list of file paths, not "house.json"; using []',
    'brieflint.bundledTermbase must be true or false, not "yes"; using true',
    'brieflint.workspaceConsistency must be true or false, not 1; using true',
    'brieflint.languages must be a non-empty list of language ids, not []; using ["markdown","quarto","plaintext"]',
    'brieflint.rules["term/deprecated"] must be error, warning, information, hint or off, not "loud"; using the rule\'s default',
    'brieflint.rules: unknown rule "term/nope"; ignored',
    'brieflint.acronyms.allow must be a list of acronyms, not [1,2]; using []',
    'brieflint.trace.server must be "off", "messages" or "verbose", not "everything"; using "off"',
  ]);
});

test('a section that is not an object is one warning and all defaults', () => {
  assert.deepEqual(checkSettings('onType'), { settings: DEFAULT_SETTINGS, warnings: ['brieflint settings must be an object, not "onType"; using the defaults'] });
  assert.deepEqual(checkSettings([1]).warnings.length, 1);
  assert.deepEqual(checkSettings({ rules: [] }).warnings, ['brieflint.rules must be an object of rule ids to severities, not []; using {}']);
});

test('package.json contributes every setting with the server\u2019s default, and every rule under brieflint.rules', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { default: unknown; scope?: string; properties?: Record<string, { default: string }> }> } };
  };
  const properties = pkg.contributes.configuration.properties;
  assert.equal(properties['brieflint.run']!.default, DEFAULT_SETTINGS.run);
  assert.deepEqual(properties['brieflint.termbases']!.default, DEFAULT_SETTINGS.termbases);
  assert.equal(properties['brieflint.bundledTermbase']!.default, DEFAULT_SETTINGS.bundledTermbase);
  assert.deepEqual(properties['brieflint.rules']!.default, DEFAULT_SETTINGS.rules);
  assert.deepEqual(properties['brieflint.acronyms.allow']!.default, DEFAULT_SETTINGS.acronyms.allow);
  assert.equal(properties['brieflint.workspaceConsistency']!.default, DEFAULT_SETTINGS.workspaceConsistency);
  assert.deepEqual(properties['brieflint.languages']!.default, DEFAULT_SETTINGS.languages);
  assert.equal(properties['brieflint.trace.server']!.default, 'off');
  for (const [key, property] of Object.entries(properties)) assert.ok(property.scope, `${key} has a scope`);
  const contributed = properties['brieflint.rules']!.properties!;
  const expected = Object.fromEntries([...RULES, WORKSPACE_RULE_META].map((rule) => [rule.id, rule.defaultSeverity]));
  assert.deepEqual(Object.fromEntries(Object.entries(contributed).map(([id, p]) => [id, p.default])), expected);
});
