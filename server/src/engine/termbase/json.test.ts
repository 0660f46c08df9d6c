import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJsonTermbase } from './json';
import type { TermbaseProblem } from './model';

const where = (p: TermbaseProblem) => `${p.file}:${p.line}:${p.column} ${p.severity}`;

const WELL_FORMED = `{
  "$schema": "../schemas/termbase.schema.json",
  "name": "Test termbase",
  "description": "For the loader tests.",
  "source": "Test brief (2024)",
  "concepts": [
    {
      "id": "nswn",
      "zh": "新型举国体制",
      "zhTraditional": ["新型舉國體制"],
      "pinyin": "xīnxíng jǔguó tǐzhì",
      "en": "new-style whole-of-nation system",
      "admitted": "new whole-of-nation system",
      "deprecated": ["new type whole-nation system", "new national system"],
      "acronym": "NSWN",
      "definition": "State mobilisation for science and technology.",
      "note": "Watch for letter-order slips.",
      "source": "Test brief, section 2",
      "caseSensitive": false
    },
    // Comments and trailing commas are allowed, as in VS Code settings.
    { "id": "mib", "zh": ["现代产业体系"], "en": "  modern industrial base  ", },
  ],
}
`;

test('loads a well-formed termbase with every field', () => {
  const result = parseJsonTermbase(WELL_FORMED, 'terms.json');
  assert.deepEqual(result.problems, []);
  assert.equal(result.isUnusable, undefined);
  assert.equal(result.file, 'terms.json');
  assert.deepEqual(result.concepts[0], {
    id: 'nswn',
    zh: ['新型举国体制'],
    zhTraditional: ['新型舉國體制'],
    pinyin: 'xīnxíng jǔguó tǐzhì',
    preferred: 'new-style whole-of-nation system',
    admitted: ['new whole-of-nation system'],
    deprecated: ['new type whole-nation system', 'new national system'],
    acronym: 'NSWN',
    definition: 'State mobilisation for science and technology.',
    note: 'Watch for letter-order slips.',
    source: 'Test brief, section 2',
    caseSensitive: false,
    origin: { file: 'terms.json', line: 7, column: 5 },
  });
});

test('trims values, takes a single string as a one-item list, and fills the source from the file', () => {
  const result = parseJsonTermbase(WELL_FORMED, 'terms.json');
  const mib = result.concepts[1]!;
  assert.equal(mib.preferred, 'modern industrial base');
  assert.deepEqual(mib.zh, ['现代产业体系']);
  assert.deepEqual(mib.admitted, []);
  assert.equal(mib.source, 'Test brief (2024)');
  assert.deepEqual(mib.origin, { file: 'terms.json', line: 22, column: 5 });
});

test('reports a syntax error at its line and column and keeps the entries it could read', () => {
  const text = '{\n  "concepts": [\n    { "id": "a", "en": "alpha" }\n    { "id": "b", "en": "beta" }\n  ]\n}';
  const result = parseJsonTermbase(text, 'bad.json');
  const syntax = result.problems.filter((p) => p.message.startsWith('JSON syntax error'));
  assert.equal(syntax.length, 1);
  assert.equal(where(syntax[0]!), 'bad.json:4:5 error');
  assert.match(syntax[0]!.message, /expected ","/);
  assert.deepEqual(result.concepts.map((c) => c.id), ['a', 'b']);
});

test('an unterminated string is a syntax error at its line', () => {
  const text = '{\n  "concepts": [\n    { "id": "a", "en": "alpha }\n  ]\n}';
  const result = parseJsonTermbase(text, 'bad.json');
  assert.ok(result.problems.length > 0);
  assert.equal(result.problems[0]!.severity, 'error');
  assert.equal(result.problems[0]!.line, 3);
  assert.match(result.problems[0]!.message, /JSON syntax error/);
});

test('a file that is not a JSON object is unusable, with one error', () => {
  for (const text of ['', '[1, 2]', '"just a string"', 'not json at all']) {
    const result = parseJsonTermbase(text, 'x.json');
    assert.equal(result.isUnusable, true, JSON.stringify(text));
    assert.deepEqual(result.concepts, []);
    assert.ok(result.problems.length >= 1 && result.problems.every((p) => p.severity === 'error'));
  }
});

test('an object without a "concepts" array loads nothing and says so', () => {
  const result = parseJsonTermbase('{\n  "name": "n",\n  "concepts": {}\n}', 'x.json');
  assert.deepEqual(result.concepts, []);
  assert.equal(result.problems.length, 1);
  assert.equal(where(result.problems[0]!), 'x.json:3:15 error');
  assert.match(result.problems[0]!.message, /"concepts" array/);
});

test('unknown fields are warnings and the entry still loads', () => {
  const text = '{\n  "concepts": [\n    { "id": "a", "en": "alpha", "colour": "red" }\n  ],\n  "version": 2\n}';
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => c.id), ['a']);
  assert.deepEqual(result.problems.map((p) => [where(p), /"colour"|"version"/.exec(p.message)?.[0]]), [
    ['x.json:5:3 warning', '"version"'],
    ['x.json:3:33 warning', '"colour"'],
  ]);
  assert.equal(result.isUnusable, undefined);
});

