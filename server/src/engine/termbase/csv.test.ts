import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { parseCsvTermbase } from './csv';
import type { Concept, TermbaseFile } from './model';

const fixtures = fileURLToPath(new URL('../../../../test/fixtures/termbases/', import.meta.url));
const load = (name: string): TermbaseFile => parseCsvTermbase(readFileSync(fixtures + name, 'utf8'), name);
const byId = (result: TermbaseFile, id: string): Concept => {
  const concept = result.concepts.find((c) => c.id === id);
  assert.ok(concept, `concept "${id}" loaded`);
  return concept;
};
const brief = (problem: { line: number; column: number; severity: string }) => [problem.line, problem.column, problem.severity];

test('reads a well-formed CSV termbase, one concept per row', () => {
  const result = load('terms.csv');
  assert.deepEqual(result.problems, []);
  assert.equal(result.isUnusable, undefined);
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn', 'modern-industrial-base', 'row-5', 'dual-circulation']);
  assert.deepEqual(byId(result, 'nswn'), {
    id: 'nswn',
    zh: ['新型举国体制'],
    zhTraditional: ['新型舉國體制'],
    pinyin: 'xīnxíng jǔguó tǐzhì',
    preferred: 'new-style whole-of-nation system',
    admitted: ['new whole-of-nation system'],
    deprecated: ['new national system', 'whole-nation system'],
    acronym: 'NSWN',
    definition: 'The state-led mobilisation of resources to achieve breakthroughs in core technologies, such as semiconductors.',
    source: 'The brief, section 2',
    origin: { file: 'terms.csv', line: 2, column: 1 },
  });
});

test('splits multi-valued cells on "|" or ";" and reads case_sensitive as true/false/yes/no/1/0', () => {
  const result = load('terms.csv');
  assert.deepEqual(byId(result, 'row-5').admitted, ['modernised industrial base', 'modernized industrial system']);
  assert.equal(byId(result, 'modern-industrial-base').caseSensitive, false); // "no"
  assert.equal(byId(result, 'dual-circulation').caseSensitive, true); // "TRUE"
  assert.equal(byId(result, 'nswn').caseSensitive, undefined); // empty

  const values = parseCsvTermbase('en,case_sensitive\na,yes\nb,0\nc,1\nd,False\ne,maybe\n', 'case.csv');
  assert.deepEqual(values.concepts.map((c) => c.caseSensitive), [true, false, true, false, undefined]);
  assert.equal(values.problems.length, 1);
  assert.deepEqual(brief(values.problems[0]!), [6, 3, 'warning']);
  assert.match(values.problems[0]!.message, /case_sensitive must be/);
});

test('reads quoted fields with commas and line breaks, and counts lines from where each row starts', () => {
  const result = load('terms.csv');
  const modern = byId(result, 'modern-industrial-base');
  assert.equal(modern.note, 'Not the same concept as 现代化产业体系;\nkeep the two apart.');
  assert.equal(modern.source, 'The brief');
  assert.deepEqual(modern.origin, { file: 'terms.csv', line: 3, column: 1 });
  // The row after the two-line row starts on line 5, and its generated id says so.
  assert.deepEqual(byId(result, 'row-5').origin, { file: 'terms.csv', line: 5, column: 1 });
  assert.deepEqual(byId(result, 'dual-circulation').origin, { file: 'terms.csv', line: 6, column: 1 });
});

test('reads a file with a byte order mark and CRLF line ends', () => {
  const text = '\uFEFFid,en,zh,note\r\nnswn,new-style whole-of-nation system,新型举国体制,"two\r\nlines"\r\ndual-circulation,dual circulation,双循环,\r\n';
  const result = parseCsvTermbase(text, 'crlf.csv');
  assert.deepEqual(result.problems, []);
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn', 'dual-circulation']);
  assert.equal(byId(result, 'nswn').note, 'two\nlines');
  assert.equal(byId(result, 'nswn').preferred, 'new-style whole-of-nation system');
  assert.deepEqual(byId(result, 'dual-circulation').origin, { file: 'crlf.csv', line: 4, column: 1 });
});

test('matches header names case-insensitively, trimmed, with their aliases', () => {
  const text = ' ID , English ,Chinese, Traditional ,Pinyin,Forbidden,Case Sensitive\nnswn,new-style whole-of-nation system,新型举国体制,新型舉國體制,xīnxíng jǔguó tǐzhì,whole-nation system,no\n';
  const result = parseCsvTermbase(text, 'aliases.csv');
  assert.deepEqual(result.problems, []);
  const nswn = byId(result, 'nswn');
  assert.deepEqual(nswn.zh, ['新型举国体制']);
  assert.deepEqual(nswn.zhTraditional, ['新型舉國體制']);
  assert.deepEqual(nswn.deprecated, ['whole-nation system']);
  assert.equal(nswn.caseSensitive, false);

  const camel = parseCsvTermbase('Preferred,zhTraditional,simplified\ndual circulation,雙循環,双循环\n', 'camel.csv');
  assert.deepEqual(camel.problems, []);
  assert.deepEqual(camel.concepts[0]!.zhTraditional, ['雙循環']);
  assert.deepEqual(camel.concepts[0]!.zh, ['双循环']);
});

test('marks a file without an "en" column as unusable, with an error on line 1', () => {
  const result = load('missing-en.csv');
  assert.equal(result.isUnusable, true);
  assert.deepEqual(result.concepts, []);
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.equal(errors.length, 1);
  assert.deepEqual(brief(errors[0]!), [1, 1, 'error']);
  assert.match(errors[0]!.message, /no "en" column/);

  const empty = parseCsvTermbase('', 'empty.csv');
  assert.equal(empty.isUnusable, true);
  assert.deepEqual(brief(empty.problems[0]!), [1, 1, 'error']);
});

