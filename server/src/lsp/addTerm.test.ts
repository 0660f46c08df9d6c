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

test('keeps a byte order mark byte for byte and adds to the termbase behind it', () => {
  const text = '\ufeff{\n  "concepts": [\n    {"id": "a", "en": "alpha"}\n  ]\n}\n';
  const outcome = addConceptToTermbaseText(text, { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(outcome.text, '\ufeff{\n  "concepts": [\n    {"id": "a", "en": "alpha"},\n    {"id": "dual-circulation-strategy", "zh": "双循环", "en": "dual circulation strategy"}\n  ]\n}\n');
  // Without a BOM, none is added.
  const plain = addConceptToTermbaseText(text.slice(1), { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!plain.isAlreadyPresent);
  assert.equal(plain.text, outcome.text.slice(1));
});

test('finds a term already present in a termbase that starts with a byte order mark', () => {
  const text = '\ufeff{"concepts": [{"id": "dc", "zh": "双循环", "en": "dual circulation strategy"}]}';
  assert.deepEqual(addConceptToTermbaseText(text, { zh: '双循环', en: 'x' }), { id: 'dc', isAlreadyPresent: true });
});

test('fills an empty list on one line after the comment inside it, keeping the comment', () => {
  const outcome = addConceptToTermbaseText('{"concepts": [ /* keep */ ]}', { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(outcome.text, '{"concepts": [ /* keep */ \n  {\n    "id": "dual-circulation-strategy",\n    "zh": "双循环",\n    "en": "dual circulation strategy"\n  }\n]}');
});

test('fills an empty list after its line comments, keeping them and the CRLF line ends', () => {
  const text = '{\r\n  "concepts": [\r\n    // entries follow\r\n    // one per concept\r\n  ] // end\r\n}\r\n';
  const outcome = addConceptToTermbaseText(text, { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(
    outcome.text,
    '{\r\n  "concepts": [\r\n    // entries follow\r\n    // one per concept\r\n    {\r\n      "id": "dual-circulation-strategy",\r\n      "zh": "双循环",\r\n      "en": "dual circulation strategy"\r\n    }\r\n  ] // end\r\n}\r\n',
  );
});

test('keeps the blank space inside an empty list rather than replacing it', () => {
  for (const text of ['{"concepts": [ ]}', '{\n  "concepts": [\n\n  ]\n}\n', '{"concepts": [\t]}']) {
    const outcome = addConceptToTermbaseText(text, { zh: '双循环', en: 'dual circulation strategy' });
    assert.ok(!outcome.isAlreadyPresent);
    const inserted = outcome.text.length - text.length;
    let prefix = 0;
    while (text[prefix] === outcome.text[prefix]) prefix++;
    assert.equal(outcome.text.slice(0, prefix) + outcome.text.slice(prefix + inserted), text, `one insertion into ${JSON.stringify(text)}`);
    assert.equal((JSON.parse(outcome.text) as { concepts: unknown[] }).concepts.length, 1);
  }
});

test('a comment after an empty list or inside a string is not mistaken for one inside it', () => {
  const text = '{\n  "note": "[ /* not a comment */ ]",\n  "concepts": [] /* after */\n}\n';
  const outcome = addConceptToTermbaseText(text, { zh: '双循环', en: 'dual circulation strategy' });
  assert.ok(!outcome.isAlreadyPresent);
  assert.equal(outcome.text, '{\n  "note": "[ /* not a comment */ ]",\n  "concepts": [\n    {\n      "id": "dual-circulation-strategy",\n      "zh": "双循环",\n      "en": "dual circulation strategy"\n    }\n  ] /* after */\n}\n');
});

test('registers a termbase in a .brieflint.json that starts with a byte order mark, keeping the mark', () => {
  const config = '\ufeff{ "termbases": [] }\n';
  const updated = registerTermbaseInConfigText(config, 'house.json');
  assert.equal(updated, '\ufeff{ "termbases": [\n  "house.json"\n] }\n');
  assert.equal(registerTermbaseInConfigText('\ufeff{ "termbases": ["house.json"] }\n', 'house.json'), '\ufeff{ "termbases": ["house.json"] }\n');
});