test('a concept without "en" is skipped with an error naming its line; the others load', () => {
  const text = '{\n  "concepts": [\n    { "id": "a", "en": "alpha" },\n    { "id": "b", "zh": "贝" },\n    { "id": "c", "en": "gamma" }\n  ]\n}';
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => c.id), ['a', 'c']);
  assert.equal(result.problems.length, 1);
  assert.equal(where(result.problems[0]!), 'x.json:4:5 error');
  assert.match(result.problems[0]!.message, /"b".*"en"/);
});

test('a concept without "id" or with an empty "en" is skipped with an error', () => {
  const text = '{\n  "concepts": [\n    { "en": "alpha" },\n    { "id": "b", "en": "  " },\n    { "id": "c", "en": "gamma" }\n  ]\n}';
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => c.id), ['c']);
  assert.deepEqual(result.problems.map((p) => [p.line, p.severity]), [[3, 'error'], [4, 'error']]);
});

test('a duplicate id is an error on the second entry, which is skipped', () => {
  const text = '{\n  "concepts": [\n    { "id": "a", "en": "alpha" },\n    { "id": "b", "en": "beta" },\n    { "id": "a", "en": "again" }\n  ]\n}';
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => [c.id, c.preferred]), [['a', 'alpha'], ['b', 'beta']]);
  assert.equal(result.problems.length, 1);
  assert.equal(where(result.problems[0]!), 'x.json:5:5 error');
  assert.match(result.problems[0]!.message, /duplicate id "a".*line 3/);
});

test('wrong types are reported where they are written', () => {
  const text = [
    '{',
    '  "concepts": [',
    '    { "id": 3, "en": "number id" },',
    '    { "id": "b", "en": "beta", "admitted": 5 },',
    '    { "id": "c", "en": "gamma", "deprecated": ["ok", 7, ""] },',
    '    { "id": "d", "en": "delta", "caseSensitive": "yes" },',
    '    "not an object"',
    '  ]',
    '}',
  ].join('\n');
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => c.id), ['b', 'c', 'd']);
  const byLine = result.problems.map((p) => [p.line, p.severity]);
  assert.deepEqual(byLine, [
    [3, 'error'], // id must be a string: entry skipped
    [4, 'error'], // admitted must be a string or a list
    [5, 'warning'], // 7
    [5, 'warning'], // ""
    [6, 'warning'], // caseSensitive
    [7, 'error'], // not an object: entry skipped
  ]);
  assert.equal(result.problems[0]!.column, text.split('\n')[2]!.indexOf('3') + 1);
  assert.deepEqual(result.concepts.find((c) => c.id === 'b')!.admitted, []);
  assert.deepEqual(result.concepts.find((c) => c.id === 'c')!.deprecated, ['ok']);
  assert.equal(result.concepts.find((c) => c.id === 'd')!.caseSensitive, undefined);
});

test('reports columns in UTF-16 code units and lines across CRLF', () => {
  const text = '{\r\n  "concepts": [\r\n    { "id": "😀", "en": "smile", "x": 1 }\r\n  ]\r\n}';
  const result = parseJsonTermbase(text, 'x.json');
  assert.deepEqual(result.concepts.map((c) => c.id), ['😀']);
  assert.equal(result.problems.length, 1);
  assert.equal(result.problems[0]!.line, 3);
  assert.equal(result.problems[0]!.column, text.split('\r\n')[2]!.indexOf('"x"') + 1);
});

test('never throws on hostile input', () => {
  for (const text of ['{', '{"concepts": [', '{"concepts": [null, 1, [], {"id": {}}]}', '\u0000', '{"concepts": [{"id": "a", "en": "b", "zh": [null, {}]}]}']) {
    const result = parseJsonTermbase(text, 'x.json');
    assert.ok(Array.isArray(result.concepts));
    assert.ok(result.problems.length > 0, JSON.stringify(text));
  }
});

test('a clean termbase loads the same, concept for concept and line for line, whether read the fast way or through the syntax tree', async () => {
  const { readFileSync } = await import('node:fs');
  const path = await import('node:path');
  const bundled = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'terminology', 'brief.json'), 'utf8');
  const variants = [
    WELL_FORMED,
    bundled,
    bundled.replace(/\n/g, '\r\n'),
    '{"concepts":[{"id":"a","en":"alpha term","zh":" 甲 ","caseSensitive":true},{"id":"b","en":"  beta  ","admitted":["b1"," b2 "],"deprecated":"bad form"}],"source":"S"}',
    '{"concepts":[]}',
  ];
  for (const text of variants) {
    const fast = parseJsonTermbase(text, 'terms.json');
    assert.deepEqual(fast.problems, []);
    assert.ok(fast.concepts.length > 0 || text.includes('[]'));
    // A comment is fine JSON for the loader but not for JSON.parse: it sends the file through the tree.
    const tree = parseJsonTermbase(`${text}\n// read through the tree`, 'terms.json');
    assert.deepEqual(tree.problems, []);
    assert.deepEqual(fast, tree);
  }
});

test('a termbase with one problem is reported at its line and column, as before, however clean the rest', () => {
  const text = '{\n  "concepts": [\n    {"id": "a", "en": "alpha term"},\n    {"id": "a", "en": "again"},\n    {"id": "c", "en": "gamma term", "colour": "red"}\n  ]\n}';
  const { concepts, problems } = parseJsonTermbase(text, 'terms.json');
  assert.deepEqual(concepts.map((c) => c.id), ['a', 'c']);
  assert.deepEqual(problems.map((p) => [p.line, p.column, p.severity]), [[4, 5, 'error'], [5, 37, 'warning']]);
});
