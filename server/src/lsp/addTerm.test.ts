import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { addConceptToTermbaseText, appendToJsonArray, chooseWorkspaceTermbase, registerTermbaseInConfigText } from './addTerm';

const PRETTY = `{
    "name": "House",
    "concepts": [
        {
            "id": "a",
            "en": "alpha"
        }
    ]
}
`;

test('appends a concept in the layout of the entry before it, changing no other byte', () => {
  const outcome = addConceptToTermbaseText(PRETTY, { zh: '新质生产力', en: 'new quality productive forces' });
  assert.equal(outcome.isAlreadyPresent, false);
  if (outcome.isAlreadyPresent) return;
  assert.equal(
    outcome.text,
    `{
    "name": "House",
    "concepts": [
        {
            "id": "a",
            "en": "alpha"
        },
        {
            "id": "new-quality-productive-forces",
            "zh": "新质生产力",
            "en": "new quality productive forces"
        }
    ]
}
`,
  );
});

test('keeps comments, CRLF line ends and one-line entries', () => {
  const text = '{\r\n  // house terms\r\n  "concepts": [\r\n    {"id":"a","en":"alpha"}\r\n  ]\r\n}\r\n';
  const outcome = addConceptToTermbaseText(text, { zh: '两张皮', en: 'two-layers problem', definition: 'Research and industry apart.' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(outcome.text, '{\r\n  // house terms\r\n  "concepts": [\r\n    {"id":"a","en":"alpha"},\r\n    {"id":"two-layers-problem","zh":"两张皮","en":"two-layers problem","definition":"Research and industry apart."}\r\n  ]\r\n}\r\n');
});

test('fills an empty concepts list and adds a missing one', () => {
  const empty = addConceptToTermbaseText('{\n  "concepts": []\n}\n', { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!empty.isAlreadyPresent);
  assert.deepEqual(JSON.parse(empty.text), { concepts: [{ id: 'dual-circulation-strategy', zh: '双循环', en: 'dual circulation strategy' }] });
  assert.match(empty.text, /^\{\n {2}"concepts": \[\n {4}\{\n {6}"id"/);
  const missing = addConceptToTermbaseText('{\n  "name": "x"\n}\n', { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!missing.isAlreadyPresent);
  assert.deepEqual(JSON.parse(missing.text), { name: 'x', concepts: [{ id: 'dual-circulation-strategy', zh: '双循环', en: 'dual circulation strategy' }] });
});

test('creates a new file when there is none', () => {
  const outcome = addConceptToTermbaseText(undefined, { zh: '双循环', en: 'dual circulation strategy', source: 'drafts/a.md' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(outcome.text, '{\n  "concepts": [\n    {\n      "id": "dual-circulation-strategy",\n      "zh": "双循环",\n      "en": "dual circulation strategy",\n      "source": "drafts/a.md"\n    }\n  ]\n}\n');
});

test('finds a term already present by its hanzi, white space ignored, simplified or traditional', () => {
  const text = '{"concepts": [{"id": "dc", "zh": ["双循环"], "zhTraditional": "雙循環", "en": "dual circulation strategy"}]}';
  assert.deepEqual(addConceptToTermbaseText(text, { zh: '双 循环', en: 'x' }), { id: 'dc', isAlreadyPresent: true });
  assert.deepEqual(addConceptToTermbaseText(text, { zh: '雙循環', en: 'x' }), { id: 'dc', isAlreadyPresent: true });
});

test('makes the id unique and falls back to the hanzi code points when the English has no Latin letters', () => {
  const text = '{"concepts": [{"id": "alpha", "en": "alpha"}]}';
  const outcome = addConceptToTermbaseText(text, { zh: '甲', en: 'Alpha' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.match(outcome.text, /"id": "alpha-2"/);
  const hanziOnly = addConceptToTermbaseText(undefined, { zh: '甲乙', en: '—' });
  assert.ok(!hanziOnly.isAlreadyPresent);
  assert.match(hanziOnly.text, /"id": "term-7532-4e59"/);
});

test('refuses a file with JSON syntax errors rather than risk it', () => {
  assert.throws(() => addConceptToTermbaseText('{"concepts": [ {"id": "a"', { zh: '甲', en: 'a' }), /not valid JSON; fix it first/);
  assert.throws(() => appendToJsonArray('{"concepts": {}}', ['concepts'], 1, 'the termbase'), /"concepts" is not a list/);
});

test('registers a termbase in .brieflint.json once, keeping the rest', () => {
  const config = '{\n  "termbases": ["house.json"],\n  "rules": {}\n}\n';
  assert.equal(registerTermbaseInConfigText(config, 'brieflint.termbase.json'), '{\n  "termbases": ["house.json", "brieflint.termbase.json"],\n  "rules": {}\n}\n');
  assert.equal(registerTermbaseInConfigText(config, 'house.json'), config);
  assert.equal(registerTermbaseInConfigText(undefined, path.join('terms', 'new.json')), '{\n  "termbases": [\n    "terms/new.json"\n  ]\n}\n');
  assert.deepEqual(JSON.parse(registerTermbaseInConfigText('{ "rules": {} }', 'a.json')), { rules: {}, termbases: ['a.json'] });
});

test('picks the config file\u2019s JSON termbase inside the workspace, then the settings\u2019, then a new file', () => {
  const folder = path.join(path.sep, 'work', 'briefs');
  const configFile = path.join(folder, '.brieflint.json');
  const inside = path.join(folder, 'terms', 'house.json');
  const outside = path.join(path.sep, 'shared', 'org.json');
  assert.deepEqual(chooseWorkspaceTermbase({ folder, configFile, configTermbases: [outside, path.join(folder, 'a.tbx'), inside], settingTermbases: [] }), { file: inside });
  assert.deepEqual(chooseWorkspaceTermbase({ folder, configTermbases: [], settingTermbases: [outside, inside] }), { file: inside });
  assert.deepEqual(chooseWorkspaceTermbase({ folder, configTermbases: [outside], settingTermbases: [outside] }), {
    file: path.join(folder, 'brieflint.termbase.json'),
    registerIn: configFile,
  });
});