test('skips a row without an English term, with an error on its line, and loads the others', () => {
  const text = 'id,en,zh\nshuangxunhuan,,双循环\nnswn,new-style whole-of-nation system,新型举国体制\n,,\n';
  const result = parseCsvTermbase(text, 'no-en.csv');
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn']);
  assert.deepEqual(result.problems, [
    { file: 'no-en.csv', line: 2, column: 1, severity: 'error', message: 'row "shuangxunhuan" has no preferred English term (column "en"); row skipped' },
  ]);
});

test('reports an unclosed quote on its line and keeps the rows before it', () => {
  const result = load('broken.csv');
  assert.deepEqual(result.concepts.map((c) => c.id), ['modern-industrial-base']);
  assert.equal(result.problems.length, 1);
  assert.deepEqual(brief(result.problems[0]!), [3, 46, 'error']);
  assert.match(result.problems[0]!.message, /quote is never closed.*lines 3–4/);
  assert.equal(result.isUnusable, undefined);
});

test('skips a row with a stray quote and reads on from the next line', () => {
  const text = 'id,en\nmodern-industrial-base,modern industrial base\nnswn,the "new-style" system\ndual-circulation,"dual" circulation\nmodernized-industrial-base,modernized industrial base\n';
  const result = parseCsvTermbase(text, 'quotes.csv');
  assert.deepEqual(result.concepts.map((c) => c.id), ['modern-industrial-base', 'modernized-industrial-base']);
  assert.deepEqual(result.problems.map(brief), [[3, 10, 'error'], [4, 18, 'error']]);
  assert.match(result.problems[0]!.message, /quote inside an unquoted field.*; line 3 skipped/);
  assert.match(result.problems[1]!.message, /text after the closing quote.*; line 4 skipped/);
});

test('warns once, at the header, about an unknown column', () => {
  const text = 'id,en,colour\nnswn,new-style whole-of-nation system,red\ndual-circulation,dual circulation,blue\n';
  const result = parseCsvTermbase(text, 'colour.csv');
  assert.equal(result.concepts.length, 2);
  assert.equal(result.problems.length, 1);
  assert.deepEqual(brief(result.problems[0]!), [1, 7, 'warning']);
  assert.match(result.problems[0]!.message, /unknown column "colour"/);
});

test('warns about a row with the wrong number of cells and still reads it', () => {
  const text = 'id,en,zh\nnswn,new-style whole-of-nation system\ndual-circulation,dual circulation,双循环,extra\n';
  const result = parseCsvTermbase(text, 'cells.csv');
  assert.deepEqual(result.concepts.map((c) => c.id), ['nswn', 'dual-circulation']);
  assert.deepEqual(byId(result, 'dual-circulation').zh, ['双循环']);
  assert.deepEqual(result.problems.map(brief), [[2, 1, 'warning'], [3, 1, 'warning']]);
  assert.match(result.problems[0]!.message, /2 cells but the header has 3/);
});

test('skips a row that reuses an id, and generates row-<line> ids for empty ones', () => {
  const text = 'id,en\ndual,dual circulation\ndual,double circulation\n,modern industrial base\n';
  const result = parseCsvTermbase(text, 'ids.csv');
  assert.deepEqual(result.concepts.map((c) => c.id), ['dual', 'row-4']);
  assert.deepEqual(brief(result.problems[0]!), [3, 1, 'error']);
  assert.match(result.problems[0]!.message, /duplicate id "dual" \(first used at line 2\); row skipped/);
});

test('reads a file separated by semicolons or tabs, as some spreadsheets export', () => {
  const semicolons = parseCsvTermbase('id;en;zh\nnswn;new-style whole-of-nation system;"新型举国体制;新型体制"\n', 'semi.csv');
  assert.deepEqual(semicolons.problems, []);
  assert.deepEqual(semicolons.concepts[0]!.zh, ['新型举国体制', '新型体制']);

  const tabs = parseCsvTermbase('id\ten\tzh\tnote\nnswn\tnew-style whole-of-nation system\t\tA note, with a comma\n', 'tabs.csv');
  assert.deepEqual(tabs.problems, []);
  assert.deepEqual(tabs.concepts[0]!.zh, []);
  assert.equal(tabs.concepts[0]!.note, 'A note, with a comma');
});

test('never throws on arbitrary or mangled input, and places every problem at a 1-based line and column', () => {
  const original = readFileSync(fixtures + 'terms.csv', 'utf8');
  const check = (text: string) => {
    const result = parseCsvTermbase(text, 'fuzz');
    for (const problem of result.problems) {
      assert.ok(problem.line >= 1 && problem.column >= 1, JSON.stringify(problem));
      assert.ok(problem.severity === 'error' || problem.severity === 'warning');
    }
    for (const concept of result.concepts) assert.ok(concept.id && concept.preferred);
  };
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), check), { numRuns: 300 });
  // Cut a piece out of a real file, or insert markup characters into it.
  const mangled = fc
    .tuple(fc.nat(original.length), fc.nat(40), fc.constantFrom('', '<', '>', '&', '"', '</', '\n', ',', ';', '|'))
    .map(([at, length, insert]) => original.slice(0, at) + insert + original.slice(at + length));
  fc.assert(fc.property(mangled, check), { numRuns: 500 });
});
